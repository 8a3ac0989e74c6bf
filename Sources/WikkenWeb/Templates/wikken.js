// Progressive enhancement for the weights form: a slider next to each number, and the ranking and
// explanation recomputed live (a preview; nothing is saved until the form is submitted).
(function () {
  "use strict";
  // The weight fields are text with a decimal comma (7,5), so that no browser's locale turns 7,5 into 75.
  function number(text) { var x = Number(text.trim().replace(",", ".")); return isFinite(x) ? x : 0; }
  function debounce(fn, ms) {
    var t = null;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }
  document.querySelectorAll("form.gewichten").forEach(function (form) {
    var section = form.closest("section.weging");
    var tbody = section.querySelector("tbody");
    var list = section.querySelector("ul.uitleg");
    var status = document.createElement("p");
    status.className = "muted";
    status.setAttribute("role", "status");
    form.insertBefore(status, form.querySelector("button"));
    var update = debounce(function () {
      var params = new URLSearchParams();
      params.set("weging", form.elements["weging"].value);
      form.querySelectorAll("input.gewicht").forEach(function (input) { params.set(input.name, input.value); });
      fetch(form.action.replace(/\/gewichten$/, "/voorbeeld") + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          if (data.fout) { status.textContent = data.fout; return; }
          tbody.textContent = "";
          data.rangorde.forEach(function (row) {
            var tr = document.createElement("tr");
            [["td", row.plaats], ["th", row.optie], ["td", row.totaal], ["td", row.bandbreedte]].forEach(function (c, i) {
              var cell = document.createElement(c[0]);
              cell.textContent = c[1];
              if (c[0] === "th") cell.setAttribute("scope", "row");
              if (i >= 2) cell.className = "num";
              tr.appendChild(cell);
            });
            tbody.appendChild(tr);
          });
          list.textContent = "";
          data.zinnen.forEach(function (z) { var li = document.createElement("li"); li.textContent = z; list.appendChild(li); });
          status.textContent = "Voorbeeld met deze gewichten: " + data.rangorde[0].optie + " staat bovenaan. Nog niet opgeslagen.";
        })
        .catch(function () { status.textContent = "Het voorbeeld kon niet worden berekend."; });
    }, 150);
    form.querySelectorAll("input.gewicht").forEach(function (input) {
      var slider = document.createElement("input");
      slider.type = "range";
      slider.min = "0";
      slider.max = "100";
      slider.step = "1";
      slider.value = String(Math.min(100, number(input.value)));
      slider.setAttribute("aria-label", "Schuif voor " + (form.querySelector("label[for='" + input.id + "']") || {}).textContent);
      slider.className = "slider";
      input.insertAdjacentElement("afterend", slider);
      slider.addEventListener("input", function () { input.value = slider.value; update(); });
      input.addEventListener("input", function () { slider.value = String(Math.min(100, number(input.value))); update(); });
    });
  });
})();
// The score grid: the arrow keys move between cells as in a spreadsheet (up and down always; left
// and right at the start or end of the text), besides Tab.
(function () {
  "use strict";
  document.querySelectorAll("table.raster").forEach(function (table) {
    table.addEventListener("keydown", function (event) {
      var input = event.target;
      if (input.tagName !== "INPUT") return;
      var cell = input.closest("td"), row = cell.parentElement;
      var column = Array.prototype.indexOf.call(row.children, cell), target = null;
      var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
      var atEnd = input.selectionStart === input.value.length;
      if (event.key === "ArrowUp" && row.previousElementSibling) target = row.previousElementSibling.children[column];
      else if (event.key === "ArrowDown" && row.nextElementSibling) target = row.nextElementSibling.children[column];
      else if (event.key === "ArrowLeft" && atStart) target = cell.previousElementSibling;
      else if (event.key === "ArrowRight" && atEnd) target = cell.nextElementSibling;
      var next = target && target.querySelector("input");
      if (!next) return;
      event.preventDefault();
      next.focus();
      next.select();
    });
  });
})();
// SMAA on the dossier page: computed on the server when asked, with the seconds counted while it
// runs; without JavaScript the form opens the memo with SMAA.
(function () {
  "use strict";
  document.querySelectorAll("form.smaa-vraag").forEach(function (form) {
    var section = form.closest("section");
    var status = section.querySelector(".smaa-status"), result = section.querySelector(".smaa-uitkomst");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button"), seconds = 0;
      button.disabled = true;
      status.textContent = "Bezig met rekenen…";
      var timer = setInterval(function () { seconds += 1; status.textContent = "Bezig met rekenen… " + seconds + " s"; }, 1000);
      fetch(form.getAttribute("data-fragment"), { credentials: "same-origin" })
        .then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
        .then(function (answer) {
          clearInterval(timer);
          button.disabled = false;
          var parsed = new DOMParser().parseFromString(answer.text, "text/html");
          result.textContent = "";
          Array.prototype.forEach.call(parsed.body.childNodes, function (node) { result.appendChild(document.importNode(node, true)); });
          status.textContent = answer.ok ? "Klaar na " + seconds + " s. De uitkomst staat hieronder." : "Niet berekend.";
        })
        .catch(function () { clearInterval(timer); button.disabled = false; status.textContent = "Het rekenen is mislukt; probeer het opnieuw."; });
    });
  });
})();
// Rank orders: buttons move a criterion up or down in its group and renumber the places; AHP
// judgements: after each choice the page is checked on the server (nothing saved) and the
// consistency and the weights that follow are shown at once.
(function () {
  "use strict";
  document.querySelectorAll("ol.rangorde").forEach(function (list) {
    var status = document.createElement("p");
    status.className = "muted";
    status.setAttribute("role", "status");
    list.insertAdjacentElement("afterend", status);
    function renumber() {
      Array.prototype.forEach.call(list.children, function (li, i) { li.querySelector("input").value = String(i + 1); });
    }
    Array.prototype.forEach.call(list.children, function (li) {
      var name = li.querySelector("label").firstChild.textContent;
      [["↑", "omhoog", -1], ["↓", "omlaag", 1]].forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "verplaats";
        button.textContent = b[0];
        button.setAttribute("aria-label", name + " " + b[1]);
        button.addEventListener("click", function () {
          var other = b[2] < 0 ? li.previousElementSibling : li.nextElementSibling;
          if (!other) { status.textContent = name + " staat al " + (b[2] < 0 ? "bovenaan." : "onderaan."); return; }
          if (b[2] < 0) list.insertBefore(li, other); else list.insertBefore(other, li);
          renumber();
          button.focus();
          status.textContent = name + " staat nu op plaats " + li.querySelector("input").value + ".";
        });
        li.appendChild(button);
      });
    });
  });
  document.querySelectorAll("form.oordelen").forEach(function (form) {
    if (!form.querySelector("select")) return;
    form.addEventListener("change", function () {
      var data = new URLSearchParams(new FormData(form));
      data.set("actie", "controleren");
      fetch(form.action, { method: "POST", credentials: "same-origin", body: data })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelectorAll(".coaching");
          form.querySelectorAll(".coaching").forEach(function (old, i) {
            if (!fresh[i]) return;
            old.className = fresh[i].className;
            old.textContent = "";
            Array.prototype.forEach.call(fresh[i].childNodes, function (n) { old.appendChild(document.importNode(n, true)); });
          });
        })
        .catch(function () {});
    });
  });
})();

