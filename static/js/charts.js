// Draws the Plotly charts from their json_script data: each one when it comes into view, again
// after an htmx swap changed it, and every one before printing (window.ecareerCharts.drawAll()).
// Loaded deferred on pages with charts. It loads plotly.js itself (the URL in its script tag's
// data-plotly) when a chart is about to be drawn or the reader first scrolls, points or types:
// a page read above its charts spends no main-thread time on plotly.js. No inline script.
// With data-plotly-prefetch (the shared report) it fetches plotly.js's text after load, in idle
// time, without running it: printing from the browser's menu as the reader's first action then
// runs it at once (`beforeprint` cannot wait for a script to load) and prints every chart.
"use strict";
(function () {
  if (window.ecareerCharts) {
    return;
  }
  var script = document.currentScript || document.querySelector("script[data-plotly]");
  var PLOTLY_URL = script && script.dataset.plotly;
  var loading = null;
  var queue = [];
  var scheduled = false;
  var observer = null;
  var wide = false; // the observer looks ahead of the viewport once the reader has moved
  var kept = {}; // drawn plots that an htmx swap removed, by id, until it settles
  var prefetched = null; // plotly.js's text, fetched but not run (data-plotly-prefetch)
  var ranNow = null; // the Plotly that runNow() made, if it did

  // plotly.js run now from its prefetched text: an inline script with the page's CSP nonce (the
  // nonce of this script's tag) runs as it is inserted. True if Plotly is there afterwards.
  function runNow() {
    if (!window.Plotly && prefetched !== null && script && script.nonce) {
      var tag = document.createElement("script");
      tag.nonce = script.nonce;
      tag.text = prefetched;
      prefetched = null;
      document.head.appendChild(tag);
      tag.remove(); // run already; the text need not stay in the page
      ranNow = window.Plotly || null;
    }
    return !!window.Plotly;
  }

  // After load, in idle time: plotly.js's text over the network, not parsed or run.
  function prefetch() {
    if (window.Plotly || loading || !window.fetch) {
      return;
    }
    window.fetch(PLOTLY_URL, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(new Error(response.status));
      })
      .then(function (text) {
        if (!window.Plotly) {
          prefetched = text;
          script.dataset.plotlyFetched = "true"; // a test waits for it
        }
      }, function () {});
  }

  // plotly.js, loaded once (a script tag: the CSP allows scripts of this site), or run from its
  // prefetched text in a task of its own (not in the input event that asked for it).
  function loadPlotly() {
    if (window.Plotly) {
      return Promise.resolve(window.Plotly);
    }
    if (!loading && prefetched !== null) {
      loading = new Promise(function (resolve) {
        window.setTimeout(function () {
          runNow();
          loading = null;
          resolve(loadPlotly()); // a script tag after all if the text did not run
        }, 0);
      });
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = PLOTLY_URL;
        tag.onload = function () {
          if (ranNow) {
            window.Plotly = ranNow; // printing ran it meanwhile: its charts keep their Plotly
          }
          prefetched = null;
          resolve(window.Plotly);
        };
        tag.onerror = function () {
          loading = null;
          tag.remove();
          reject(new Error("plotly.js did not load"));
        };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function charts(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var found = Array.prototype.slice.call(scope.querySelectorAll("[data-figure]"));
    if (scope.matches && scope.matches("[data-figure]")) {
      found.unshift(scope);
    }
    return found;
  }

  function source(div) {
    var data = document.getElementById(div.dataset.figure);
    return data ? data.textContent : null;
  }

  function drawn(div) {
    return !!div.ecareerFigure && div.ecareerFigure === source(div);
  }

  // The box keeps the figure's height before it is drawn, so drawing it shifts nothing below
  // (the template sets it where it can; this covers the rest).
  function reserve(div) {
    if (div.style.minHeight || drawn(div)) {
      return;
    }
    try {
      var height = JSON.parse(source(div)).layout.height;
      if (height) {
        div.style.minHeight = height + "px";
      }
    } catch (error) {
      // no figure yet: nothing to reserve
    }
  }

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
    // Room above the legend for the mode bar where it is shown: it never covers an entry.
    var paper = window.matchMedia("print").matches;
    var bar = !paper && div.querySelector(".modebar");
    var need = Math.ceil(legend + 0.02 * want + 12 + (bar ? MODEBAR_ROOM : 0));
    var size = full._size;
    var shown = div.querySelector(".legend");
    var covered = shown
      ? shown.getBoundingClientRect().bottom - (div.getBoundingClientRect().top + size.t)
      : 0;
    // Up to 40 px taller than asked is fine: no second drawing for a few pixels.
    // On paper the mode bar's room goes again (no mode bar is printed).
    var spare = paper && size.t > need + MODEBAR_ROOM / 2;
    if (!spare && covered <= 0 && size.t >= need - 2 && size.h >= want - 2 && size.h <= want + 40) {
      return;
    }
    var grow = Math.ceil(size.t + Math.max(covered, 0) + 4);
    var top = paper
      ? Math.max(need, covered > 0 ? grow : 0)
      : Math.max(div.ecareerTop || 0, need, grow);
    window.Plotly.relayout(div, { "margin.t": top, height: Math.ceil(want + top + size.b) });
  }

  // Phones get no mode bar (it covered the legend's first entry; a phone pinches to zoom);
  // wider screens keep it, with MODEBAR_ROOM pixels kept free above the legend for it.
  var PHONE = "(max-width: 40rem)";
  var MODEBAR_ROOM = 30;
  function narrow() {
    return window.matchMedia(PHONE).matches;
  }
  function forScreen(config, div) {
    return narrow() ? Object.assign({}, config, { displayModeBar: false }) : config;
  }
  // On a phone a legend entry too long for the chart's width takes two lines (broken at the
  // space nearest its middle), so it is never cut at the right.
  function dataForScreen(data, div) {
    if (!narrow()) {
      return data;
    }
    var most = Math.floor((div.getBoundingClientRect().width - 60) / 7);
    return data.map(function (trace) {
      var name = trace.name;
      if (!name || trace.showlegend === false || name.length <= most || name.indexOf("<br>") >= 0) {
        return trace;
      }
      var middle = name.length / 2;
      var at = -1;
      for (var i = 0; i < name.length; i++) {
        if (name[i] === " " && (at < 0 || Math.abs(i - middle) < Math.abs(at - middle))) {
          at = i;
        }
      }
      return at < 0 ? trace : Object.assign({}, trace, {
        name: name.slice(0, at) + "<br>" + name.slice(at + 1),
      });
    });
  }

  // On a phone the months' labels take two lines ("Jan." over "2027": side by side they met),
  // a little lower (the y axis's lowest label, "−15.000 €", ran into the first of them).
  function layoutForScreen(layout, div) {
    if (layout.meta && layout.meta.kind === "tornado") {
      return tornadoForScreen(layout, div);
    }
    var x = layout.xaxis;
    if (!narrow() || !x || x.type !== "date" || x.tickformat !== "%b %Y") {
      return layout;
    }
    var phone = { tickformat: "%b<br>%Y", ticks: "outside", ticklen: 8, tickcolor: "rgba(0, 0, 0, 0)" };
    return Object.assign({}, layout, { xaxis: Object.assign({}, x, phone) });
  }

  // A line of text broken at the space nearest its middle when longer than `most` characters.
  function twoLines(text, most) {
    if (!text || text.length <= most || text.indexOf("<br>") >= 0) {
      return text;
    }
    var middle = text.length / 2;
    var at = -1;
    for (var i = 0; i < text.length; i++) {
      if (text[i] === " " && (at < 0 || Math.abs(i - middle) < Math.abs(at - middle))) {
        at = i;
      }
    }
    return at < 0 ? text : text.slice(0, at) + "<br>" + text.slice(at + 1);
  }

  // "What matters most" on a phone: each input's name on a line of its own above its bars
  // (no y tick labels, which took most of the width), rows taller to hold it, four x ticks at
  // most (the points' labels met), and a long axis title on two lines.
  function tornadoForScreen(layout, div) {
    if (!narrow()) {
      return layout;
    }
    var names = layout.meta.names || [];
    var rows = Math.max(names.length, 1);
    var row = layout.meta.row_height + 22;
    var x = layout.xaxis || {};
    var most = Math.floor((div.getBoundingClientRect().width - 40) / 7);
    var title = Object.assign({}, x.title, { text: twoLines(x.title && x.title.text, most) });
    var notes = names.map(function (name) {
      return {
        text: name, xref: "paper", x: 0, xanchor: "left", yref: "y", y: name,
        // just above the bar (half a bar of a row with bargap 0.5, and 2 px), on white where
        // the zero line crosses it
        yanchor: "bottom", yshift: row * 0.25 + 2, showarrow: false,
        font: { size: 12 }, bgcolor: "rgba(255, 255, 255, 0.9)", borderpad: 0,
      };
    });
    return Object.assign({}, layout, {
      height: layout.meta.base_height + row * rows,
      bargap: 0.5,
      xaxis: Object.assign({}, x, { nticks: 4, title: title }),
      yaxis: Object.assign({}, layout.yaxis, { showticklabels: false }),
      annotations: (layout.annotations || []).concat(notes),
    });
  }

  // Draws one chart now (plotly.js loaded); a chart already showing its figure is left alone.
  function drawOne(div) {
    var text = source(div);
    if (text === null || !div.isConnected) {
      return Promise.resolve();
    }
    if (div.ecareerFigure === text) {
      return div.ecareerDrawing;
    }
    div.ecareerFigure = text;
    var figure = JSON.parse(text);
    div.ecareerTop = figure.layout.margin ? figure.layout.margin.t : 0;
    var done = window.Plotly.react(div, dataForScreen(figure.data, div), layoutForScreen(figure.layout, div), forScreen(private_(figure.config), div));
    div.ecareerDrawing = Promise.resolve(done).then(function () {
      keepPlotHeight(div);
      div.style.minHeight = "";
      div.dataset.chart = "drawn";
      if (!div.ecareerWatched) {
        div.ecareerWatched = true;
        div.on("plotly_afterplot", function () { keepPlotHeight(div); });
      }
    });
    return div.ecareerDrawing;
  }

  // One chart per task (a timeout apart), so no single long task blocks input while they draw.
  function next() {
    scheduled = false;
    var div = queue.shift();
    try {
      if (div) {
        drawOne(div);
      }
    } finally {
      schedule(); // a figure plotly.js refuses does not stop the charts after it
    }
  }

  function schedule() {
    if (scheduled || !queue.length) {
      return;
    }
    scheduled = true;
    loadPlotly().then(
      function () { window.setTimeout(next, 0); },
      function () { scheduled = false; queue = []; }
    );
  }

  function enqueue(div) {
    if (queue.indexOf(div) < 0) {
      queue.push(div);
    }
    schedule();
  }

  function seen(entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        enqueue(entry.target);
      }
    });
  }

  // Before the reader moves, a chart is drawn when it is in the viewport; after, half a screen
  // ahead of it, so scrolling finds it drawn.
  function makeObserver() {
    observer = new IntersectionObserver(seen, { rootMargin: wide ? "50% 0px" : "0px" });
  }

  // Charts not drawn yet (or whose figure an htmx swap changed) wait until they come into view;
  // a chart that a swap brought back with the same figure gets its drawn plot back at once.
  function watch(root) {
    charts(root).forEach(function (div) {
      var old = kept[div.id];
      if (old && old !== div && !drawn(div) && old.ecareerFigure === source(div)) {
        delete kept[div.id];
        if (observer) {
          observer.unobserve(div);
        }
        div.replaceWith(old);
        return;
      }
      if (drawn(div)) {
        return;
      }
      div.dataset.chart = "waiting";
      reserve(div);
      if (observer) {
        observer.unobserve(div);
        observer.observe(div);
      } else {
        enqueue(div); // no IntersectionObserver: draw them all, one per task
      }
    });
  }

  // Every chart of the page, drawn; the promise resolves when they are. When plotly.js is
  // loaded already, or its text prefetched (run now), they are drawn before drawAll() returns,
  // as a `beforeprint` listener needs (the browser lays out the printed pages right after it);
  // else once it has loaded.
  function drawAll() {
    runNow();
    return window.Plotly ? drawEvery() : loadPlotly().then(drawEvery);
  }

  function drawEvery() {
    var divs = charts(document);
    divs.forEach(function (div) {
      if (observer) {
        observer.unobserve(div);
      }
    });
    queue = queue.filter(function (div) { return divs.indexOf(div) < 0; });
    return Promise.all(divs.map(function (div) {
      try {
        return drawOne(div);
      } catch (error) {
        return Promise.reject(error); // the others are still drawn
      }
    }));
  }

  // The reader's first scroll, key or pointer: load plotly.js while they read (so a chart they
  // scroll to, or print, is drawn at once) and look ahead of the viewport from now on.
  var FIRST_MOVES = ["scroll", "wheel", "keydown", "pointerdown", "pointermove", "touchstart"];
  function moved() {
    FIRST_MOVES.forEach(function (name) {
      window.removeEventListener(name, moved, true);
    });
    loadPlotly().catch(function () {});
    if (observer && !wide) {
      wide = true;
      observer.disconnect();
      makeObserver();
      watch(document);
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

  // A drawn plot that htmx throws away is kept until the swap settles: the new content may hold
  // the same chart with the same figure (an edit that changed other things), which then is not
  // drawn again. What the new content did not take back is freed of its listeners.
  function keep(event) {
    var elt = event.detail && event.detail.elt;
    if (window.Plotly && elt && elt.classList && elt.classList.contains("js-plotly-plot")) {
      if (elt.id && elt.ecareerFigure) {
        kept[elt.id] = elt;
      } else {
        window.Plotly.purge(elt);
      }
    }
  }

  function settled() {
    watch(document);
    Object.keys(kept).forEach(function (id) {
      if (!kept[id].isConnected) {
        window.Plotly.purge(kept[id]);
      }
      delete kept[id];
    });
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

  if ("IntersectionObserver" in window) {
    makeObserver();
  }
  window.ecareerCharts = { drawAll: drawAll };
  FIRST_MOVES.forEach(function (name) {
    window.addEventListener(name, moved, { capture: true, passive: true });
  });
  // Printing shows every chart: drawn in the listener itself when plotly.js is loaded, or its
  // text prefetched (run now, even while a script tag still loads it).
  window.addEventListener("beforeprint", function () { drawAll().catch(function () {}); });
  if (script && script.hasAttribute("data-plotly-prefetch")) {
    var idle = function () {
      if (window.requestIdleCallback) {
        window.requestIdleCallback(prefetch, { timeout: 5000 });
      } else {
        window.setTimeout(prefetch, 0);
      }
    };
    if (document.readyState === "complete") {
      idle();
    } else {
      window.addEventListener("load", idle, { once: true });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { watch(document); });
  } else {
    watch(document);
  }
  document.addEventListener("htmx:load", function (event) { watch(event.detail.elt); });
  document.addEventListener("htmx:afterSettle", settled);
  document.addEventListener("htmx:beforeCleanupElement", keep);
  document.addEventListener("input", showValue);
})();
