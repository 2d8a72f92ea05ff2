// Warn before leaving a form marked data-warn-unsaved with changes that were not saved.
// Loaded with defer (the CSP forbids inline scripts); the form works the same without it.
(function () {
  "use strict";
  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var saved = new FormData(form);
    var submitting = false;

    function changed() {
      var now = new FormData(form);
      var names = new Set(Array.from(saved.keys()).concat(Array.from(now.keys())));
      return Array.from(names).some(function (name) {
        return String(saved.getAll(name)) !== String(now.getAll(name));
      });
    }

    form.addEventListener("submit", function () {
      submitting = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && changed()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  });
})();
