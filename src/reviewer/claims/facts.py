"""Labelled figures: 年初预算, 预算调整, 全年预算, 上年结转, 决算支出, 结余, 编制, 在职人数.

Each money or head-count figure is read with the label written right before it (the clause up to
the number, e.g. "2024年部门年初预算支出"). The label decides the fact's kind:

| kind | labels (examples) |
|---|---|
| `opening` | 年初预算(收入/支出), 年初批复预算 |
| `adjust` | 预算调整, 调整预算, 追加预算, 调增 (调减 is negative) |
| `full` | 全年预算, 调整后预算, 预算总额 |
| `budget` | 预算收入, 支出预算 … (a budget that does not say whether it is the opening one) |
| `carryover` | 上年结转, 年初结转 |
| `spending` | 决算支出, 实际支出, 本年支出, 执行数, 支出总计 |
| `income` | 决算收入, 本年收入 |
| `budget_balance` | 预算结余 (unused budget authority) |
| `carry_balance` | 结转结余, 结转和结余 (the accounting balance) |
| `quota` | 编制数, 核定编制 (people) |
| `staff` | 在职人数, 实有人数, 实有 (people) |

Fund types are not budgets: 一般公共预算(拨款), 政府性基金预算, 国有资本经营预算 and 预算拨款
are masked before the label is read. A part after 其中/包括 is not a fact (its label names the
part, not the whole).

`topic` tells whose figure it is: `sangong` (三公经费, from the label, the sentence before it or
the heading), `basic` (基本支出), `project` (项目支出), `personnel`, `public`, else `dept`.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.amounts import is_delta
from reviewer.claims.indicator_prose import _clause_start, _read_tail
from reviewer.document.document import Document
from reviewer.numbers import Quantity, find_quantities
from reviewer.regex import lazy

OPENING = "opening"
ADJUST = "adjust"
FULL = "full"
BUDGET = "budget"
CARRYOVER = "carryover"
SPENDING = "spending"
INCOME = "income"
BUDGET_BALANCE = "budget_balance"
CARRY_BALANCE = "carry_balance"
QUOTA = "quota"
STAFF = "staff"

_FUND_TYPES = lazy(
    r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|社保基金预算|预算拨款|"
    r"财政拨款|预算内|预算外|预算单位|预算管理|预算编制|预算绩效"
)
_SENT = lazy(r"[。；;！？!?\n\r]")
_SUBORDINATE = lazy(r"^\s*(?:其中|包括|包含|含|主要(?:是|为|包括|有))")
_PART_OPENER = lazy(r"其中|包括|包含|分别为|分别是")
_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("sangong", lazy(r"三公")),
    ("basic", lazy(r"基本支出|基本经费")),
    ("project", lazy(r"项目支出|项目经费|项目资金|专项")),
    ("personnel", lazy(r"人员经费|工资福利")),
    ("public", lazy(r"公用经费")),
    ("reception", lazy(r"公务接待")),
    ("vehicle", lazy(r"公务用车|车辆")),
    ("abroad", lazy(r"因公出国")),
]
_YEAR_RE = lazy(r"(20\d\d)年|(上年|去年|上一年|上年度|前一年)|(本年|今年|当年|本年度)")


class Fact(NamedTuple):
    """A labelled figure."""

    kind: str
    side: str  # "income", "expense" or "" (unsaid)
    topic: str
    year: str  # "2024", "prev", "this" or ""
    label: str
    quantity: Quantity
    start: int  # label start
    end: int  # figure end
    sign: int = 1  # -1 for 调减

    @property
    def value(self) -> Decimal:
        """Signed value in base units (yuan, people)."""
        return self.quantity.base * self.sign

    @property
    def half_unit(self) -> Decimal:
        return self.quantity.half_unit

    @property
    def number_span(self) -> tuple[int, int]:
        return self.quantity.start, self.quantity.end


# classify() runs for every labelled figure: its patterns are module-level.
_LABEL_NOISE = lazy(r"[\s\"'“”]")
_CARRYOVER = lazy(r"上年结转|年初结转|上年度结转|以前年度结转")
_CARRY_BALANCE = lazy(r"结转结余|结转和结余|结余结转|结转及结余")
_OPENING_BALANCE = lazy(r"年初结转(?:和|及)?结余")
_ADJUSTED = lazy(r"调整后|调整之后")
_ADJUST_DOWN = lazy(r"调减|核减预算|预算调减")
_ADJUST_UP = lazy(r"预算调整|调整预算|追加预算|预算追加|调增|追加")
_OPENING = lazy(r"年初预算|年初部门预算|年初批复")
_FULL_YEAR = lazy(r"全年预算|预算总额|预算总数|全年部门预算")
_SPENT = lazy(
    r"决算支出|支出决算|实际支出|执行数|实际执行|全年执行|本年执行|年度执行|本年支出|全年支出|累计支出|"
    r"支出总计|总支出|支出合计|实际使用|实际发生"
)
_RECEIVED = lazy(r"决算收入|收入决算|本年收入|全年收入|收入总计|总收入|收入合计")
_ON_STAFF = lazy(r"在职|实有|在岗|在编|现有")
_QUOTA = lazy(r"编制|定编")


def classify(label: str, dimension: str, count_unit: str = "") -> tuple[str, int] | None:
    """The kind of a labelled figure (and its sign), or None when the label names no fact."""
    lab = _FUND_TYPES.sub("", _LABEL_NOISE.sub("", label))
    if is_delta(lab):
        return None  # "本年收入较上年增加100万元" states a change, not the income
    if dimension == "money":
        if _CARRYOVER.search(lab) and "结余" not in lab.split("结转", 1)[1][:2]:
            return CARRYOVER, 1
        if _OPENING_BALANCE.search(lab):
            return CARRYOVER, 1  # 年初结转结余: last year's closing balance, brought forward
        if _CARRY_BALANCE.search(lab):
            return (CARRY_BALANCE, 1) if "率" not in lab else None
        if "预算结余" in lab:
            return BUDGET_BALANCE, 1
        if _ADJUSTED.search(lab) and "预算" in lab:
            return FULL, 1
        if _ADJUST_DOWN.search(lab):
            return ADJUST, -1
        if _ADJUST_UP.search(lab):
            return ADJUST, 1
        if _OPENING.search(lab):
            return OPENING, 1
        if "预算" in lab and "决算" not in lab:
            if _FULL_YEAR.search(lab):
                return FULL, 1
            return BUDGET, 1
        if _SPENT.search(lab):
            return SPENDING, 1
        if _RECEIVED.search(lab):
            return INCOME, 1
        return None
    if dimension == "count" and count_unit in ("人", "名", "个"):
        if _ON_STAFF.search(lab):
            return STAFF, 1
        if _QUOTA.search(lab):
            return QUOTA, 1
    return None


def _side(label: str) -> str:
    lab = _FUND_TYPES.sub("", label)
    if "收入" in lab:
        return "income"
    if "支出" in lab or "支" in lab[-2:]:
        return "expense"
    return ""


def _year(label: str) -> str:
    m = _YEAR_RE.search(rx.sub(r"(?:上年|上年度|以前年度)结转", "", label))
    if not m:
        return ""
    if m.group(1):
        return m.group(1)
    return "prev" if m.group(2) else "this"


def topic_of(doc: Document, label: str, start: int) -> str:
    """Whose figure: from the label, else 三公 context in the sentence or heading."""
    for name, pat in _TOPICS:
        if pat.search(label):
            return name
    # The sentence so far, doc.norm[s:start]: a topic is named in it when the topic's first
    # match in the sentence ends by `start` (no topic word holds a sentence end or another
    # topic word of its own list, so the first match is also the first to end).
    marks = doc.cached("facts.sentence_marks", _sentence_marks)
    k = bisect.bisect_left(marks, start)
    s = marks[k - 1] + 1 if k else 0
    firsts = _first_topic_ends(doc, s, marks[k] if k < len(marks) else len(doc.norm))
    for name, end in firsts:
        if end <= start:
            return name  # "公务接待费：本年支出5万元" is the reception fee's spending
    from reviewer.claims.sections import section_path

    for sec in reversed(section_path(doc, start)):
        if sec.title_start <= start < sec.title_end:
            continue
        if "三公" in sec.title:
            return "sangong"
        break
    return "dept"


def _sentence_marks(doc: Document) -> list[int]:
    return [m.start() for m in _SENT.finditer(doc.norm)]


def _first_topic_ends(doc: Document, s: int, e: int) -> list[tuple[str, int]]:
    """Each topic with the end of its first match in the sentence norm[s:e] (cached)."""
    memo: dict[int, list[tuple[str, int]]] = doc.cached("facts.topic_ends", lambda d: {})
    found = memo.get(s)
    if found is None:
        found = memo[s] = [
            (name, m.end()) for name, pat in _TOPICS if (m := pat.search(doc.norm, s, e))
        ]
    return found


def facts(doc: Document) -> list[Fact]:
    """Every labelled budget/staff figure in text order (cached)."""
    return doc.cached("facts", _extract)


def _extract(doc: Document) -> list[Fact]:
    norm = doc.norm
    out: list[Fact] = []
    pos = 0
    ends = [m.start() for m in _SENT.finditer(norm)] + [len(norm)]
    for e in ends:
        s = pos
        prev_end = s
        opener_end: int | None = None  # read at the sentence's first money or count
        for q in find_quantities(norm, s, e):
            if not q.unit:
                continue  # a bare number: neither money nor a count
            dim = q.dimension
            if dim not in ("money", "count") or q.start < prev_end:
                continue
            cs = max(_clause_start(norm, prev_end, q.start), prev_end)
            prev_end = q.end
            tail = _read_tail(norm, cs, q.start)
            raw = norm[cs : tail.start]
            if opener_end is None:
                # A part opener before the clause (the first in the sentence is the first to end).
                opener = _PART_OPENER.search(norm, s, e)
                opener_end = opener.end() if opener else e + 1
            if _SUBORDINATE.match(raw) or opener_end <= cs:
                continue  # a part of a total stated before it, not a figure of its own
            label = raw.strip()
            if not label:
                continue
            got = classify(label, dim, q.count_unit if dim == "count" else "")
            if got is None:
                continue
            kind, sign = got
            out.append(
                Fact(
                    kind=kind,
                    side=_side(label),
                    topic=topic_of(doc, label, cs),
                    year=_year(label),
                    label=label,
                    quantity=q,
                    start=cs + (len(raw) - len(raw.lstrip())),
                    end=q.end,
                    sign=sign,
                )
            )
        pos = e + 1
    return out


def main_year(doc: Document) -> str:
    """The year the report evaluates, as fact labels write it ("" when none is written)."""
    from reviewer.claims.report import evaluated_year

    year = evaluated_year(doc)
    return str(year) if year is not None else ""


def current(doc: Document, items: list[Fact]) -> list[Fact]:
    """Facts of the report's own year: drop 上年 figures and figures of another stated year."""
    year = main_year(doc)
    return [
        f for f in items if f.year != "prev" and not (f.year.isdigit() and year and f.year != year)
    ]


def of(doc: Document, kind: str, topic: str = "dept") -> list[Fact]:
    return [f for f in facts(doc) if f.kind == kind and f.topic == topic]