// Live sessions: the server says over a WebSocket where the session stands (LiveHub). A new phase,
// round or closing reloads the page; a join or hand-in fetches the page again and replaces its
// marked parts (data-live-deel), whose role="status" lets screen readers hear "7 van 9 klaar".
// What a participant types is kept in sessionStorage until it is handed in, so a reload or a lost
// connection loses nothing. Without script the pages refresh themselves (noscript) or have a link.
(function () {
  "use strict";
  var live = document.querySelector("[data-live-code]");
  if (!live) return;
  var code = live.getAttribute("data-live-code");
  var key = "wikken-live-" + code + "-" + live.getAttribute("data-ronde");
  var form = document.querySelector("form[data-live-invoer]");
  if (/[?&]melding=(ingeleverd|ingestemd)/.test(location.search)) sessionStorage.removeItem(key);
  if (form) {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved) {
      form.querySelectorAll("input[name]").forEach(function (input) {
        if (!(input.name in saved)) return;
        if (input.type === "radio" || input.type === "checkbox") input.checked = saved[input.name] === input.value;
        else if (input.type !== "hidden") input.value = saved[input.name];
      });
      form.querySelectorAll("textarea[name]").forEach(function (area) { if (area.name in saved) area.value = saved[area.name]; });
    }
    form.addEventListener("input", function () {
      var values = {};
      form.querySelectorAll("input[name], textarea[name]").forEach(function (input) {
        if (input.type === "hidden") return;
        if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
        values[input.name] = input.value;
      });
      try { sessionStorage.setItem(key, JSON.stringify(values)); } catch (e) { /* storage full or off: the form still works */ }
    });
  }
  if (!("WebSocket" in window)) return;

  function reload() {
    // Never more than one reload in two seconds, whatever the messages say.
    var last = Number(sessionStorage.getItem("wikken-live-herladen") || 0), wait = Math.max(0, last + 2000 - Date.now());
    setTimeout(function () {
      sessionStorage.setItem("wikken-live-herladen", String(Date.now()));
      location.replace(location.pathname);
    }, wait);
  }
  var fetching = false, again = false;
  function refreshParts() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(location.pathname, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live-deel]").forEach(function (part) {
          var next = fresh.getElementById(part.id);
          if (next && next.innerHTML !== part.innerHTML) part.innerHTML = next.innerHTML;
        });
      })
      .catch(function () { /* the next message tries again */ })
      .then(function () { fetching = false; if (again) { again = false; refreshParts(); } });
  }
  // The timer: counted down here from the server's end time (role="timer": not read aloud every
  // second); without script the page states the end time.
  var timer = document.getElementById("live-timer");
  function tick() {
    if (!timer) return;
    var end = Date.parse(live.getAttribute("data-tot") || "");
    if (isNaN(end)) { timer.hidden = true; return; }
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    timer.hidden = false;
    timer.textContent = left > 0 ? "Nog " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + " minuten" : "De tijd is om";
  }
  tick();
  setInterval(tick, 1000);
  var delay = 1000;
  function connect() {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/live/" + code + "/ws");
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      var s;
      try { s = JSON.parse(event.data); } catch (e) { return; }
      if (s.fout) return;
      if (s.weg || s.fase !== live.getAttribute("data-fase") || String(s.ronde) !== live.getAttribute("data-ronde") ||
          (s.gesloten ? "ja" : "nee") !== live.getAttribute("data-gesloten")) { reload(); return; }
      if ((s.tot || "") !== live.getAttribute("data-tot")) {
        live.setAttribute("data-tot", s.tot || "");
        tick();
      }
      if (s.tekst !== live.getAttribute("data-klaar") || String(s.verborgen || 0) !== live.getAttribute("data-verborgen")) {
        live.setAttribute("data-klaar", s.tekst);
        live.setAttribute("data-verborgen", String(s.verborgen || 0));
        refreshParts();
      }
    };
    // Reconnects with growing pauses (at most 30 s); the first message after it brings the page up to date.
    socket.onclose = function () { setTimeout(connect, delay); delay = Math.min(delay * 2, 30000); };
  }
  connect();
})();
