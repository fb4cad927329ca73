// 外勤签到 on the 记录拜访 form: for an onsite visit, ask the browser for the position (latitude,
// longitude, accuracy, time) into the hidden checkin-* fields — a refusal is recorded as refused,
// never made up — and preview the photo taken or picked. Texts come from #checkin-text.
(function () {
  "use strict";
  var box = document.getElementById("checkin");
  var textEl = document.getElementById("checkin-text");
  if (!box || !textEl) {
    return;
  }
  var T = JSON.parse(textEl.textContent);
  var form = box.closest("form");
  var field = function (name) { return document.getElementById("id_checkin-" + name); };
  var state = field("position_state");
  var status = document.getElementById("checkin-status");
  var locate = document.getElementById("checkin-locate");
  var photo = field("photo");
  var preview = document.getElementById("checkin-preview");
  var maxBytes = Number(box.getAttribute("data-max-bytes") || 0);

  function onsite() {
    var checked = form.querySelector("input[name=kind]:checked");
    return !checked || checked.value === "onsite";
  }

  function say(text, tone) {
    status.textContent = text;
    status.className = "small mb-2 text-" + (tone || "secondary");
  }

  function clearPosition() {
    ["latitude", "longitude", "accuracy", "position_at"].forEach(function (name) { field(name).value = ""; });
  }

  function ask() {
    clearPosition();
    if (!navigator.geolocation) {
      state.value = "unavailable";
      say(T.unavailable, "warning");
      return;
    }
    say(T.locating);
    navigator.geolocation.getCurrentPosition(function (position) {
      var c = position.coords;
      field("latitude").value = c.latitude.toFixed(6);
      field("longitude").value = c.longitude.toFixed(6);
      field("accuracy").value = Math.round(c.accuracy);
      field("position_at").value = new Date(position.timestamp || Date.now()).toISOString();
      state.value = "ok";
      say(T.located.replace("%(lat)s", c.latitude.toFixed(5)).replace("%(lon)s", c.longitude.toFixed(5))
        .replace("%(acc)s", Math.round(c.accuracy)), "success");
    }, function (error) {
      field("position_at").value = new Date().toISOString();
      if (error.code === 1) {
        state.value = "refused";
        say(T.refused, "danger");
      } else {
        state.value = "unavailable";
        say(T.unavailable, "warning");
      }
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  function show() {
    box.hidden = !onsite();
    if (onsite() && !state.value) {
      ask();
    }
  }

  locate.addEventListener("click", ask);
  form.querySelectorAll("input[name=kind]").forEach(function (radio) {
    radio.addEventListener("change", show);
  });
  photo.addEventListener("change", function () {
    var file = photo.files && photo.files[0];
    if (preview.src) {
      URL.revokeObjectURL(preview.src);
    }
    preview.hidden = true;
    if (!file) {
      return;
    }
    if (maxBytes && file.size > maxBytes) {
      window.alert(T.too_large);
      photo.value = "";
      return;
    }
    preview.src = URL.createObjectURL(file);
    preview.hidden = false;
  });
  form.addEventListener("queued", function () {
    preview.hidden = true;
    state.value = "";
    show();
  });

  // a form opened from the phone's copy (no connection): today's date and the time now
  if (!navigator.onLine) {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var date = document.getElementById("id_date");
    var time = document.getElementById("id_time");
    if (date) {
      date.value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    }
    if (time) {
      time.value = pad(now.getHours()) + ":" + pad(now.getMinutes());
    }
  }
  show();
})();
