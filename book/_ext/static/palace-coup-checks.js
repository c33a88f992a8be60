/* Palace Coup? exercises answered in the page, without a kernel.
 *
 * The page's JSON (id "pc-checks", written by book/_ext/exercise_checks.py
 * from palace_coup.feedback.page) holds every expected answer, tolerance,
 * misconception and the words of every message. This script reads an entry
 * by the same rules as palace_coup.feedback.check (feedback/answers.py and
 * feedback/checkers.py; tests/test_exercise_pages.py proves that they agree),
 * keeps the answers in localStorage, and fills the summaries, the My progress
 * page and the student's record. The book serves it minified (rjsmin).
 */
(() => {
  "use strict";
  const STORE = "palace-coup:exercise-record";
  const VERDICTS = { "✓ Right:": "right", "Not yet:": "not_yet", "✓ Written:": "written", "✓ Recorded:": "recorded" };
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  const script = document.getElementById("pc-checks");
  const data = script ? JSON.parse(script.textContent) : { questions: {} };
  const R = data.rules;
  const all = (root, selector) => Array.from(root.querySelectorAll(selector));

  // ---- reading an entry: feedback/plain.py and feedback/answers.py ------------
  class Unreadable { constructor(message) { this.message = message; } }
  const say = (name, fields = {}) => R.templates[name].replace(/\{(\w+)\}/g, (_, key) => {
    if (!(key in fields)) { throw new Error(`no field ${key} for ${name}`); }
    return String(fields[key]);
  });
  const fail = (name, fields) => { throw new Unreadable(say(name, fields)); };
  const full = (pattern, text) => new RegExp(`^(?:${pattern})$`).exec(text);
  const strip = (text) => {
    let a = 0, b = text.length;
    while (a < b && R.whitespace.includes(text[a])) { a++; }
    while (b > a && R.whitespace.includes(text[b - 1])) { b--; }
    return text.slice(a, b);
  };
  const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const plainText = (text) => {  // plain.py: _text (lengths in code points, as Python)
    const length = text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) || []).length;
    if (length > R.max_text) { fail("too_long", { length: grouped(length), limit: grouped(R.max_text) }); }
  };
  const finite = (value, shown) => {
    if (Number.isNaN(value)) { fail("nan"); }
    if (!Number.isFinite(value)) { fail("infinite"); }
    return { value, shown };
  };
  const shown = (text) => (text.length <= R.shown ? text : `${text.slice(0, R.shown - 3)}...`);
  const number = (entry) => {  // answers.py: _text_number
    const text = strip(entry).replace(/\u2212/g, "-");
    if (!text) { fail("empty_value"); }
    if (text.endsWith("%")) { fail("percent_text"); }
    if (full(R.number, text)) { return finite(Number(text), shown(text)); }
    if (full(R.comma, text)) { fail("comma_text", { fixed: shown(text.replace(",", ".")), text: shown(text) }); }
    const parts = full(R.fraction, text);
    if (!parts) { fail("not_a_number_text"); }
    if (Number(parts[2]) === 0) { fail("zero_below"); }
    return finite(Number(parts[1]) / Number(parts[2]), shown(text));
  };
  const pad = (n, width) => String(n).padStart(width, "0");
  const calendar = (text, y, m, d) => {  // a date datetime.date accepts
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    if (y < 1 || d < 1 || d > days) { fail("not_in_calendar", { text }); }
    return { y, m, d };
  };
  const month = (entry) => {  // answers.py: _month
    const parts = full(R.month, strip(entry));
    if (!parts) { fail("not_a_month"); }
    const y = Number(parts[1]), m = Number(parts[2]);
    if (m < 1 || m > 12) { fail("month_range", { month: parts[2] }); }
    if (parts[3] !== undefined) { calendar(parts[0], y, m, Number(parts[3])); }
    return { y, m };
  };
  const date = (entry, name) => {  // answers.py: _date
    const parts = full(R.date, strip(entry));
    if (!parts) { fail("not_a_date", { name }); }
    return calendar(parts[0], Number(parts[1]), Number(parts[2]), Number(parts[3]));
  };
  const blank = (entry) => (typeof entry === "string" ? !strip(entry)
    : (Array.isArray(entry) ? entry : Object.keys(entry)).length === 0);

  // ---- checking it: feedback/checkers.py --------------------------------------
  const close = (value, target, tolerance) => Math.abs(value - target) <= tolerance + 1e-12;
  const targeted = (q, test) => {
    const rule = q.wrong.find(test);
    // An extra or missing option's id is left out of the data: it is kind_option.
    const id = (r) => r.id || ("extra" in r ? `extra_${r.extra}` : `missing_${r.missing}`);
    return rule ? [rule.message, id(rule)] : ["", null];
  };
  const notYet = ([message, id], fallback) => [false, message || fallback, id];
  const repr = (id) => `'${id}'`;
  const KINDS = {
    number(q, entry) {
      const n = number(entry), v = n.value, tolerance = q.tolerance_text;
      if (close(v, q.truth, q.tolerance)) { return [true, say("number_right", { shown: n.shown, tolerance }), null]; }
      return notYet(targeted(q, (rule) => ("percent" in rule ? close(v, 100 * q.truth, 100 * q.tolerance)
        : "value" in rule ? close(v, rule.value, q.tolerance) : "above" in rule && v > rule.above)),
      say("number_wrong", { shown: n.shown, tolerance }));
    },
    integer(q, entry) {
      const n = number(entry), v = n.value;
      if (!Number.isInteger(v)) {
        const crossing = q.truth - 1 < v && v < q.truth;
        return notYet(targeted(q, (rule) => "not_integer" in rule && crossing), say("not_whole", n));
      }
      if (v === q.truth) { return [true, say("integer_right", n), null]; }
      return notYet(targeted(q, (rule) => ("offset" in rule ? v === q.truth + rule.offset
        : "value" in rule && v === rule.value)), say("integer_wrong", n));
    },
    calendar_month(q, entry) {
      const [y0, m0] = R.start.split("-").map(Number), when = month(entry);
      const given = (when.y - y0) * 12 + (when.m - m0), text = `${pad(when.y, 4)}-${pad(when.m, 2)}`;
      if (given === q.truth) { return [true, say("month_right", { month: text, truth: q.truth, start_day: R.start_day }), null]; }
      return notYet(targeted(q, (rule) => "offset" in rule && given === q.truth + rule.offset),
        say("month_wrong", { month: text, given, start_month: R.start_month }));
    },
    choice(q, [value]) {
      if (q.truths.includes(value)) { return [true, say("choice_right", { value: repr(value) }), null]; }
      return notYet(targeted(q, (rule) => "value" in rule && value === String(rule.value)),
        say("choice_wrong", { value: repr(value) }));
    },
    choices(q, entry) {
      const given = [...entry].sort();
      const missing = q.truths.filter((o) => !given.includes(o)).sort();
      const extra = given.filter((o) => !q.truths.includes(o) && !q.acceptable.includes(o));
      if (!missing.length && !extra.length) {
        const kept = given.filter((o) => q.acceptable.includes(o));
        const note = kept.length ? say("choices_also", { kept: kept.map(repr).join(", ") }) : "";
        return [true, say("choices_right", { given: given.join(", "), note }), null];
      }
      const found = extra.map((item) => [targeted(q, (rule) => rule.extra === item), say("choices_extra", { item: repr(item) })])
        .concat(missing.slice(0, 1).map((item) => [targeted(q, (rule) => rule.missing === item), say("choices_missing")]));
      const messages = [...new Set(found.map(([hit, fallback]) => hit[0] || fallback))];
      const fired = found.find(([hit]) => hit[1]);
      return [false, messages.join(" "), fired ? fired[0][1] : null];
    },
    text(q, entry) {
      const count = (entry.match(new RegExp(R.word, "gu")) || []).length;
      if (count >= q.min_words) { return [true, say("words_written", { count }), null]; }
      const [message, id] = targeted(q, (rule) => "shorter" in rule);
      return [false, say("words_short", { count, message }), id];
    },
    rubric_scores(q, entry) {
      const missing = q.criteria.filter((key) => !(key in entry));
      if (missing.length) {
        const [message, id] = targeted(q, (rule) => "unknown" in rule);
        const keys = missing.map(repr).join(", ");
        return [false, say("rubric_keys", { message, criteria: q.criteria.map(repr).join(", "), unknown: "",
          missing: say("rubric_missing", { keys }) }), id];
      }
      let total = 0;
      const low = [];
      for (const key of q.criteria) {
        const n = number(entry[key]);
        if (![0, 1, 2].includes(n.value)) { return [false, say("rubric_score", { key: repr(key), shown: n.shown }), null]; }
        total += n.value;
        if (n.value < 2) { low.push(q.advice[key]); }
      }
      const advice = low.length ? say("rubric_advice", { advice: low.join(" ") }) : say("rubric_full");
      return [true, say("rubric_right", { total, most: 2 * q.criteria.length, advice }), null];
    },
    forecast(q, entry) {
      const made = date(entry.date, "made_on"), p = number(entry.probability);
      const day = made.y * 1e4 + made.m * 100 + made.d, digits = (text) => Number(text.replace(/-/g, ""));
      if (p.value > 1) { return notYet(targeted(q, (rule) => "percent" in rule), ""); }
      if (p.value < 0) { return [false, say("forecast_negative"), null]; }
      if (day > digits(q.latest) || day < digits(R.start)) { return notYet(targeted(q, (rule) => "date" in rule), ""); }
      const certain = p.value === 0 || p.value === 1 ? say("forecast_certain") : "";
      return [true, say("forecast_right", { shown: p.shown, day: `${pad(made.d, 2)} ${MONTHS[made.m - 1]} ${made.y}`, certain }), null];
    },
    scored_forecast(q, entry) {
      const p = number(entry.probability), s = number(entry.brier_score), o = q.outcome;
      if (!(p.value >= 0 && p.value <= 1)) { return notYet(targeted(q, (rule) => "percent" in rule), ""); }
      const error = p.value - o, other = p.value - (1 - o), tolerance = q.tolerance_text;
      if (close(s.value, error * error, q.tolerance)) {
        return [true, say("scored_right", { probability: p.shown, outcome: o, score: s.shown, tolerance }), null];
      }
      const wrong = { other_outcome: other * other, not_squared: Math.abs(error) };
      return notYet(targeted(q, (rule) => "value" in rule && close(s.value, wrong[rule.value], q.tolerance)),
        say("scored_wrong", { score: s.shown, probability: p.shown }));
    },
  };
  const check = (q, entry) => {  // checkers.py: check
    let verdict;
    try {
      (typeof entry === "string" ? [entry] : Object.values(entry)).forEach(plainText);
      verdict = blank(entry) ? [false, say("blank", { expected: q.expected }), null] : KINDS[q.kind](q, entry);
    } catch (error) {
      if (!(error instanceof Unreadable)) { throw error; }
      verdict = [false, say("unreadable", { error: error.message, expected: q.expected }), null];
    }
    const [correct, said, misconception] = verdict;
    const message = correct && q.explain ? say("explained", { message: said, explain: q.explain }) : said;
    const label = correct ? q.label || "✓ Right:" : "Not yet:";
    return { correct, label, verdict: VERDICTS[label], message, misconception };
  };

  // ---- the page: forms, feedback, storage -------------------------------------
  const load = () => {
    try { return JSON.parse(localStorage.getItem(STORE)) || { name: "", answers: {} }; } catch (e) { return { name: "", answers: {} }; }
  };
  const save = (record) => {
    try { localStorage.setItem(STORE, JSON.stringify(record)); return true; } catch (e) { return false; }
  };
  const element = (tag, text, className) => {  // results.py: _inline_html, built with text nodes
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    (text || "").split(/`([^`]+)`/).forEach((part, i) => {
      const child = i % 2 ? document.createElement("code") : document.createTextNode(part);
      child.textContent = part;
      node.append(child);
    });
    return node;
  };
  const entryOf = (form) => {
    const chosen = (name) => all(form, `input[name="${name}"]:checked`).map((input) => input.value);
    const kind = form.dataset.kind, values = {};
    if (kind === "choice" || kind === "choices") { return chosen("answer"); }
    if (kind === "rubric_scores") {
      data.questions[form.dataset.question].criteria.forEach((key) => { if (chosen(key).length) { values[key] = chosen(key)[0]; } });
      return values;
    }
    if (kind.endsWith("forecast")) { all(form, "input").forEach((input) => { values[input.name] = input.value; }); return values; }
    return form.elements.answer.value;
  };
  const fill = (form, entry) => all(form, "input, textarea").forEach((input) => {
    const value = typeof entry === "string" ? entry : entry[input.name];
    if (input.type === "radio" || input.type === "checkbox") {
      input.checked = Array.isArray(entry) ? entry.includes(input.value) : value === input.value;
    } else if (typeof value === "string") { input.value = value; }
  });
  const show = (form, q, result) => {
    const box = form.querySelector(".pc-feedback"), line = element("p", ` ${result.message}`, "pc-message");
    line.prepend(element("strong", result.label));
    box.replaceChildren(line);
    if (result.correct && q.kind === "text") {
      const list = element("ul");
      q.rubric.forEach((item) => list.append(element("li", item)));
      box.append(list);
    }
    if (!result.correct) {
      const hint = element("details", "", "pc-hint");
      hint.append(element("summary", "Need a hint?"), element("p", q.hint));
      box.append(hint);
    }
    const link = element("a", "Compare with the worked solution");
    link.href = data.solution + form.dataset.solution;
    box.append(element("p", "", "pc-solution"));
    box.lastChild.append(link);
    form.dataset.verdict = result.verdict;
    form.dataset.misconception = result.misconception || "";
  };
  const summaries = (record) => {
    let done = 0, total = 0;
    all(document, ".pc-summary").forEach((section) => {
      const rows = all(section, "[data-question]");
      rows.forEach((row) => {
        const saved = record.answers[row.dataset.question], ok = saved && saved.verdict !== "not_yet";
        row.querySelector(".pc-status").textContent = ok ? `✓ ${saved.verdict.replace("right", "done")}`
          : (saved ? "not yet (tried)" : "not yet");
        row.dataset.status = ok ? "done" : "not-yet";
      });
      const answered = rows.filter((row) => row.dataset.status === "done").length;
      section.querySelector(".pc-count").textContent = `${answered} of ${rows.length} questions done.`;
      done += answered;
      total += rows.length;
    });
    const sum = document.querySelector(".pc-total");
    if (sum) { sum.textContent = `${done} of ${total} questions done across the book.`; }
  };
  const stamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const submit = (event) => {
    event.preventDefault();
    const form = event.currentTarget, q = data.questions[form.dataset.question], entry = entryOf(form);
    const result = check(q, entry), record = load();
    show(form, q, result);
    record.answers[q.id] = { answer: typeof entry === "string" ? entry.slice(0, R.max_text) : entry,
      verdict: result.verdict, misconception: result.misconception, at: stamp() };
    if (!save(record)) { form.querySelector(".pc-feedback").append(element("p", "(This browser does not keep answers.)")); }
    summaries(record);
  };
  const download = (event) => {
    event.preventDefault();
    const record = load(), name = event.currentTarget.elements.name.value;
    save({ ...record, name });
    const file = { format: "palace-coup-exercise-record", version: 1, name, saved: stamp(), answers: record.answers };
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: "application/json" }));
    link.download = `palace-coup-record${name ? `-${name.replace(/[^\w-]+/g, "_").slice(0, 40)}` : ""}.json`;
    document.body.append(link);
    link.click();
    link.remove();
  };
  const start = () => {
    const record = load();
    all(document, "form[data-question]").forEach((form) => {
      const id = form.dataset.question, q = data.questions[id], saved = q && record.answers[id];
      if (!q) { return; }
      q.id = id;
      q.acceptable = q.acceptable || [];
      form.addEventListener("submit", submit);
      if (saved) { fill(form, saved.answer); show(form, q, check(q, saved.answer)); }
    });
    const recordForm = document.querySelector("form.pc-record");
    if (recordForm) {
      recordForm.elements.name.value = record.name || "";
      recordForm.addEventListener("submit", download);
      recordForm.querySelector(".pc-clear").addEventListener("click", () => {
        if (window.confirm("Clear every answer kept in this browser?")) { save({ name: "", answers: {} }); summaries(load()); }
      });
    }
    summaries(record);
  };
  window.palaceCoupChecks = { check: (id, entry) => check({ acceptable: [], ...data.questions[id] }, entry) };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
