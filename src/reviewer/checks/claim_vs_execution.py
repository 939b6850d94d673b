"""A sentence denying a budget deviation against the report's own execution rate.

"不存在执行数偏离预算数较多的问题" beside "预算执行率为86%": the report says spending kept close
to the budget while its own rate shows 14 % of the budget unspent.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.indicators import EQ, TARGET, indicators
from reviewer.document import Document
from reviewer.document.forms import RATE, funds_blocks
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

CLAIM_VS_EXECUTION = rule(
    code="Q060",
    fix_zh="按实际执行率如实表述预算执行偏差，并说明未执行部分的原因和改进措施。",
    name="no-deviation-vs-execution",
    kind="contradiction",
    severity=Severity.WARNING,
    family="quality",
    title_zh="称预算执行无偏离，与执行率不符",
    title_en="'No deviation from the budget' against a low execution rate",
    message_zh="报告称“{claim}”，但{rate_name}为 {rate}，执行数偏离预算数 {gap}%",
    message_en="The report says '{claim}', yet {rate_name} is {rate}: spending is {gap}% "
    "short of the budget",
    what="Finds a sentence denying that execution deviated from the budget (不存在执行数偏离"
    "预算数较多的问题, 预算执行无明显偏差) and sets it against the report's own budget execution "
    "rate (预算执行率, 资金执行率 — a stated actual, not a target or an in-year progress "
    "figure); warns when every such rate is below 90%.",
    why="The denial is the report's answer to the deviation question of the scoring; a rate "
    "more than ten points short of the budget is the deviation it denies, so the answer needs "
    "the reasons instead.",
    example="项目预算执行率为86%。经自查，不存在执行数偏离预算数较多的问题。",
    counterexample="项目预算执行率为98%。经自查，不存在执行数偏离预算数较多的问题。",
    fix="State the deviation the rate shows, with its reasons and the measures taken.",
)

# A denial of a deviation between execution and the budget, within one clause or two.
_DENIAL = lazy(
    r"(?:不存在|没有|无|未出现|未发生)[^。；;！!\n]{0,14}?(?:偏离|偏差)"
    r"[^。；;！!\n]{0,10}?(?:问题|情况|现象)"
)
_BUDGET_WORD = lazy(r"预算|执行")
_INTERIM = lazy(r"(?<![\d])(?:[1-9]|1[01])月(?:底|末|份|止|为止)?|半年|季度|预计")
_SENTENCE = lazy(r"[。；;！？!?\n\r]")
_LOW = Decimal(90)


def _sentence(doc: Document, pos: int) -> str:
    """The sentence around `pos`, from the sentence ends of one scan of the text (cached): a
    scan from the text's start for every figure was quadratic in a long text."""
    ends: list[int] = doc.cached(
        "claim_vs_execution_ends", lambda d: [m.start() for m in _SENTENCE.finditer(d.norm)]
    )
    norm = doc.norm
    k = bisect.bisect_left(ends, pos)  # ends[k] is the first end at or after pos
    start = ends[k - 1] + 1 if k > 0 else 0
    return norm[start : ends[k] if k < len(ends) else len(norm)]


def _about_budget(norm: str, start: int, end: int) -> bool:
    """The denial names the budget or its execution, in itself or its clause before it."""
    lo = max(0, start - 12)
    for m in _SENTENCE.finditer(norm, lo, start):
        lo = m.end()
    return bool(_BUDGET_WORD.search(norm, lo, end))


class _Rate(NamedTuple):
    value: Decimal  # percent
    name: str
    span: tuple[int, int]


def _rates(doc: Document) -> list[_Rate]:
    """The report's stated budget execution rates: prose and indicator statements (not targets,
    not in-year progress), and the total row of a funds block (年度资金总额 … 执行率)."""
    # imported here: a module-level import would register the rates checks earlier and
    # reorder every report's ledger relations
    from reviewer.checks.rates import EXEC, rate_kind

    out = [
        _Rate(ind.base, rx.sub(r"[\s\"'“”]", "", ind.name), (ind.start, ind.end))
        for ind in indicators(doc)
        if ind.role != TARGET
        and ind.comparator == EQ
        and ind.dimension == "percent"
        and ind.base is not None
        and rate_kind(ind.name) == EXEC
        and not _INTERIM.search(_sentence(doc, ind.start))
    ]
    for block in funds_blocks(doc):
        total = block.total
        cell = total.number(RATE) if total is not None else None
        if cell is not None and (cell.unit == "%" or Decimal(1) < cell.value <= 150):
            out.append(_Rate(cell.value, "预算执行率", (cell.start, cell.end)))
    return out


@check(CLAIM_VS_EXECUTION)
def claim_vs_execution(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    denials = [m for m in _DENIAL.finditer(norm) if _about_budget(norm, m.start(), m.end())]
    if not denials:
        return
    rates = _rates(doc)
    if not rates or any(r.value >= _LOW for r in rates):
        return  # no rate, or one that shows no large deviation: the denial may be right
    low = rates[0]
    for m in denials:
        yield CLAIM_VS_EXECUTION.hit(
            [(m.start(), m.end()), low.span],
            {
                "claim": m.group(),
                "rate_name": low.name,
                "rate": fmt(low.value) + "%",
                "gap": fmt(Decimal(100) - low.value),
            },
        )
