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

// Income form: show the amount for a fixed price, the rate and quantity otherwise. Without
// JavaScript all three show; a field holding an error is never hidden.
function showPricingFields(form) {
  var pricing = form.querySelector("select[name=pricing]");
  if (!pricing) return;
  form.querySelectorAll("[data-pricing]").forEach(function (field) {
    var wanted = field.dataset.pricing.split(" ").indexOf(pricing.value) !== -1;
    field.hidden = !wanted && !field.querySelector(".errorlist");
  });
}
document.addEventListener("change", function (event) {
  if (event.target instanceof Element && event.target.matches("select[name=pricing]")) {
    showPricingFields(event.target.form);
  }
});
function showAllPricingFields(root) {
  root.querySelectorAll("form.item-form").forEach(showPricingFields);
}
document.addEventListener("DOMContentLoaded", function () { showAllPricingFields(document); });
document.addEventListener("htmx:load", function (event) { showAllPricingFields(event.target); });
