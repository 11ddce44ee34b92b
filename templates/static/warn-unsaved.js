// Long question pages (the business plan, the rules) keep what was typed whenever a save is
// refused, but a link away from the page does not save it. On a form marked
// data-warn-unsaved, once something has been typed, the browser asks before leaving the page
// other than by one of the form's own buttons. Without this script the pages say, beside their
// links, that the links do not save. Loaded as a file because the CSP allows no inline script.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-warn-unsaved]");
  if (!forms.length) {
    return;
  }
  var changed = false;
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("input", function () {
      changed = true;
    });
    form.addEventListener("change", function () {
      changed = true;
    });
    form.addEventListener("submit", function () {
      changed = false;
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (!changed) {
      return;
    }
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = "";
  });
})();
