// Live charts, drawn when they come near (registered by book/_ext/lazy_charts.py).
//
// Each chart is in the page twice: as an SVG picture drawn when the book was
// built (shown at once), and as a compiled Vega spec in a JSON script. When
// the first chart comes within about a screen of the viewport, vega is loaded
// (once per page); each chart near the viewport is then drawn live, one per
// task so that the page stays responsive, and replaces its picture. The live
// chart's container gets data-pc-state="live" and fires "palace-coup:chart"
// with the vega View in event.detail.view (kept as container.pcView). A "palace-coup:wake" event on a
// container draws it at once (an explorer's first move, far from the chart).
(function () {
  "use strict";

  var VEGA = new URL("vendor/vega.js", document.currentScript.src).href;
  var AHEAD = 600; // px: start about three-quarters of a phone screen ahead
  var NEAR = AHEAD + "px 0px";
  var loading = null;
  var queue = Promise.resolve();

  function loadVega() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = VEGA;
        script.async = true;
        script.onload = function () {
          resolve(window.vega);
        };
        script.onerror = function () {
          reject(new Error("could not load " + VEGA));
        };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function nextTask() {
    return new Promise(function (resolve) {
      window.setTimeout(resolve, 0);
    });
  }

  function draw(vega, container) {
    var source = document.getElementById(container.dataset.pcSpec);
    var spec = JSON.parse(source.textContent);
    var view = new vega.View(vega.parse(spec), {
      container: container,
      renderer: "svg",
      hover: true,
    });
    return view.runAsync().then(function () {
      var picture = container.querySelector(":scope > .pc-picture");
      container.pcView = view;
      container.dataset.pcState = "live";
      if (picture) {
        picture.remove();
      }
      container.dispatchEvent(
        new CustomEvent("palace-coup:chart", {
          bubbles: true,
          detail: { view: view },
        }),
      );
    });
  }

  function fail(container, error) {
    container.dataset.pcState = "failed";
    var note = document.createElement("p");
    note.className = "pc-chart-note";
    note.setAttribute("role", "status");
    note.textContent =
      "The interactive chart could not be loaded: this is a picture of its " +
      "default view.";
    container.appendChild(note);
    console.error("palace-coup chart", container.id, error);
  }

  function wake(container) {
    if (container.dataset.pcQueued) {
      return;
    }
    container.dataset.pcQueued = "true";
    queue = queue
      .then(loadVega)
      .then(function (vega) {
        return nextTask().then(function () {
          return draw(vega, container);
        });
      })
      .catch(function (error) {
        fail(container, error);
      });
  }

  // A reader who follows a link to a place in the page (its address's
  // fragment) is taken there once the page is laid out: the charts near that
  // place are woken now, not when the observer first reports after the
  // scroll (150-200 ms later on a slow phone).
  function fragmentTarget() {
    var id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (error) {
      // A malformed address (a lone "%"): look for the id as it is written.
    }
    return id ? document.getElementById(id) : null;
  }

  function nearTheTarget(charts) {
    var target = fragmentTarget();
    if (!target) {
      return [];
    }
    var top = target.getBoundingClientRect().top;
    return Array.prototype.filter.call(charts, function (chart) {
      var box = chart.getBoundingClientRect();
      return box.bottom > top - AHEAD && box.top < top + window.innerHeight + AHEAD;
    });
  }

  function start() {
    var charts = document.querySelectorAll(".pc-chart[data-pc-spec]");
    nearTheTarget(charts).forEach(wake);
    if (!("IntersectionObserver" in window)) {
      charts.forEach(wake);
      return;
    }
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            wake(entry.target);
          }
        });
      },
      { rootMargin: NEAR },
    );
    charts.forEach(function (chart) {
      observer.observe(chart);
    });
  }

  function listen() {
    document.querySelectorAll(".pc-chart[data-pc-spec]").forEach(function (chart) {
      chart.addEventListener("palace-coup:wake", function () {
        wake(chart);
      });
    });
    start();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", listen);
  } else {
    listen();
  }
})();
