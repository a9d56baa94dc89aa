// Follows the editor's typing in a Markdown field with the HTML the site will show.
// The preview endpoint renders with the site's own renderer; the text area works without this.
"use strict";
(function () {
  const DELAY_MS = 400;
  const timers = new WeakMap();

  function csrfToken(field) {
    const input = field.form && field.form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  async function refresh(field, preview) {
    const output = preview.querySelector(".markdown-preview-output");
    const body = new FormData();
    body.append("text", field.value);
    let response;
    try {
      response = await fetch(preview.dataset.previewUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrfToken(field) },
        credentials: "same-origin",
      });
    } catch (error) {
      output.textContent = "No preview: the server could not be reached.";
      return;
    }
    if (response.ok) {
      // Sanitised by the server's renderer (nh3) before it is sent.
      output.innerHTML = await response.text();
    } else if (response.status === 413) {
      output.textContent = await response.text(); // the server says why (too long)
    } else {
      output.textContent = "No preview: the server answered " + response.status + ".";
    }
  }

  // Delegated, so that rows an inline formset adds later are followed too.
  document.addEventListener("input", function (event) {
    const field = event.target;
    const wrapper = field.closest && field.closest(".markdown-field");
    if (!wrapper || field.tagName !== "TEXTAREA") return;
    const preview = wrapper.querySelector(".markdown-preview");
    clearTimeout(timers.get(field));
    timers.set(field, setTimeout(function () { refresh(field, preview); }, DELAY_MS));
  });
})();
