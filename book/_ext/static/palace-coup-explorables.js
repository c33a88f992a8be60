// The explorers of the published book (laid out by book/_ext/explorables.py).
//
// Each move of a control sets the chart's Vega parameter of the same name;
// once Vega has recomputed, the result is said in the explorer's live region,
// in the words of palace_coup.readouts (the sentences come from the page's
// data), from the values the Vega twin computed, and the groups' bars and the
// table follow. Numbers are rounded as readouts.fixed() does (toFixed: half
// up on the exact value). tests/test_explorables.py proves that the page says
// what the Python model says.
(function () {
  "use strict";

  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return String(fields[key]);
    });
  }

  function percent(share) {
    return String(Number(share.toFixed(2).replace(".", "")));
  }

  function setText(root, selector, text) {
    var element = root.querySelector(selector);
    if (element) {
      element.textContent = text;
    }
  }

  var SAY = {
    weigher: function (explorer, view) {
      var T = explorer.config.templates;
      var index = view.data(explorer.config.data.index)[0];
      var rows = view.data(explorer.config.data.rows);
      if (!(index.total > 0)) {
        rows = [];
      }
      var largest = 0;
      var top = null;
      rows.forEach(function (row) {
        if (row.contribution > largest) {
          largest = row.contribution;
          top = row;
        }
      });
      explorer.root.querySelectorAll(".pc-group[data-id]").forEach(function (group) {
        var row = rows.find(function (r) {
          return r.id === group.dataset.id;
        });
        var part = row ? row.contribution : 0;
        group.querySelector(".pc-bar span").style.width =
          (largest > 0 ? (100 * part) / largest : 0).toFixed(1) + "%";
        setText(group, '[data-field="contribution"]', part.toFixed(3));
        var cells = explorer.root.querySelector('tr[data-id="' + group.dataset.id + '"]');
        if (cells && row) {
          setText(cells, '[data-field="score"]', row.score.toFixed(2));
          setText(cells, '[data-field="weight"]', row.weight.toFixed(1));
          setText(cells, '[data-field="contribution"]', part.toFixed(3));
        }
      });
      if (!(index.total > 0)) {
        return T.zero_weights;
      }
      var change = "";
      if (explorer.previous !== null) {
        var step = index.index - explorer.previous;
        var shown = Math.abs(step).toFixed(3);
        change =
          Number(shown) === 0
            ? T.unchanged
            : fill(step > 0 ? T.up : T.down, { change: shown });
      }
      explorer.previous = index.index;
      return fill(T.weigher, {
        index: (index.index + 0).toFixed(3),
        change: change,
        rule: index.rule,
        top: top ? top.label : T.no_top,
      });
    },
    loyalty: function (explorer, view) {
      var T = explorer.config.templates;
      var months = explorer.config.months;
      var crossed = view.data(explorer.config.data.crossings).slice();
      crossed.sort(function (a, b) {
        return a.month - b.month; // stable: factions keep their order in a tie
      });
      explorer.root.querySelectorAll("tr[data-faction]").forEach(function (row) {
        var found = crossed.find(function (r) {
          return r.faction === row.dataset.faction;
        });
        setText(row, '[data-field="month"]', found ? String(found.month)
          : fill(T.not_crossed, { months: months }));
      });
      var parts = crossed.map(function (r) {
        return fill(T.crossing, { label: r.faction_label, month: r.month });
      });
      return fill(T.loyalty, {
        crossed: parts.length ? parts.join(", ") : fill(T.none_crossed, { months: months }),
      });
    },
    cascade: function (explorer, view) {
      var reached = view.data(explorer.config.data.reached)[0];
      var values = explorer.values();
      var params = explorer.config.params;
      var table = explorer.root.querySelector(".pc-values");
      setText(table, '[data-field="mean"] td', values[params.mean].toFixed(2));
      setText(table, '[data-field="sd"] td', values[params.sd].toFixed(2));
      setText(table, '[data-field="initial"] td', percent(reached.initial) + "%");
      setText(table, '[data-field="equilibrium"] td', percent(reached.equilibrium) + "%");
      return fill(explorer.config.templates.cascade, {
        initial: percent(reached.initial),
        equilibrium: percent(reached.equilibrium),
      });
    },
  };

  function Explorer(root) {
    this.root = root;
    this.config = JSON.parse(root.querySelector(".pc-explorer-data").textContent);
    this.chart = document.getElementById(this.config.chart);
    this.readout = root.querySelector(".pc-readout");
    this.form = root.querySelector(".pc-explorer-controls");
    this.previous = null;
    this.view = null;
    this.pending = Promise.resolve();
  }

  Explorer.prototype.values = function () {
    var values = {};
    this.form.querySelectorAll("input").forEach(function (input) {
      if (input.type === "range") {
        values[input.name] = Number(input.value);
      } else if (input.checked) {
        values[input.name] = input.value;
      }
    });
    return values;
  };

  Explorer.prototype.showValue = function (input) {
    var output = input.parentElement.querySelector("output");
    if (output) {
      output.textContent = Number(input.value).toFixed(Number(input.dataset.places));
    }
  };

  Explorer.prototype.update = function () {
    var self = this;
    if (!self.view) {
      self.chart.dispatchEvent(new CustomEvent("palace-coup:wake"));
      return self.pending;
    }
    self.pending = self.pending.then(function () {
      var values = self.values();
      Object.keys(values).forEach(function (name) {
        self.view.signal(name, values[name]);
      });
      return self.view.runAsync().then(function () {
        var said = SAY[self.config.explorer](self, self.view);
        if (self.readout.textContent !== said) {
          self.readout.textContent = said;
        }
        self.root.dataset.pcSaid = String(Number(self.root.dataset.pcSaid || 0) + 1);
      });
    });
    return self.pending;
  };

  Explorer.prototype.live = function (view) {
    if (this.view) {
      return;
    }
    this.view = view;
    this.root.dataset.pcState = "live";
    this.update();
  };

  function start() {
    document.querySelectorAll(".pc-explorer").forEach(function (root) {
      var explorer = new Explorer(root);
      explorer.form.addEventListener("input", function (event) {
        if (event.target.type === "range") {
          explorer.showValue(event.target);
        }
        explorer.update();
      });
      explorer.form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
      explorer.chart.addEventListener("palace-coup:chart", function (event) {
        explorer.live(event.detail.view);
      });
      if (explorer.chart.pcView) {
        explorer.live(explorer.chart.pcView);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
