"""Rates written beside their own amounts, and changes stated against the budget.

R022: "法院执行年初预算数6万元，年末结算支出6万元，项目资金支出进度比率为100%" — a rate whose
name R001 and R020 do not read (支出进度(比)率, 使用率 …), after exactly two amounts in its own
sentence: a base (labelled 预算/批复/下达/安排/计划, or with no label at all) and an amount spent
after it (支出/执行/使用/拨付/支付/结算). The rate is spent ÷ base; a stated 100 % over a
spending above the base is read as capped.

R023: "实际支出37,124.2万元，比预算增加35%" — a change against the budget, recomputed from the
figure before it and the report's budgets of the same stated side (支出 or 收入) and topic;
every such budget is tried, and the change is wrong only when none gives it. A percentage that
only truncation gives (35.69 % written 35 %) is an info note.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.rates import rate_kind
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.facts import BUDGET, FULL, INCOME, OPENING, SPENDING, Fact, facts
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_quantities, fmt, half_digit
from reviewer.regex import lazy

RATE_BESIDE_AMOUNTS = rule(
    code="R022",
    fix_zh="用同句的支出数和预算数重算该比率，或更正有误的金额。",
    name="rate-beside-amounts",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="比率与同句金额不符",
    title_en="Rate does not match the two amounts beside it",
    message_zh="报告称{name}{stated}，同句{spent_label}{spent} ÷ {base_label}{base} = {computed}%",
    message_en="The report states {name} {stated}; its own sentence gives {spent} spent of "
    "{base}: {computed}%",
    what="A progress or use rate (支出进度比率, 使用率 …) that R001 and R020 do not read, "
    "stated after exactly two amounts in its own sentence: a base (预算, 批复, 下达, 安排, or an "
    "unlabelled project amount) and the amount spent after it (支出, 执行, 使用, 拨付, 结算). "
    "Warns when spent ÷ base is not the stated rate, rounded or truncated (100 % also reads "
    "spending above the base).",
    why="The rate sits beside the two figures it is computed from; when it disagrees with them, "
    "one of the three is a typo and the rate usually feeds a score.",
    example="法院执行年初预算数60万元，年末结算支出50万元，项目资金支出进度比率为100%。",
    counterexample="法院执行年初预算数60万元，年末结算支出60万元，项目资金支出进度比率为100%。",
    fix="Recompute the rate from the two amounts, or correct the amount that is wrong.",
)

CHANGE_VS_BUDGET = rule(
    code="R023",
    fix_zh="用实际数和预算数重算增减幅度（四舍五入到所写位数），或更正有误的数字。",
    name="change-vs-budget-mismatch",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="比预算增减幅度与数据不符",
    title_en="Change against the budget does not match the figures",
    message_zh="报告称比预算{word}{stated}，按报告数据：{expr}{note_zh}",
    message_en="The report states a change of {stated} against the budget; from its figures: "
    "{expr}{note_en}",
    what="Reads 比预算/较预算 增加|减少 X% after a spending or income figure, and recomputes it "
    "against each budget the report states for the same side and topic. Warns when none gives "
    "the stated percentage; an info note when only truncation gives it.",
    why="The change against the budget is what explains an over- or under-run; a percentage the "
    "figures do not give misstates it.",
    example="2024年预算支出27,360.5万元。2024年实际支出37,124.2万元，比预算增加30%。",
    counterexample="2024年预算支出27,360.5万元。2024年实际支出37,124.2万元，比预算增加35.69%。",
    fix="Recompute the change from the actual and budget figures (rounded to the digits "
    "written), or correct the figure that is wrong.",
)

_RATE = lazy(
    r"(?P<name>(?:支出进度|执行进度|资金进度|预算支出进度)(?:比)?率|资金使用率|经费使用率|"
    r"预算使用率)[ \t]*(?:为|是|达到|达|:|：)?[ \t]*(?P<num>\d{1,3}(?:\.\d+)?)[ \t]*%"
)
_KEY = lazy(r"预算|批复|下达|安排|计划|支出|执行|使用|拨付|支付|结算|实际")
_BASE_KEYS = frozenset({"预算", "批复", "下达", "安排", "计划"})
_NOT_BASE = lazy(r"其中|结余|结转|剩余|余额|未")
_TARGET = lazy(r"目标|指标值|预期|应达|确保|力争|不低于|≥|>=")
_SENT = "。；;！？!?\n"


class _Labelled(NamedTuple):
    q: Quantity
    label: str


_REACH = 240  # how far a sentence is read around a match (bounds the work on one long line)


def _sentence(norm: str, pos: int) -> tuple[int, int]:
    lo, hi = max(0, pos - _REACH), min(len(norm), pos + _REACH)
    s = max(lo - 1, max(norm.rfind(ch, lo, pos) for ch in _SENT)) + 1
    ends = [i for i in (norm.find(ch, pos, hi) for ch in _SENT) if i >= 0]
    return s, min(ends) if ends else hi


def _last_key(label: str) -> str | None:
    keys = [m.group() for m in _KEY.finditer(label)]
    return keys[-1] if keys else None


def _within(stated: Decimal, decimals: int, lo: Decimal, hi: Decimal) -> bool:
    """[lo, hi] meets the stated value's rounding interval, or its truncation interval."""
    h = half_digit(decimals)
    return hi >= stated - h - Decimal("1e-9") and lo <= stated + 2 * h + Decimal("1e-9")


