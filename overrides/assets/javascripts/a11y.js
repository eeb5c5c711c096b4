/* Accessibility fixes to Material's client-side markup.
 *
 * Material wraps each table in a horizontally scrollable <div class="md-typeset__scrollwrap">
 * that a keyboard cannot reach (axe: scrollable-region-focusable): make it a named, focusable
 * region. Runs after Material's own handlers on every page load, instant navigation included. */
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "表格（可左右滚动）");
    });
  }
  if (window.document$) window.document$.subscribe(fix);
  else document.addEventListener("DOMContentLoaded", fix);
})();
