"""A budget given in prose as a list of its parts, against the form's 年度资金总额 budget (T070).

Transfer-payment and project reports often describe the budget they received as the sum of what it
pays for — "预算数:2021年,包含补助项目资金774万元、补助传承人资金240万元、…" — with no total in
the sentence, while the self-evaluation form below gives the 全年预算数 of its 年度资金总额 row.
The parts must add up to that budget. T070 reads:

* the list: a clause that names a budget (预算数, 预算资金, 下达资金, 安排资金 …) and then 包含 /
  包括, with no amount between the two, and at least three money amounts after it up to the end
  of the sentence (。, a line break or the next numbered heading); a list that states its own
  total (合计, 共计 …) is the totals check's, and one that names some parts only (主要包括 …,
  a last part followed by 等) is no complete list;
* the form's budget: the 全年预算数 of the 年度资金总额 row, from a funds block the form reader
  understands, or, when the row's cells ran together (`年度资金总额:21182118100%`), the one split
  of its digits whose rate is B ÷ A (rounded or truncated; 0% only over nothing spent, and a
  split with nothing spent only when no other is left; a budget below 1000亿元), in the money
  unit the form's header names. Nothing is compared when there is no such budget, or more than
  one.

A warning, not an error: a list may leave out a part the report does not name.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.rates_glued import _rate_holds, _Split, _splits
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.document.forms import FULL, funds_blocks
from reviewer.models import Severity
from reviewer.numbers import MONEY_SCALE, find_quantities, fmt
from reviewer.regex import lazy

BUDGET_LIST_VS_FORM = rule(
    code="T070",
    fix_zh="核对预算数的各组成部分：补列遗漏的部分，或更正有误的金额，使其之和等于自评表的全年预算数。",
    name="budget-list-vs-form",
    kind="sum_mismatch",
    severity=Severity.WARNING,
    family="totals",
    title_zh="文中所列预算组成与自评表预算数不符",
    title_en="The budget's parts listed in prose do not add up to the form's budget",
    message_zh="自评表年度资金总额的全年预算数为 {total}，而文中“{label}”所列各部分 {expr} = {sum}"
    "（相差 {diff}）：可能漏列了某一部分，或某一金额有误",
    message_en="The form's total budget (全年预算数 of 年度资金总额) is {total}, but the parts "
    "listed for '{label}' add up to {expr} = {sum} (off by {diff}): a part may be missing, or "
    "an amount is wrong",
    what="A clause that names a budget (预算数, 预算资金, 下达资金, 安排资金 …) and lists what it "
    "contains (包含/包括 …, three or more money amounts, no total of its own) is added up and "
    "compared with the 全年预算数 of the self-evaluation form's 年度资金总额 row (read from the "
    "form, or from its cells run together when one split gives a consistent rate).",
    why="The budget described in the text and the budget in the form are the same money; when "
    "the listed parts do not add up to it, a part is missing from the description or a figure is "
    "wrong, and the reader cannot tell which.",
    example="1.预算数:2021年,包含补助项目资金300万元、补助培训资金120万元、补助设备资金80万元,"
    "(二)分解情况\n资金情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A)"
    "年度资金总额:520520100%其中:中央财政资金520520100%",
    counterexample="1.预算数:2021年,包含补助项目资金300万元、补助培训资金120万元、补助设备资金"
    "100万元,(二)分解情况\n资金情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A)"
    "年度资金总额:520520100%其中:中央财政资金520520100%",
    fix="Check the budget's parts: add the part left out, or correct the wrong amount, so that "
    "they add up to the form's budget.",
)

_LIST = lazy(
    r"(?P<label>预算数|预算资金|下达资金|下达预算|安排资金|资金预算)[^。；;\n\d]{0,12}?"
    r"(?:\d{4}年度?)?[^。；;\n\d]{0,6}?(?:包含|包括)"
)
_END = lazy(r"[。\n]|[(（][一二三四五六七八九十][)）]|(?<![\d])[一二三四五六七八九十]、")
_OWN_TOTAL = lazy(r"合计|共计|总计|总额|累计")
_PARTIAL = lazy(r"主要|重点|部分")  # 主要包括: the main parts, not all of them
_ETC = lazy(r"[^，,、；;。\n]{0,12}?等")
_GLUED_TOTAL = lazy(r"年度资金总额\s*[:：]?\s*(?P<d>\d[\d.]{2,24})%")
_HEAD_UNIT = lazy(r"[(（](?P<u>万元|元)[)）]")
_MIN_PARTS = 3
_LIST_REACH = 300
_MAX_BUDGET = Decimal(10) ** 11  # yuan: 1000亿元


def _plausible(s: _Split, scale: Decimal) -> bool:
    """A split of a glued funds row that can be the form's: its rate is B ÷ A, a rate of 0 only
    over nothing spent (a truncated 0.04% is a split of the digits, not a rate written 0%), and a
    budget below 1000亿元 (a longer run of digits is two cells read as one)."""
    if not _rate_holds(s) or (s.rate == 0 and s.b > 0):
        return False
    return s.a * scale < _MAX_BUDGET


def _form_budgets(doc: Document) -> set[tuple[Decimal, int, int]]:
    """The form's 全年预算数 of 年度资金总额 in yuan, with its span: every reading found."""
    out: set[tuple[Decimal, int, int]] = set()
    for block in funds_blocks(doc):
        row = block.total
        scale = MONEY_SCALE.get(block.unit)
        if row is None or scale is None or "资金总额" not in row.label.text:
            continue
        n = row.number(FULL)
        if n is not None:
            out.add((n.value * scale, n.start, n.end))
    for m in _GLUED_TOTAL.finditer(doc.norm):
        heads = list(_HEAD_UNIT.finditer(doc.norm, max(0, m.start() - 120), m.start()))
        if not heads:
            continue
        scale = MONEY_SCALE[heads[-1].group("u")]
        splits = [s for s in _splits(m.group("d")) if _plausible(s, scale)]
        # A split with nothing spent passes any budget (0 ÷ A is 0%): it counts only when no
        # split whose rate actually tests its digits is left (`520520100%`: 520 | 520 | 100%,
        # not 5205201 | 0 | 0%).
        spent = [s for s in splits if s.b > 0]
        reads = {s.a for s in spent or splits}
        if len(reads) == 1:
            (a,) = reads
            out.add((a * scale, m.start("d"), m.end("d")))
    return out