def _decimals(num: str) -> int:
    return len(num.split(".", 1)[1]) if "." in num else 0


@check(RATE_BESIDE_AMOUNTS)
def rate_beside_amounts(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    for m in _RATE.finditer(norm):
        name = m.group("name")
        if rate_kind(name) is not None:
            continue  # R001's ground
        s, _ = _sentence(norm, m.start())
        if s <= m.start() - _REACH:
            continue  # a sentence too long to read whole
        if _TARGET.search(norm, s, m.start("num")):
            continue  # a target is no claim
        qs = list(find_quantities(norm, s, m.start()))
        money = [q for q in qs if q.dimension == "money"]
        if len(money) != 2 or any(q.dimension == "percent" for q in qs):
            continue
        hit = _judge_pair(doc, m, s, money[0], money[1])
        if hit is not None:
            yield hit


def _judge_pair(
    doc: Document, m: re.Match[str], s: int, a: Quantity, b: Quantity
) -> Hit | Relation | None:
    norm = doc.norm
    clause_start = max(s, max(norm.rfind(ch, s, a.start) for ch in "，,:：") + 1)
    base_label = norm[clause_start : a.start]
    spent_label = norm[a.end : b.start].lstrip("，,、 ")
    base_key, spent_key = _last_key(base_label), _last_key(spent_label)
    if base_key is not None and base_key not in _BASE_KEYS:
        return None
    if spent_key is None or spent_key in _BASE_KEYS or _NOT_BASE.search(spent_label):
        return None
    if _NOT_BASE.search(base_label) or a.base <= 0:
        return None
    value = b.base / a.base * 100
    lo = (b.base - b.half_unit) / (a.base + a.half_unit) * 100
    hi = (b.base + b.half_unit) / max(a.base - a.half_unit, Decimal("1e-9")) * 100
    stated = Decimal(m.group("num"))
    spans = [(m.start("num"), m.end()), (b.start, b.end), (a.start, a.end)]
    text = f"{b.raw} ÷ {a.raw} = {fmt(value.quantize(Decimal('0.01')))}%"
    if _within(stated, _decimals(m.group("num")), min(lo, value), max(hi, value)):
        return relation("rate", spans, text)
    if stated == 100 and lo >= 100:
        return None  # spending above the base, the rate capped at 100 %
    return RATE_BESIDE_AMOUNTS.hit(
        [(m.start("name"), m.end()), (b.start, b.end), (a.start, a.end)],
        {
            "name": m.group("name"),
            "stated": f"{m.group('num')}%",
            "spent_label": spent_label.strip(),
            "spent": b.raw,
            "base_label": base_label.strip(),
            "base": a.raw,
            "computed": fmt(value.quantize(Decimal("0.01"))),
        },
    )


# ---- R023: change against the budget ---------------------------------------------------------

_VS_BUDGET = lazy(
    r"(?:比|较)(?:年初|全年|调整后)?预算(?:数|金额)?(?P<dir>增加|增长|超支|多支出|多|减少|下降|"
    r"节约|少支出|少)了?(?:约)?[ \t]*(?P<num>\d{1,3}(?:\.\d+)?)[ \t]*%"
)
_UP = frozenset({"增加", "增长", "超支", "多支出", "多"})
_MAX_BUDGETS = 8
_BUDGET_KINDS = frozenset({BUDGET, OPENING, FULL})


@check(CHANGE_VS_BUDGET)
def change_vs_budget(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    all_facts = sorted(facts(doc), key=lambda f: f.end)
    ends = [f.end for f in all_facts]
    budgets_of: dict[tuple[str, str], list[Fact]] = {}
    for f in all_facts:
        if f.kind in _BUDGET_KINDS and f.side and f.quantity.base > 0:
            budgets_of.setdefault((f.topic, f.side), []).append(f)
    for m in _VS_BUDGET.finditer(norm):
        k = bisect.bisect_right(ends, m.start())
        if k == 0:
            continue
        cur = all_facts[k - 1]  # the figure the change follows
        if cur.kind not in (SPENDING, INCOME) or norm[cur.end : m.start()].strip("，, ") != "":
            continue
        budgets = budgets_of.get((cur.topic, cur.side), [])[:_MAX_BUDGETS]
        if not budgets:
            continue
        hit = _judge_change(m, cur, budgets)
        if hit is not None:
            yield hit


def _judge_change(m: re.Match[str], cur: Fact, budgets: list[Fact]) -> Hit | None:
    up = m.group("dir") in _UP
    num = m.group("num")
    stated, decimals = Decimal(num), _decimals(num)
    h = half_digit(decimals)
    truncated: Fact | None = None
    shown: list[str] = []
    c = cur.quantity
    for b in {f.quantity.base: f for f in budgets}.values():
        bq = b.quantity
        sign = 1 if up else -1
        value = (c.base - bq.base) / bq.base * 100 * sign
        lo = ((c.base - c.half_unit) - (bq.base + bq.half_unit)) / (bq.base + bq.half_unit)
        hi = ((c.base + c.half_unit) - (bq.base - bq.half_unit)) / (bq.base - bq.half_unit)
        lo, hi = sorted((lo * 100 * sign, hi * 100 * sign))
        if hi >= stated - h - Decimal("1e-9") and lo <= stated + h + Decimal("1e-9"):
            return None  # rounds to the stated figure
        if _within(stated, decimals, lo, hi):
            truncated = truncated or b
        shown.append(f"({c.raw} − {bq.raw}) ÷ {bq.raw} = {fmt(value.quantize(Decimal('0.01')))}%")
    data = {
        "word": m.group("dir"),
        "stated": f"{num}%",
        "expr": "；".join(shown),
        "note_zh": "",
        "note_en": "",
    }
    spans = [(m.start(), m.end()), (c.start, c.end)]
    if truncated is not None:
        tq = truncated.quantity
        exact = ((c.base - tq.base) / tq.base * 100).copy_abs()
        rounded = exact.quantize(Decimal(1).scaleb(-decimals))
        data["note_zh"] = f"，四舍五入应为 {fmt(rounded)}%，报告的 {num}% 是截断值"
        data["note_en"] = f"; rounded it is {fmt(rounded)}%, the stated {num}% is truncated"
        return CHANGE_VS_BUDGET.hit([*spans, (tq.start, tq.end)], data, severity=Severity.INFO)
    return CHANGE_VS_BUDGET.hit(
        [*spans, *((f.quantity.start, f.quantity.end) for f in budgets[:3])], data
    )
