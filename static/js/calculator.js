// Due-date calculator: progressive enhancement only. Without this file every method's form is shown,
// one after another; with it, the method links act as a switch that shows one form at a time.
(function () {
  "use strict";
  var nav = document.querySelector(".calc-methods");
  if (!nav) return;
  var links = nav.querySelectorAll("[data-method-link]");
  var sections = document.querySelectorAll(".calc-method[data-method]");

  function show(method, focus) {
    var found = false;
    sections.forEach(function (section) {
      var match = section.getAttribute("data-method") === method;
      section.hidden = !match;
      found = found || match;
    });
    if (!found) return show("lmp", focus);
    links.forEach(function (link) {
      if (link.getAttribute("data-method-link") === method) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    if (focus) {
      var first = document.querySelector("#method-" + method + " input:not([type=hidden]), #method-" + method + " select");
      if (first) first.focus();
    }
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      show(link.getAttribute("data-method-link"), true);
    });
  });
  var current = nav.querySelector("[aria-current]");
  var hash = window.location.hash.indexOf("#method-") === 0 ? window.location.hash.slice(8) : "lmp";
  show(current ? current.getAttribute("data-method-link") : hash, false);
  nav.classList.add("is-enhanced");
})();
