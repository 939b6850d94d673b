"""Section weights of a self-evaluation form: headers such as 产出指标(50分) against 100 and
against the split the form's own note requires.

A form states its section weights in headers: 产出指标(50分) / 效益指标(30分) / 满意度指标(10分),
and the budget part as 预算执行情况(10分) or as the 分值 of its funds block (年度资金总额 … 10);
some forms group the indicators under 绩效指标(90分) or 年度绩效目标(80分). Many forms repeat
the rule of 财预〔2020〕10号 in a note ("一级指标分值统一设置为：产出指标50分、效益指标30分、
满意度指标10分、预算资金执行率10分").

* S009: a section weight that differs from the weight the note under the same form states. Only
  when the note states it: the rule itself varies by province and is not assumed. Weights
  listed in a sentence (`claims.prose_weights`: 产出指标40分、效益指标40分…) are compared with
  the split another sentence of the report requires (统一设置为…, 原则上…, a cited 〔2020〕10号).
* S010: the section weights of one form do not add up to 100, read only when every part is
  known (budget part and indicator part, or budget part and 产出 + 效益 + 满意度).

* S025: the section weights (产出 + 效益 + 满意度) against the indicator part they make up
  (绩效指标(90分), 年度绩效目标(80分)).

* S011: in an indicator table read with its columns, the weights of the rows under a section
  cell such as 产出指标(50分) against that weight.

Headers are grouped into one form per run: a section named a second time starts a new form.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.prose_weights import FIRST_LEVEL, prose_weights
from reviewer.document import Document
from reviewer.document.forms import WEIGHT, funds_blocks
from reviewer.document.tables import (
    Cell,
    CellNumber,
    cell_number,
    is_subtotal_label,
    is_total_label,
    tables,
)
from reviewer.models import Severity
from reviewer.numbers import fmt, parse_decimal
from reviewer.regex import lazy

_FORM = (
    "产出指标(50分) 数量指标 完成任务数 ≥10个 10个 50 50\n"
    "效益指标(30分) 社会效益指标 群众受益程度 明显 明显 30 30\n"
    "满意度指标(10分) 服务对象满意度 ≥90% 95% 10 10\n"
    "注：一级指标分值统一设置为：产出指标{out}分、效益指标{eff}分、满意度指标10分、"
    "预算资金执行率10分。\n"
)

WEIGHTS_VS_NOTE = rule(
    code="S009",
    fix_zh="按表下注明的一级指标分值（如产出50分、效益30分、满意度10分、预算执行率10分）"
    "调整各部分分值，或说明不按该规定设置的理由。",
    name="section-weights-vs-note",
    kind="weight_sum_not_100",
    severity=Severity.WARNING,
    family="scores",
    title_zh="一级指标分值与表下说明的规定不符",
    title_en="Section weights differ from the split the form's note requires",
    message_zh="表中一级指标分值为 {stated}，而表下说明规定 {required}",
    message_en="The form weights its sections {stated}, while its own note requires {required}",
    what="Compares the section weights a form's headers state (产出指标(50分), 效益指标(30分), "
    "满意度指标(10分), 预算执行 10) with the split a note under the same form requires.",
    why="The split (often 产出50/效益30/满意度10/预算执行率10 after 财预〔2020〕10号) is the "
    "form's own rule; a form that departs from it shifts points towards the easier sections.",
    example=_FORM.format(out="40", eff="40"),
    counterexample=_FORM.format(out="50", eff="30"),
    fix="Weight the sections as the note requires, or explain the departure.",
    variants={
        "prose": (
            "文中所列一级指标分值为 {stated}，而报告所述的规定为 {required}",
            "The report lists its section weights as {stated}, while the rule it cites "
            "requires {required}",
        )
    },
)

WEIGHTS_NOT_100 = rule(
    code="S010",
    fix_zh="核对一级指标分值，使预算执行与各类绩效指标的分值合计为100分。",
    name="section-weights-not-100",
    kind="weight_sum_not_100",
    severity=Severity.WARNING,
    family="scores",
    title_zh="一级指标分值合计不等于100",
    title_en="Section weights of a form do not add up to 100",
    message_zh="一级指标分值 {expr} = {sum}，不等于100分",
    message_en="The section weights add up to {expr} = {sum}, not 100",
    what="Adds up the section weights of one form — the budget part (预算执行情况(10分), or the "
    "分值 of the funds block) and the indicator part (绩效指标(90分), or 产出 + 效益 + 满意度 "
    "headers) — and compares the sum with 100.",
    why="A form's sections make up its full score of 100; a different sum means a weight is "
    "wrong or a section is missing.",
    example="预算执行情况(10分) 年初预算 调整后预算数 预算执行数\n绩效指标(80分) 一级指标\n",
    counterexample="预算执行情况(10分) 年初预算 调整后预算数 预算执行数\n绩效指标(90分) 一级指标\n",
    fix="Correct the section weights so that they add up to 100.",
)

# A run-together preview breaks a header cell's words with spaces ("年度 绩效 目标 (80 分)",
# "预算执行 情况(万元) (20 分)"): spaces are allowed between the words of the part names.
_SECTION = lazy(
    r"(?P<sec>产出|效益|(?:服务对象)?满意度)\s?指标\s*[(（]\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*分\s*[)）]"
    r"|(?P<top>预算\s?执行(?:\s?(?:情况|率))?|绩效\s?指标|年度\s?绩效\s?目标\d?)\s*"
    r"(?:[(（]\s*万元\s*[)）])?\s*[(（]\s*(?P<tw>\d{1,3}(?:\.\d+)?)\s*分\s*[)）]"
)
_NOTE_ITEM = lazy(
    r"(?P<sec>产出|效益|(?:服务对象)?满意度|预算(?:资金)?执行率?)(?:指标)?\s*(?:权重|分值)?\s*"
    r"(?:为|占|设为)?\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*(?:分|%)"
)
_NOTE_TRIGGER = lazy(r"设置为|原则上|统一|一般为|分值为|权重为|分别为|按照")
_NOTE_REACH = 1500

OUT, EFF, SAT, BUDGET, IND = "产出", "效益", "满意度", "预算执行", "绩效指标"
_ORDER = [BUDGET, OUT, EFF, SAT, IND]


class _Weight(NamedTuple):
    value: Decimal
    start: int
    end: int


def _key(name: str) -> str:
    if name.startswith("预算"):
        return BUDGET
    if "满意度" in name:
        return SAT
    if name in (OUT, EFF):
        return name
    return IND


def _forms(doc: Document) -> list[dict[str, _Weight]]:
    groups: list[dict[str, _Weight]] = []
    cur: dict[str, _Weight] = {}
    for m in _SECTION.finditer(doc.norm):
        name = rx.sub(r"\s", "", m.group("sec") or m.group("top"))
        grp = "w" if m.group("sec") else "tw"
        value = parse_decimal(m.group(grp))
        if value is None:
            continue
        key = _key(name)
        if key in cur:
            groups.append(cur)
            cur = {}
        cur[key] = _Weight(value, m.start(grp), m.end(grp))
    if cur:
        groups.append(cur)
    return groups


def header_weight_starts(doc: Document) -> set[int]:
    """Where the section weights read as headers (产出指标(50分) …) start: S009 and S010 judge
    those, so a sentence made of them is left to them."""
    return {w.start for form in _forms(doc) for w in form.values()}


def _budget_weight(doc: Document, form: dict[str, _Weight]) -> _Weight | None:
    """The budget part: a 预算执行情况(10分) header, else the 分值 of a funds block nearby."""
    if BUDGET in form:
        return form[BUDGET]
    first = min(w.start for w in form.values())
    for block in funds_blocks(doc):
        if not 0 <= first - block.end <= 1500:
            continue
        total = block.total
        num = total.number(WEIGHT) if total is not None else None
        num = num or block.weight
        if num is not None:
            return _Weight(num.value, num.start, num.end)
    return None


def _note(doc: Document, form: dict[str, _Weight]) -> tuple[dict[str, _Weight], int, int] | None:
    """The split a note after the form's headers requires, with its extent."""
    last = max(w.end for w in form.values())
    text = doc.norm[last : last + _NOTE_REACH]
    for sent in rx.finditer(r"[^。\n]+", text):
        if not _NOTE_TRIGGER.search(sent.group()):
            continue
        items: dict[str, _Weight] = {}
        for m in _NOTE_ITEM.finditer(sent.group()):
            value = parse_decimal(m.group("w"))
            if value is None:
                continue
            at = last + sent.start() + m.start("w")
            items.setdefault(_key(m.group("sec")), _Weight(value, at, at + len(m.group("w"))))
        if len(items) >= 3:
            return items, last + sent.start(), last + sent.end()
    return None


