// 记录拜访: propose the purpose the chosen client's state calls for (the mapping is given by the page
// as JSON in #visit-purposes; "" is a new client) — only while the user has not chosen a purpose
// themself (a form shown again after a refusal holds the user's choice). The new-client box is
// app.js's.
(function () {
  var select = document.getElementById("id_client");
  var purpose = document.getElementById("id_purpose");
  var data = document.getElementById("visit-purposes");
  if (!select || !purpose || !data) {
    return;
  }
  var purposes = JSON.parse(data.textContent);
  var chosen = !!(purpose.form && purpose.form.hasAttribute("data-bound"));
  // the proposal below sets the value without a change event: a change is the user's choice
  purpose.addEventListener("change", function () {
    chosen = true;
  });
  select.addEventListener("change", function () {
    var wanted = purposes[select.value];
    if (wanted && !chosen && !purpose.hasAttribute("data-chosen")) {
      purpose.value = wanted;
    }
  });
})();
