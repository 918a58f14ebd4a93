// ecareer's small JS glue. Loaded with `defer`; no inline scripts so the CSP stays strict.
"use strict";

// Scenario editor: Escape inside a form row or card in edit mode restores its display (as Cancel).
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape" || !window.htmx || !(event.target instanceof Element)) return;
  var holder = event.target.closest("[data-cancel-url]");
  if (!holder) return;
  event.preventDefault();
  window.htmx.ajax("GET", holder.dataset.cancelUrl, { target: holder, swap: "outerHTML" });
});