def _show(weights: dict[str, _Weight]) -> str:
    return "、".join(f"{k} {fmt(weights[k].value)}" for k in _ORDER if k in weights)


@check(WEIGHTS_VS_NOTE)
def weights_vs_note(doc: Document) -> Iterator[Hit]:
    for form in _forms(doc):
        note = _note(doc, form)
        if note is None:
            continue
        required, _s, _e = note
        stated = dict(form)
        budget = _budget_weight(doc, form)
        if budget is not None:
            stated[BUDGET] = budget
        off = [k for k in _ORDER if k in stated and k in required and k != IND]
        off = [k for k in off if stated[k].value != required[k].value]
        if not off:
            continue
        yield WEIGHTS_VS_NOTE.hit(
            [(stated[k].start, stated[k].end) for k in off]
            + [(required[k].start, required[k].end) for k in off],
            {
                "stated": _show({k: stated[k] for k in off}),
                "required": _show({k: required[k] for k in off}),
            },
        )
    yield from _prose_vs_rule(doc)


def _prose_vs_rule(doc: Document) -> Iterator[Hit]:
    """Weights listed in a sentence against the split another sentence requires (统一设置为…,
    原则上…, a cited 〔2020〕10号): the nearest such sentence with three or more first-level
    parts; only parts both name are compared. Weights that are a form's headers are the header
    path's."""
    listed = prose_weights(doc)
    rules = [pw for pw in listed if pw.rule and len(pw.keys() & set(FIRST_LEVEL)) >= 3]
    if not rules:
        return
    headers = header_weight_starts(doc)
    for pw in listed:
        if pw.rule or all(p.start in headers for p in pw.parts):
            continue
        near = min(rules, key=lambda r: abs(r.start - pw.start))
        required = {p.key: p for p in near.parts}
        stated = [p for p in pw.parts if p.key in required and p.key in FIRST_LEVEL]
        if len(stated) < 2:
            continue
        off = [p for p in stated if p.value != required[p.key].value]
        if not off:
            continue
        yield WEIGHTS_VS_NOTE.hit(
            [(p.start, p.end) for p in off]
            + [(required[p.key].start, required[p.key].end) for p in off],
            {
                "stated": "、".join(f"{p.key} {fmt(p.value)}" for p in off),
                "required": "、".join(f"{p.key} {fmt(required[p.key].value)}" for p in off),
            },
            variant="prose",
        )


