/* Site search: full-width letters and digits typed in the search box
 * (令和７年度) are made half-width (NFKC), as in the search index, so that
 * 令和7年度 and 令和７年度 find the same pages. Never during IME composition.
 * Material searches on keyup; text pasted with the mouse, chosen from an IME or
 * entered by some phone keyboards fires no keyup, so every input is passed on as one. */
(function () {
  "use strict";
  var FULL_WIDTH = /[\uFF01-\uFF5E]/;

  function normalize(input) {
    var value = input.value;
    if (!FULL_WIDTH.test(value)) return;
    var start = input.selectionStart;
    input.value = value.normalize("NFKC");
    if (start !== null) input.setSelectionRange(start, start);
  }

  function search(input) {
    normalize(input);
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));  // Material drops repeats of one value
  }

  document.addEventListener("input", function (event) {
    if (event.isComposing || !event.target.matches || !event.target.matches(".md-search__input")) return;
    search(event.target);
  }, true);
  document.addEventListener("compositionend", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input")) search(event.target);
  }, true);
})();
