"""Write question banks as an IMS QTI 1.2 package, which Canvas and Blackboard import.

The package is a zip file: ``imsmanifest.xml`` (IMS Content Packaging) names
one assessment per bank, each in its own folder with Canvas's
``assessment_meta.xml`` beside it, as Canvas's own export and ``text2qti``
lay it out. Canvas makes a question bank of each assessment it imports.

Each item follows the QTI 1.2 ASI binding: ``response_lid`` with
``render_choice`` for choices, ``response_str`` with ``render_fib`` for
numbers and texts, and a ``resprocessing`` whose ``respcondition`` elements
are tried in order (``continue="No"`` stops at the first that holds, so the
first matching rule gives its feedback, as :func:`palace_coup.feedback.check`
does). Feedback texts are ``itemfeedback`` elements; Canvas reads
``correct_fb``, ``general_incorrect_fb`` and ``<answer>_fb``. Canvas keeps no
feedback for a particular wrong number, so the incorrect feedback of a
numeric or text question also lists each targeted message with its answer.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

from palace_coup.lms.items import Bank, Question, Response

__all__ = ["assessment_xml", "package"]

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "numeric": "numerical_question",
    "text": "short_answer_question",
}
"""Canvas's ``question_type`` for each kind of question."""


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str):
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _material(parent: ET.Element, html: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html, texttype="text/html")


def _number(value: float) -> str:
    return repr(float(value))


def _condition(parent: ET.Element, response: Response) -> None:
    """Write the test of one rule into a ``conditionvar``."""
    if response.test == "range":
        _sub(parent, "vargte", _number(response.low), respident="response1")
        _sub(parent, "varlte", _number(response.high), respident="response1")
    elif response.test == "left_out":
        not_ = _sub(parent, "not")
        _sub(not_, "varequal", response.value, respident="response1")
    else:
        _sub(parent, "varequal", response.value, respident="response1")


def _respcondition(
    processing: ET.Element, stop: bool, feedback: list[str], score: bool = False
) -> ET.Element:
    condition = _sub(
        processing, "respcondition", **{"continue": "No" if stop else "Yes"}
    )
    variables = _sub(condition, "conditionvar")
    if score:
        _sub(condition, "setvar", "100", action="Set", varname="SCORE")
    for ident in feedback:
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=ident)
    return variables


def _answer_text(response: Response) -> str:
    if response.test == "equals":
        return response.value
    if response.high >= 1e9:
        return f"more than {response.low:g}"
    if response.low == response.high:
        return f"{response.low:g}"
    return f"{response.low:g} to {response.high:g}"