@check(WEIGHTS_NOT_100)
def weights_not_100(doc: Document) -> Iterator[Hit]:
    for form in _forms(doc):
        budget = _budget_weight(doc, form)
        if budget is None:
            continue
        if IND in form:
            parts = [budget, form[IND]]
        elif all(k in form for k in (OUT, EFF, SAT)):
            parts = [budget, form[OUT], form[EFF], form[SAT]]
        else:
            continue
        total = sum((w.value for w in parts), Decimal(0))
        if total == 100:
            continue
        yield WEIGHTS_NOT_100.hit(
            [(w.start, w.end) for w in parts],
            {
                "expr": " + ".join(fmt(w.value) for w in parts),
                "sum": fmt(total),
            },
        )


SECTIONS_VS_PART = rule(
    code="S025",
    fix_zh="核对绩效指标部分的分值与其下产出、效益、满意度指标的分值，使各一级指标分值之和等于该部分分值。",
    name="section-weights-vs-part",
    kind="weight_sum_not_100",
    severity=Severity.WARNING,
    family="scores",
    title_zh="一级指标分值之和与绩效指标部分分值不符",
    title_en="Section weights differ from the weight of the indicator part they make up",
    message_zh="“{part}”标明 {stated} 分，而其下一级指标分值 {expr} = {sum}",
    message_en="'{part}' states {stated} points, while its sections add up to {expr} = {sum}",
    what="In one form, compares the weight of the indicator part (绩效指标(90分), "
    "年度绩效目标(80分)) with the section weights under it (产出指标(50分) + 效益指标(30分) + "
    "满意度指标(10分)). Only when their sum exceeds the part's weight, or when all three "
    "sections state a weight (a section stated without one may make up the rest).",
    why="The sections are the indicator part split up; when they add up to more than the part, "
    "either a section weight or the part's weight is wrong, and the form's total is off.",
    example="预算执行情况(20分) 预算数 执行数 年度绩效目标(80分) 产出指标(60分) 数量指标 "
    "效益指标(40分) 社会效益指标\n",
    counterexample="预算执行情况(20分) 预算数 执行数 年度绩效目标(80分) 产出指标(50分) 数量指标 "
    "效益指标(30分) 社会效益指标\n",
    fix="Make the section weights add up to the indicator part's weight, or correct the part's.",
)


@check(SECTIONS_VS_PART)
def sections_vs_part(doc: Document) -> Iterator[Hit]:
    for form in _forms(doc):
        if IND not in form or not (OUT in form and EFF in form):
            continue
        part = form[IND]
        sections = [form[k] for k in (OUT, EFF, SAT) if k in form]
        total = sum((w.value for w in sections), Decimal(0))
        if total == part.value or (total < part.value and SAT not in form):
            continue  # short of the part, with 满意度 stated without a weight: not known
        yield SECTIONS_VS_PART.hit(
            [(part.start, part.end)] + [(w.start, w.end) for w in sections],
            {
                "part": _part_name(doc, part),
                "stated": fmt(part.value),
                "expr": " + ".join(fmt(w.value) for w in sections),
                "sum": fmt(total),
            },
        )


