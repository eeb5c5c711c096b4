/* Accessibility fixes to Material's client-side markup.
 *
 * Material wraps each table in a horizontally scrollable <div class="md-typeset__scrollwrap">
 * that a keyboard cannot reach (axe: scrollable-region-focusable): make it a named, focusable
 * region. Runs after Material's own handlers on every page load, instant navigation included.
 *
 * Under mike, Material's version button is named "选择当前版本" while it shows the version
 * (2026-11-29 latest): a name that leaves out the visible text fails WCAG 2.5.3 (axe:
 * label-content-name-mismatch). The button appears once versions.json has loaded, so it is
 * renamed when it shows up: the visible text first, then what the button does. */
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "表格（可左右滚动）");
    });
  }
  function nameVersionButton() {
    var button = document.querySelector(".md-version__current");
    if (!button) return false;
    var shown = button.textContent.replace(/\s+/g, " ").trim();
    if (button.getAttribute("aria-label") !== shown + "（选择版本）") {
      button.setAttribute("aria-label", shown + "（选择版本）");
    }
    return true;
  }
  if (window.document$) window.document$.subscribe(fix);
  else document.addEventListener("DOMContentLoaded", fix);
  if (!nameVersionButton() && window.MutationObserver) {
    var observer = new MutationObserver(function () {
      if (nameVersionButton()) observer.disconnect();
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  }
})();
