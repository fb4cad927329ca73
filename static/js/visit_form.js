// 记录拜访: hide the new-client box when a client is chosen, and propose the purpose the chosen
// client's state calls for (the mapping is given by the page as JSON in #visit-purposes).
(function () {
  var select = document.getElementById("id_client");
  var purpose = document.getElementById("id_purpose");
  var box = document.getElementById("new-client");
  var data = document.getElementById("visit-purposes");
  if (!select || !purpose || !box) {
    return;
  }
  var purposes = data ? JSON.parse(data.textContent) : {};
  function syncBox() {
    box.style.display = select.value ? "none" : "";
  }
  function propose() {
    var wanted = purposes[select.value];
    if (wanted) {
      purpose.value = wanted;
    }
  }
  select.addEventListener("change", function () {
    syncBox();
    propose();
  });
  syncBox();
})();
