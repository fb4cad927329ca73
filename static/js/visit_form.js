// 记录拜访: propose the purpose the chosen client's state calls for (the mapping is given by the page
// as JSON in #visit-purposes; "" is a new client). The new-client box is app.js's.
(function () {
  var select = document.getElementById("id_client");
  var purpose = document.getElementById("id_purpose");
  var data = document.getElementById("visit-purposes");
  if (!select || !purpose || !data) {
    return;
  }
  var purposes = JSON.parse(data.textContent);
  select.addEventListener("change", function () {
    var wanted = purposes[select.value];
    if (wanted) {
      purpose.value = wanted;
    }
  });
})();