def item(question: Question) -> ET.Element:
    """Return one question as a QTI 1.2 ``item`` element."""
    node = ET.Element("item", ident=question.ident, title=question.title)
    fields = _sub(_sub(node, "itemmetadata"), "qtimetadata")
    for label, entry in (
        ("question_type", TYPES[question.kind]),
        ("points_possible", "1"),
    ):
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)
    presentation = _sub(node, "presentation")
    _material(presentation, question.text)
    if question.kind in ("single", "multiple"):
        cardinality = "Single" if question.kind == "single" else "Multiple"
        lid = _sub(
            presentation, "response_lid", ident="response1", rcardinality=cardinality
        )
        choices = _sub(lid, "render_choice")
        for option in question.options:
            _material(_sub(choices, "response_label", ident=option.ident), option.text)
    else:
        text = _sub(
            presentation, "response_str", ident="response1", rcardinality="Single"
        )
        kind = {"fibtype": "Decimal"} if question.kind == "numeric" else {}
        _sub(_sub(text, "render_fib", **kind), "response_label", ident="answer1")
    processing = _sub(node, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(
        outcomes,
        "decvar",
        maxvalue="100",
        minvalue="0",
        varname="SCORE",
        vartype="Decimal",
    )
    feedback = {"correct_fb": question.correct_feedback}
    for number, response in enumerate(question.responses, 1):
        feedback[f"r{number}_fb"] = response.feedback

    def shows(number: int, response: Response) -> list[str]:
        ids = [f"r{number}_fb"] + ["correct_fb"] * response.correct
        return [ident for ident in ids if feedback[ident]]

    if question.kind in ("single", "multiple"):
        # Canvas's layout: each option's feedback first, then the scoring.
        for number, response in enumerate(question.responses, 1):
            if response.feedback:
                ids = [f"r{number}_fb"]
                _condition(_respcondition(processing, False, ids), response)
        right = [r for r in question.responses if r.correct]
        for response in right:
            ids = ["correct_fb"] * bool(question.correct_feedback)
            _condition(_respcondition(processing, True, ids, score=True), response)
    else:  # the first rule that holds gives its feedback
        for number, response in enumerate(question.responses, 1):
            condition = _respcondition(
                processing, True, shows(number, response), score=response.correct
            )
            _condition(condition, response)
    if question.kind == "multiple":
        ids = ["correct_fb"] * bool(question.correct_feedback)
        both = _sub(_respcondition(processing, True, ids, score=True), "and")
        for option in question.options:
            if option.ident in question.right:
                _sub(both, "varequal", option.ident, respident="response1")
            elif option.ident not in question.acceptable:
                _sub(_sub(both, "not"), "varequal", option.ident, respident="response1")
    incorrect = question.incorrect_feedback
    if question.kind in ("numeric", "text"):
        incorrect += "".join(
            f"<p>If your answer is {_answer_text(r)}: {r.feedback}</p>"
            for r in question.responses
            if not r.correct and r.feedback
        )
    feedback["general_incorrect_fb"] = incorrect
    _sub(_respcondition(processing, False, ["general_incorrect_fb"]), "other")
    for ident, text in feedback.items():
        if text:
            flow = _sub(_sub(node, "itemfeedback", ident=ident), "flow_mat")
            _material(flow, text)
    return node


def assessment_xml(bank: Bank) -> bytes:
    """Return one bank as a QTI 1.2 ``questestinterop`` document.

    Examples
    --------
    >>> from palace_coup.lms.sources import quiz_bank
    >>> document = assessment_xml(quiz_bank("question"))
    >>> document.count(b"<item ") == len(quiz_bank("question").questions)
    True
    """
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = _sub(root, "assessment", ident=bank.ident, title=bank.title)
    section = _sub(assessment, "section", ident="root_section")
    for question in bank.questions:
        section.append(item(question))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _meta_xml(bank: Bank) -> bytes:
    """Canvas's settings of an imported assessment: a practice quiz."""
    root = ET.Element("quiz", identifier=bank.ident, xmlns=CANVAS_NS)
    for tag, text in (
        ("title", bank.title),
        ("description", f"Palace Coup?: {bank.title}"),
        ("shuffle_answers", "true"),
        ("quiz_type", "practice_quiz"),
        ("points_possible", f"{len(bank.questions):.1f}"),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "-1"),
    ):
        _sub(root, tag, text)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def package(banks: list[Bank]) -> bytes:
    """Return the QTI 1.2 zip package of ``banks`` (one assessment each)."""
    manifest = ET.Element("manifest", identifier="palace-coup-quizzes", xmlns=CP_NS)
    _sub(_sub(manifest, "metadata"), "schema", "IMS Content")
    _sub(manifest, "organizations")
    resources = _sub(manifest, "resources")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for bank in banks:
            folder = bank.ident
            resource = _sub(
                resources, "resource", identifier=bank.ident, type="imsqti_xmlv1p2"
            )
            _sub(resource, "file", href=f"{folder}/{folder}.xml")
            _sub(resource, "dependency", identifierref=f"{bank.ident}-meta")
            meta = _sub(
                resources,
                "resource",
                identifier=f"{bank.ident}-meta",
                type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                href=f"{folder}/assessment_meta.xml",
            )
            _sub(meta, "file", href=f"{folder}/assessment_meta.xml")
            archive.writestr(f"{folder}/{folder}.xml", assessment_xml(bank))
            archive.writestr(f"{folder}/assessment_meta.xml", _meta_xml(bank))
        archive.writestr(
            "imsmanifest.xml",
            ET.tostring(manifest, encoding="utf-8", xml_declaration=True),
        )
    return buffer.getvalue()
