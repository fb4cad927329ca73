// 记录拜访: search-as-you-type for the client (visits:client_search answers with at most 20 of the
// clients the user may log a visit for, numbers masked). A match picked is added to the select,
// chosen, and given its proposed purpose. Offline — or when the search cannot answer — the
// shortlist already in the select is filtered by name instead, so a visit can still be logged.
(function () {
  var box = document.getElementById("client-search-box");
  var input = document.getElementById("client-search");
  var results = document.getElementById("client-search-results");
  var select = document.getElementById("id_client");
  var purpose = document.getElementById("id_purpose");
  var data = document.getElementById("visit-purposes");
  if (!box || !input || !results || !select) {
    return;
  }
  var purposes = data ? JSON.parse(data.textContent) : {};
  box.hidden = false;
  var timer = null;
  var asked = 0;

  function choose(id, label, wanted) {
    var option = null;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === String(id)) {
        option = select.options[i];
      }
    }
    if (!option) {
      option = new Option(label, String(id));
      select.add(option);
    }
    if (wanted) {
      purposes[String(id)] = wanted;
    }
    select.value = String(id);
    select.dispatchEvent(new Event("change", { bubbles: true }));
    if (purpose && purposes[String(id)]) {
      purpose.value = purposes[String(id)];
    }
    results.replaceChildren();
    input.value = "";
    select.focus();
  }

  function show(matches, note) {
    results.replaceChildren();
    matches.forEach(function (m) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "list-group-item list-group-item-action";
      button.textContent = m.phone ? m.name + " · " + m.phone : m.name;
      button.addEventListener("click", function () {
        choose(m.id, m.name, m.purpose);
      });
      results.appendChild(button);
    });
    if (note) {
      var hint = document.createElement("div");
      hint.className = "list-group-item small text-secondary";
      hint.textContent = note;
      results.appendChild(hint);
    }
  }

  function local(q) {
    var matches = [];
    for (var i = 0; i < select.options.length; i++) {
      var o = select.options[i];
      if (o.value && o.text.toLowerCase().indexOf(q.toLowerCase()) !== -1) {
        matches.push({ id: o.value, name: o.text, phone: "", purpose: purposes[o.value] });
      }
    }
    show(matches, input.dataset.offline || "");
  }

  function search() {
    var q = input.value.trim();
    if (!q) {
      results.replaceChildren();
      return;
    }
    if (!navigator.onLine) {
      local(q);
      return;
    }
    var mine = ++asked;
    fetch(input.dataset.url + "?q=" + encodeURIComponent(q), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (r) {
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.json();
      })
      .then(function (body) {
        if (mine === asked) {
          show(body.results, "");
        }
      })
      .catch(function () {
        if (mine === asked) {
          local(q);
        }
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault(); // Enter searches; it does not submit the visit
      clearTimeout(timer);
      search();
    }
  });
})();
