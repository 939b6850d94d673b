"""Inline suppressions: a reviewer writes a marker into the report to silence a finding there.

Syntax (the word `reviewer` in any case; `忽略` may replace `ignore`)::

    <!-- reviewer: ignore T001 -->        Markdown/HTML comment
    【reviewer: ignore T001, P002】        full-width brackets, in running text
    reviewer-ignore: T001                 plain
    reviewer: ignore                      no codes: every rule

Scope: a marker that shares its line with report text applies to that line; a marker alone on
its line applies to the next non-blank line. A finding is silenced when the line range of its
first span (the claim judged wrong) touches a line the marker applies to and the marker names
its code (or no code). A marker that silences nothing is itself reported as `X001
unused-suppression` (info), like ruff's unused `noqa`, unless the codes it names were not run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reviewer import regex as rx
from reviewer.checks.notices import UNUSED, UNUSED_CODE
from reviewer.document import Document
from reviewer.models import Finding, Lang
from reviewer.regex import lazy

_MARKER = lazy(
    r"(?:<!--\s*|【\s*|\[\s*)?"
    r"reviewer\s*(?:[:：]\s*|-\s*)(?:ignore|忽略)"
    r"(?P<codes>(?:[\s:：,，、;；]*[A-Za-z][0-9]{3}\b)*)"
    r"(?:\s*-->|\s*】|\s*\])?",
    re.IGNORECASE,
)
_CODE = lazy(r"[A-Za-z][0-9]{3}")


@dataclass
class Marker:
    """One suppression marker: where it is, which lines it covers, which codes it names."""

    start: int
    end: int
    text: str
    codes: frozenset[str]  # empty = every rule
    lines: frozenset[int]  # 1-based lines the marker applies to
    used: set[str] = field(default_factory=set)  # codes that silenced something ("*" = all)

    def covers(self, code: str) -> bool:
        return not self.codes or code in self.codes


def markers(doc: Document) -> list[Marker]:
    """Every suppression marker in the report, with the lines it applies to."""
    found: list[Marker] = []
    lines = doc.lines
    for m in _MARKER.finditer(doc.text):
        line_no, _ = doc.line_col(m.start())
        line = lines[line_no - 1]
        rest = doc.text[line.start : line.end]
        rest = _MARKER.sub("", rest)
        target = line_no
        if not rest.strip():
            target = next(
                (ln.index + 1 for ln in lines[line_no:] if ln.text.strip()),
                line_no,
            )
        codes = frozenset(c.upper() for c in _CODE.findall(m.group("codes") or ""))
        found.append(Marker(m.start(), m.end(), m.group(0), codes, frozenset({target})))
    return found


def _lines_of(f: Finding) -> range:
    span = f.spans[0]
    breaks = len(rx.findall(r"\r\n|\r|\n", span.text))
    return range(span.line, span.line + breaks + 1)


def apply(
    doc: Document,
    findings: list[Finding],
    *,
    lang: Lang = "zh",
    enabled: Callable[[str], bool] = lambda code: True,
) -> tuple[list[Finding], int]:
    """Drop the findings silenced by markers; add X001 for markers that silenced nothing.

    `enabled(code)` says whether a rule was run: a marker for a rule that was not run is not
    unused, and X001 is only reported when it is enabled itself.
    """
    marks = markers(doc)
    if not marks:
        return findings, 0
    kept: list[Finding] = []
    silenced = 0
    for f in findings:
        hit = None
        if f.spans:
            span_lines = _lines_of(f)
            hit = next(
                (
                    mk
                    for mk in marks
                    if mk.covers(f.code) and any(n in mk.lines for n in span_lines)
                ),
                None,
            )
        if hit is None:
            kept.append(f)
            continue
        silenced += 1
        hit.used.add(f.code if hit.codes else "*")
    if enabled(UNUSED_CODE):
        from reviewer.engine import to_finding

        for mk in marks:
            if mk.codes:
                unused = sorted(c for c in mk.codes - mk.used if enabled(c))
            else:
                unused = [] if mk.used else ["*"]
            if not unused:
                continue
            everything = "所有规则" if lang == "zh" else "all rules"
            codes = ", ".join(everything if c == "*" else c for c in unused)
            data = {"marker": mk.text.strip(), "codes": codes}
            kept.append(to_finding(doc, UNUSED.hit([(mk.start, mk.end)], data), lang))
        kept.sort(key=lambda f: (f.spans[0].start if f.spans else -1, f.code))
    return kept, silenced
