"""A payout rate that none of the report's own amounts gives (R050, info).

A report states "经费发放率为98%" in a sentence of its own, and elsewhere the funds it received
(收到/下达 … 共2330.9万元) and what it spent or paid out (支出2310.4万元, 发放补助金2126.81万元).
When the rate's own sentence holds no amount (R001 and R020 judge rates beside their figures) and
no amount paid out over any amount received reproduces the rate at its precision, the rate rests
on figures the report does not give: info, naming the nearest quotients, since the rate may
measure something else (people paid rather than money).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.rates import rate_mismatch_hits
from reviewer.checks.rates_prose import paid_rate_contradicted
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_quantities, fmt, half_digit
from reviewer.regex import lazy

UNSUPPORTED_PAYOUT_RATE = rule(
    code="R050",
    fix_zh="写明该比率的计算口径（分子、分母）及所依据的金额或人数，或按报告所列金额重算。",
    name="payout-rate-unsupported",
    kind="rate_mismatch",
    severity=Severity.INFO,
    family="rates",
    title_zh="比率无法由报告所列金额得出",
    title_en="A payout rate that none of the report's amounts gives",
    message_zh="报告称{name}{stated}，但报告所列金额均得不出该比率：{quotients}；"
    "请说明该比率的口径",
    message_en="The report states {name} {stated}, but none of its own amounts gives it: "
    "{quotients_en}; say what the rate measures",
    what="A payout rate (拨付率, 支付率, 执行率, 发放率) stated in a sentence with no amount, in a "
    "report that states the funds received or allocated (收到, 下达, 安排, 预算 …) and the "
    "amounts spent or paid out (支出, 拨付, 支付, 发放, 使用): when no amount paid out over any "
    "amount received reproduces the rate at its precision, reports it with the nearest "
    "quotients.",
    why="A rate the report's own money does not support is either computed on another basis "
    "(people, months) that the report should name, or wrong; a reviewer cannot verify it.",
    example="一、资金情况\n2023年收到补助资金共500万元，全年支出480万元。\n"
    "二、指标完成情况\n质量指标：资金发放率为90%。",
    counterexample="一、资金情况\n2023年收到补助资金共500万元，全年支出480万元。\n"
    "二、指标完成情况\n质量指标：资金发放率为96%。",
    fix="State the rate's numerator and denominator, or recompute it from the amounts the "
    "report gives.",
)

_RATE = lazy(
    r"(?P<name>(?:预算|支出|资金|经费|款项?|补助|补贴){0,3}(?P<verb>拨付|支付|执行|发放)率)[ \t]*"
    r"(?:为|是|达到|达|:|：)?[ \t]*(?P<num>\d{1,3}(?:\.\d+)?)[ \t]*%"
)
_TARGET_WORDS = lazy(r"目标|指标值|预期|计划|要求|应当|确保|力争|不低于|不少于|以上|≥|>=")
_CLAUSE_MARKS = "，,、:：;；。\n"
_SPENT = lazy(r"(?:支出|拨付|支付|发放|使用|执行)(?:了)?[\u4e00-\u9fff]{0,8}$")
_BASE = lazy(r"收到|下达|到位|安排|预算|拨入|总额|共计|合计|共$")
_NOT_WHOLE = lazy(r"其中|结余|结转|剩余|余额|未|应|计划|同比|增加|减少|上年|人均|每")
_NOT_SPENT = lazy(r"预算|计划|安排|下达|收到|到位|拨入")
# What may stand before the rate's name in its clause when the rate is about the report's funds
# as a whole; anything else (a project's name) makes it a rate of one item among several.
_GENERIC = lazy(
    r"[\s\d.、()（）:：]|[一二三四五六七八九十]+|预算|支出|资金|经费|项目|专项|补助|补贴|财政|"
    r"全年|年度|本年|整体|总体|部门|单位|质量|指标|的|其中"
)


# A report stating more distinct amounts received or paid out than this covers several items: a
# rate stated alone may be any one item's, so none is judged (and the pairs stay few).
_MAX_AMOUNTS = 12


class _Funds(NamedTuple):
    bases: list[Quantity]
    spent: list[Quantity]


_REACH = 120  # how far back a clause, or either way a sentence, is looked for


def _clause(norm: str, q: Quantity, prev_end: int) -> str:
    floor = max(prev_end, q.start - _REACH)
    s = max([floor] + [norm.rfind(ch, floor, q.start) + 1 for ch in _CLAUSE_MARKS])
    return norm[s : q.start]


def _first_of_each(amounts: list[Quantity]) -> list[Quantity]:
    seen: dict[Decimal, Quantity] = {}
    for q in amounts:
        seen.setdefault(q.base, q)
    return list(seen.values())


def _funds(doc: Document) -> _Funds:
    norm = doc.norm
    bases: list[Quantity] = []
    spent: list[Quantity] = []
    prev_end = 0
    for q in find_quantities(norm):
        if q.dimension != "money":
            prev_end = q.end
            continue
        clause = _clause(norm, q, prev_end)
        prev_end = q.end
        if _NOT_WHOLE.search(clause) or q.base <= 0:
            continue  # a balance, a change or a per-head amount is neither
        if _SPENT.search(clause) and not _NOT_SPENT.search(clause):
            spent.append(q)
        elif _BASE.search(clause):
            bases.append(q)
    # One amount per value (the first stated): repeats add no quotient.
    bases, spent = _first_of_each(bases), _first_of_each(spent)
    if len(bases) > _MAX_AMOUNTS or len(spent) > _MAX_AMOUNTS:
        return _Funds([], [])
    return _Funds(bases, spent)


def _sentence(norm: str, pos: int) -> tuple[int, int]:
    floor, ceil = max(0, pos - _REACH), min(len(norm), pos + _REACH)
    s = max([floor] + [norm.rfind(ch, floor, pos) + 1 for ch in "。；;\n"])
    ends = [i for i in (norm.find(ch, pos, ceil) for ch in "。；;\n") if i >= 0]
    return s, min(ends) if ends else ceil


def _fits(stated: Decimal, decimals: int, spent: Quantity, base: Quantity) -> bool:
    lo = (spent.base - spent.half_unit) / (base.base + base.half_unit) * 100
    hi = (spent.base + spent.half_unit) / (base.base - base.half_unit) * 100
    h = half_digit(decimals)
    return hi >= stated - h and lo <= stated + h


@check(UNSUPPORTED_PAYOUT_RATE)
def unsupported_payout_rate(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    found = list(_RATE.finditer(norm))
    if not found:
        return
    funds: _Funds | None = None
    judged: list[tuple[int, int]] | None = None
    for m in found:
        s, e = _sentence(norm, m.start())
        if _TARGET_WORDS.search(norm, s, m.end() + 4):
            continue  # a target is no claim
        if any(q.dimension == "money" for q in find_quantities(norm, s, e)):
            continue  # beside its own figures: R001 / R020
        lead = max([s] + [norm.rfind(ch, s, m.start()) + 1 for ch in "，,"])
        if _GENERIC.sub("", norm[lead : m.start("name")]):
            continue  # the rate of one named item, not of the funds the report totals
        if funds is None:
            funds = _funds(doc)
        if not funds.bases or not funds.spent:
            return
        if judged is None:
            others = [*rate_mismatch_hits(doc), *paid_rate_contradicted(doc)]
            judged = [span for h in others if isinstance(h, Hit) for span in h.spans]
        if any(a < m.end() and m.start() < b for a, b in judged):
            continue
        num = m.group("num")
        stated = Decimal(num)
        decimals = len(num.split(".", 1)[1]) if "." in num else 0
        pairs = [(p, b) for b in funds.bases for p in funds.spent if p.base <= b.base]
        if not pairs or any(_fits(stated, decimals, p, b) for p, b in pairs):
            continue
        pairs = list({(p.base, b.base): (p, b) for p, b in pairs}.values())
        near = sorted(pairs, key=lambda pb: abs(pb[0].base / pb[1].base * 100 - stated))[:2]
        shown = [f"{p.raw} ÷ {b.raw} = {fmt(p.base / b.base * 100, 1)}%" for p, b in near]
        yield UNSUPPORTED_PAYOUT_RATE.hit(
            [
                (m.start("name"), m.end()),
                *dict.fromkeys((q.start, q.end) for pb in near for q in pb),
            ],
            {
                "name": norm[m.start("name") : m.end("name")],
                "stated": f"{num}%",
                "quotients": "，".join(shown),
                "quotients_en": "; ".join(shown),
            },
        )
