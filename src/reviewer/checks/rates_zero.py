"""A rate stated over a zero base: a form row `0 | 0 | 100%` (budget 0, spent 0, rate 100%).

A rate is spent ÷ budget; over a budget of 0 it has no value, so a stated rate there is a
convention at best (100% for "nothing due, nothing left") and hides spending without a budget at
worst. R031 reads such rows in two places: the rows of a form's funds block the form reader
understands (any layout), and any `|`- or tab-separated row under a header naming a budget, a
spending and a rate column in that order (the label of the row may be anything). A rate of 0 or
an empty rate cell over a zero budget says nothing and stays silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.forms import EXEC, RATE, funds_blocks, percent_value
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

RATE_OVER_ZERO = rule(
    code="R031",
    fix_zh="预算数为0时执行率无法计算，应填“—”或说明；如有支出而无预算，应补列预算来源或说明原因。",
    name="rate-over-zero-base",
    kind="rate_mismatch",
    severity=Severity.INFO,
    family="rates",
    title_zh="预算数为0却填了执行率",
    title_en="A rate stated over a budget of 0",
    message_zh="“{label}”行预算数为 0、执行数为 {spent}，却填执行率 {stated}：{why_zh}",
    message_en="Row '{label}' has a budget of 0 and spending of {spent}, yet states a rate of "
    "{stated}: {why_en}",
    what="A row of a form (a funds block, or any `|`/tab row under a header naming a budget, a "
    "spending and a rate column in that order) whose budget cell is 0 while its rate cell "
    "states a non-zero percent. Info when the spending is 0 too (the rate cannot be computed); "
    "a warning when there is spending without a budget.",
    why="A rate over 0 has no value: 100% there is a convention, not a result, and spending "
    "with no budget behind it is a problem the rate hides.",
    example="资金投入情况 | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%)\n"
    "年度资金总额 | 100 | 100 | 100%\n彩票公益金 | 0 | 0 | 100%\n",
    counterexample="资金投入情况 | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%)\n"
    "年度资金总额 | 100 | 100 | 100%\n彩票公益金 | 0 | 0 | —\n",
    fix="Leave the rate empty (—) where the budget is 0, or explain; spending without a budget "
    "needs its source stated.",
)

_WHY_ZH = {
    False: "预算为0时执行率无法计算，应留空或注明不适用",
    True: "有支出而无预算，执行率无法计算，应说明支出的资金来源",
}
_WHY_EN = {
    False: "a rate cannot be computed on a budget of 0; leave it empty or mark it not applicable",
    True: "there is spending but no budget, so no rate can be computed; the spending's source "
    "needs explaining",
}

# A row's budget, spending and rate cells side by side: 0 | 0 | 100% (a money unit may follow).
_ZERO_ROW = lazy(
    r"(?:^|[|\t])[ \t]*(?P<base>0(?:\.0+)?)[ \t]*(?:万元|元|万)?[ \t]*[|\t][ \t]*"
    r"(?P<spent>\d[\d,]*(?:\.\d+)?)[ \t]*(?:万元|元|万)?[ \t]*[|\t][ \t]*"
    r"(?P<rate>\d{1,3}(?:\.\d+)?)[ \t]*%"
)
# The header above: a budget column, then a spending column, then a rate column.
_HEAD_BUDGET = lazy(r"预算数|预算|计划数|安排数|下达数|批复数")
_HEAD_SPENT = lazy(r"执行数|实际支出|支出数|支付数|拨付数|决算数|完成数")
_HEAD_RATE = lazy(r"(?:执行|完成|支付|拨付|到位)率")
_HEADER_REACH = 12  # lines a row may stand below its header


class _Row(NamedTuple):
    label: str
    stated: tuple[int, int]
    spent: Decimal
    spent_span: tuple[int, int]
    base: tuple[int, int]
    rate_text: str


def _header_order(text: str) -> bool:
    """Budget, spending and rate columns named in that order on one line."""
    b, s, r = _HEAD_BUDGET.search(text), _HEAD_SPENT.search(text), _HEAD_RATE.search(text)
    return b is not None and s is not None and r is not None and b.start() < s.start() < r.start()


def _line_rows(doc: Document) -> Iterator[_Row]:
    """`|`/tab rows under a budget / spending / rate header, read one line at a time."""
    header_at = -_HEADER_REACH - 1
    for ln in doc.lines:
        text = ln.text
        if "|" not in text and "\t" not in text:
            header_at = -_HEADER_REACH - 1  # the table ended
            continue
        if _header_order(text):
            header_at = ln.index
            continue
        if ln.index - header_at > _HEADER_REACH:
            continue
        m = _ZERO_ROW.search(text)
        if m is None or Decimal(m.group("rate")) <= 0:
            continue
        first = text.replace("\t", "|").split("|", 1)[0].strip()
        spent = Decimal(m.group("spent").replace(",", ""))
        yield _Row(
            first or text[: m.start()].strip(" |\t"),
            (ln.start + m.start("rate"), ln.start + m.end()),
            spent,
            (ln.start + m.start("spent"), ln.start + m.end("spent")),
            (ln.start + m.start("base"), ln.start + m.end("base")),
            m.group("rate") + "%",
        )


def _form_rows(doc: Document) -> Iterator[_Row]:
    """Rows of a form's funds block whose budget is 0 and whose rate is not."""
    for block in funds_blocks(doc):
        kind = block.budget_kind()
        if kind is None:
            continue
        for row in block.rows:
            budget, stated, spent = row.number(kind), row.number(RATE), row.number(EXEC)
            if budget is None or stated is None or budget.value != 0:
                continue
            readings = percent_value(stated)
            if not readings or readings[0] <= 0:
                continue
            yield _Row(
                row.label.text.rstrip(":：").replace(" ", ""),
                (stated.start, stated.end),
                spent.value if spent is not None else Decimal(0),
                (spent.start, spent.end) if spent is not None else (budget.start, budget.end),
                (budget.start, budget.end),
                f"{fmt(stated.value, stated.decimals)}{stated.unit}",
            )


@check(RATE_OVER_ZERO)
def rate_over_zero(doc: Document) -> Iterator[Hit]:
    seen: set[int] = set()
    for row in [*_form_rows(doc), *_line_rows(doc)]:
        if row.stated[0] in seen:
            continue
        seen.add(row.stated[0])
        spending = row.spent > 0
        yield RATE_OVER_ZERO.hit(
            [row.stated, row.base, row.spent_span],
            {
                "label": row.label,
                "spent": fmt(row.spent),
                "stated": row.rate_text,
                "why_zh": _WHY_ZH[spending],
                "why_en": _WHY_EN[spending],
            },
            severity=Severity.WARNING if spending else Severity.INFO,
        )
