/* Filters of the KPI dashboard (kpis/index.md). Without JavaScript the page
 * already groups the KPIs by goal and lists them by grade; this only hides
 * what does not match the chosen goal and grade. */
(function () {
  "use strict";

  function sectionOf(heading) {
    var nodes = [heading];
    for (var n = heading.nextElementSibling; n && n.tagName !== "H2"; n = n.nextElementSibling) nodes.push(n);
    return nodes;
  }

  function setUp() {
    var form = document.querySelector("form.kpi-filter");
    if (!form) return;
    form.hidden = false;
    var headings = Array.prototype.slice.call(document.querySelectorAll("h2[data-goal]"));
    function apply() {
      var goal = form.elements.goal.value, grade = form.elements.grade.value, shown = 0;
      headings.forEach(function (heading) {
        var visibleGoal = !goal || heading.dataset.goal === goal;
        var rows = 0;
        sectionOf(heading).forEach(function (node) {
          node.querySelectorAll("tbody tr").forEach(function (row) {
            var mark = row.querySelector(".grade");
            var match = visibleGoal && (!grade || (mark && mark.dataset.grade === grade));
            row.hidden = !match;
            if (match) rows += 1;
          });
        });
        sectionOf(heading).forEach(function (node) { node.hidden = rows === 0; });
        shown += rows;
      });
      form.querySelector(".kpi-filter__count").textContent = shown + "件の指標";
    }
    form.addEventListener("change", apply);
    apply();
  }

  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
