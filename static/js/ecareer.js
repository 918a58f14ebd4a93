// ecareer's small JS glue. Loaded with `defer`; no inline scripts so the CSP stays strict.
"use strict";

// Scenario editor: Escape inside a form row or card in edit mode restores its display (as Cancel).
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape" || !window.htmx || !(event.target instanceof Element)) return;
  var holder = event.target.closest("[data-cancel-url]");
  if (!holder) return;
  event.preventDefault();
  window.htmx.ajax("GET", holder.dataset.cancelUrl, { source: holder, target: holder, swap: "outerHTML" });
});

// Item forms: a field marked data-pricing or data-frequency shows only for the choices it names
// in its form's select of that name (an income's amount for a fixed price, rate and quantity
// otherwise; a cost's write-off years for a one-off cost). Without JavaScript all show; a field
// holding an error is never hidden.
var CHOICES = ["pricing", "frequency"];
function showChoiceFields(form) {
  CHOICES.forEach(function (name) {
    var select = form.querySelector("select[name=" + name + "]");
    if (!select) return;
    form.querySelectorAll("[data-" + name + "]").forEach(function (field) {
      var wanted = field.getAttribute("data-" + name).split(" ").indexOf(select.value) !== -1;
      field.hidden = !wanted && !field.querySelector(".errorlist");
    });
  });
}
document.addEventListener("change", function (event) {
  if (event.target instanceof Element && event.target.matches("select[name=pricing], select[name=frequency]")) {
    showChoiceFields(event.target.form);
  }
});
function showAllChoiceFields(root) {
  root.querySelectorAll("form.item-form").forEach(showChoiceFields);
}
document.addEventListener("DOMContentLoaded", function () { showAllChoiceFields(document); });
document.addEventListener("htmx:load", function (event) { showAllChoiceFields(event.target); });

// htmx errors: a 4xx/5xx answer never puts a whole page inside a card. A fragment meant for its
// place (form errors, the "no longer exists" row, a message retargeted to #messages) is swapped
// as sent; anything else leaves the part as it is and shows one line in the status area: the
// answer's own [data-error-message] (rate limit, size limit, server error) or a general line.
function showStatusError(text) {
  var area = document.getElementById("messages");
  if (!area) return;
  var line = document.createElement("p");
  line.className = "message message-error";
  line.setAttribute("role", "alert");
  line.textContent = text;
  area.replaceChildren(line);
}
function errorText(status, body) {
  var area = document.getElementById("messages");
  if (body && !/<html[\s>]/i.test(body)) {
    // Parsed, never inserted: only its text is shown.
    var own = new DOMParser().parseFromString(body, "text/html").querySelector("[data-error-message]");
    if (own && own.textContent.trim()) return own.textContent.trim();
  }
  if (!area) return "";
  if (status === 404 || status === 410) return area.dataset.errorGone;
  if (status === 403) return area.dataset.errorForbidden;
  return area.dataset.errorFailed;
}
document.addEventListener("htmx:beforeSwap", function (event) {
  var detail = event.detail;
  var status = detail.xhr.status;
  if (status < 400) return;
  var body = typeof detail.serverResponse === "string" ? detail.serverResponse : "";
  if (detail.shouldSwap && !/<html[\s>]/i.test(body)) return;
  detail.shouldSwap = false;
  showStatusError(errorText(status, body));
});
document.addEventListener("htmx:sendError", function () {
  var area = document.getElementById("messages");
  if (area) showStatusError(area.dataset.errorOffline);
});

// Scenario editor: after Cancel, Escape or Save the focus goes back to the control that opened
// the form (its Edit or Add button, drawn anew with the row or card), and the outcome (saved or
// cancelled, from the form's data attributes) is announced in the status area. Both are done
// when the form's own answer has been swapped in (htmx swaps, and with no settle delay also
// settles, in the request's load handler, before its loadend); other swaps meanwhile, such as
// the dashboard refreshing after an earlier save, change nothing here.
(function () {
  var opener = null; // the hx-get of the control that opened the form
  var opening = null; // the request that opens the form, until its answer is in
  var outcome = null;

  function control(url) {
    var found = null;
    document.querySelectorAll("[hx-get]").forEach(function (elt) {
      if (!found && elt.getAttribute("hx-get") === url) found = elt;
    });
    return found;
  }

  function restore() {
    if (!opener || opening || document.querySelector("[data-cancel-url]")) {
      return; // nothing opened here, or a form is still open (it came back with an error)
    }
    var opened = control(opener);
    opener = null;
    if (!opened) return;
    opened.focus();
    var status = document.getElementById("messages");
    if (outcome && status) {
      var line = document.createElement("p");
      line.className = "message message-info";
      line.textContent = outcome;
      status.replaceChildren(line);
    }
    outcome = null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var xhr = event.detail.xhr;
    if (!(elt instanceof Element)) return;
    var holder = elt.closest("[data-cancel-url]");
    if (holder) {
      var verb = (event.detail.requestConfig && event.detail.requestConfig.verb) || "get";
      outcome = (verb === "get" ? holder.dataset.cancelMessage : holder.dataset.savedMessage) || null;
      // A new row's Cancel removes the row, whose events then reach no listener: restore
      // once the response is swapped in, on the request itself.
      xhr.addEventListener("loadend", restore);
    } else if (elt.matches("a[hx-get], button[hx-get]") && !elt.closest("#dashboard")) {
      opener = elt.getAttribute("hx-get");
      opening = xhr;
      outcome = null;
      xhr.addEventListener("loadend", function () {
        if (opening === xhr) opening = null; // the form is in, its first field has the focus
      });
    }
  });
})();

