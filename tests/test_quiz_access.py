"""The quizzes' accessibility layer reaches live notebooks and the book alike.

What the layer does in a browser (Check button, arrow keys that do not
answer, announced feedback, decimal keypad) is tested on every quiz of the
built book by ``test_browser.py``; here, that ``quiz.show`` delivers it.
"""

from __future__ import annotations

import jupyterquiz.dynamic.display as jq_display
import pytest

from palace_coup import notebook, quiz


def _outputs(monkeypatch: pytest.MonkeyPatch, mode: str) -> list[str]:
    """HTML shown by ``quiz.show`` with the renderer in ``mode``."""
    monkeypatch.setenv(notebook.RENDER_ENV, mode)
    shown: list[str] = []
    monkeypatch.setattr(jq_display, "display", lambda item: shown.append(item.data))
    monkeypatch.setattr(quiz, "display", lambda item: shown.append(item.data))
    quiz.show("question")
    return shown


def test_a_live_quiz_gets_the_access_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _outputs(monkeypatch, "live")
    files = quiz.access_files()
    assert len(shown) == 3, "jupyterquiz's two outputs and the layer"
    assert files["quiz_access.js"] in shown[-1]
    assert files["quiz_access.css"] in shown[-1]
    assert shown[-1].startswith("<style>") and shown[-1].endswith("</script>")


def test_a_static_quiz_is_jupyterquizs_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _outputs(monkeypatch, "static")
    assert len(shown) == 2
    assert not any("palaceCoupQuiz" in text for text in shown)


def test_the_layer_cannot_end_its_own_script_element() -> None:
    for name, text in quiz.access_files().items():
        assert "</script" not in text.lower(), name
        assert "</style" not in text.lower(), name
