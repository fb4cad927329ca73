// Confirm before destructive-looking POST actions: <form data-confirm="...">.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// A create form's one-time key (salesops.forms.SubmissionKeyInput). The key a form is sent with is
// remembered for this tab; when the user comes back to the page with the back button (the browser
// loads it afresh, with a new key, and restores what was typed), the form gets the sent key again, so
// saving it once more is recognised by the server and creates nothing. An ordinary visit to the page
// starts a new form with the new key.
(function () {
  var inputs = document.querySelectorAll("input[data-submission-key]");
  if (!inputs.length || !window.sessionStorage) {
    return;
  }
  var nav = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation")[0] : null;
  var returning = nav && nav.type === "back_forward";
  inputs.forEach(function (input, index) {
    var form = input.form;
    var slot = "submission-key:" + location.pathname + ":" + (form ? form.getAttribute("action") || "" : "") + ":" + index;
    var sent = sessionStorage.getItem(slot);
    if (returning && sent) {
      input.value = sent;
    } else {
      sessionStorage.removeItem(slot);
    }
    if (form) {
      form.addEventListener("submit", function () {
        sessionStorage.setItem(slot, input.value);
      });
    }
  });
})();

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

// A table wider than its box scrolls inside it (.table-responsive): make the box reachable with the
// keyboard, so that its hidden columns can be scrolled to without a mouse (WCAG 2.1.1).
function focusableScrollBoxes() {
  document.querySelectorAll(".table-responsive, .table-container").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
    }
  });
}
focusableScrollBoxes();
window.addEventListener("load", focusableScrollBoxes);
window.addEventListener("resize", focusableScrollBoxes);

// A limited textarea (salesops.forms.limit_text_fields: data-maxlength, never maxlength) shows how
// much is typed and the limit under it; past the limit the counter turns red and says how many
// characters to remove. Nothing typed is ever cut: the server refuses the form naming the field.
(function () {
  document.querySelectorAll("textarea[data-maxlength]").forEach(function (area, index) {
    var limit = parseInt(area.getAttribute("data-maxlength"), 10);
    if (!limit) {
      return;
    }
    var counter = document.createElement("div");
    counter.className = "form-text text-end textarea-counter";
    counter.id = (area.id || "textarea-" + index) + "-counter";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    var over = area.getAttribute("data-over") || "-{n}";
    function update() {
      var length = Array.from(area.value).length;
      var extra = length - limit;
      counter.textContent = length + " / " + limit + (extra > 0 ? " · " + over.split("{n}").join(String(extra)) : "");
      counter.classList.toggle("text-danger", extra > 0);
      counter.classList.toggle("fw-semibold", extra > 0);
    }
    area.addEventListener("input", update);
    update();
  });
})();
