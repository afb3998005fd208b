// Site-wide behaviour, in a file because the Content-Security-Policy refuses inline scripts. Pages work without it.
(function () {
  "use strict";
  // An element marked data-focus-on-load (an error summary, a conflict panel) takes the focus when the page loads or
  // when htmx swaps it in, so screen-reader and keyboard users land on what needs their attention.
  function focusMarked(root) {
    var target = (root || document).querySelector("[data-focus-on-load]");
    if (target) target.focus();
  }

  // The header menu is a <details> disclosure: closed on phones, always open on wide screens. site.css shows it
  // there through ::details-content; opening it here covers browsers without that, and Escape closes it on phones.
  function enhanceMenu() {
    var menu = document.querySelector("[data-site-menu]");
    if (!menu || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 64rem)");
    function sync() { menu.open = wide.matches; }
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && !wide.matches) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { focusMarked(document); enhanceMenu(); });
  document.addEventListener("htmx:load", function (event) { focusMarked(event.target); });
})();
