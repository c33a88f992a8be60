// Quizzes for every reader: jupyterquiz's questions, made usable from the
// keyboard, on a phone and with a screen reader. Shown by palace_coup.quiz
// in a live notebook, and loaded by the published book (book/_ext/quizzes.py).
//
// - A choice is chosen by a click, a tap, the arrow keys or Space, and
//   answered only by the Check button (or Enter): jupyterquiz answered on
//   every click, so the arrow keys, which move through a group of radio
//   buttons, answered each choice they passed.
// - The chosen choice and the focused one are visible (the style sheet).
// - Feedback is a polite live region (role="status"), so it is announced.
// - Number boxes bring up the decimal keypad (inputmode="decimal"); a decimal
//   comma is read as a point; pasting works; coming back to a box selects
//   its answer instead of wiping it.
// - In the book, a quiz is built only when it comes near the viewport, so
//   that building it does not hold up the page.
(function () {
  "use strict";

  if (window.palaceCoupQuiz) {
    window.palaceCoupQuiz.enhanceAll(document);
    return;
  }

  var NEAR = "600px 0px";
  var checking = null; // the choice being answered by its Check button

  function status(question) {
    return question.querySelector(".Feedback");
  }

  function say(question, text) {
    var feedback = status(question);
    feedback.textContent = text;
    feedback.style.display = "block";
  }

  function checkButton(question, onCheck) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pc-quiz-check";
    button.textContent = "Check";
    button.addEventListener("click", onCheck);
    var feedback = status(question);
    question.insertBefore(button, feedback);
    return button;
  }

  function enhanceChoices(question) {
    var answers = question.querySelector(".Answer");
    var prompt = question.querySelector('[id^="quizQn"]');
    answers.setAttribute("role", "radiogroup");
    if (prompt) {
      answers.setAttribute("aria-labelledby", prompt.id);
    }
    // Choosing must not answer: stop the click before jupyterquiz's handler
    // on the choice sees it (the radio button is still checked).
    question.addEventListener(
      "click",
      function (event) {
        var choice = event.target.closest(".MCButton");
        if (choice && choice !== checking) {
          event.stopPropagation();
        }
      },
      true,
    );
    function answer() {
      var chosen = question.querySelector(".MCButton input:checked");
      if (!chosen) {
        say(question, "Choose an answer first, then press Check.");
        return;
      }
      checking = chosen.closest(".MCButton");
      try {
        checking.click();
      } finally {
        checking = null;
      }
    }
    checkButton(question, answer);
    question.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.matches(".MCButton input")) {
        event.preventDefault();
        answer();
      }
    });
  }

  function enhanceBox(question, input) {
    var numeric = question.querySelector(".NumericQn") !== null;
    if (numeric) {
      input.setAttribute("inputmode", "decimal");
    }
    input.setAttribute("autocomplete", "off");
    input.setAttribute("enterkeyhint", "done");
    input.onpaste = null; // jupyterquiz refused pasted answers
    // A decimal comma is read as a point: jupyterquiz drops a typed comma
    // (a phone's keypad may offer nothing else), and takes no pasted one.
    question.addEventListener(
      "keypress",
      function (event) {
        if (numeric && event.target === input && event.key === ",") {
          event.preventDefault();
          event.stopPropagation();
          if (input.value.indexOf(".") < 0) {
            input.setRangeText(".", input.selectionStart, input.selectionEnd, "end");
          }
        }
      },
      true,
    );
    input.addEventListener("input", function () {
      if (numeric && input.value.indexOf(",") >= 0) {
        input.value = input.value.replace(/,/g, ".");
      }
    });
    // jupyterquiz blurs the box once it has checked an answer given with
    // Enter: give the focus back, unless it moved on to the next question.
    input.addEventListener("keypress", function (event) {
      if (event.key === "Enter") {
        window.setTimeout(function () {
          if (document.activeElement === document.body) {
            input.focus();
          }
        }, 0);
      }
    });
    checkButton(question, function () {
      input.dispatchEvent(
        new KeyboardEvent("keypress", {
          key: "Enter",
          keyCode: 13,
          which: 13,
          bubbles: true,
        }),
      );
    });
  }

  function enhance(question) {
    if (question.dataset.pcQuiz === "ready") {
      return;
    }
    var feedback = status(question);
    if (!feedback) {
      return; // not drawn yet
    }
    question.dataset.pcQuiz = "ready";
    feedback.setAttribute("role", "status");
    feedback.setAttribute("aria-live", "polite");
    feedback.setAttribute("aria-atomic", "true");
    var input = question.querySelector("input.Input-text");
    if (input) {
      enhanceBox(question, input);
    } else if (question.querySelector(".MCButton")) {
      enhanceChoices(question);
    }
  }

  function enhanceAll(root) {
    root.querySelectorAll(".Quiz").forEach(enhance);
  }

  // jupyterquiz empties a number box whenever it gets the focus; keep the
  // answer and select it, so that typing replaces it.
  document.addEventListener(
    "focus",
    function (event) {
      var target = event.target;
      if (target.matches && target.matches(".Quiz input.Input-text")) {
        event.stopImmediatePropagation();
        event.stopPropagation();
        if (typeof target.select === "function") {
          target.select();
        }
      }
    },
    true,
  );

  // The book writes each quiz's script as text/plain: it runs here, when the
  // quiz comes near.
  function build(script) {
    if (script.dataset.pcQuizBuilt) {
      return;
    }
    script.dataset.pcQuizBuilt = "true";
    var code = document.createElement("script");
    code.textContent = script.textContent;
    script.after(code);
    enhanceAll(script.parentElement);
  }

  function buildWhenNear() {
    var scripts = document.querySelectorAll("script[data-pc-quiz]");
    if (!scripts.length) {
      return;
    }
    if (!("IntersectionObserver" in window)) {
      scripts.forEach(build);
      return;
    }
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            entry.target
              .querySelectorAll("script[data-pc-quiz]")
              .forEach(build);
          }
        });
      },
      { rootMargin: NEAR },
    );
    scripts.forEach(function (script) {
      observer.observe(script.parentElement);
    });
  }

  window.palaceCoupQuiz = { enhance: enhance, enhanceAll: enhanceAll };
  new MutationObserver(function () {
    enhanceAll(document);
  }).observe(document.body, { childList: true, subtree: true });
  enhanceAll(document);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", buildWhenNear);
  } else {
    buildWhenNear();
  }
})();
