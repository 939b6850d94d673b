"""One quantity stated twice with two different values.

Deliberately conservative: two statements are taken to be about the same quantity only when

- they are actuals of the same declared indicator (an indicator that has a target, with exactly
  the same name and unit), or
- they are labelled budget figures of the same kind, side (收入/支出), topic and year whose label
  is nothing but the figure's own name (年初预算支出, 决算支出, 上年结转, 结转结余 …) after an
  optional year or unit name ("2024年部门决算支出", "XX镇人民政府2024年决算支出总计").

Targets are never compared with actuals, nor budgets with final accounts, nor a part (after
其中) with a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.facts import (
    ADJUST,
    BUDGET_BALANCE,
    CARRY_BALANCE,
    CARRYOVER,
    FULL,
    INCOME,
    OPENING,
    SPENDING,
    Fact,
    facts,
)
from reviewer.claims.indicators import EQ, Indicator, pairs
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

STATED_TWICE = rule(
    code="D001",
    fix_zh="核实正确数值，全文统一。",
    name="value-stated-twice",
    kind="contradiction",
    severity=Severity.WARNING,
    family="consistency",
    title_zh="同一数据前后不一致",
    title_en="One figure stated with two different values",
    message_zh="“{label}”此处为 {value}，第{other_line}行为 {other_value}，同一数据前后不一致",
    message_en="'{label}' is {value} here but {other_value} on line {other_line}",
    what="Finds the same specific quantity stated twice with different values: an indicator's "
    "actual given twice, or a labelled budget figure (年初预算, 决算支出, 上年结转, 结转结余 …) "
    "repeated with another amount.",
    why="Two values for one quantity mean at least one is wrong, and every rate computed from "
    "it is in doubt.",
    example=(
        "2024年部门决算支出2826.23万元，较上年有所下降。\n"
        "……\n"
        "2024年部门决算支出2862.23万元，其中基本支出2000万元。"
    ),
    counterexample=(
        "2024年部门决算支出2826.23万元，较上年有所下降。\n"
        "……\n"
        "2024年部门决算支出2826.23万元，其中基本支出2000万元。"
    ),
    fix="Find the right value and use it everywhere.",
)

# The canonical name of each fact kind, as it must appear in a label to be compared.
_CANON: dict[str, re.Pattern[str]] = {
    OPENING: lazy(r"年初预算(?:收入|支出)?"),
    ADJUST: lazy(r"预算调整|调整预算|追加预算"),
    FULL: lazy(r"全年预算|调整后(?:的)?预算"),
    CARRYOVER: lazy(r"上年结转(?:资金|收入)?"),
    SPENDING: lazy(r"决算支出|支出决算|支出总计|三公经费支出"),
    INCOME: lazy(r"决算收入|收入决算|收入总计"),
    CARRY_BALANCE: lazy(r"结转结余|结转和结余"),
    BUDGET_BALANCE: lazy(r"预算结余"),
}
# What may stand before the canonical name: a year, 部门/单位/本级, a unit's own name.
_NEUTRAL_PREFIX = lazy(
    r"^(?:(?:20\d\d年度?|本年度?|今年|全年|年末|年底|年初|部门|单位|本单位|本部门|本级|整体|"
    r"[\u4e00-\u9fff]{2,20}?(?:人民政府|政府|委员会|局|镇|乡|街道办事处|街道|办公室|中心|院|所|部|厅|委|办))"
    r"[\"'“”]?)*$"
)
_NEUTRAL_SUFFIX = lazy(r"^(?:总计|合计|总额|总数|数|金额|资金)?$")


def _fact_key(f: Fact) -> tuple[str, str, str, str, str] | None:
    pat = _CANON.get(f.kind)
    if pat is None:
        return None
    label = rx.sub(r"[\s\"'“”]", "", f.label)
    m = pat.search(label)
    if not m:
        return None
    if not _NEUTRAL_PREFIX.match(label[: m.start()]) or not _NEUTRAL_SUFFIX.match(label[m.end() :]):
        return None
    year = f.year if f.year not in ("", "this") else "this"
    return (f.kind, f.side, f.topic, year, m.group())


def _differ(a_base: Decimal, a_half: Decimal, b_base: Decimal, b_half: Decimal) -> bool:
    return abs(a_base - b_base) > a_half + b_half


@check(STATED_TWICE)
def stated_twice(doc: Document) -> Iterator[Hit]:
    yield from _facts_twice(doc)
    yield from _actuals_twice(doc)


def _facts_twice(doc: Document) -> Iterator[Hit]:
    seen: dict[tuple[str, str, str, str, str], Fact] = {}
    for f in facts(doc):
        key = _fact_key(f)
        if key is None:
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = f
            continue
        if _differ(f.value, f.half_unit, first.value, first.half_unit):
            yield _hit(
                doc,
                key[4],
                (f.start, f.end),
                f.quantity.raw,
                first.quantity.raw,
                first.quantity.start,
                (first.start, first.end),
            )


def _actuals_twice(doc: Document) -> Iterator[Hit]:
    by_target: dict[int, list[Indicator]] = {}
    targets: dict[int, Indicator] = {}
    for t, a in pairs(doc):
        if a.comparator != EQ or a.quantity is None:
            continue
        by_target.setdefault(id(t), []).append(a)
        targets[id(t)] = t
    for tid, acts in by_target.items():
        acts = sorted({(a.start, a.name_start): a for a in acts}.values(), key=lambda a: a.start)
        first = acts[0]
        for a in acts[1:]:
            if a.key != first.key or a.unit_key != first.unit_key:
                continue
            assert a.quantity is not None and first.quantity is not None
            if _differ(
                a.quantity.base, a.quantity.half_unit, first.quantity.base, first.quantity.half_unit
            ):
                yield _hit(
                    doc,
                    a.name,
                    a.spans()[0],
                    a.shown(),
                    first.shown(),
                    first.value_start,
                    first.spans()[0],
                )
        del targets[tid]


def _hit(
    doc: Document,
    label: str,
    span: tuple[int, int],
    value: str,
    other: str,
    other_at: int,
    other_span: tuple[int, int],
) -> Hit:
    line, _ = doc.line_col(other_at)
    return STATED_TWICE.hit(
        [span, other_span],
        {
            "label": label,
            "value": value.replace(" ", ""),
            "other_value": other.replace(" ", ""),
            "other_line": line,
        },
    )
