// Draws the dashboard's Plotly charts from their json_script data, and again after htmx swaps.
// Loaded (deferred, after plotly.min.js) only on pages with charts; no inline script needed.
"use strict";
(function () {
  var queue = [];
  var scheduled = false;

  // The plot area keeps the height the figure asks for (layout.meta.plot_height): the figure
  // grows by what its legend and axis labels take on this screen, so they never squeeze it.
  function keepPlotHeight(div) {
    var full = div._fullLayout;
    var want = full && full.meta && full.meta.plot_height;
    if (!want || !full._size) {
      return;
    }
    // The top margin holds the whole legend (Plotly caps what a legend may push), and the
    // figure is as tall as plot, top and bottom margins together.
    var legend = full.legend && full.legend._height ? full.legend._height : 0;
    var need = Math.ceil(legend + 0.02 * want + 12);
    var size = full._size;
    var shown = div.querySelector(".legend");
    var covered = shown
      ? shown.getBoundingClientRect().bottom - (div.getBoundingClientRect().top + size.t)
      : 0;
    // Up to 40 px taller than asked is fine: no second drawing for a few pixels.
    if (covered <= 0 && size.t >= need - 2 && size.h >= want - 2 && size.h <= want + 40) {
      return;
    }
    var top = Math.max(div.ecareerTop || 0, need, Math.ceil(size.t + Math.max(covered, 0) + 4));
    window.Plotly.relayout(div, { "margin.t": top, height: Math.ceil(want + top + size.b) });
  }

  function drawOne(div) {
    var source = document.getElementById(div.dataset.figure);
    if (!source || !div.isConnected || div.ecareerFigure === source.textContent) {
      return;
    }
    div.ecareerFigure = source.textContent;
    var figure = JSON.parse(source.textContent);
    div.ecareerTop = figure.layout.margin ? figure.layout.margin.t : 0;
    window.Plotly.react(div, figure.data, figure.layout, private_(figure.config)).then(function () {
      keepPlotHeight(div);
      if (!div.ecareerWatched) {
        div.ecareerWatched = true;
        div.on("plotly_afterplot", function () { keepPlotHeight(div); });
      }
    });
  }

  // One chart per task (a timeout apart), so no single long task blocks input while they draw.
  function next() {
    scheduled = false;
    var div = queue.shift();
    if (div) {
      drawOne(div);
    }
    if (queue.length) {
      scheduled = true;
      window.setTimeout(next, 0);
    }
  }

  function draw(root) {
    if (!window.Plotly) {
      return;
    }
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll("[data-figure]").forEach(function (div) {
      if (queue.indexOf(div) < 0) {
        queue.push(div);
      }
    });
    if (queue.length && !scheduled) {
      scheduled = true;
      window.setTimeout(next, 0);
    }
  }

  // Whatever a figure's config says, no chart offers to send its data to Plotly's servers.
  var CLOUD_BUTTONS = ["sendDataToCloud", "editInChartStudio"];
  function private_(config) {
    var safe = Object.assign({}, config, { showSendToCloud: false, showEditInChartStudio: false });
    var removed = (config && config.modeBarButtonsToRemove) || [];
    safe.modeBarButtonsToRemove = removed.concat(CLOUD_BUTTONS.filter(function (name) {
      return removed.indexOf(name) === -1;
    }));
    return safe;
  }

  // Free a plot's listeners before htmx throws its element away.
  function purge(event) {
    var elt = event.detail && event.detail.elt;
    if (window.Plotly && elt && elt.classList && elt.classList.contains("js-plotly-plot")) {
      window.Plotly.purge(elt);
    }
  }

  // A slider shows its value beside it while it moves (the preview follows after a pause).
  function showValue(event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=range][data-output]")) {
      return;
    }
    var output = document.getElementById(input.dataset.output);
    if (output) {
      var sign = input.dataset.signed && Number(input.value) > 0 ? "+" : "";
      output.textContent = sign + input.value + (input.dataset.unit || "");
    }
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:load", function (event) { draw(event.detail.elt); });
  document.addEventListener("htmx:afterSettle", function () { draw(document); });
  document.addEventListener("htmx:beforeCleanupElement", purge);
  document.addEventListener("input", showValue);
})();
