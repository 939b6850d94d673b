"""Totals that must agree across sections of a report.

- A complete split stated on its own (基本支出 A … 项目支出 B, or the four economic classes 工资福利
  / 商品和服务 / 对个人和家庭的补助 / 资本性支出), without a total beside it, against the executed
  total (决算支出, 本年支出, 支出合计 …) stated elsewhere. A split stated under its own total is
  the totals check's (T001) to judge: its parts belong to that total, not to the executed one.
- Income against spending and balance: 本年收入 (+ 上年结转) = 本年支出 + 年末结转结余, where the
  report states income, spending and the year-end balance.

Each figure must be stated with one value only (two different 基本支出 figures are a budget and
an actual, or two years: nothing is compared), and only the report's own year is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.amounts import (
    DECOMPOSITIONS,
    Decomposition,
    Node,
    complete_decomposition,
    figure_trees,
    relations,
    rounding,
)
from reviewer.claims.facts import (
    CARRY_BALANCE,
    CARRYOVER,
    INCOME,
    SPENDING,
    Fact,
    current,
    facts,
)
from reviewer.claims.sections import Section, sections
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, fmt
from reviewer.regex import lazy

SPLIT_VS_TOTAL = rule(
    code="T007",
    fix_zh="核对决算数据：各分类支出之和应等于支出总额，更正有误的数字或注明口径差异。",
    name="split-vs-stated-total",
    kind="sum_mismatch",
    severity=Severity.WARNING,
    family="totals",
    title_zh="分类支出之和与别处所称支出总额不符",
    title_en="A complete split of spending does not add up to the total stated elsewhere",
    message_zh="{expr}，而报告第{total_line}行称{total_label} {stated}（相差 {diff}{unit}）；"
    "{split}是完整的分类，口径按上下文推断，请核对",
    message_en="{expr}, while line {total_line} states {total_label} of {stated} (off by "
    "{diff}{unit}); {split} is a complete split, its scope is inferred from the context",
    what="Finds the parts of a complete split of spending (基本支出 + 项目支出, or the four "
    "economic classes) stated without a total beside them, and adds them up against the "
    "executed total (决算支出, 本年支出 …) the report states in another place.",
    why="The split and the total describe the same money; a report that gives 基本支出 and "
    "项目支出 in one section and a different 决算支出 in another has a wrong figure somewhere.",
    example="2024年决算支出1000万元。\n（二）支出结构\n基本支出600万元，占比60%。项目支出300万元。"
    "(600 + 300 = 900, not 1000)",
    counterexample="2024年决算支出1000万元。\n财政拨款支出900万元，其中基本支出600万元，"
    "项目支出300万元。(the split belongs to the 900 stated beside it)",
    fix="Correct the figure that is wrong, or say why the split and the total differ in scope.",
    variants={
        "split_total": (
            "{split_label} {split_total}（{expr}）与报告第{total_line}行所称{total_label} "
            "{stated}不符（相差 {diff}{unit}）；两处都是本年全部支出，应为同一数字",
            "{split_label} of {split_total} ({expr}) disagrees with {total_label} of {stated} on "
            "line {total_line} (off by {diff}{unit}); both are the year's whole spending",
        ),
    },
)

INCOME_VS_SPENDING = rule(
    code="T008",
    fix_zh="核对收支决算：本年收入加上年结转应等于本年支出加年末结转结余，更正有误的数字。",
    name="income-spending-balance",
    kind="sum_mismatch",
    severity=Severity.WARNING,
    family="totals",
    title_zh="收入与支出、结转结余不衔接",
    title_en="Income does not match spending plus the year-end balance",
    message_zh="{left_expr}，{right_expr}，两者相差 {diff}{unit}{note}",
    message_en="{left_expr_en}, {right_expr_en}: {diff}{unit} apart{note_en}",
    what="Reads the year's income, spending, year-end balance (结转结余) and, when stated, the "
    "carry-over from last year (上年结转), and checks income + carry-over = spending + balance.",
    why="Money received either was spent or is still there at the end of the year; when the "
    "report's own figures leave a gap, one of them is wrong or an item is missing.",
    example="本年收入1000万元，上年结转50万元，本年支出900万元，年末结转结余100万元。"
    "(1000 + 50 = 1050, 900 + 100 = 1000)",
    counterexample="本年收入1000万元，本年支出900万元，年末结转结余150万元。(the 50 may be an "
    "unstated carry-over from last year)",
    fix="Check the figures against the final accounts (收入支出决算表) and correct the one that "
    "is wrong, or name the missing item.",
)

PROJECT_LIST_VS_SPENDING = rule(
    code="T009",
    fix_zh="核对项目支出总额与各项目实际支出明细，更正有误的数字，或说明未列出的项目。",
    name="project-list-vs-total",
    kind="sum_mismatch",
    severity=Severity.WARNING,
    family="totals",
    title_zh="各项目支出之和与项目支出总额不符",
    title_en="The listed projects' spending does not match the stated 项目支出",
    message_zh="“{section}”所列 {count} 个项目实际支出 {expr}，而报告称项目支出 {stated}"
    "（相差 {diff}{unit}）{note}",
    message_en="The {count} projects listed under '{section}' spent {expr}, while the report "
    "states project spending of {stated} (off by {diff}{unit}){note_en}",
    what="Reads a section about projects whose subsections are one project each, takes each "
    "project's actual spending (实际支出, 执行数, 完成投资 …), and adds them up against the "
    "项目支出 the report states elsewhere (one value only, the report's own year).",
    why="The projects listed are where the 项目支出 went; spending on the listed projects above "
    "the total, or a complete list that falls short of it, means a figure is wrong.",
    example="项目支出300万元。\n二、项目实施情况\n（一）道路项目\n实际支出180万元。\n"
    "（二）饮水项目\n实际支出150万元。(180 + 150 = 330, above 300)",
    counterexample="项目支出400万元。\n二、项目实施情况\n（一）道路项目\n实际支出180万元。\n"
    "（二）饮水项目\n实际支出150万元。(the list may name the main projects only)",
    fix="Correct the figure that is wrong, or name the projects the list leaves out.",
)

# What may stand around a category's name in a part's own label: a year, 本年/决算, a filler.
_PART_PREFIX = r"(?:20\d\d年度?|本年度?|全年|当年|部门|单位|决算|其中|支出中|实际)*"
_PART_SUFFIX = r"(?:的补助|补助|支出|决算数?|合计|金额|为|是|共计?|达)*"
_NOT_ACTUAL = lazy(r"预算|年初|调整|上年|去年|结转|结余|率|占|增|减|较|同比|计划|目标")
_NOT_ACTUAL_CONTEXT = lazy(r"预算|年初|上年|去年|计划")
# A scope narrower than the unit's whole spending.
_SCOPED = lazy(r"财政拨款|一般公共预算|政府性基金|国有资本|专项|项目|基本|人员|公用|三公|资金")
# A label naming the unit's whole spending: a year, the unit's own name, then the name itself.
_UNIT_OR_YEAR = (
    r"(?:(?:19|20)\d\d年度?|本年度?|全年|当年|年度|部门|单位|本单位|本部门|整体|"
    r"[\u4e00-\u9fff]{2,20}?(?:人民政府|政府|委员会|局|镇|乡|街道办事处|街道|办公室|中心|院|所|"
    r"部|厅|委|办|学校|医院))"
)
_GENERIC_SPENDING = lazy(
    rf"(?:{_UNIT_OR_YEAR}*(?:决算支出|支出决算|本年支出|全年支出|支出合计|总支出|部门支出)"
    rf"|{_UNIT_OR_YEAR}+(?:实际支出|支出))"  # a bare 实际支出 may be one project's
    r"(?:合计|总额|数)?(?:为|是|共计?|达)?"
)
_YEAR_END = lazy(r"年初|上年|以前年度|去年")


class _Part(NamedTuple):
    category: str
    node: Node


_CONTEXT_CHARS = 200  # a sentence longer than this is a flattened table, not one statement


def _sentence_before(doc: Document, node: Node) -> str:
    """The sentence up to the figure's label (its last 200 characters: linear time on a line
    of thousands of figures)."""
    norm = doc.norm
    floor = max(0, node.label_start - _CONTEXT_CHARS)
    start = max(
        norm.rfind("。", floor, node.label_start), norm.rfind("\n", floor, node.label_start)
    )
    return norm[max(start + 1, floor) : node.label_start]


def _category(dec: Decomposition, label: str, context: str) -> str | None:
    if _NOT_ACTUAL.search(label) or _NOT_ACTUAL_CONTEXT.search(context):
        return None  # "年初预算基本支出700万元，项目支出500万元": the 500 is a budget too
    for cat, pat in dec.categories:
        m = rx.search(pat, label)
        if m is None:
            continue
        head, tail = label[: m.start()], label[m.end() :]
        if rx.fullmatch(_PART_PREFIX, head) and rx.fullmatch(_PART_SUFFIX, tail):
            return cat
    return None


def _one_value(quantities: list[Quantity]) -> Quantity | None:
    """The one value all statements of a figure agree on (within rounding), or None."""
    first = quantities[0]
    for q in quantities[1:]:
        if abs(q.base - first.base) > q.half_unit + first.half_unit:
            return None
    return max(quantities, key=lambda q: q.decimals)


def _spending_facts(doc: Document) -> list[Fact]:
    """The report's own year's statements of its whole executed spending."""
    return [
        f
        for f in current(doc, facts(doc))
        if f.kind == SPENDING
        and f.topic == "dept"
        and f.sign == 1
        and not rx.search(r"总计", f.label)  # 支出总计 may include the year-end balance
        and not _NOT_ACTUAL.search(rx.sub(r"决算|实际", "", f.label))
        and not _SCOPED.search(f.label)
        and _GENERIC_SPENDING.fullmatch(rx.sub(r"[\s\"'“”]", "", f.label))
    ]


@check(SPLIT_VS_TOTAL)
def split_vs_total(doc: Document) -> Iterator[Hit | Relation]:
    found = _spending_facts(doc)
    if not found:
        return
    if _one_value([f.quantity for f in found]) is None:
        yield from _split_totals_disagree(doc, found)
        return
    total = found[0]
    roots = [
        n
        for n in figure_trees(doc)
        if n.q.dimension == "money" and n.parent is None and n.q.start != total.quantity.start
    ]
    for dec in DECOMPOSITIONS:
        if not dec.of_all_spending:
            continue  # 人员经费 + 公用经费 split 基本支出, 三公 its own total …
        parts = [
            _Part(cat, n)
            for n in roots
            if (cat := _category(dec, n.label, _sentence_before(doc, n))) is not None
        ]
        chosen: list[Node] = []
        for cat, _ in dec.categories:
            mine = [p.node for p in parts if p.category == cat]
            if not mine:
                break
            value = _one_value([n.q for n in mine])
            if value is None:
                break
            chosen.append(next(n for n in mine if n.q is value))
        else:
            hit = _judge_split(doc, dec, chosen, total)
            if hit is not None:
                yield hit


def _judge_split(
    doc: Document, dec: Decomposition, parts: list[Node], total: Fact
) -> Hit | Relation | None:
    q = total.quantity
    parts_sum = sum((p.value for p in parts), Decimal(0))
    diff = parts_sum - q.base
    quantities = [q, *(p.q for p in parts)]
    tol = doc.tolerances.rounding_of(rounding(quantities)) + doc.tolerances.extra("money")
    if abs(diff) <= tol:
        text = " + ".join(p.q.raw for p in parts) + f" = {q.raw}"
        return relation("sum", [(x.start, x.end) for x in quantities], text)
    scale = q.scale
    places = max(x.decimals for x in quantities)
    terms = " + ".join(f"{p.label} {fmt(p.value / scale, places)}" for p in parts)
    line, _ = doc.line_col(total.start)
    return SPLIT_VS_TOTAL.hit(
        [(p.label_start, p.q.end) for p in parts] + [(total.start, total.end)],
        {
            "expr": f"{terms} = {fmt(parts_sum / scale, places)}{q.unit}",
            "stated": f"{fmt(q.base / scale, places)}{q.unit}",
            "total_label": total.label,
            "total_line": line,
            "diff": fmt(abs(diff) / scale, places),
            "unit": q.unit,
            "split": dec.name,
        },
    )


def _split_totals_disagree(doc: Document, found: list[Fact]) -> Iterator[Hit]:
    """Two values of the executed total, one of them the total of a complete split that adds
    up ("按支出性质分：支出合计980万元…" against "决算支出1000万元" elsewhere)."""
    by_start = {f.quantity.start: f for f in found}
    for rel in relations(doc):
        mine = by_start.get(rel.total.q.start)
        if mine is None:
            continue
        dec = complete_decomposition(rel.total.label, [p.label for p in rel.parts])
        if dec is None or not dec.of_all_spending:
            continue
        quantities = [rel.total.q, *(p.q for p in rel.parts)]
        parts_sum = sum((p.value for p in rel.parts), Decimal(0))
        tol = doc.tolerances.rounding_of(rounding(quantities)) + doc.tolerances.extra("money")
        if abs(parts_sum - rel.total.value) > tol:
            continue  # the split itself is wrong: T001 says so
        others = [
            f
            for f in found
            if abs(f.quantity.base - mine.quantity.base) > f.half_unit + mine.half_unit
        ]
        if not others or _one_value([f.quantity for f in others]) is None:
            continue  # three values: unclear which two to compare
        other = others[0]
        q, oq = mine.quantity, other.quantity
        places = max(q.decimals, oq.decimals)
        scale = q.scale
        line, _ = doc.line_col(other.start)
        yield SPLIT_VS_TOTAL.hit(
            [(mine.start, mine.end), (other.start, other.end)],
            {
                "split_label": mine.label,
                "split_total": f"{fmt(q.base / scale, places)}{q.unit}",
                "expr": " + ".join(f"{p.label} {fmt(p.value / scale, places)}" for p in rel.parts),
                "total_label": other.label,
                "total_line": line,
                "stated": f"{fmt(oq.base / scale, places)}{q.unit}",
                "diff": fmt(abs(q.base - oq.base) / scale, places),
                "unit": q.unit,
                "split": dec.name,
            },
            variant="split_total",
        )


def _single(doc: Document, kind: str, keep: Callable[[Fact], bool] | None = None) -> Fact | None:
    """The one current-year department figure of `kind` (all statements agreeing), or None."""
    found = [f for f in current(doc, facts(doc)) if f.kind == kind and f.topic == "dept"]
    if keep is not None:
        found = [f for f in found if keep(f)]
    if not found or _one_value([f.quantity for f in found]) is None:
        return None
    return found[0]


def _is_year_income(f: Fact) -> bool:
    return not rx.search(r"总计|结转|结余|预算|上年", f.label)


def _is_grand_income(f: Fact) -> bool:
    return bool(rx.search(r"收入总计", f.label)) and not rx.search(r"预算|上年|财政拨款", f.label)


def _is_year_spending(f: Fact) -> bool:
    label = rx.sub(r"[\s\"'“”]", "", f.label)
    return not rx.search(r"总计|结转|结余|预算|上年|累计", label) and bool(
        _GENERIC_SPENDING.fullmatch(label)
    )


def _is_year_end_balance(f: Fact) -> bool:
    return not _YEAR_END.search(f.label) and not rx.search(r"率|财政拨款|资金结转", f.label)


@check(INCOME_VS_SPENDING)
def income_vs_spending(doc: Document) -> Iterator[Hit | Relation]:
    income = _single(doc, INCOME, _is_year_income)
    spending = _single(doc, SPENDING, _is_year_spending)
    balance = _single(doc, CARRY_BALANCE, _is_year_end_balance)
    grand = None
    if income is None:
        # 收入总计 holds the carry-over already: 收入总计 = 本年支出 + 年末结转结余.
        grand = income = _single(doc, INCOME, _is_grand_income)
    if income is None or spending is None or balance is None:
        return
    carry = None if grand else _single(doc, CARRYOVER)
    if not grand and carry is None and any(f.kind == CARRYOVER for f in facts(doc)):
        return  # a carry-over stated with two values: no identity to read
    left = income.value + (carry.value if carry else 0)
    right = spending.value + balance.value
    used = [income, spending, balance, *([carry] if carry else [])]
    quantities = [f.quantity for f in used]
    tol = doc.tolerances.rounding_of(rounding(quantities)) + doc.tolerances.extra("money")
    diff = right - left
    if abs(diff) <= tol:
        text = " + ".join(f.quantity.raw for f in used[1:3]) + f" = {income.quantity.raw}"
        if carry is not None:
            text += f" + {carry.quantity.raw}"
        yield relation("sum", [(f.quantity.start, f.quantity.end) for f in used], text)
        return
    if carry is None and grand is None and diff > 0:
        return  # spending + balance above income: an unstated carry-over may fill the gap
    scale = income.quantity.scale
    places = max(q.decimals for q in quantities)

    def shown(f: Fact) -> str:
        return fmt(f.value / scale, places)

    unit = income.quantity.unit
    if grand is not None:
        left_expr, left_en = f"收入总计 {shown(income)}", f"total income {shown(income)}"
        note = "（收入总计已含上年结转）"
        note_en = " (total income includes the carry-over)"
    elif carry is not None:
        left_expr = f"收入 {shown(income)} + 上年结转 {shown(carry)} = {fmt(left / scale, places)}"
        left_en = (
            f"income {shown(income)} + carry-over {shown(carry)} = {fmt(left / scale, places)}"
        )
        note = note_en = ""
    else:
        left_expr, left_en = f"收入 {shown(income)}", f"income {shown(income)}"
        note = "（报告未列上年结转；收入多于支出与结余之和，差额无处着落）"
        note_en = " (no carry-over is stated; income exceeds spending plus balance)"
    right_total = fmt(right / scale, places)
    yield INCOME_VS_SPENDING.hit(
        [(f.start, f.end) for f in used],
        {
            "left_expr": left_expr + unit,
            "left_expr_en": left_en + unit,
            "right_expr": f"支出 {shown(spending)} + 年末结转结余 {shown(balance)} = "
            f"{right_total}{unit}",
            "right_expr_en": f"spending {shown(spending)} + year-end balance {shown(balance)} = "
            f"{right_total}{unit}",
            "diff": fmt(abs(diff) / scale, places),
            "unit": unit,
            "note": note,
            "note_en": note_en,
        },
    )


_ITEM_SPENT = lazy(
    r"(?:实际支出|实际使用|实际执行|支出|执行数?|使用|拨付|完成投资)(?:资金|金额|数)?"
    r"(?:为|是|共计?|合计|达)?$"
)
_PROJECT_COUNT = lazy(r"(\d+)\s*个(?:[\u4e00-\u9fff]{0,4})?项目|项目(?:共计?)?\s*(\d+)\s*个")


def _project_spending(doc: Document) -> Node | None:
    """The one actual 项目支出 figure of the report (all statements agreeing), or None."""
    dec = DECOMPOSITIONS[0]  # 基本支出 + 项目支出
    found = [
        n
        for n in figure_trees(doc)
        if n.q.dimension == "money"
        and _category(dec, n.label, _sentence_before(doc, n)) == "project"
    ]
    if not found or _one_value([n.q for n in found]) is None:
        return None
    return found[0]


def _children(all_sections: list[Section], parent: Section) -> list[Section]:
    inside = [c for c in all_sections if parent.body_start <= c.start and c.end <= parent.end]
    if not inside:
        return []
    top = min(c.level for c in inside)
    return [c for c in inside if c.level == top]


def _spent(doc: Document, sec: Section) -> Node | None:
    """A project subsection's one actual-spending figure, or None."""
    found = [
        n
        for n in figure_trees(doc)
        if n.q.dimension == "money"
        and sec.start <= n.q.start < sec.end
        and _ITEM_SPENT.search(n.label)
        and not _NOT_ACTUAL.search(rx.sub(r"实际", "", n.label))
    ]
    if not found or _one_value([n.q for n in found]) is None:
        return None
    return found[0]


