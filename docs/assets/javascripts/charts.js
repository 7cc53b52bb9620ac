/* Draw every chart slot ([data-figure]) on the page with Plotly.
 * Plotly is loaded on demand, only on pages that have a chart; the table next
 * to each chart carries the same data for readers without JavaScript. */
(function () {
  "use strict";
  var plotlyPromise = null;

  function scriptBase() {
    var current = document.querySelector('script[src$="assets/javascripts/charts.js"]');
    return current ? current.src.replace(/javascripts\/charts\.js.*$/, "") : "assets/";
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = scriptBase() + "vendor/plotly/plotly.min.js";
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return plotlyPromise;
  }

  function themed(layout) {
    var style = getComputedStyle(document.body);
    var fg = style.getPropertyValue("--md-default-fg-color").trim() || "#000";
    var copy = JSON.parse(JSON.stringify(layout));
    copy.font = Object.assign({}, copy.font, { color: fg });
    return copy;
  }

  function draw(slot) {
    if (slot.dataset.drawn) return;
    slot.dataset.drawn = "1";
    slot.classList.add("is-active");
    Promise.all([loadPlotly(), fetch(slot.dataset.figure).then(function (r) { return r.json(); })])
      .then(function (results) {
        var figure = results[1];
        return results[0].newPlot(slot, figure.data, themed(figure.layout), figure.config);
      })
      .catch(function (error) {
        slot.removeAttribute("data-drawn");
        console.warn("グラフを表示できませんでした:", error);
      });
  }

  function drawAll() {
    document.querySelectorAll(".chart__plot[data-figure]").forEach(draw);
  }

  if (window.document$) {
    window.document$.subscribe(drawAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
