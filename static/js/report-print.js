// Printing the shared report: every chart drawn and laid out for the paper before the page is
// printed, and back to the screen's layout afterwards. Loaded (deferred) by the report only.
//
// A Plotly chart is an SVG of fixed pixel size, drawn for the screen: printed as it is, a chart
// drawn on a 1366 px screen runs past the paper's edge. Chromium fires `beforeprint` (the print
// dialog, and page.pdf() in a test) and the `print` media query's change (the dialog, and a
// test's emulated print media); both lay the charts out here, synchronously, so the printed page
// sees them done.
"use strict";
(function () {
  // 178 mm at 96 px per inch: A4's 210 mm (narrower than Letter's 215.9 mm) less the page's
  // 12 mm side margins (`@page` in ecareer.css) and the chart box's 3 mm padding on each side.
  // The paper is chosen in the print dialog after this runs, so the narrower of the two counts.
  var PRINT_WIDTH = Math.floor((178 / 25.4) * 96);
  // On paper a chart's plot area is at most 180 px (48 mm) tall and its legend in 10 px type
  // (7.5 pt): two charts with their titles and summaries fit on one page, A4 or Letter.
  var PRINT_PLOT_HEIGHT = 180;
  var PRINT_LEGEND_FONT = 10;
  var printing = false;
  var watcher = null;

  function charts() {
    return document.querySelectorAll(".chart[data-figure]");
  }

  // One drawn chart at the paper's width (its box's, if narrower), once per printing.
  function fit(div) {
    if (!window.Plotly || !div._fullLayout || div.ecareerScreen) {
      return;
    }
    var box = window.matchMedia("print").matches ? div.clientWidth : 0;
    var layout = div.layout;
    var full = div._fullLayout;
    div.ecareerScreen = {
      height: layout.height,
      plotHeight: layout.meta && layout.meta.plot_height,
      legendSize: layout.legend && layout.legend.font ? layout.legend.font.size : null,
    };
    var paper = {
      width: box > 0 ? Math.min(box, PRINT_WIDTH) : PRINT_WIDTH,
      "legend.font.size": PRINT_LEGEND_FONT,
    };
    var plot = Math.min(full._size.h, PRINT_PLOT_HEIGHT);
    // The figure shorter by what the plot area gives up; js/charts.js then keeps the plot area
    // at `meta.plot_height` once the legend has its rows at the paper's width.
    paper.height = Math.round(full.height - full._size.h + plot);
    if (div.ecareerScreen.plotHeight) {
      paper["meta.plot_height"] = Math.min(div.ecareerScreen.plotHeight, PRINT_PLOT_HEIGHT);
    }
    Promise.resolve(window.Plotly.relayout(div, paper)).then(function () {
      if (div.ecareerScreen) {
        div.dataset.printLayout = "paper"; // laid out for the paper (a test waits for it)
      }
    });
  }

  function toPaper() {
    if (printing) {
      return;
    }
    printing = true;
    // Charts that js/charts.js has not drawn yet (queued, or waiting to be scrolled into view)
    // are drawn now: paper does not scroll. `ecareerCharts.drawAll()` draws every chart, at once
    // when plotly.js is loaded, and resolves when all are drawn.
    var all = window.ecareerCharts && typeof window.ecareerCharts.drawAll === "function"
      ? window.ecareerCharts.drawAll()
      : null;
    charts().forEach(fit);
    if (all && typeof all.then === "function") {
      all.then(function () {
        if (printing) {
          charts().forEach(fit);
        }
      }, function () {});
    }
    // A chart drawn while the page is printed (Plotly marks its box `js-plotly-plot`) is laid
    // out for the paper as soon as it is drawn.
    if (window.MutationObserver) {
      watcher = new MutationObserver(function (changes) {
        changes.forEach(function (change) {
          fit(change.target);
        });
      });
      charts().forEach(function (div) {
        watcher.observe(div, { attributes: true, attributeFilter: ["class", "data-chart"] });
      });
    }
  }

  function toScreen() {
    if (!printing) {
      return;
    }
    printing = false;
    if (watcher) {
      watcher.disconnect();
      watcher = null;
    }
    charts().forEach(function (div) {
      var screen = div.ecareerScreen;
      div.ecareerScreen = null;
      delete div.dataset.printLayout;
      if (window.Plotly && div._fullLayout && screen) {
        // Back to the width of its box on the screen (as `responsive` keeps it), and to the
        // figure's own legend type and plot height.
        var back = {
          width: null,
          height: screen.height,
          autosize: true,
          "legend.font.size": screen.legendSize,
        };
        if (screen.plotHeight) {
          back["meta.plot_height"] = screen.plotHeight;
        }
        window.Plotly.relayout(div, back);
      }
    });
  }

  // Chromium prints as: beforeprint, print media on, afterprint, print media off. Back to the
  // screen when the print media goes off; `afterprint` only where the media query never
  // changes (a test's emulated print media outlasts page.pdf()'s afterprint).
  var mediaChanges = false;
  window.addEventListener("beforeprint", toPaper);
  window.addEventListener("afterprint", function () {
    if (!mediaChanges) {
      toScreen();
    }
  });
  window.matchMedia("print").addEventListener("change", function (event) {
    mediaChanges = true;
    if (event.matches) {
      toPaper();
    } else {
      toScreen();
    }
  });
})();