@check(PROJECT_LIST_VS_SPENDING)
def project_list(doc: Document) -> Iterator[Hit]:
    total = _project_spending(doc)
    if total is None:
        return
    all_sections = sections(doc)
    for sec in all_sections:
        if "项目" not in sec.title:
            continue
        children = _children(all_sections, sec)
        # Each child names one project ("道路硬化项目"); "项目决策", "项目产出" … are the
        # dimensions of one project's evaluation, not projects.
        if len(children) < 2 or any(c.title.find("项目") < 1 for c in children):
            continue
        if sec.start <= total.q.start < sec.end:
            continue  # the total is inside the list: a breakdown T001 reads
        spent = [_spent(doc, c) for c in children]
        items = [n for n in spent if n is not None]
        if len(items) != len(spent):
            continue
        hit = _judge_list(doc, sec, children, items, total)
        if hit is not None:
            yield hit


def _declared_count(doc: Document, sec: Section, first_child: Section) -> int | None:
    m = _PROJECT_COUNT.search(doc.norm, sec.body_start, first_child.start)
    return int(m.group(1) or m.group(2)) if m else None


def _judge_list(
    doc: Document, sec: Section, children: list[Section], items: list[Node], total: Node
) -> Hit | None:
    q = total.q
    parts_sum = sum((n.value for n in items), Decimal(0))
    diff = parts_sum - q.base
    quantities = [q, *(n.q for n in items)]
    tol = doc.tolerances.rounding_of(rounding(quantities)) + doc.tolerances.extra("money")
    if abs(diff) <= tol:
        return None
    complete = _declared_count(doc, sec, children[0]) == len(children)
    if diff < 0 and not complete:
        return None  # the list may name the main projects only
    scale = q.scale
    places = max(x.decimals for x in quantities)
    terms = " + ".join(fmt(n.value / scale, places) for n in items)
    return PROJECT_LIST_VS_SPENDING.hit(
        [(total.label_start, q.end)] + [(n.label_start, n.q.end) for n in items],
        {
            "section": sec.title,
            "count": len(items),
            "expr": f"{terms} = {fmt(parts_sum / scale, places)}{q.unit}",
            "stated": f"{fmt(q.base / scale, places)}{q.unit}",
            "diff": fmt(abs(diff) / scale, places),
            "unit": q.unit,
            "note": "（该节称共有这些项目）" if complete and diff < 0 else "",
            "note_en": " (the section says these are all the projects)"
            if complete and diff < 0
            else "",
        },
    )
