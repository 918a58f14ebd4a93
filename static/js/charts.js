// Draws the dashboard's Plotly charts from their json_script data, and again after htmx swaps.
// Loaded (deferred, after plotly.min.js) only on pages with charts; no inline script needed.
"use strict";
(function () {
  function draw(root) {
    if (!window.Plotly) {
      return;
    }
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll("[data-figure]").forEach(function (div) {
      var source = document.getElementById(div.dataset.figure);
      if (!source || div.ecareerFigure === source.textContent) {
        return;
      }
      div.ecareerFigure = source.textContent;
      var figure = JSON.parse(source.textContent);
      window.Plotly.react(div, figure.data, figure.layout, private_(figure.config));
    });
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
