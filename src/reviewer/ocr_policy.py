"""Findings on text read by OCR: each says so, and a figure read with low confidence is never
called wrong.

A report read from scanned pages carries the OCR's confidence for every character
(`Document.ocr`). For every finding, rule or model, the lowest confidence of the digits its
spans quote is looked up: the finding's `data["ocr"]` records it and the message says the text
was read by OCR. When it is below `LOW_CONFIDENCE`, the mismatch may be the OCR's misreading
rather than the report's: an error becomes an info (`data["ocr"]["severity"]` keeps what the
rule said) and the message asks to check the figure against the original (请核对原件). One
policy step in `engine.finish`, so no check needs to know about scans.
"""

from __future__ import annotations

from typing import Any

from reviewer.document import Document
from reviewer.document.ocr import LOW_CONFIDENCE
from reviewer.models import Finding, Lang, Severity

_READ = {"zh": "（扫描件经 OCR 识别）", "en": " (text read by OCR from a scanned page)"}
_CHECK = {
    "zh": "（扫描件经 OCR 识别，所涉数字识别置信度 {conf:.2f}，低于 {low:.2f}：请核对原件）",
    "en": (
        " (text read by OCR from a scanned page; a figure here was read with confidence"
        " {conf:.2f}, below {low:.2f}: check it against the original)"
    ),
}


def apply(doc: Document, findings: list[Finding], lang: Lang) -> list[Finding]:
    """`findings` marked as read by OCR, the uncertain errors turned into infos (in place)."""
    if doc.ocr is None:
        return findings
    for f in findings:
        lowest = min(
            (doc.ocr.min_confidence(s.start, s.end, digits_only=True) for s in f.spans),
            default=1.0,
        )
        note: dict[str, Any] = {"confidence": round(lowest, 4), "severity": f.severity.value}
        if lowest < LOW_CONFIDENCE:
            if f.severity is Severity.ERROR:
                f.severity = Severity.INFO
            f.message += _CHECK[lang].format(conf=lowest, low=LOW_CONFIDENCE)
            note["check_original"] = True
        else:
            f.message += _READ[lang]
        f.data["ocr"] = note
    return findings


def meta(doc: Document) -> dict[str, Any]:
    """The report's `meta.ocr` (pages, mean confidence, engine), or nothing for a text file."""
    return {"ocr": doc.ocr.meta()} if doc.ocr is not None else {}
