// When a form comes back with problems, move focus to the list of them (the GOV.UK error
// summary), so a screen reader reads them first and a phone scrolls to them. The pages work
// without this: the summary is the first thing in the main content, has role="alert" and
// the page title starts with "Error:". No autofocus attribute is used, as it would move
// focus before the page is read. Loaded as a file because the CSP allows no inline script.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) {
    return;
  }
  if (!summary.hasAttribute("tabindex")) {
    summary.setAttribute("tabindex", "-1");
  }
  summary.focus();
})();
