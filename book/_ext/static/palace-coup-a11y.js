// Accessibility fixes for widgets that other packages draw into the book's
// pages (registered by book/_ext/accessibility.py).
(function () {
  "use strict";

  // jupyterquiz writes a <label> beside each answer box without tying the two
  // together, so a screen reader announces an unnamed text field.
  function labelQuizAnswers() {
    document.querySelectorAll(".Quiz .Input-text").forEach(function (input) {
      var label = input.parentElement.querySelector("label.InpLabel");
      if (label && input.id && !label.htmlFor) {
        label.htmlFor = input.id;
      }
    });
  }

  var pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        labelQuizAnswers();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelQuizAnswers();
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
})();
