"""What a report says about itself: unit, year, self-score and grade (for each report's meta)."""

from __future__ import annotations

from typing import Any

from reviewer.claims.report import evaluated_year
from reviewer.document import Document
from reviewer.regex import lazy

_YEAR = lazy(r"(20\d{2})\s*年")
_TITLE = lazy(r"(?:绩效|自评|评价).*报告|报告.*(?:绩效|自评)")
_UNIT_LABEL = lazy(r"(?:单位|部门)名称\s*[:：]\s*(?P<unit>[^\s，。；,;]{2,40})")
_UNIT_BEFORE_YEAR = lazy(r"^(?P<unit>[^\d\s]{2,40}?)\s*20\d{2}\s*年")
_UNIT_AFTER_YEAR = lazy(
    r"^20\d{2}\s*年度?(?P<unit>[^\d\s]{2,40}?)"
    r"(?:部门整体|单位整体|整体支出|部门支出|项目支出|本级|整体|部门绩效|绩效)"
)
_NOT_UNIT = lazy(
    r"附件|报告|范本|模板|\d|^[一二三四五六七八九十（(]|[:：。，]|^(?:部门|单位|整体|项目|本级|县级|市级)"
)
_HEAD_LINES = 12


def _title_lines(doc: Document) -> list[str]:
    return [ln.text.strip() for ln in doc.lines[:40] if ln.text.strip()][:_HEAD_LINES]


def report_meta(doc: Document) -> dict[str, Any]:
    """Unit, year, self-score and grade as the report states them (keys only when found)."""
    meta: dict[str, Any] = {}
    head = _title_lines(doc)
    unit = None
    for i, line in enumerate(head):
        m = _UNIT_LABEL.search(line)
        if m and unit is None:
            unit = m.group("unit")
        if not _TITLE.search(line):
            continue
        if unit is None:
            for pat in (_UNIT_BEFORE_YEAR, _UNIT_AFTER_YEAR):
                m = pat.search(line)
                if m and not _NOT_UNIT.search(m.group("unit")):
                    unit = m.group("unit")
                    break
        if unit is None and i > 0 and not _NOT_UNIT.search(head[i - 1]) and len(head[i - 1]) <= 40:
            unit = head[i - 1]
        if _YEAR.search(line):
            break  # the title line: the unit is read from it or the line above
    year = evaluated_year(doc)
    if unit:
        meta["unit"] = unit
    if year:
        meta["year"] = year
    meta.update(_score_meta(doc))
    return meta


def _score_meta(doc: Document) -> dict[str, Any]:
    try:
        from reviewer.claims.selfscore import grade_statements, self_scores
    except ImportError:  # the claim parser is optional
        return {}
    out: dict[str, Any] = {}
    try:
        scores = self_scores(doc)
        grades = grade_statements(doc)
    except Exception:  # meta is a convenience: never fail a review over it
        return {}
    if scores:
        best = next((s for s in scores if s.grade), scores[0])
        out["self_score"] = float(best.value)
        if best.grade:
            out["grade"] = best.grade
    if "grade" not in out and grades:
        out["grade"] = grades[0].grade
    return out
