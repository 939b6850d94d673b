"""A 到位率 row scored in full while the report's own amounts give far less (S035).

Project evaluation forms state the money planned and the money that arrived in a basic-data
block (计划投资额(万元) 570 / 实际到位资金(万元) 398.88), then score 资金到位率 in the indicator
table (到位率 | 3 | 3: weight 3, score 3). 398.88 ÷ 570 = 69.98%: proportional scoring gives 2.1
of 3, and no stepped rule gives full marks that far below 100%. S035 reads:

* the planned amount: a cell labelled 计划投资额, 计划投资, 预算投入资金, 计划到位资金 (with an
  optional (万元)), its figure the next cell — on the same line or the next non-empty one, a
  unit-only cell such as (万元) skipped;
* the arrived amount: a cell labelled 实际到位资金 or 到位资金, read the same way;
* the score row: a cell 到位率 or 资金到位率 whose next two cells are plain numbers (weight and
  score, no %), the score equal to the weight — in any layout (one cell per line, |, tabs,
  spaces).

A warning when the arrived amount is below 90 % of the planned one: the rate is the report's own
quotient, but the province's scoring rule is not stated beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

ARRIVAL_SCORED_FULL = rule(
    code="S035",
    fix_zh="按实际到位资金 ÷ 计划资金重算到位率并据实评分，或说明资金未全部到位的原因。",
    name="arrival-rate-scored-full",
    kind="score_formula",
    severity=Severity.WARNING,
    family="scores",
    title_zh="到位率得满分，但报告自身的资金到位不足",
    title_en="A 到位率 scored in full while the report's own amounts fall short",
    message_zh="“{name}”得 {score} 分（分值 {weight} 分，满分），"
    "但报告所列实际到位资金 {arrived} ÷ 计划 {planned} = {rate}，"
    "资金未全部到位，按比例应得约 {expected} 分",
    message_en="'{name}' scores {score} of {weight} (full marks), but the report's own amounts "
    "give {arrived} arrived of {planned} planned = {rate}: at rate × weight it would score about "
    "{expected}",
    what="A 到位率 / 资金到位率 score row (weight, score) scored in full, against the planned "
    "amount (计划投资额, 预算投入资金) and the arrived amount (实际到位资金) of the same report's "
    "basic-data block; warns when the arrived amount is below 90% of the planned one.",
    why="The arrival rate is scored on the money the report itself accounts for: full marks with "
    "30% of the money missing inflates the score and hides the shortfall.",
    example="计划投资额\n(万元)\n570\n实际到位资金\n(万元)\n398.88\n资金到位\n5\n到位率\n3\n3\n",
    counterexample="计划投资额\n(万元)\n570\n实际到位资金\n(万元)\n570\n资金到位\n5\n到位率\n3\n3\n",
    fix="Score the arrival rate from the arrived ÷ planned amounts, or explain the shortfall.",
)

_CELL = lazy(r"[^\s|]+")
_PLANNED = lazy(r"^(?:计划投资额|计划投资|预算投入资金|计划到位资金)(?:[(（]万?元[)）])?$")
_ARRIVED = lazy(r"^(?:实际到位资金|到位资金)(?:[(（]万?元[)）])?$")
_SCORED = lazy(r"^(?:资金)?到位率$")
_UNIT = lazy(r"^[(（]万?元[)）]$")
_AMOUNT = lazy(r"^\d{1,9}(?:\.\d+)?$")
_POINTS = lazy(r"^\d{1,3}(?:\.\d+)?$")
_FLOOR = Decimal("0.9")


class _Cell(NamedTuple):
    text: str
    start: int
    end: int


def _cells(doc: Document) -> list[_Cell]:
    return [_Cell(m.group(), m.start(), m.end()) for m in _CELL.finditer(doc.norm)]


def _amount_after(cells: list[_Cell], i: int) -> _Cell | None:
    """The figure of the label at cells[i]: the next cell, a unit-only cell skipped."""
    j = i + 1
    if j < len(cells) and _UNIT.match(cells[j].text):
        j += 1
    if j < len(cells) and _AMOUNT.match(cells[j].text):
        return cells[j]
    return None


def _first_amount(cells: list[_Cell], label: re.Pattern[str], before: int) -> _Cell | None:
    for i, c in enumerate(cells[:before]):
        if label.match(c.text):
            found = _amount_after(cells, i)
            if found is not None:
                return found
    return None


@check(ARRIVAL_SCORED_FULL)
def arrival_scored_full(doc: Document) -> Iterator[Hit]:
    if "到位率" not in doc.norm:  # every score row's label holds it: no cells to read
        return
    cells = _cells(doc)
    for i, c in enumerate(cells[:-2]):
        if not _SCORED.match(c.text):
            continue
        w, s = cells[i + 1], cells[i + 2]
        if not (_POINTS.match(w.text) and _POINTS.match(s.text)):
            continue
        weight, score = Decimal(w.text), Decimal(s.text)
        if weight <= 0 or score != weight:
            continue
        planned = _first_amount(cells, _PLANNED, i)
        arrived = _first_amount(cells, _ARRIVED, i)
        if planned is None or arrived is None:
            continue
        p, a = Decimal(planned.text), Decimal(arrived.text)
        if p <= 0 or a >= p * _FLOOR:
            continue
        rate = a / p
        yield ARRIVAL_SCORED_FULL.hit(
            [(c.start, s.end), (arrived.start, arrived.end), (planned.start, planned.end)],
            {
                "name": c.text,
                "score": fmt(score),
                "weight": fmt(weight),
                "arrived": fmt(a),
                "planned": fmt(p),
                "rate": f"{fmt((rate * 100).quantize(Decimal('0.01')))}%",
                "expected": fmt((rate * weight).quantize(Decimal("0.01"))),
            },
        )