// Item forms: what the typed figures mean, while typing ([data-form-hint], words from the page):
// a share of sales as "40 % of Shop sales", a price net and gross of VAT, a ramp-up's first
// months. A display aid only: the saved figures are the server's.
// The number as the server reads it (planning/typed_numbers.py): a single mark is the
// language's thousands mark only in groups of three ("12.000" in German), else a decimal mark
// (a German "1.5" is 1.5, the value the server asks back about, never 15).
function readNumber(text, language) {
  var de = language.indexOf("de") === 0;
  var thousands = de ? "." : ",";
  var t = String(text || "").replace(/EUR|CHF|USD|,-\s*$|[€$£%\u00a0]/g, "").trim();
  t = /^-?[1-9][0-9]{0,2}( [0-9]{3})+([.,][0-9]+)?$/.test(t) ? t.replace(/ /g, "") : t;
  var marks = t.replace(/[^.,]/g, "");
  var grouped = function (digits, mark) {
    var m = mark === "." ? "\\." : ",";
    return new RegExp("^-?[1-9][0-9]{0,2}(" + m + "[0-9]{3})+$").test(digits);
  };
  if (marks.indexOf(".") >= 0 && marks.indexOf(",") >= 0) {
    var point = marks[marks.length - 1];
    var at = t.lastIndexOf(point);
    var whole = t.slice(0, at);
    if (marks.split(point).length !== 2 || !grouped(whole, point === "." ? "," : ".")) return null;
    t = whole.replace(/[.,]/g, "") + "." + t.slice(at + 1);
  } else if (marks.length > 1) {
    if (!grouped(t, marks[0])) return null;
    t = t.split(marks[0]).join("");
  } else if (marks.length === 1) {
    t = marks === thousands && grouped(t, marks) ? t.replace(marks, "") : t.replace(marks, ".");
  }
  var n = Number(t);
  return t === "" || /\s/.test(t) || isNaN(n) ? null : n;
}
function fill(template, values) {
  return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; }).replace(/%%/g, "%");
}
function formHint(form) {
  var hint = form.querySelector("[data-form-hint]");
  if (!hint) return;
  var d = hint.dataset;
  var money = new Intl.NumberFormat(d.language, { style: "currency", currency: d.currency || "EUR" });
  var value = function (name) {
    var field = form.querySelector("[name=" + name + "]");
    return field ? readNumber(field.value, d.language) : null;
  };
  var parts = [];
  var basis = form.querySelector("[name=basis]");
  var share = basis && basis.value === "income_share";
  if (d.kind === "costs" && share && value("amount") !== null) {
    var income = form.querySelector("select[name=income]");
    var name = income && income.value ? income.selectedOptions[0].textContent.trim() : d.allIncome;
    parts.push(fill(d.share, { pct: value("amount").toLocaleString(d.language) + "\u00a0%", name: name }));
  }
  var pricing = form.querySelector("[name=pricing]");
  var base = value("amount");
  if (pricing && pricing.value !== "fixed") {
    base = value("rate") !== null && value("quantity") !== null ? value("rate") * value("quantity") : null;
  }
  var rate = value("vat_rate_pct");
  if (d.vat && !share && base !== null && rate) {
    var included = d.kind === "costs" || (form.querySelector("[name=prices_include_vat]") || {}).checked;
    var shown = { amount: money.format(base), rate: rate.toLocaleString(d.language) };
    if (included) {
      shown.net = money.format(base / (1 + rate / 100));
      parts.push(fill(d.net, shown));
    } else {
      shown.gross = money.format(base * (1 + rate / 100));
      parts.push(fill(d.gross, shown));
    }
  }
  var ramp = value("ramp_up_months");
  if (d.kind === "incomes" && base !== null && ramp && ramp >= 2) {
    var step = function (k) { return money.format(base * Math.min(1, k / ramp)); };
    var words = ramp === 2 ? d.rampTwo : d.ramp;
    parts.push(fill(words, { first: step(1), second: step(2), full: money.format(base), months: ramp }));
  }
  hint.textContent = parts.join(" ");
}
document.addEventListener("input", function (event) {
  var form = event.target instanceof Element && event.target.closest("form.item-form");
  if (form) formHint(form);
});
document.addEventListener("change", function (event) {
  var form = event.target instanceof Element && event.target.closest("form.item-form");
  if (form) formHint(form);
});
function allFormHints(root) {
  root.querySelectorAll("form.item-form").forEach(formHint);
}
document.addEventListener("DOMContentLoaded", function () { allFormHints(document); });
document.addEventListener("htmx:load", function (event) { allFormHints(event.target); });
// What-if preview below 64rem: its result stays at the screen's foot (ecareer.css); the slider
// the reader moves is scrolled clear of it (the page's scroll-padding is the result's height).
document.addEventListener("htmx:afterSettle", function () {
  var moved = document.activeElement;
  if (!document.getElementById("what-if-result") || !(moved instanceof Element)) return;
  if (moved.closest("#what-if") && getComputedStyle(document.getElementById("what-if-result")).position === "fixed") {
    moved.scrollIntoView({ block: "nearest" });
  }
});