def _part_name(doc: Document, part: _Weight) -> str:
    """The name a part's weight is written against ("年度绩效目标"), spaces dropped."""
    before = rx.sub(r"\s", "", doc.norm[max(0, part.start - 20) : part.start])
    m = rx.search(r"(绩效指标|年度绩效目标)[^绩]*$", before)
    return m.group(1) if m else "绩效指标"


SECTION_VS_ROWS = rule(
    code="S011",
    fix_zh="核对该一级指标下各三级指标的分值，使其合计等于表头所列分值，或更正表头分值。",
    name="section-weight-vs-rows",
    kind="weight_sum_not_100",
    severity=Severity.WARNING,
    family="scores",
    title_zh="一级指标分值与其下各指标分值之和不符",
    title_en="A section's weight differs from the sum of its indicators' weights",
    message_zh="“{section}”标明 {stated} 分，其下各指标分值 {expr} = {sum}",
    message_en="'{section}' states {stated} points, its indicators' weights add up to "
    "{expr} = {sum}",
    what="In an indicator table read with its columns (pipe, tab or one cell per line), adds up "
    "the 分值 of the rows under a section header cell such as 产出指标(50分) and compares the "
    "sum with the header's weight. Only a section closed by the next section or a 合计 row "
    "is judged, and not when a row is the sum of the rows after it (二级指标 subtotals).",
    why="The section weight is what the form promises the indicators are worth; a different sum "
    "means an indicator is missing or a weight is wrong.",
    example="| 一级指标 | 三级指标 | 分值 | 得分 |\n|---|---|---|---|\n"
    "| 产出指标(50分) | 数量 | 20 | 20 |\n| | 质量 | 20 | 20 |\n"
    "| 效益指标(30分) | 社会效益 | 30 | 30 |\n| 合计 | | 70 | 70 |\n",
    counterexample="| 一级指标 | 三级指标 | 分值 | 得分 |\n|---|---|---|---|\n"
    "| 产出指标(50分) | 数量 | 30 | 30 |\n| | 质量 | 20 | 20 |\n"
    "| 效益指标(30分) | 社会效益 | 30 | 30 |\n| 合计 | | 80 | 80 |\n",
    fix="Make the indicators' weights add up to the section weight, or correct the header.",
)

_SECTION_CELL = lazy(
    r"^(?P<sec>产出|效益|(?:服务对象)?满意度)指标\s*[(（]\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*分\s*[)）]$"
)
_WEIGHT_HEAD = lazy(r"分值|权重|满分")
_NOT_WEIGHT_HEAD = lazy(r"得分|率|标准|说明|依据")


class _Section(NamedTuple):
    cell: Cell
    value: Decimal


@check(SECTION_VS_ROWS)
def section_vs_rows(doc: Document) -> Iterator[Hit]:
    for table in tables(doc):
        heads = [rx.sub(r"\s+", "", c.text) for c in table.header]  # "分 值" too
        wcol = next(
            (
                i
                for i, h in enumerate(heads)
                if _WEIGHT_HEAD.search(h) and not _NOT_WEIGHT_HEAD.search(h)
            ),
            None,
        )
        if wcol is None:
            continue
        current: _Section | None = None
        figures: list[CellNumber] = []
        for row in table.rows:
            head = next((c for c in row if _SECTION_CELL.match(c.text)), None)
            first = next((c.text for c in row if c.text), "")
            closing = head is not None or is_total_label(first) or is_subtotal_label(first)
            if closing and current is not None:
                hit = _judge_section(current, figures)
                if hit is not None:
                    yield hit
                current = None
            if head is not None:
                m = _SECTION_CELL.match(head.text)
                value = parse_decimal(m.group("w")) if m else None
                current = _Section(head, value) if value is not None else None
                figures = []
            if current is not None and wcol < len(row):
                num = cell_number(row[wcol])
                if num is not None and num.unit != "%":
                    figures.append(num)


def _judge_section(section: _Section, figures: list[CellNumber]) -> Hit | None:
    if len(figures) < 2:
        return None
    values = [f.value for f in figures]
    total = sum(values, Decimal(0))
    if total == section.value or _has_subtotals(values):
        return None
    return SECTION_VS_ROWS.hit(
        [(section.cell.start, section.cell.end), *((f.start, f.end) for f in figures)],
        {
            "section": section.cell.text,
            "stated": fmt(section.value),
            "expr": " + ".join(fmt(v) for v in values),
            "sum": fmt(total),
        },
    )


def _has_subtotals(values: list[Decimal]) -> bool:
    """Some weight is the sum of two or more weights right after it (a 二级指标 row)."""
    for i, v in enumerate(values):
        acc = Decimal(0)
        for j in range(i + 1, len(values)):
            acc += values[j]
            if acc == v and j - i >= 2:
                return True
            if acc > v:
                break
    return False
