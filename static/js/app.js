// Confirm before destructive-looking POST actions: <form data-confirm="...">.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// 记录拜访: the new-client fields show only while no existing client is picked.
(function () {
  var select = document.getElementById("id_client");
  var box = document.getElementById("new-client");
  if (!select || !box) {
    return;
  }
  function sync() { box.style.display = select.value ? "none" : ""; }
  select.addEventListener("change", sync);
  sync();
})();
