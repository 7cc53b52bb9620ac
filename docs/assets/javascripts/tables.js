/* Wide tables scroll sideways inside Material's wrapper; a keyboard user must be able to reach
 * and scroll them too (WCAG 2.1.1): each wrapper becomes a focusable region, named after its
 * chart or nearest heading, and unique on the page (screen readers list regions by name). */
(function () {
  "use strict";

  function heading(wrapper) {
    var details = wrapper.closest("details");
    var summary = details && details.querySelector("summary");
    if (summary) return summary.textContent.replace("（横にスクロールできます）", "").trim();
    for (var node = wrapper; node && !node.matches("article"); node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName)) return before.textContent.replace("¶", "").trim();
      }
    }
    return "";
  }

  function setUp() {
    var used = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      var base = (heading(wrapper) ? heading(wrapper) + "の" : "") + "表（横にスクロールできます）";
      used[base] = (used[base] || 0) + 1;
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", used[base] > 1 ? base + "（" + used[base] + "）" : base);
    });
  }

  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
