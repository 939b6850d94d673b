"""A use rate stated after the one amount spent in its sentence, that no base of its paragraph
gives (R120).

"确定项目预算金额500万元，上缴20万元。截至年底已拨付资金420.5万元，资金使用率85.3%": the
rate's own sentence holds only the amount spent (拨付/支出/使用/支付/执行), the base stands in an
earlier sentence of the same paragraph (a 预算/下达/安排/批复/计划 amount). Every amount of the
paragraph before the rate's sentence is tried as the base, and every sum and difference of two of
them; the rate is wrong only when none gives it, rounded or truncated. R022 reads the rates with
both amounts in their sentence."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

from reviewer.checks.rates import rate_kind
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_quantities, fmt, half_digit
from reviewer.regex import lazy

RATE_NO_BASE = rule(
    code="R120",
    fix_zh="写明该比率的分母（预算数），或按报告所列预算数重算该比率。",
    name="use-rate-matches-no-base",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="使用率与段内任何预算数都不符",
    title_en="A use rate that no base of its paragraph gives",
    message_zh="报告称{name}{stated}，同句{spent}；按本段{base_label}{base}计算为 {computed}%，"
    "段内其他金额（及其和、差）也都得不出 {stated}",
    message_en="The report states {name} {stated} beside {spent}; over the paragraph's {base} "
    "it is {computed}%, and no other amount of the paragraph (nor a sum or difference of two) "
    "gives {stated}",
    what="A use or progress rate (资金使用率, 支出进度率 …) stated after the one amount spent in "
    "its own sentence (拨付, 支出, 使用, 支付, 执行), in a paragraph whose earlier sentences give "
    "a budget (预算, 下达, 安排, 批复, 计划 … 万元). Every amount of the paragraph before the "
    "sentence is tried as the base, and every sum and difference of two; warns when none gives "
    "the stated rate, rounded or truncated.",
    why="A rate no figure of the report gives rests on a base the reader cannot see, or on a "
    "typo; either way it cannot be verified.",
    example="确定项目预算金额500万元，上缴20万元。截至年底已拨付资金420.5万元，资金使用率86.3%。",
    counterexample="确定项目预算金额500万元，上缴20万元。截至年底已拨付资金420.5万元，"
    "资金使用率87.6%。",
    fix="State the base of the rate, or recompute it from the budget the report gives.",
)

_RATE = lazy(
    r"(?P<name>(?:支出进度|执行进度|资金进度|预算支出进度)(?:比)?率|资金使用率|经费使用率|"
    r"预算使用率)[ \t]*(?:为|是|达到|达|:|：)?[ \t]*(?P<num>\d{1,3}(?:\.\d+)?)[ \t]*%"
)
_SPENT = lazy(r"(?:拨付|支出|使用|支付|执行)[^，,。；;]{0,12}$")
_BUDGET = lazy(r"(?:预算|下达|安排|批复|计划)[^，,。；;]{0,16}$")
_TARGET = lazy(r"目标|指标值|预期|应达|确保|力争|不低于|≥|>=")
_SENT = "。；;！？!?\n"
_MAX_AMOUNTS = 12
_REACH = 800


def _sentence_start(norm: str, pos: int, floor: int) -> int:
    return max(floor - 1, max(norm.rfind(ch, floor, pos) for ch in _SENT)) + 1


def _gives(stated: Decimal, decimals: int, spent: Quantity, base: Decimal) -> bool:
    if base <= 0:
        return False
    value = spent.value / base * 100
    h = half_digit(decimals)
    return stated - h - Decimal("0.005") <= value <= stated + 2 * h + Decimal("0.005")


@check(RATE_NO_BASE)
def rate_no_base(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for m in _RATE.finditer(norm):
        if rate_kind(m.group("name")) is not None:
            continue
        # the paragraph (its line), read at most _REACH back: one long line stays cheap
        line_start = max(norm.rfind("\n", 0, m.start()) + 1, m.start() - _REACH)
        s = _sentence_start(norm, m.start(), line_start)
        if s == line_start or _TARGET.search(norm, s, m.start("num")):
            continue
        in_sentence = [q for q in find_quantities(norm, s, m.start()) if q.dimension != "count"]
        if len(in_sentence) != 1 or in_sentence[0].dimension != "money":
            continue
        spent = in_sentence[0]
        if not _SPENT.search(norm, s, spent.start):
            continue
        before = [
            q
            for q in find_quantities(norm, line_start, s)
            if q.dimension == "money" and q.unit == spent.unit
        ]
        budgets = [q for q in before if _BUDGET.search(norm, line_start, q.start)]
        if not budgets or budgets[0].value <= 0 or len(before) > _MAX_AMOUNTS:
            continue
        stated, dec = Decimal(m.group("num")), len(m.group("num").partition(".")[2])
        bases = [q.value for q in before]
        bases += [a.value + b.value for a, b in combinations(before, 2)]
        bases += [abs(a.value - b.value) for a, b in combinations(before, 2)]
        base = budgets[0]
        computed = fmt((spent.value / base.value * 100).quantize(Decimal("0.01")))
        if any(_gives(stated, dec, spent, b) for b in bases):
            continue
        yield RATE_NO_BASE.hit(
            [(m.start("name"), m.end()), (spent.start, spent.end), (base.start, base.end)],
            {
                "name": m.group("name"),
                "stated": f"{m.group('num')}%",
                "spent": spent.raw,
                "base_label": "",
                "base": base.raw,
                "computed": computed,
            },
        )
