"""A funds block's 全年执行数 against the spending it breaks down beneath it (T080).

Hunan's department forms put the funds block's breakdowns under its total row:

    年度资金总额  861.10  2030.12  2030.12  10  100%  10
    按收入性质分:2030.12        按支出性质分:1925.67
    其中: 一般公共预算:1325.68  其中:基本支出:900.47
    …                         项目支出:1025.20

The income side gives 2030.12, the spending side 900.47 + 1025.20 = 1925.67: what was executed
is the spending, so the 全年执行数 of 2030.12 (and its 执行率 100%) restates the income. T080
reads:

* the funds block's total row, with its 全年执行数 (exec column);
* right after the block (within a few lines), 按支出性质分 followed by an amount — the spending
  total the report breaks down — confirmed by its parts when they are stated (基本支出 A and
  项目支出 B that add up to it, each stated once);
* a warning when the two differ by more than rounding: the report's execution figure and its
  own spending disagree, and the execution rate built on the first is not the one the second
  gives. Where the block states 按收入性质分 equal to the 全年执行数, the message says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.forms import funds_blocks
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

EXEC_VS_SPENDING_SPLIT = rule(
    code="T080",
    fix_zh="全年执行数应为实际支出数（按支出性质分的合计），据此重算执行率和得分，"
    "或说明两者口径差异。",
    name="exec-vs-spending-split",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="totals",
    title_zh="资金表全年执行数与表下按支出性质分的支出不符",
    title_en="A funds block's executed total differs from the spending it breaks down",
    message_zh="资金表全年执行数为 {exec}，但表下按支出性质分的支出为 {spent}{parts}，相差 {diff}"
    "{income}；按实际支出计算执行率为 {rate}",
    message_en="The funds block's executed total is {exec}, but the spending broken down under it "
    "(按支出性质分) is {spent}{parts_en}, {diff} apart{income_en}; on that spending the execution "
    "rate is {rate}",
    what="A funds block's total row (全年执行数) against the 按支出性质分 amount stated right "
    "under the block (confirmed by its 基本支出 + 项目支出 when stated): warns when they differ.",
    why="The executed total is what was spent; a figure equal to the income instead of the "
    "spending overstates the execution rate and its score.",
    example="项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "年度资金总额 861.10 2030.12 2030.12 10 100% 10\n"
    "按收入性质分:2030.12\n按支出性质分:1925.67\n其中:基本支出:900.47\n项目支出:1025.20\n",
    counterexample="项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "年度资金总额 861.10 2030.12 1925.67 10 94.85% 9.49\n"
    "按收入性质分:2030.12\n按支出性质分:1925.67\n其中:基本支出:900.47\n项目支出:1025.20\n",
    fix="State the spending as the executed total and recompute the rate and score, or explain "
    "the difference.",
)

_REACH = 400  # characters after the block read for its breakdowns
_SPENT = lazy(r"按支出性质分[类]?[ \t]*[:：][ \t]*(?P<v>\d[\d,]*(?:\.\d+)?)(?:[ \t]*万?元)?")
_INCOME = lazy(r"按收入性质分[类]?[ \t]*[:：][ \t]*(?P<v>\d[\d,]*(?:\.\d+)?)")
_BASIC = lazy(r"基本支出[ \t]*[:：]?[ \t]*(?P<v>\d[\d,]*(?:\.\d+)?)")
_PROJECT = lazy(r"项目支出[ \t]*[:：]?[ \t]*(?P<v>\d[\d,]*(?:\.\d+)?)")


def _value(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _once(pattern: re.Pattern[str], text: str, start: int, end: int) -> Decimal | None:
    found = {m.group("v") for m in pattern.finditer(text, start, end)}
    return _value(found.pop()) if len(found) == 1 else None


@check(EXEC_VS_SPENDING_SPLIT)
def exec_vs_spending_split(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for block in funds_blocks(doc):
        total = block.total
        if total is None or "exec" not in total.values:
            continue
        exec_num = total.number("exec")
        if exec_num is None or exec_num.value <= 0 or exec_num.unit == "%":
            continue
        end = min(len(norm), block.end + _REACH)
        spent_m = list(_SPENT.finditer(norm, max(0, block.end - 40), end))
        if len(spent_m) != 1:
            continue
        m = spent_m[0]
        spent = _value(m.group("v"))
        if spent <= 0:
            continue
        basic = _once(_BASIC, norm, m.end(), end)
        project = _once(_PROJECT, norm, m.end(), end)
        parts = parts_en = ""
        if basic is not None and project is not None:
            if abs(basic + project - spent) > Decimal("0.011"):
                continue  # the parts do not confirm the figure: nothing is compared
            parts = f"（基本支出 {basic} + 项目支出 {project}）"
            parts_en = f" ({basic} basic + {project} project spending)"
        executed = exec_num.value
        diff = abs(executed - spent)
        if diff <= max(Decimal("0.011"), executed * Decimal("0.0005")):
            continue
        income = _once(_INCOME, norm, max(0, block.end - 40), end)
        note = note_en = ""
        if income is not None and income == executed:
            note = "（全年执行数与按收入性质分的收入相同）"
            note_en = " (the executed total equals the income total)"
        budget_kind = block.budget_kind()
        budget = total.number(budget_kind) if budget_kind else None
        rate = "无法计算"
        if budget is not None and budget.value > 0 and budget.unit != "%":
            rate = f"{fmt((spent / budget.value * 100).quantize(Decimal('0.01')))}%"
        cell = total.values["exec"]
        spans = [(m.start(), m.end()), (cell.start, cell.end)]
        rate_cell = total.values.get("rate")
        if rate_cell is not None:
            spans.append((rate_cell.start, rate_cell.end))
        yield EXEC_VS_SPENDING_SPLIT.hit(
            spans,
            {
                "exec": fmt(executed),
                "spent": fmt(spent),
                "parts": parts,
                "parts_en": parts_en,
                "diff": fmt(diff),
                "income": note,
                "income_en": note_en,
                "rate": rate,
            },
        )
