// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to a form's error summary so screen readers announce what went wrong.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
})();
