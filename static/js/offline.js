// The installable app on every page: registers the service worker (/sw.js), keeps the visits
// logged without a connection in IndexedDB (待同步), sends them when the connection returns — each
// with its one-time submission key, so a replay never saves a visit twice — and shows a refusal on
// the queued visit with the server's message until the user discards it, or opens it again
// (编辑后重发: the form filled with the queued data and each field's error; sending it replaces it).
// The texts come translated from the page (#offline-text, fieldwork/_sync_panel.html).
(function () {
  "use strict";
  var meta = function (name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  };
  var USER = meta("salesops-user");
  var WORKER = meta("salesops-sw");
  var textEl = document.getElementById("offline-text");
  var T = textEl ? JSON.parse(textEl.textContent) : {};
  var DB_NAME = "salesops";
  var STORE = "visits";
  var syncing = false;

  function uuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) {
        reject(new Error("no IndexedDB"));
        return;
      }
      var req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore(STORE, { keyPath: "key" });
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function tx(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var result = work(t.objectStore(STORE));
        t.oncomplete = function () { db.close(); resolve(result && result.result !== undefined ? result.result : result); };
        t.onerror = function () { db.close(); reject(t.error); };
      });
    });
  }

  function all() {
    return tx("readonly", function (store) { return store.getAll(); }).then(function (rows) {
      return (rows || []).filter(function (row) { return row.user === USER; })
        .sort(function (a, b) { return a.created < b.created ? -1 : 1; });
    });
  }
  function put(entry) { return tx("readwrite", function (store) { store.put(entry); }); }
  function remove(key) { return tx("readwrite", function (store) { store.delete(key); }); }

  // --- the queue on the page ----------------------------------------------------------------------

  function render() {
    var badge = document.getElementById("sync-badge");
    var panel = document.getElementById("sync-queue");
    if (!badge || !panel || !USER) {
      return Promise.resolve();
    }
    return all().then(function (rows) {
      var pending = rows.filter(function (r) { return r.status !== "rejected"; }).length;
      var rejected = rows.length - pending;
      badge.hidden = rows.length === 0;
      badge.querySelector("[data-pending]").textContent = pending;
      badge.querySelector("[data-rejected-box]").hidden = rejected === 0;
      badge.querySelector("[data-rejected]").textContent = rejected;
      panel.hidden = rows.length === 0;
      var note = document.getElementById("queued-note");
      if (note && pending === 0) {
        note.hidden = true;
      }
      var list = panel.querySelector("ul");
      list.textContent = "";
      rows.forEach(function (row) {
        var li = document.createElement("li");
        li.className = "list-group-item d-flex flex-wrap gap-2 align-items-start";
        li.setAttribute("data-queued", row.key);
        var body = document.createElement("div");
        body.className = "flex-grow-1";
        var title = document.createElement("div");
        title.className = "fw-semibold";
        title.textContent = row.label;
        var state = document.createElement("span");
        state.className = "badge ms-2 " + (row.status === "rejected" ? "text-bg-danger" : "text-bg-warning");
        state.textContent = row.status === "rejected" ? T.rejected : T.pending;
        state.setAttribute("data-state", row.status);
        title.appendChild(state);
        body.appendChild(title);
        var when = document.createElement("div");
        when.className = "small text-secondary";
        when.textContent = T.saved_at + " " + new Date(row.created).toLocaleString();
        body.appendChild(when);
        if (row.message) {
          var msg = document.createElement("div");
          msg.className = "small " + (row.status === "rejected" ? "text-danger" : "text-secondary");
          msg.setAttribute("data-message", "");
          if (row.status === "rejected") {
            msg.setAttribute("role", "alert");
          }
          msg.textContent = row.message;
          body.appendChild(msg);
        }
        li.appendChild(body);
        if (row.status === "rejected") {
          var edit = document.createElement("button");
          edit.type = "button";
          edit.className = "btn btn-sm btn-outline-primary";
          edit.textContent = T.edit;
          edit.setAttribute("data-edit", row.key);
          li.appendChild(edit);
        }
        var discard = document.createElement("button");
        discard.type = "button";
        discard.className = "btn btn-sm btn-outline-danger";
        discard.textContent = T.discard;
        discard.setAttribute("data-discard", row.key);
        li.appendChild(discard);
        list.appendChild(li);
      });
    }).catch(function () { /* no IndexedDB (private mode): nothing queued */ });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-discard],[data-sync-now],[data-edit]") : null;
    if (!target) {
      return;
    }
    if (target.hasAttribute("data-sync-now")) {
      sync();
      return;
    }
    if (target.hasAttribute("data-edit")) {
      edit(target.getAttribute("data-edit"));
      return;
    }
    if (window.confirm(T.discard_confirm)) {
      remove(target.getAttribute("data-discard")).then(render);
    }
  });

  // --- 编辑后重发: a refused visit opened again in its form ----------------------------------------

  function find(key) {
    return all().then(function (rows) {
      return rows.filter(function (r) { return r.key === key; })[0] || null;
    });
  }

  function edit(key) {
    return find(key).then(function (entry) {
      if (!entry) {
        return null;
      }
      var form = document.querySelector("form[data-offline-queue]");
      if (form && (form.getAttribute("data-offline-queue") || location.pathname) === entry.url) {
        fill(form, entry);
        return null;
      }
      location.href = entry.url + "#resend=" + encodeURIComponent(key);
      return null;
    });
  }

  function showError(form, name, messages) {
    var target = name ? form.querySelector('[name="' + name + '"]') : null;
    var box = document.createElement("div");
    box.className = "invalid-feedback d-block";
    box.setAttribute("data-resend-error", "");
    box.textContent = messages.join(" ");
    if (!target) {
      box.className = "alert alert-danger";
      form.insertBefore(box, form.firstChild);
      return;
    }
    target.classList.add("is-invalid");
    var anchor = target.type === "radio" || target.type === "checkbox"
      ? target.closest(".mb-3, fieldset, div") || target : target;
    anchor.insertAdjacentElement("afterend", box);
  }

  function fill(form, entry) {
    form.querySelectorAll("[data-resend-error]").forEach(function (el) { el.remove(); });
    form.querySelectorAll(".is-invalid").forEach(function (el) { el.classList.remove("is-invalid"); });
    var purpose = form.querySelector("[name=purpose]");
    if (purpose) {
      purpose.setAttribute("data-chosen", "");  // the queued choice is the user's: kept
    }
    entry.fields.forEach(function (pair) {
      var name = pair[0];
      var value = pair[1];
      var inputs = form.querySelectorAll('[name="' + name + '"]');
      inputs.forEach(function (input) {
        if (input.type === "radio" || input.type === "checkbox") {
          input.checked = input.value === value;
        } else if (input.tagName === "SELECT") {
          var known = Array.prototype.some.call(input.options, function (o) { return o.value === value; });
          if (!known && value) {
            var option = document.createElement("option");
            option.value = value;
            option.textContent = entry.label.split(" · ")[0];
            input.appendChild(option);
          }
          input.value = value;
        } else if (input.type !== "file") {
          input.value = value;
        }
        input.dispatchEvent(new Event(input.tagName === "SELECT" || input.type === "radio" ? "change" : "input", { bubbles: true }));
      });
    });
    if (entry.photo && entry.photoField && window.DataTransfer) {
      var file = form.querySelector('input[type=file][name="' + entry.photoField + '"]');
      try {
        var files = new DataTransfer();
        files.items.add(new File([entry.photo], entry.photoName || "photo.jpg", { type: entry.photo.type }));
        file.files = files.files;
        file.dispatchEvent(new Event("change", { bubbles: true }));
      } catch (e) { /* the photo stays queued only: the user picks it again */ }
    }
    var errors = entry.errors || {};
    Object.keys(errors).forEach(function (name) { showError(form, name, errors[name]); });
    var note = document.createElement("div");
    note.className = "alert alert-warning";
    note.id = "resend-note";
    note.setAttribute("role", "status");
    note.setAttribute("data-resend-error", "");
    note.textContent = T.editing + (entry.message ? " " + entry.message : "");
    form.insertBefore(note, form.firstChild);
    form.setAttribute("data-replaces", entry.key);
    note.scrollIntoView({ block: "start" });
  }

  function resendFromHash() {
    var match = location.hash.match(/^#resend=(.+)$/);
    var form = document.querySelector("form[data-offline-queue]");
    if (!match || !form || !USER) {
      return Promise.resolve();
    }
    return find(decodeURIComponent(match[1])).then(function (entry) {
      if (entry) {
        fill(form, entry);
      }
    }).catch(function () { return null; });
  }

  // the refused entry the user edited goes once the edited form is queued or sent
  function replaced(form) {
    var old = form.getAttribute("data-replaces");
    if (!old) {
      return Promise.resolve();
    }
    form.removeAttribute("data-replaces");
    return remove(old).catch(function () { return null; });
  }

  // --- queueing a form ------------------------------------------------------------------------------

  var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  // "pending": saved without a connection, under a key of its own (a page from the phone's copy
  // carries the key it was cached with). "sent": posted online under the page's key; kept until the
  // server is known to have saved it, so a POST lost on a dropped connection is sent again.
  function queueForm(form, status) {
    var data = new FormData(form);
    var keyInput = form.querySelector("input[name=submission_key]");
    var key = uuid();
    if (status === "sent" && keyInput) {
      if (!UUID.test(keyInput.value)) {
        keyInput.value = key;
      }
      key = keyInput.value;
    }
    var fields = [];
    var photo = null;
    var photoName = "";
    var photoField = "";
    data.forEach(function (value, name) {
      if (typeof value === "string") {
        if (name !== "csrfmiddlewaretoken" && name !== "submission_key") {
          fields.push([name, value]);
        }
      } else if (value && value.size) {
        photo = value;
        photoName = value.name || "photo.jpg";
        photoField = name;
      }
    });
    var select = form.querySelector("select[name=client]");
    var who = select && select.value ? select.options[select.selectedIndex].text : (data.get("new_name") || "");
    var entry = {
      key: key,
      user: USER,
      url: form.getAttribute("data-offline-queue") || location.pathname,
      label: who + " · " + (data.get("date") || ""),
      created: new Date().toISOString(),
      fields: fields,
      photo: photo,
      photoName: photoName,
      photoField: photoField,
      status: status,
      message: ""
    };
    return put(entry).then(function () { return entry; });
  }

  var submitting = false;
  // a page restored by the back button (back-forward cache) may be sent again: the server
  // recognises its key and saves nothing twice
  window.addEventListener("pageshow", function () { submitting = false; });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-offline-queue") || !USER) {
      return;
    }
    event.preventDefault();
    if (submitting) {
      return;
    }
    if (navigator.onLine) {
      // kept on the device first, then posted as usual: the next page's sync finds it saved
      submitting = true;
      queueForm(form, "sent").catch(function () { return null; }).then(function () {
        return replaced(form);
      }).then(function () {
        form.submit();
        window.setTimeout(function () { submitting = false; }, 5000);
      });
      return;
    }
    if (!form.checkValidity()) {
      form.reportValidity();
      return;
    }
    queueForm(form, "pending").then(function () {
      return replaced(form);
    }).then(function () {
      form.reset();
      var resendNote = document.getElementById("resend-note");
      if (resendNote) {
        resendNote.remove();
      }
      form.dispatchEvent(new Event("queued"));
      var note = document.getElementById("queued-note");
      if (note) {
        note.hidden = false;
        note.focus();
      }
      return render();
    }).catch(function () {
      window.alert(T.queue_failed);
    });
  }, true);

  // the form is shown again with the server's errors: nothing was saved under its key, and the
  // user is looking at why — the copy kept when it was posted goes
  function cleanup() {
    var form = document.querySelector("form[data-offline-queue]");
    var keyInput = form && form.querySelector("input[name=submission_key]");
    var refused = form && form.querySelector(".is-invalid, .invalid-feedback, .alert-danger");
    if (!USER || !keyInput || !refused) {
      return Promise.resolve();
    }
    return all().then(function (rows) {
      var sent = rows.filter(function (r) { return r.status === "sent" && r.key === keyInput.value; });
      return Promise.all(sent.map(function (r) { return remove(r.key); }));
    }).catch(function () { return null; });
  }

  // --- sync ------------------------------------------------------------------------------------------

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function send(entry) {
    var body = new FormData();
    entry.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.append("submission_key", entry.key);
    if (entry.photo) {
      body.append(entry.photoField, entry.photo, entry.photoName);
    }
    return fetch(entry.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") !== -1) {
        return response.json().then(function (answer) {
          if (answer.ok) {
            return remove(entry.key).then(function () { return "synced"; });
          }
          entry.status = "rejected";
          entry.message = answer.message || T.rejected;
          entry.errors = answer.fields || {};
          return put(entry).then(function () { return "rejected"; });
        });
      }
      if (response.status === 413) {
        entry.status = "rejected";
        entry.message = T.too_large;
        return put(entry).then(function () { return "rejected"; });
      }
      // a login page (the session ended) or a refused token: kept, tried again after logging in
      entry.message = response.redirected || response.status === 403 ? T.login_again : T.retry_later;
      return put(entry).then(function () { return "stop"; });
    });
  }

  // did the server save this key already (the answer to a POST the device did not see)?
  function saved(entry) {
    var panel = document.getElementById("sync-queue");
    var url = panel ? panel.getAttribute("data-submission-url") : "";
    if (!url) {
      return Promise.resolve(false);
    }
    return fetch(url.replace(/0{8}-0{4}-0{4}-0{4}-0{12}/, entry.key), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      return type.indexOf("application/json") !== -1 ? response.json() : { saved: false };
    }).then(function (answer) { return !!answer.saved; });
  }

  function sync() {
    if (syncing || !USER || !navigator.onLine) {
      return Promise.resolve();
    }
    syncing = true;
    return all().then(function (rows) {
      var queue = rows.filter(function (r) { return r.status !== "rejected"; });
      var step = function () {
        var entry = queue.shift();
        if (!entry) {
          return null;
        }
        return (entry.status === "sent" ? saved(entry) : Promise.resolve(false)).then(function (done) {
          return done ? remove(entry.key).then(function () { return "synced"; }) : send(entry);
        }).then(function (outcome) {
          return outcome === "stop" ? null : step();
        }, function () {
          entry.message = T.retry_later;
          return put(entry);
        });
      };
      return step();
    }).catch(function () { return null; }).then(function () {
      syncing = false;
      return render();
    });
  }

  window.addEventListener("online", function () { sync(); });
  window.addEventListener("offline", render);
  window.setInterval(function () { if (navigator.onLine) { sync(); } }, 60000);

  // --- the service worker -------------------------------------------------------------------------

  if ("serviceWorker" in navigator && WORKER) {
    navigator.serviceWorker.register(WORKER, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var slot = "salesops-warm:" + USER;
      var last = Number(localStorage.getItem(slot) || 0);
      // the people who log visits in the field have their pages kept for offline use
      var field = meta("salesops-field") === "1";
      if (USER && field && navigator.onLine && registration.active && Date.now() - last > 600000) {
        localStorage.setItem(slot, String(Date.now()));
        registration.active.postMessage({ type: "warm" });
      }
    }).catch(function () { /* no service worker: the pages simply need the network */ });
  }

  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("action") || "";
    if (/\/accounts\/logout\/$/.test(action)) {
      localStorage.removeItem("salesops-warm:" + USER);
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: "forget" });
      }
    }
  });

  window.salesopsQueue = { all: all, sync: sync, render: render };
  cleanup().then(resendFromHash).then(function () { return navigator.onLine ? sync() : render(); });
})();
