/* Live preview of an article answer in the admin: as the editor types, the server renders the Markdown
   exactly as the page will (and sanitises it), and lists anything that would stop the save. Progressive
   enhancement: without JavaScript the form works as before and the staff preview page shows the result. */
(function () {
  "use strict";
  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function attach(textarea) {
    if (textarea.dataset.previewAttached) return;
    textarea.dataset.previewAttached = "1";
    var box = document.createElement("div");
    box.className = "markdown-preview";
    box.setAttribute("aria-live", "polite");
    var heading = document.createElement("p");
    heading.className = "markdown-preview-heading";
    heading.textContent = "Preview";
    var problems = document.createElement("ul");
    problems.className = "markdown-preview-problems errorlist";
    var body = document.createElement("div");
    body.className = "markdown-preview-body";
    box.append(heading, problems, body);
    textarea.insertAdjacentElement("afterend", box);
    var timer = null;
    function refresh() {
      var data = new URLSearchParams();  // a plain urlencoded form, as the site accepts
      data.append("text", textarea.value);
      fetch(textarea.dataset.markdownPreview, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea.form) }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) {
          if (!result) return;
          body.innerHTML = result.html; // rendered and sanitised by the server (articles.rendering)
          problems.replaceChildren.apply(problems, result.problems.map(function (text) {
            var item = document.createElement("li");
            item.textContent = text;
            return item;
          }));
        })
        .catch(function () { /* the preview is a help, never a blocker */ });
    }
    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
    refresh();
  }
  function attachAll() {
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", attachAll);
  document.addEventListener("formset:added", attachAll);
})();
