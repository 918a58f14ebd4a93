// Share links: copy a link with one click, print the report. External file: the CSP stays strict.
"use strict";
(function () {
  if (window.ecareerShare) return; // loaded again when htmx swaps the share section
  window.ecareerShare = true;

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var copy = target && target.closest("[data-copy]");
    if (copy) {
      var done = function () {
        var label = copy.textContent;
        copy.textContent = copy.dataset.copied || "Copied";
        setTimeout(function () { copy.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(copy.dataset.copy).then(done, function () {});
      } else {
        var input = copy.parentElement.querySelector("input.share-url");
        if (input) { input.select(); document.execCommand("copy"); done(); }
      }
      return;
    }
    if (target && target.closest("[data-print]")) {
      // Charts are drawn when they come into view (js/charts.js): draw them all, then print.
      var charts = window.ecareerCharts ? window.ecareerCharts.drawAll() : Promise.resolve();
      charts.then(function () { window.print(); }, function () { window.print(); });
    }
  });
})();