@check(BUDGET_LIST_VS_FORM)
def budget_list_vs_form(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    budgets = _form_budgets(doc)
    if len({b for b, _, _ in budgets}) != 1:
        return
    total, t_start, t_end = min(budgets, key=lambda b: b[1])
    for m in _LIST.finditer(norm):
        end_m = _END.search(norm, m.end(), m.end() + _LIST_REACH)
        end = end_m.start() if end_m else min(len(norm), m.end() + _LIST_REACH)
        if _OWN_TOTAL.search(norm, m.end(), end) or _PARTIAL.search(norm, m.start(), m.end()):
            continue
        found = find_quantities(norm, m.end(), end)
        money = [q for q in found if q.dimension == "money"]
        if len(money) < _MIN_PARTS or (t_start < end and t_end > m.start()):
            continue
        if _ETC.match(norm, money[-1].end):
            continue  # 等: the list names some parts only
        got = sum((q.base for q in money), Decimal(0))
        slack = sum((q.half_unit for q in money), Decimal(0))
        unit = money[0].unit
        scale = MONEY_SCALE[unit]
        expr = " + ".join(fmt(q.value) for q in money)
        if abs(got - total) <= slack:
            yield relation(
                "sum",
                [(t_start, t_end), *((q.start, q.end) for q in money)],
                f"{expr} = {fmt(total / scale)}{unit}",
            )
            continue
        yield BUDGET_LIST_VS_FORM.hit(
            [(t_start, t_end), *((q.start, q.end) for q in money)],
            {
                "total": f"{fmt(total / scale)}{unit}",
                "label": m.group("label"),
                "expr": expr,
                "sum": f"{fmt(got / scale)}{unit}",
                "diff": f"{fmt(abs(total - got) / scale)}{unit}",
            },
        )
