// Site-wide behaviour, in a file because the Content-Security-Policy refuses inline scripts.
// An element marked data-focus-on-load (an error summary, a conflict panel) takes the focus when the page loads or
// when htmx swaps it in, so screen-reader and keyboard users land on what needs their attention.
(function () {
  "use strict";
  function focusMarked(root) {
    var target = (root || document).querySelector("[data-focus-on-load]");
    if (target) target.focus();
  }
  document.addEventListener("DOMContentLoaded", function () { focusMarked(document); });
  document.addEventListener("htmx:load", function (event) { focusMarked(event.target); });
})();
