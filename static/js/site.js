/* Progressive enhancement only: every page works without this file.
   - The content note can be hidden; the choice is kept in localStorage (no cookies).
   - The quick exit replaces this page in the history, and pressing Shift three times exits. */
(function () {
  "use strict";

  var NOTE_KEY = "dossier-content-note-hidden";
  var EXIT_PRESSES = 3;
  var EXIT_WINDOW_MS = 1000;

  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* storage off: forget */ }
  }

  function recall(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function setUpContentNote() {
    var note = document.querySelector("[data-content-note]");
    if (!note) return;
    if (recall(NOTE_KEY) === "1") {
      note.hidden = true;
      return;
    }
    var hide = note.querySelector("[data-content-note-hide]");
    hide.hidden = false;
    hide.addEventListener("click", function () {
      remember(NOTE_KEY, "1");
      note.hidden = true;
      document.getElementById("main-content").focus();
    });
  }

  function leave(url) {
    document.documentElement.classList.add("leaving");
    // The neutral site must not learn where the reader came from (the link has rel=noreferrer).
    var policy = document.createElement("meta");
    policy.name = "referrer";
    policy.content = "no-referrer";
    document.head.appendChild(policy);
    window.location.replace(url);
  }

  function setUpQuickExit() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    var url = link.href;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave(url);
    });
    var presses = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift" || event.repeat) return;
      var now = Date.now();
      presses = presses.filter(function (t) { return now - t < EXIT_WINDOW_MS; });
      presses.push(now);
      if (presses.length >= EXIT_PRESSES) leave(url);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (el) {
      el.hidden = false;
    });
  }

  setUpContentNote();
  setUpQuickExit();
})();
