"""A form's funds row on its own line, cells separated by spaces (`年度资金总额 A B C W R S`:
年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分), scored below rate × weight (S060).

The row is read only when its written rate (a percent, or a fraction such as 0.958) agrees with
its own 执行数 ÷ 全年预算数 within the rate's last digit, which fixes the cells."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import decimals_of, fmt
from reviewer.regex import lazy

FUNDS_LINE_SCORED_BELOW = rule(
    code="S060",
    fix_zh="按“得分 = 执行率 × 分值”重算资金行得分；若本地采用其他计分办法，请在报告中写明。",
    name="funds-line-scored-below-rate",
    kind="score_formula",
    severity=Severity.WARNING,
    family="scores",
    title_zh="资金行得分低于执行率×分值",
    title_en="A funds row scored below rate × weight",
    message_zh="{label}执行 {spent}／{budget} = {rate}%，分值 {weight}，按“执行率×分值”应得 "
    "{expected} 分，报告得 {score} 分{more_zh}",
    message_en="{label} executes {spent} / {budget} = {rate}% with a weight of {weight}: rate × "
    "weight gives {expected}, yet it scores {score}{more_en}",
    what="Reads a funds row standing on its own line with its six cells separated by spaces "
    "(`年度资金总额 年初预算数 全年预算数 全年执行数 分值 执行率 得分`, amounts with or without "
    "万元, the rate a percent or a fraction); when the written rate agrees with "
    "执行数 ÷ 全年预算数 within its last digit, the score must be rate × weight (capped at "
    "the weight) within the rounding of the score.",
    why="The self-evaluation form of 财预〔2020〕10号 scores budget execution as rate × weight; "
    "a lower score with no reason given understates the row and makes the total unverifiable "
    "(a higher one is S005).",
    example="项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "年度资金总额 40 40 38.2 10 0.955 8\n",
    counterexample="项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "年度资金总额 40 40 38.2 10 0.955 9.5\n",
    fix="Score the funds row as rate × weight, or state the scoring rule used.",
)

_SP = r"[ \t\u3000]+"
_AMT = r"(\d+(?:\.\d+)?)(?:万元)?"
_ROW = lazy(
    rf"(?m)(?P<label>年度资金总额|当年财政拨款|上年结转资金|其他资金)[:：]?{_SP}"
    rf"{_AMT}{_SP}{_AMT}{_SP}{_AMT}{_SP}(?P<w>\d{{1,3}}(?:\.\d+)?){_SP}"
    rf"(?P<r>\d{{1,3}}(?:\.\d+)?%|0\.\d+|1(?:\.0+)?){_SP}(?P<s>\d{{1,3}}(?:\.\d+)?)[ \t\u3000]*$"
)
_HUNDRED = Decimal(100)


def _rate_agrees(written: str, actual: Decimal) -> bool:
    """The written rate within one unit of its last digit of 执行数 ÷ 预算数 (a fraction or a
    percent, rounded or cut)."""
    pct = written.endswith("%")
    raw = written.rstrip("%")
    value = Decimal(raw) / _HUNDRED if pct else Decimal(raw)
    unit = Decimal(1).scaleb(-decimals_of(raw) - (2 if pct else 0))
    return abs(value - actual) < unit


class _Row(NamedTuple):
    m: re.Match[str]
    budget: Decimal
    spent: Decimal
    weight: Decimal
    score: Decimal
    rate: Decimal
    expected: Decimal


@check(FUNDS_LINE_SCORED_BELOW)
def funds_line_scored_below(doc: Document) -> Iterator[Hit]:
    if "得分" not in doc.norm:
        return
    found: list[_Row] = []
    for m in _ROW.finditer(doc.norm):
        budget, spent = Decimal(m.group(3)), Decimal(m.group(4))
        w, s = Decimal(m.group("w")), Decimal(m.group("s"))
        if budget <= 0 or not 0 < w <= _HUNDRED or s > w:
            continue
        rate = spent / budget
        if not _rate_agrees(m.group("r"), rate):
            continue
        expected = min(w, w * rate)
        half = Decimal(5).scaleb(-decimals_of(m.group("s")) - 1)
        if expected - s > half:
            found.append(_Row(m, budget, spent, w, s, rate, expected))
    if not found:
        return
    r = found[0]
    more = len(found) - 1
    yield FUNDS_LINE_SCORED_BELOW.hit(
        [(r.m.start("s"), r.m.end("s")), (r.m.start("w"), r.m.end("w"))]
        + [(x.m.start("s"), x.m.end("s")) for x in found[1:]],
        {
            "label": r.m.group("label"),
            "spent": fmt(r.spent),
            "budget": fmt(r.budget),
            "rate": fmt((r.rate * _HUNDRED).quantize(Decimal("0.01"))),
            "weight": fmt(r.weight),
            "expected": fmt(r.expected.quantize(Decimal("0.01"))),
            "score": fmt(r.score),
            "more_zh": f"；另有 {more} 行同样" if more else "",
            "more_en": f"; {more} more row(s) likewise" if more else "",
        },
    )
