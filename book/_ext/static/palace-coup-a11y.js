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

  // A box that scrolls sideways (a wide equation, code block or output on a
  // phone) must be reachable from the keyboard, to be scrolled with the
  // arrow keys. The theme does this for code and output on a window resize
  // only (not when its site menu opens beside the article), and not for
  // equations; a box it marked -1 that now scrolls is given its tab stop.
  var SCROLLERS =
    "div.math > math, div.math > .math-equations, pre, .cell_output > .output";
  function tabStopsOnScrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      var stop = box.getAttribute("tabindex");
      if ((stop === null || stop === "-1") && box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
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
        tabStopsOnScrollers();
      });
    }
  }

  // On a touch screen a tapped header icon's tooltip stayed up over its
  // neighbours until the next tap elsewhere. Each icon button has a name of
  // its own, so there the tooltips are not made at all (this script runs
  // before the theme's bootstrap.js, which makes them).
  function noTooltipsOnTouch() {
    if (window.matchMedia("(hover: none)").matches) {
      document
        .querySelectorAll('[data-bs-toggle="tooltip"]')
        .forEach(function (element) {
          element.removeAttribute("data-bs-toggle");
        });
    }
  }

  noTooltipsOnTouch();
  window.addEventListener("resize", schedule);
  document.addEventListener("DOMContentLoaded", function () {
    labelQuizAnswers();
    tabStopsOnScrollers();
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
    });
    // The article narrows when the site menu opens beside it (no resize).
    var article = document.querySelector("main");
    if (article && "ResizeObserver" in window) {
      new ResizeObserver(schedule).observe(article);
    }
  });
})();
