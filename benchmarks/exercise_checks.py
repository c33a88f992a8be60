"""``make bench`` section ``exercises``: the in-page exercise checks.

Opens every exercise page of a built book offline in Debian's chromium and
submits each question's form ``repeats`` times over its battery (right, near,
each misconception, junk; ``tests/exercise_battery.py``). Each time is measured
in the page, from just before ``form.requestSubmit()`` until the next frame
after the feedback is written (so the check, the DOM update, the storage
write and the layout are all inside it); ``check_handler_ms`` is the submit
handler alone (reading, checking, writing the feedback and the storage).
Also reports what the checker adds to each page in bytes, raw and gzip (its
script, data, forms and summary, less the notebook outputs they replace).

Run alone: ``python benchmarks/exercise_checks.py _build/html``.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import browser_support as support  # noqa: E402
from exercise_battery import (  # noqa: E402
    battery,
    checker_bytes,
    offline,
    sync_browser,
)

from palace_coup import feedback  # noqa: E402

FILL_AND_TIME = """async ([id, kind, entry]) => {
  const form = document.querySelector(`form[data-question="${id}"]`);
  form.querySelectorAll('input').forEach((input) => { input.checked = false; });
  if (kind === 'choice' || kind === 'choices') {
    entry.forEach((v) => { form.querySelector(`input[value="${v}"]`).checked = true; });
  } else if (kind === 'rubric_scores') {
    Object.entries(entry).forEach(([k, v]) =>
      { form.querySelector(`input[name="${k}"][value="${v}"]`).checked = true; });
  } else if (typeof entry === 'object') {
    Object.entries(entry).forEach(([k, v]) => { form.elements[k].value = v; });
  } else { form.elements.answer.value = entry; }
  const started = performance.now();
  form.requestSubmit();
  const handled = performance.now();
  await new Promise((done) => requestAnimationFrame(done));
  return [handled - started, performance.now() - started];
}"""


def measure(html: Path, repeats: int = 3) -> dict:
    """Time every question's feedback on every exercise page; weigh the checker."""
    executable = support.chromium()
    if executable is None:
        return {"details": {"skipped": "chromium is not installed"}}
    times, checks, pages = [], [], {}
    with support.serve(html) as base, sync_browser(executable) as browser:
        for exercise, notebook in feedback.notebooks().items():
            path = f"exercises/{notebook}.html"
            pages[path] = checker_bytes(html, path)
            context = offline(browser, [], viewport={"width": 1280, "height": 800})
            try:
                page = context.new_page()
                page.goto(base + path, wait_until="load")
                for question in feedback.questions(exercise):
                    spec = feedback.page_check(question)
                    for _ in range(repeats):
                        for _, entry in battery(spec):
                            args = [question, spec["kind"], entry]
                            handled, shown = page.evaluate(FILL_AND_TIME, args)
                            checks.append(handled)
                            times.append(shown)
            finally:
                context.close()
    times.sort()
    checks.sort()
    return {
        "check_feedback_ms_median": statistics.median(times),
        "check_feedback_ms_p95": times[int(0.95 * (len(times) - 1))],
        "check_handler_ms_median": statistics.median(checks),
        "checker_page_kb_max": max(p["raw"] for p in pages.values()) / 1000,
        "checker_page_gzip_kb_max": max(p["gzip"] for p in pages.values()) / 1000,
        "details": {
            "submissions": len(times),
            "slowest_ms": times[-1],
            "handler_p95_ms": checks[int(0.95 * (len(checks) - 1))],
            "pages": pages,
        },
    }


if __name__ == "__main__":
    print(
        json.dumps(
            measure(
                Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
            ),
            indent=1,
        )
    )
