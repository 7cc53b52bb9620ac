/* Interactive charts on top of the static SVGs made at build time.
 *
 * Plotly (a pinned partial bundle served from this site) is loaded only on
 * pages with a chart, and only once the reader interacts with the page while a
 * chart is on screen, so that it never delays reading. Works with Material's
 * instant navigation (document$), back/forward, theme switches, content tabs,
 * phones (responsive) and print (the static SVG is printed).
 */
(function () {
  "use strict";

  var BUNDLE = "vendor/plotly/plotly-basic.min.js";
  var STYLE_ID = "plotly.js-style-global";
  var plotlyPromise = null;
  var plotlyStyle = "";       // Plotly's global CSS rules, re-inserted after page swaps
  var interacted = false;     // a reader has scrolled, pointed, touched or pressed a key
  var waiting = new Set();    // visible chart slots waiting for that first interaction
  var observer = null;
  // Resolved once, now: after instant navigation to a page at another depth, the
  // script tag's relative src would resolve against the new address.
  var ASSET_BASE = (document.currentScript && document.currentScript.src || "")
    .replace(/javascripts\/charts\.js.*$/, "") || new URL("assets/", document.baseURI).href;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = ASSET_BASE + BUNDLE;
        script.async = true;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { plotlyPromise = null; reject(new Error("plotly.js を読み込めません")); };
        document.head.appendChild(script);
      });
    }
    return plotlyPromise;
  }

  /* Material's instant navigation drops Plotly's global <style>; put it back. */
  function keepPlotlyStyle() {
    var style = document.getElementById(STYLE_ID);
    if (style && style.sheet) {
      var rules = Array.prototype.map.call(style.sheet.cssRules, function (r) { return r.cssText; }).join("\n");
      if (rules) plotlyStyle = rules;
    } else if (plotlyStyle) {
      style = document.createElement("style");
      style.id = STYLE_ID;
      style.textContent = plotlyStyle;
      document.head.appendChild(style);
    }
  }

  /* Figures name colours as var(--chart-N); Plotly needs real colours. */
  function resolveColours(value, style) {
    if (typeof value === "string") {
      var match = /^var\((--[\w-]+)\)$/.exec(value);
      return match ? (style.getPropertyValue(match[1]).trim() || value) : value;
    }
    if (Array.isArray(value)) return value.map(function (v) { return resolveColours(v, style); });
    if (value && typeof value === "object") {
      var copy = {};
      Object.keys(value).forEach(function (k) { copy[k] = resolveColours(value[k], style); });
      return copy;
    }
    return value;
  }

  function themedFigure(figure) {
    var style = getComputedStyle(document.body);
    var fg = style.getPropertyValue("--md-default-fg-color").trim() || "#000";
    var grid = style.getPropertyValue("--md-default-fg-color--lightest").trim() || "#ddd";
    var layout = resolveColours(figure.layout, style);
    layout.font = Object.assign({}, layout.font, { color: fg });
    ["xaxis", "yaxis"].forEach(function (axis) {
      if (layout[axis]) layout[axis] = Object.assign({}, layout[axis], { gridcolor: grid, linecolor: fg, zerolinecolor: grid });
    });
    layout.hoverlabel = { font: { family: layout.font.family } };
    return { data: resolveColours(figure.data, style), layout: layout, config: figure.config };
  }

  function draw(slot) {
    if (slot.dataset.state) return;
    slot.dataset.state = "loading";
    var frame = slot.closest(".chart__frame");
    Promise.all([
      loadPlotly(),
      fetch(slot.dataset.figure).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + slot.dataset.figure);
        return r.json();
      })
    ]).then(function (results) {
      slot._figure = results[1];
      var themed = themedFigure(results[1]);
      frame.classList.add("is-interactive");
      return results[0].newPlot(slot, themed.data, themed.layout, themed.config);
    }).then(function () {
      slot.dataset.state = "drawn";
      keepPlotlyStyle();
    }).catch(function (error) {
      // The static SVG stays in place: the reader still has the chart.
      delete slot.dataset.state;
      if (frame) frame.classList.remove("is-interactive");
      console.warn("グラフを操作可能にできませんでした:", error);
    });
  }

  function drawWaiting() {
    waiting.forEach(function (slot) { if (slot.isConnected) draw(slot); });
    waiting.clear();
  }

  function onInteraction() {
    if (interacted) return;
    interacted = true;
    drawWaiting();
  }

  ["scroll", "pointerdown", "pointermove", "touchstart", "keydown", "wheel"].forEach(function (type) {
    window.addEventListener(type, onInteraction, { passive: true, once: true });
  });

  function retheme() {
    document.querySelectorAll('.chart__plot[data-state="drawn"]').forEach(function (slot) {
      if (!slot._figure || !window.Plotly) return;
      var themed = themedFigure(slot._figure);
      window.Plotly.react(slot, themed.data, themed.layout, themed.config);
    });
  }

  function setUp() {
    keepPlotlyStyle();
    if (observer) observer.disconnect();
    waiting.clear();
    var slots = document.querySelectorAll(".chart__plot[data-figure]");
    if (!slots.length) return;
    // The slot itself is hidden until drawn, so watch its frame (the static SVG).
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        var slot = entry.target.querySelector(".chart__plot[data-figure]");
        if (interacted) draw(slot); else waiting.add(slot);
      });
    }, { rootMargin: "200px 0px" });
    slots.forEach(function (slot) { observer.observe(slot.closest(".chart__frame")); });
  }

  // A theme switch changes the palette variables: redraw with the new colours.
  new MutationObserver(retheme).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  // A chart inside a closed content tab was sized while hidden: resize on tab change.
  document.addEventListener("change", function (event) {
    if (!event.target.closest || !event.target.closest(".tabbed-set") || !window.Plotly) return;
    document.querySelectorAll('.chart__plot[data-state="drawn"]').forEach(function (slot) {
      if (slot.offsetParent !== null) window.Plotly.Plots.resize(slot);
    });
  });

  // Printing shows the static SVG; open the data tables so they print too.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.chart__data").forEach(function (d) { d.open = true; });
  });

  if (window.document$) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
