"""One quantity stated twice with two different values.

Deliberately conservative: two statements are taken to be about the same quantity only when

- they are actuals of the same declared indicator (an indicator that has a target, with exactly
  the same name and unit), or
- they are labelled budget figures of the same kind, side (收入/支出), topic and year whose label
  is nothing but the figure's own name (年初预算支出, 决算支出, 上年结转, 结转结余 …) after an
  optional year or unit name ("2024年部门决算支出", "XX镇人民政府2024年决算支出总计"), or
- in a project's report (its title names a 项目, not a 部门 or 整体 expenditure), the project's
  own budget under a generic label (该项目预算资金, 本项目年初预算), when exactly two values are
  given and nothing in the report lets the budget take two (调整, 追加, 结转, a second source
  such as 中央/省级/自筹, a batch).

Targets are never compared with actuals, nor budgets with final accounts, nor a part (after
其中) with a whole.

D004 keys allocation sentences by the document they cite ("XX〔2023〕41号文件…下达…5万元"): the
same label with two amounts, or a part above the document's whole allocation, is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.facts import (
    ADJUST,
    BUDGET,
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
from reviewer.claims.report import report_title
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import find_money
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
    "repeated with another amount; in a project's report (title names a 项目, not a 部门 or "
    "整体), its own budget under a generic label (该项目预算资金, 本项目年初预算) given two "
    "values, when the report mentions no adjustment, carry-over, second source or batch.",
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
    CARRYOVER: lazy(r"上年结转(?:资金|收入)?|年初结转(?:和|及)?结余"),
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
    if f.kind in (CARRY_BALANCE, BUDGET_BALANCE) and "年初" in label[: m.start()]:
        # 年初结转结余 is last year's closing balance, not this year's (年末, or unmarked).
        year = f"{year}:opening"
    return (f.kind, f.side, f.topic, year, m.group())


def _differ(a_base: Decimal, a_half: Decimal, b_base: Decimal, b_half: Decimal) -> bool:
    return abs(a_base - b_base) > a_half + b_half


@check(STATED_TWICE)
def stated_twice(doc: Document) -> Iterator[Hit | Relation]:
    yield from _facts_twice(doc)
    yield from _actuals_twice(doc)
    yield from _project_budget_twice(doc)


def _facts_twice(doc: Document) -> Iterator[Hit | Relation]:
    seen: dict[tuple[str, str, str, str, str], Fact] = {}
    for f in facts(doc):
        key = _fact_key(f)
        if key is None:
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = f
            continue
        if not _differ(f.value, f.half_unit, first.value, first.half_unit):
            spans = [f.number_span, first.number_span]
            yield relation("twice", spans, f"{key[4]}：{first.quantity.raw} = {f.quantity.raw}")
        else:
            yield _hit(
                doc,
                key[4],
                (f.start, f.end),
                f.quantity.raw,
                first.quantity.raw,
                first.quantity.start,
                (first.start, first.end),
            )


# A project's own budget under a generic label: 预算资金, 项目预算, after the project's
# self-reference (该项目, 本项目) and a year; 年初预算 too when nothing was adjusted.
_OWN_BUDGET = lazy(
    r"^(?:(?:该|本|此)?项目)?(?:20\d\d年度?|年度|全年|本年度?)?(?:(?:该|本|此)项目)?(?:项目)?"
    r"(?:预算资金|预算|年初预算)(?:总额|总计|合计|共计)?$"
)
# Anything that would let a project's budget take two values: an adjustment, a carry-over, a
# second source or batch.
_BUDGET_MOVES = lazy(
    r"调整|追加|调减|调增|追减|调剂|变更|收回|结转|结余|压减|核减|新增|第[一二三四五六七八九十\d]批|"
    r"分两次|分批|上级|省级|中央|市级|县级|自筹|配套"
)
_PROJECT_TITLE = lazy(r"项目")
_NOT_PROJECT_TITLE = lazy(r"部门|整体|单位")
_NO_COMPARE = lazy(r"上年|去年|同比|较|其中|包括|分别")


def _project_budget_twice(doc: Document) -> Iterator[Hit]:
    """A single project's budget stated with two values under generic labels (该项目预算资金为680
    万元 … 全年该项目预算资金660万元), in a project report that mentions no adjustment, carry-over,
    second source or batch anywhere: nothing lets the budget take two values."""
    title = report_title(doc)
    if title is None or not _PROJECT_TITLE.search(title[2]) or _NOT_PROJECT_TITLE.search(title[2]):
        return
    if _BUDGET_MOVES.search(doc.norm):
        return
    own: list[Fact] = []
    for f in facts(doc):
        if f.kind not in (BUDGET, OPENING) or f.year not in ("", "this"):
            continue
        if not _OWN_BUDGET.match(rx.sub(r"[\s\"'“”：:为是]", "", f.label)):
            continue
        line = doc.line_at(f.start)
        if _NO_COMPARE.search(doc.norm[max(line.start, f.start - 20) : f.end]):
            continue
        own.append(f)
    values = {f.value for f in own}
    if len(values) != 2:
        return  # one value, or three and more: not one budget restated
    first = own[0]
    later = next(f for f in own if _differ(f.value, f.half_unit, first.value, first.half_unit))
    yield _hit(
        doc,
        "项目预算资金",
        (later.start, later.end),
        later.quantity.raw,
        first.quantity.raw,
        first.quantity.start,
        (first.start, first.end),
    )


def _actuals_twice(doc: Document) -> Iterator[Hit | Relation]:
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
            if not _differ(
                a.quantity.base, a.quantity.half_unit, first.quantity.base, first.quantity.half_unit
            ):
                spans = [(q.start, q.end) for q in (a.quantity, first.quantity)]
                yield relation("twice", spans, f"{a.name}：{first.shown()} = {a.shown()}")
            else:
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


DOC_AMOUNT_TWICE = rule(
    code="D004",
    fix_zh="核实该文件实际下达的金额，全文统一；若两处分属不同资金，请写明。",
    name="document-amount-twice",
    kind="contradiction",
    severity=Severity.WARNING,
    family="consistency",
    title_zh="同一文件下达金额前后不一致",
    title_en="One allocation document cited with two different amounts",
    message_zh="{doc}此处下达“{label}”{value}，第{other_line}行同一文件下达“{other_label}”"
    "{other_value}，金额不一致{note_zh}",
    message_en="{doc} allocates '{label}' {value} here but '{other_label}' {other_value} on "
    "line {other_line}{note_en}",
    what="Keys each allocation sentence ('XX〔2023〕41号文件…下达…资金5万元') by its document "
    "number (prefix, year, number; any bracket style) and compares the amounts two sentences "
    "give the same document: the same label with two amounts, or an amount above what the "
    "document is said to allocate in all.",
    why="A document allocates one sum; two amounts for it mean a typo or a misattributed fund, "
    "and the budget figures built on it are in doubt.",
    example="呼财农指【2023】41号文件下达本县2023年资金5万元。\n"
    "呼财农指〔2023〕41号文件下达本县2023年山洪灾害防治设施维养6万元。",
    counterexample="呼财农指【2023】41号文件下达本县2023年资金5万元。\n"
    "呼财农指〔2023〕41号文件下达本县2023年山洪灾害防治设施维养3万元。",
    fix="Check the amount the document allocates and use it everywhere; if the two amounts are "
    "different funds, say so.",
)

# A document number: 呼财农指【2023】41号, 财预〔2020〕10号, 闽财综指﹝2025﹞2号 (【】 are [] here).
_DOC_NO = lazy(
    r"(?P<pre>[\u4e00-\u9fff]{1,8})[ \t]*[\[〔﹝(（][ \t]*(?P<year>(?:19|20)\d\d)[ \t]*"
    r"[\]〕﹞)）][ \t]*(?P<no>\d{1,4})[ \t]*号"
)
# Where every _DOC_NO match's bracketed year opens: at most 8 characters (and spaces or tabs)
# after the match's start.
_DOC_NO_YEAR = lazy(r"(?=[\[〔﹝(（][ \t]*(?:19|20)\d\d)")


def _space_or_tab(ch: str) -> bool:
    return ch in " \t"


_CITE_WORDS = lazy(r"^.*(?:根据|依据|按照|参照|结合|通过|文件|以及|关于|和|及|与|按|据|经|以)")
_ALLOC_VERB = lazy(r"下达|下拨|分配|批复|安排")
_PAID_BEFORE = lazy(r"(?:已|累计|共计?|实际)[\u4e00-\u9fff]{0,2}$")
_PAID_WORDS = lazy(r"已|累计|拨付|支付|支出|使用|到位")
# A place and a year before the fund's name: "**河县2023年", "本县2023年度".
_PLACE_YEAR = lazy(
    r"^(?:[*＊\u4e00-\u9fff]{0,10}?(?:省|市|州|盟|县|区|旗|镇|乡|街道|本级|全县|全区|全市))?"
    r"(?:(?:19|20)\d\d年度?)?"
)
_GENERIC_FUND = lazy(r"^(?:项目|专项|补助|财政)?(?:资金|经费|款项?)(?:总额|合计|共计)?$")


class _DocAmount(NamedTuple):
    key: tuple[str, str, str]
    doc: str  # the document number as written
    label: str  # what is allocated, between the verb and the amount
    generic: bool  # the label names no particular fund: the document's whole allocation
    value: Decimal
    half: Decimal
    raw: str
    span: tuple[int, int]  # from the verb to the amount


def _doc_key(m: re.Match[str]) -> tuple[str, str, str]:
    pre = _CITE_WORDS.sub("", m.group("pre")) or m.group("pre")
    return (pre[-4:], m.group("year"), m.group("no").lstrip("0"))


def _outside_titles(norm: str, start: int, end: int) -> str:
    """norm[start:end] with 《…》 titles blanked (same length), so their words are not read."""
    chars = list(norm[start:end])
    depth = 0
    for i, ch in enumerate(chars):
        if ch == "《":
            depth += 1
        if depth:
            chars[i] = " "
        if ch == "》" and depth:
            depth -= 1
    return "".join(chars)


def _doc_amounts(doc: Document) -> list[_DocAmount]:
    norm = doc.norm
    out: list[_DocAmount] = []
    if next(rx.finditer_near(_DOC_NO, norm, _DOC_NO_YEAR, 8, _space_or_tab), None) is None:
        return out  # no document number in the whole text
    for s, e in _sentences(norm):
        cites = list(_DOC_NO.finditer(norm, s, e))
        if len(cites) != 1:
            continue  # no document, or several: which amount is whose is unclear
        m = cites[0]
        body = _outside_titles(norm, m.end(), e)
        among = body.find("其中")
        if among >= 0:
            body = body[:among]
        money = find_money(body)
        if len(money) != 1:
            continue  # no amount, or several: which one the document allocates is unclear
        q = money[0]
        verbs = [v for v in _ALLOC_VERB.finditer(body, 0, q.start)]
        if not verbs:
            continue
        v = verbs[-1]
        if _PAID_BEFORE.search(body, 0, v.start()):
            continue  # 已下拨/累计安排: progress, not the allocation
        label = rx.sub(r"[\s,，、:：\"'“”]", "", body[v.end() : q.start])
        if _PAID_WORDS.search(label):
            continue  # "下达资金已拨付30万元": the amount paid, not the allocation
        rest = _PLACE_YEAR.sub("", label, count=1)
        base = m.end()
        key = _doc_key(m)
        out.append(
            _DocAmount(
                key=key,
                doc=key[0] + rx.sub(r"\s", "", doc.text[m.end("pre") : m.end()]),
                label=label,
                generic=bool(_GENERIC_FUND.match(rest)),
                value=q.base,
                half=q.half_unit,
                raw=q.raw,
                span=(base + v.start(), base + q.end),
            )
        )
    return out


_SENTENCE_END = lazy(r"《[^》\n]*》|[。；;\n]")


def _sentences(norm: str) -> Iterator[tuple[int, int]]:
    """Sentences split at 。；; and line ends (a 《title》 on one line is never split)."""
    start = 0
    for m in _SENTENCE_END.finditer(norm):
        if m.group()[0] == "《":
            continue
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(norm):
        yield start, len(norm)


@check(DOC_AMOUNT_TWICE)
def document_amount_twice(doc: Document) -> Iterator[Hit]:
    first: dict[tuple[str, str, str], list[_DocAmount]] = {}
    for a in _doc_amounts(doc):
        earlier = first.setdefault(a.key, [])
        for b in earlier:
            if abs(a.value - b.value) <= max(a.half, b.half):
                continue  # the coarser figure may be the other one rounded
            same = a.label == b.label
            # A part may be smaller than the whole; it cannot be larger.
            over = (b.generic and a.value > b.value) or (a.generic and b.value > a.value)
            if not (same or over):
                continue
            note_zh = note_en = ""
            if over and not same:
                whole, part = (b, a) if b.generic else (a, b)
                note_zh = f"（{part.raw}超过该文件下达总额{whole.raw}）"
                note_en = f" (more than the {whole.raw} the document allocates in all)"
            line, _ = doc.line_col(b.span[0])
            yield DOC_AMOUNT_TWICE.hit(
                [a.span, b.span],
                {
                    "doc": a.doc,
                    "label": a.label,
                    "value": a.raw.replace(" ", ""),
                    "other_label": b.label,
                    "other_value": b.raw.replace(" ", ""),
                    "other_line": line,
                    "note_zh": note_zh,
                    "note_en": note_en,
                },
            )
            break
        earlier.append(a)
