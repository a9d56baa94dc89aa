/* Progressive enhancement only: every page works without this file.
   It loads in the <head>, before the page is drawn, so that what it changes on screen (the
   content note hidden, its button and the keyboard hint shown) is decided before the first
   paint and nothing moves afterwards. The rest waits for the document.
   - The content note can be hidden; the choice is kept in localStorage (no cookies).
   - The quick exit replaces this page in the history; pressing Shift three times exits.
   - A "Copy link" link (a plain link to its anchor without this file) copies the full address
     and says so in the page's polite status region. */
(function () {
  "use strict";

  var NOTE_KEY = "dossier-content-note-hidden";
  var EXIT_PRESSES = 3;
  // GOV.UK's "Exit this page" also gives the three presses a few seconds.
  var EXIT_WINDOW_MS = 5000;

  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* storage off: forget */ }
  }

  function recall(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  // Before the first paint: site.css shows .js-only things and hides a hidden note from these.
  var root = document.documentElement;
  root.classList.add("js");
  if (recall(NOTE_KEY) === "1") root.classList.add("content-note-hidden");

  function setUpContentNote() {
    var note = document.querySelector("[data-content-note]");
    if (!note) return;
    note.querySelector("[data-content-note-hide]").addEventListener("click", function () {
      remember(NOTE_KEY, "1");
      root.classList.add("content-note-hidden");
      document.getElementById("main-content").focus({ preventScroll: true });
    });
  }

  function leave(url) {
    root.classList.add("leaving");
    // The neutral site must not learn where the reader came from (the link has rel=noreferrer).
    var policy = document.createElement("meta");
    policy.name = "referrer";
    policy.content = "no-referrer";
    document.head.appendChild(policy);
    window.location.replace(url);
  }

  // Typing in a field uses Shift for capitals: the shortcut never listens there.
  function isTextField(element) {
    return element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName);
  }

  /* Shift counts only when pressed and released on its own: Shift held for a capital letter,
     or any other key in between, starts the count again (as GOV.UK's "Exit this page"). */
  function watchForShiftThreeTimes(onThirdPress) {
    var alone = false;
    var presses = [];
    document.addEventListener("keydown", function (event) {
      if (event.key === "Shift") {
        if (!event.repeat) alone = !isTextField(event.target);
        return;
      }
      alone = false;
      presses = [];
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift" || !alone) return;
      alone = false;
      var now = Date.now();
      presses = presses.filter(function (t) { return now - t < EXIT_WINDOW_MS; });
      presses.push(now);
      if (presses.length >= EXIT_PRESSES) onThirdPress();
    });
  }

  function setUpQuickExit() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    var url = link.href;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave(url);
    });
    watchForShiftThreeTimes(function () { leave(url); });
  }

  function setUpCopyLinks() {
    var status = document.querySelector("[data-copy-status]");
    // Without the clipboard (an insecure page, an old browser) the links stay plain links.
    if (!status || !navigator.clipboard) return;
    document.querySelectorAll("[data-copy-link]").forEach(function (link) {
      link.setAttribute("role", "button");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        navigator.clipboard.writeText(link.href).then(
          function () { status.textContent = "Link copied: " + link.href; },
          // Refused: go to the anchor as the plain link would, so the address bar holds it.
          function () { window.location.hash = link.hash; }
        );
      });
      // A button is pressed with Space too.
      link.addEventListener("keydown", function (event) {
        if (event.key !== " ") return;
        event.preventDefault();
        link.click();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpContentNote();
    setUpQuickExit();
    setUpCopyLinks();
  });
})();
