"""A grade given to one part of the score (a 一级指标 row): its score out of its weight, banded.

Result tables often grade each dimension as well as the whole: "55.00 | 49.04 | 优". The grade of
a part follows from its score rate (score ÷ weight), on the bands the report's own note gives
("注:优(≥90) 良(≥80,<90)…") or, without a note, the usual ones (优 ≥ 90, 良 ≥ 80, 中 ≥ 60).
Read from `|` or tab rows: a weight, a score no larger than it, and a grade in three adjacent
cells, in a table about scores (分值, 得分, 评价结果, 绩效等级 around it; not a table of targets
and actuals, whose 评价 column grades the outcome, not a score rate).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.selfscore import GRADE_BANDS, normalize_grade
from reviewer.document import Document
from reviewer.document.document import Line
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

SECTION_GRADE_MISMATCH = rule(
    code="S014",
    fix_zh="按该项得分率（得分 ÷ 分值）所在区间更正等级，或更正分值、得分。",
    name="section-grade-mismatch",
    kind="grade_mismatch",
    severity=Severity.WARNING,
    family="scores",
    title_zh="分项等级与其得分率不符",
    title_en="A part's grade does not match its score rate",
    message_zh="该项得分 {score} ÷ 分值 {weight} = {rate}%，按{bands}应为“{expected}”，"
    "报告评为“{grade}”",
    message_en="The part scores {score} of {weight} = {rate}%, which is {expected} on "
    "{bands_en}; the report grades it {grade}",
    what="In a `|` or tab table row holding a weight, a score no larger than it and a grade "
    "(优/良/中/差) in adjacent cells, grades the score rate (score ÷ weight) on the bands the "
    "report's note gives (注:优(≥90)…), or the usual ones, and warns when the stated grade "
    "differs.",
    why="A dimension graded 优 on 89 % of its weight overstates it; the per-part grades are what "
    "readers compare across units.",
    example="一级指标 | 分值 | 得分 | 等级 |\n决策 | 15.00 | 15.00 | 优 |\n"
    "过程 | 55.00 | 49.04 | 优 |",
    counterexample="一级指标 | 分值 | 得分 | 等级 |\n决策 | 15.00 | 15.00 | 优 |\n"
    "过程 | 55.00 | 49.04 | 良 |",
    fix="Grade the part on its score rate, or correct its weight or score.",
)

_NUM = lazy(r"^\d{1,3}(?:\.\d{1,2})?$")
_SCORING = lazy(r"分\s*值|权\s*重|满\s*分|得\s*分|评价结果|绩效等级|评分")
_TARGET_TABLE = lazy(r"目标值|指标值|实际值|完成值|计划数|实际数")
_NOTE_BAND = lazy(r"(?P<g>优秀?|良好?|中等?|合格|差)\s*[(（]\s*(?:≥|>=|大于等于)\s*(?P<n>\d{1,3})")


def _bands(doc: Document) -> tuple[tuple[tuple[str, Decimal], ...], bool]:
    """The report's own bands when its note states them all the same way, else the usual."""
    found: dict[str, Decimal] = {}
    for m in _NOTE_BAND.finditer(doc.norm):
        g = normalize_grade(m.group("g")) or m.group("g")[:1]
        found.setdefault(g, Decimal(m.group("n")))
    if {"优", "良"} <= found.keys():
        bands = sorted(found.items(), key=lambda gv: -gv[1])
        if "差" not in found:
            bands.append(("差", Decimal(0)))
        return tuple(bands), True
    return GRADE_BANDS, False


def _grade(rate: Decimal, bands: tuple[tuple[str, Decimal], ...]) -> str:
    for g, low in bands:
        if rate >= low:
            return g
    return "差"


def _cells(line: Line) -> list[tuple[str, int, int]]:
    sep = "|" if "|" in line.text else "\t" if "\t" in line.text else ""
    if not sep:
        return []
    out, pos = [], line.start
    for part in line.text.split(sep):
        lead = len(part) - len(part.lstrip())
        out.append((part.strip(), pos + lead, pos + lead + len(part.strip())))
        pos += len(part) + 1
    return [c for c in out if c[0]]


_USUAL = "通常的等级区间（优≥90%、良≥80%、中≥60%）"


def _scoring_table(doc: Document, line: Line) -> bool:
    """The table the row stands in (its `|` or tab lines, and two lines above them) is about
    scores, not targets: it names 分值/得分/评价结果/绩效等级 and no 目标值/实际值 column."""
    k = line.index
    while k > 0 and k > line.index - 40 and _cells(doc.lines[k - 1]):
        k -= 1
    context = " ".join(ln.text for ln in doc.lines[max(0, k - 2) : line.index + 1])
    return bool(_SCORING.search(context)) and not _TARGET_TABLE.search(context)


@check(SECTION_GRADE_MISMATCH)
def section_grades(doc: Document) -> Iterator[Hit]:
    bands: tuple[tuple[str, Decimal], ...] | None = None
    own = False
    for line in doc.lines:
        cells = _cells(line)
        for k in range(len(cells) - 2):
            (w, ws, we), (s, ss, se), (g, gs, ge) = cells[k : k + 3]
            grade = normalize_grade(g) if len(g) > 1 else g if g in "优良中差" else None
            if grade is None or not _NUM.match(w) or not _NUM.match(s):
                continue
            weight, score = Decimal(w), Decimal(s)
            if not 0 < weight < 100 or score > weight:
                continue  # the whole (100) is S004's; a score above its weight is S003's
            if not _scoring_table(doc, line):
                break
            if bands is None:
                bands, own = _bands(doc)
            rate = score / weight * 100
            expected = _grade(rate, bands)
            if expected == grade:
                continue
            shown = fmt(rate.quantize(Decimal("0.01")))
            yield SECTION_GRADE_MISMATCH.hit(
                [(gs, ge), (ss, se), (ws, we)],
                {
                    "score": s,
                    "weight": w,
                    "rate": shown,
                    "expected": expected,
                    "grade": g,
                    "bands": "报告所注的等级区间" if own else _USUAL,
                    "bands_en": "the report's own bands" if own else "the usual bands",
                },
            )
