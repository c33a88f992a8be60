"""Write question banks as Moodle XML, the format Moodle imports natively.

One ``<quiz>`` file holds every bank: a ``category`` question opens each bank
(``$course$/top/Palace Coup?/<bank>``), so that Moodle files each chapter's
questions in a category of its own. Question types, as Moodle's documentation
of the format describes them:

* ``multichoice`` (``<single>true</single>`` for one option,
  ``false`` for several): each ``<answer>`` has a ``fraction`` and its own
  ``<feedback>``; for several options the right ones share 100, the
  acceptable ones count 0 and the others -100, so a set is right only as a
  whole;
* ``numerical``: each ``<answer>`` is a value with a ``<tolerance>``; Moodle
  takes the first answer, in order, that an answer falls within, so a wrong
  value with a targeted message is an answer of fraction 0, and ``*`` catches
  every other answer;
* ``shortanswer``: answers as texts, ``*`` for any other.

Hints become ``<hint>`` elements (shown between tries in interactive mode).
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from palace_coup.lms.items import Bank, Question, Response

__all__ = ["quiz_xml"]

CATEGORY = "$course$/top/Palace Coup?"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str):
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _html(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = _sub(parent, tag, format="html")
    _sub(element, "text", text)
    return element


def _answer(
    question: ET.Element, fraction: float, text: str, feedback: str, **extra: str
):
    answer = _sub(question, "answer", fraction=f"{fraction:.7g}", format="html")
    _sub(answer, "text", text)
    for tag, value in extra.items():
        _sub(answer, tag, value)
    _html(answer, "feedback", feedback)
    return answer


def _number(response: Response) -> dict[str, str]:
    """Return a range as Moodle's value and tolerance: middle and half width."""
    middle = (response.low + response.high) / 2
    return {"text": repr(middle), "tolerance": repr((response.high - response.low) / 2)}


def question_xml(question: Question) -> ET.Element:
    """Return one question as a Moodle XML ``question`` element."""
    kind = {"single": "multichoice", "multiple": "multichoice"}.get(
        question.kind, "numerical" if question.kind == "numeric" else "shortanswer"
    )
    node = ET.Element("question", type=kind)
    _sub(_sub(node, "name"), "text", question.title)
    _html(node, "questiontext", question.text)
    _html(node, "generalfeedback", "")
    _sub(node, "defaultgrade", "1")
    _sub(node, "penalty", "0.3333333")
    _sub(node, "hidden", "0")
    wrong = [r for r in question.responses if not r.correct]
    if kind == "multichoice":
        _sub(node, "single", "true" if question.kind == "single" else "false")
        _sub(node, "shuffleanswers", "true")
        _sub(node, "answernumbering", "abc")
        left_out = "".join(
            f"<p>{r.feedback}</p>" for r in wrong if r.test == "left_out"
        )
        _html(node, "correctfeedback", question.correct_feedback)
        _html(node, "partiallycorrectfeedback", question.incorrect_feedback + left_out)
        _html(node, "incorrectfeedback", question.incorrect_feedback + left_out)
        messages = {
            r.value: r.feedback for r in question.responses if r.test == "chosen"
        }
        share = 100 / max(len(question.right), 1)
        for option in question.options:
            if option.ident in question.right:
                fraction = 100 if question.kind == "single" else share
            elif question.kind == "single" or option.ident in question.acceptable:
                fraction = 0
            else:
                fraction = -100
            _answer(node, fraction, option.text, messages.get(option.ident, ""))
    else:
        if kind == "shortanswer":
            _sub(node, "usecase", "0")
        for response in question.responses:
            fraction = 100 if response.correct else 0
            parts = [response.feedback, question.correct_feedback * response.correct]
            text = " ".join(part for part in parts if part)
            if kind == "numerical":
                values = _number(response)
                _answer(
                    node, fraction, values["text"], text, tolerance=values["tolerance"]
                )
            else:
                _answer(node, fraction, response.value, text)
        extra = {"tolerance": "0"} if kind == "numerical" else {}
        _answer(node, 0, "*", question.incorrect_feedback, **extra)
    if question.hint:
        _html(node, "hint", question.hint)
    return node


def quiz_xml(banks: list[Bank]) -> bytes:
    """Return every bank in one Moodle XML file, a category per bank.

    Examples
    --------
    >>> from palace_coup.lms.sources import quiz_bank
    >>> bank = quiz_bank("question", "The question")
    >>> document = quiz_xml([bank])
    >>> b"Palace Coup?/The question" in document
    True
    >>> choices = sum(q.kind in ("single", "multiple") for q in bank.questions)
    >>> document.count(b'type="multichoice"') == choices > 0
    True
    """
    root = ET.Element("quiz")
    for bank in banks:
        category = _sub(root, "question", type="category")
        # Moodle reads "/" as a level of categories; "//" is a slash.
        path = f"{CATEGORY}/{bank.title.replace('/', '//')}"
        _sub(_sub(category, "category"), "text", path)
        _html(category, "info", f"Palace Coup?: {bank.title}")
        for question in bank.questions:
            root.append(question_xml(question))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
