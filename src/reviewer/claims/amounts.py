"""Totals and their parts: a small parser that turns each paragraph's figures into a tree.

A paragraph is read left to right as a stream of events: figures (money and counts), markers
that open a breakdown of the figure just stated (其中, 包括, 分别为, 主要是：, 按…分, a colon or a
parenthesis right after a figure), closing parentheses and sentence ends. Each figure is attached
to the breakdown that is open for its *series*; a breakdown closes as soon as its parts add up to
its total, so "A 10，其中 B 6，C 4；D 5" reads as A = B + C with D a sibling of A.

Series keep interleaved lists apart: "核定编制81个，实有72人，其中核定行政编制30个，
实有行政人员26人…" holds two breakdowns at once (quota and actual staff), told apart by
their labels. A change against another period ("同比增加50万元") is a series of its own, so it
is neither a total of the figures around it nor one of their parts; a 其中 right after a total
and its change may split either ("Relation.change").

Two readings without a breakdown word, read as warnings by the checks: counts labelled with
grades ("“优秀”的5个，“良好”的23个") split the count stated before them in the sentence, or the one
count of the sentence before (marker `grade`); a colon after a clause that hands a figure out
("440万元，已分配下达到项目建设单位：A 140万元、…") opens its split, and so do amounts each put
to a use after it ("140万元用于…；160万元用于…") (marker `handed`). A total that names several
years ("2021年、2022年资金共计…") keeps parts labelled with any of them.

What is not a split: a parenthesis opened by 含 names a subset ("15个(含行政单位1个)": marker
`subset`); levels of one tree ("一级指标3个，二级指标9个") are never returned as parts; a target's
bound ("≤90万元") is no figure of a tree. `complete_decomposition` tells when parts spell out a
standard split in full (基本支出 + 项目支出, 人员经费 + 公用经费, the economic classes, 三公,
财政拨款 + 其他), so a shortfall cannot be an unnamed part.

The parser only builds relations; `checks/totals.py` and `checks/shares.py` judge them.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.vocabulary import BOUND_ALT
from reviewer.document import Document
from reviewer.document.document import Line
from reviewer.numbers import Quantity, find_quantities
from reviewer.regex import lazy

# Words that open a breakdown of the figure just stated. `partial` lists ("主要是") may be
# incomplete by design; a list of sources (资金来源为：) is read like 其中 (short of the total:
# a warning, the rest may be unnamed).
_OPEN_RE = lazy(
    r"(?P<partial>主要(?:是|为|包括|有|用于)[：:])"
    r"|(?P<by>按[^，。；;：:\d]{1,12}?分(?:类|列|为)?(?:其中)?[：:，,]?)"
    r"|(?P<among>其中[：:，,]?|(?:资金)?(?:的)?来源(?:为|是|如下)?[：:])"
    r"|(?P<incl>(?:具体)?包括[：:]?|包含[：:]?|分别(?:为|是)[：:]?|构成(?:如下|为)?[：:])"
)
_TOTAL_LABEL_RE = lazy(r"(?:合计|总计|共计|累计|总额|总数|小计|共)$")
# A named subtotal ("约束性任务资金合计"): may be a part of an open breakdown. Not 共 / 累计
# ("保险费共3万元" after a per-person amount restates, it does not subtotal).
_SUBTOTAL_LABEL_RE = lazy(r"(?:合计|小计|总计)$")
# A total word with its verb ("共计下达61.8万元", "总计拨付…"; 合计 inside a label is none):
# the label strip drops the 共.
_TOTAL_VERB_RE = lazy(
    r"(?:总计|共计)(?:下达|拨付|安排|投入|到位|支出|使用|发放)(?:资金|金额)?(?:为|:)?$"
)
_DELIMS = "，,；;。：:、()\n!?！？"
_LABEL_STRIP_RE = lazy(
    r"^(?:其中|包括|包含|分别为|分别是|主要是|主要为|以及|和|及|与|另|含|为|是|共(?!计)|[\d一二三四五六七八九十]+[.、]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]|[\s\"'])+"
)
_ACTUAL_RE = lazy(r"实有|实际|在职|在岗|现有|在编|到岗")
_RETIRED_RE = lazy(r"退休|离休|离退")
_QUOTA_RE = lazy(r"编制|核定|定编|职数|限额")
_PEOPLE_UNITS = {"人", "名"}
# A change against another period ("同比增加", "较上年减少", "比上年下降了"): the figure is a
# difference, never a total of the figures around it nor one of their parts. A level reached
# ("减少至", "增长到") is not a change.
_DELTA_RE = lazy(
    r"(?:增加|减少|增长|下降|降低|上升|提高|增支|减支|节约|节省|压减|缩减|(?<=[较比年])[增减多少])"
    r"了?(?:约|近|超过)?$"
)
# The base of a comparison ("比上年1100万元减少100万元"): last year's figure, not this year's.
_BASE_RE = lazy(
    r"(?:比|较|与)(?:上年|去年|上一年|上年度|上年同期|同期|预算|年初|(?:19|20)\d\d年度?)?(?:的)?$"
)
_COMPARISON_RE = lazy(r"同比|较|比|与上年|相比")
_DELTA_CONTEXT_RE = lazy(r"同比|较|比|相比|与上年|上年|去年|上一年")
# Levels of one tree ("一级指标3个，二级指标9个"): nested, not added up.
_LEVEL_RE = lazy(r"([一二三四五六1-6])级(?:绩效)?(?:指标|科目|项目|目录|分类|预算单位|单位)")
# A target's bound ("≤90万元", "不低于50个") is neither a total nor a part of one.
_BOUND_RE = lazy(rf"(?:{BOUND_ALT})\s*$")
# A figure labelled as a total of its own ("累计防治面积9.34万亩") that does not fit the open
# breakdown starts a new statement instead of overflowing it.
_OWN_TOTAL_RE = lazy(r"累计|共计|总计")
# An amount put to a use: "140万元用于…".
_USED_FOR_RE = lazy(r"\s*(?:主要|全部|专项|专门|分别)?用于")
# Words between a figure and a colon that hand the figure out to the list after the colon.
_HANDED_OUT_RE = lazy(r"分配|下达|下拨|拨付到|拨付给|安排(?:到|给|用于)|分解到|落实到|分别用于")
# Words that set a figure apart from the list before it ("另安排自筹30万元用于…").
_APART_RE = lazy(r"另|还|此外|同时|其余|剩余|结余|自筹|配套|追加|调整|上年|结转")
# The amount of the sentence before, named again: "将该笔资金下拨至…", "上述资金分配如下".
_BACKREF_RE = lazy(r"(?:该|此|这|上述|以上)(?:笔|项|批|部分)?(?:专项)?资金")
# Handing it out, right after it is named ("该笔资金下拨至…", "上述资金全部用于…"), not "下拨后".
_HANDS_OUT_NOW_RE = lazy(
    r"\s*(?:已|全部|均|分别|统一)?(?:下拨|分配|下达|拨付|安排|用于|分解|落实)(?![后完])"
)
# A count labelled with an evaluation grade: "“优秀”的5个", "评为良好的3个", "等次为合格12个".
_GRADE_RE = lazy(
    r"(?:^|[\"'“「为是])\s*(?P<grade>优秀|良好|较好|合格|不合格|中等?|一般|较差|差)"
    r"(?:[(（][^()（）]{0,6}[)）])?\s*[\"'”」]?\s*(?:的|等次|等级|级)?(?:项目|单位|个)?(?:有|共|为)?\s*$"
)
# A parenthesis opened by 含 names a subset of the figure ("15个(含行政单位1个)"), not its split.
_SUBSET_RE = lazy(r"[(（]\s*(?:其中)?(?:含|包含|内含|另含)")


@dataclass(eq=False)
class Node:
    """A figure in a paragraph and the breakdowns stated for it."""

    q: Quantity
    label: str
    label_start: int
    series: str
    breakdowns: list[Breakdown] = field(default_factory=list)
    parent: Node | None = None
    share: Quantity | None = None  # "占X%" stated right after the figure

    @property
    def value(self) -> Decimal:
        return self.q.base

    @property
    def open_breakdown(self) -> Breakdown | None:
        return self.breakdowns[-1] if self.breakdowns and self.breakdowns[-1].open else None


@dataclass(eq=False)
class Breakdown:
    """One stated split of a total into parts."""

    total: Node
    # 'among' (其中), 'incl', 'by', 'partial', 'colon', 'paren', 'paren-among' ("(其中：…)"),
    # 'subset' (a parenthesis opened by 含), 'implicit', 'sum', 'grade' (counts by grade),
    # 'handed' (a list after "已分配下达到…：")
    marker: str
    marker_start: int
    parts: list[Node] = field(default_factory=list)
    open: bool = True
    extended: bool = False  # the parts ran on past the end of the sentence
    crossed_end: bool = False  # a sentence ended while this breakdown was open
    cross_series: bool = False  # parts were taken from a sibling series (e.g. actual under quota)
    # A change stated with the total ("500万元，同比增加50万元，其中…"): 其中 may split either.
    change: Node | None = None
    # Other figures of the sentence a 其中 after a full stop may refer to ("已支付118.5万元，结余
    # 1.5万元。其中：…")
    alternatives: tuple[Node, ...] = ()
    overflow: bool = False  # kept open past its sum for a parallel item (`_parallel`)

    @property
    def partial(self) -> bool:
        return self.marker == "partial"


class Relation(NamedTuple):
    """A total and its parts, as the checks see them."""

    total: Node
    parts: tuple[Node, ...]
    marker: str
    extended: bool
    cross_series: bool
    change: Node | None = None  # a change 其中 may split instead of the total
    alternatives: tuple[Node, ...] = ()  # other figures 其中 may refer to
    overflow: bool = False  # the parts went on, alike, past a prefix that adds up

    @property
    def explicit(self) -> bool:
        return self.marker != "implicit"

    @property
    def partial(self) -> bool:
        return self.marker == "partial"

    @property
    def subset(self) -> bool:
        """The parts name some of what the total counts ("15个(含行政单位1个)")."""
        return self.marker == "subset"


def tolerance(nodes: list[Node]) -> Decimal:
    """The largest difference rounding alone can explain between a total and its parts."""
    return rounding([n.q for n in nodes])


def rounding(quantities: list[Quantity]) -> Decimal:
    """How far a sum of `quantities` may stray from their stated total by rounding alone.

    Each figure may be off by half a unit of its last written digit. A whole number written
    among figures with decimals is taken as exact ("5万元" beside "574.73万元").
    """
    finest = max((q.decimals for q in quantities), default=0)
    if finest == 0 and all(q.dimension == "count" for q in quantities):
        return Decimal(0)  # counts of people and things are exact
    return sum((q.half_unit for q in quantities if q.decimals > 0 or finest == 0), Decimal(0))


def is_delta(label: str) -> bool:
    """Does the label make its figure a change against another period ("同比增加50万元")?

    A label ending in a verb of change (增加, 减少, 增长, 下降 …) states a change, unless it
    names a time within the year and no comparison: "年中增加3个" adds items, it stays a part.
    """
    if _DELTA_RE.search(label) is None:
        return False
    if _DELTA_CONTEXT_RE.search(label):
        return True
    return not rx.search(r"年中|年初|年底|年末|\d月|季度|期间", label)


def level_of(label: str) -> str:
    """The level a label names ("二级指标" -> "二"), or ""."""
    m = _LEVEL_RE.search(label)
    return m.group(1) if m else ""


def _series(q: Quantity, label: str, last_role: dict[str, str]) -> str:
    if _BASE_RE.search(label):
        return "base-" + (q.dimension if q.dimension == "money" else q.count_unit)
    if is_delta(label):
        return "delta-" + (q.dimension if q.dimension == "money" else q.count_unit)
    if q.dimension == "money":
        return "money"
    unit = q.count_unit
    role = (
        "retired"
        if _RETIRED_RE.search(label)
        else "actual"
        if _ACTUAL_RE.search(label)
        else "quota"
        if _QUOTA_RE.search(label)
        else ""
    )
    if not role:
        role = last_role.get(unit, "")
    if role:
        last_role[unit] = role
    group = "people" if unit in _PEOPLE_UNITS or (unit == "个" and role) else unit
    return f"{group}:{role}"


def _label(norm: str, q: Quantity, floor: int) -> tuple[str, int]:
    """The words that name a figure: back from the number to the previous delimiter."""
    i = q.start
    limit = max(floor, q.start - 40)
    while i > limit and norm[i - 1] not in _DELIMS:
        i -= 1
    raw = norm[i : q.start]
    m = _LABEL_STRIP_RE.match(raw)
    skip = m.end() if m else 0
    return raw[skip:].strip(), i + skip


class _Tail(NamedTuple):
    """Figures of one series, summed up for `_implicit`: what `rounding` needs of them."""

    n: int
    largest: Decimal
    total: Decimal
    finest: int  # most decimals
    all_counts: bool
    half_all: Decimal  # half units of all of them
    half_decimals: Decimal  # half units of those written with decimals

    def add(self, q: Quantity) -> _Tail:
        value = q.base
        return _Tail(
            self.n + 1,
            value if self.n == 0 or value > self.largest else self.largest,
            value + self.total,
            max(self.finest, q.decimals),
            self.all_counts and q.dimension == "count",
            q.half_unit + self.half_all,
            q.half_unit + self.half_decimals if q.decimals > 0 else self.half_decimals,
        )

    def tolerance_with(self, q: Quantity) -> Decimal:
        """`rounding([q, *these])` without going over them again."""
        both = self.add(q)
        if both.finest == 0:
            return Decimal(0) if both.all_counts else both.half_all
        return both.half_decimals


_EMPTY_TAIL = _Tail(0, Decimal(0), Decimal(0), 0, True, Decimal(0), Decimal(0))


# A page's text wrapped at its width (PDF extraction): a long line that stops mid-sentence
# and a next line that opens no heading or list item.
_WRAP_WIDTH = 26
_SENTENCE_STOP = ("。", "；", ";", "！", "？", "：", ":", "|")
_OPENS_ITEM = lazy(r"[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|第[一二三四五六七八九十]|[①-⑳]")


def _hard_wrapped(doc: Document, line: Line) -> bool:
    """Does `line` run on into the next one, wrapped at the page's width?"""
    text = line.stripped
    if len(text) < _WRAP_WIDTH or text.endswith(_SENTENCE_STOP) or line.index + 1 >= len(doc.lines):
        return False
    nxt = doc.lines[line.index + 1].stripped
    return bool(nxt) and "|" not in text and not _OPENS_ITEM.match(nxt)


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    """Paragraph extents: a line, joined with the next while it clearly runs on (ends in ，、)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    prev_end = 0
    for line in doc.lines:
        if not line.stripped:
            if start is not None:
                out.append((start, prev_end))
                start = None
            continue
        if start is None:
            start = line.start
        prev_end = line.end
        if not line.stripped.endswith(("，", ",", "、")) and not _hard_wrapped(doc, line):
            out.append((start, line.end))
            start = None
    if start is not None:
        out.append((start, prev_end))
    return out


def _figure_events(norm: str, start: int, end: int) -> list[tuple[int, int, str, object]]:
    """The figures of a paragraph a tree may hold: money and counts written in digits (a
    target's bound aside), and percentages."""
    events: list[tuple[int, int, str, object]] = []
    for q in find_quantities(norm, start, end):
        if not q.unit:
            continue  # a bare number: no money, count or percentage
        dimension = q.dimension
        # Chinese numerals ("四个方面") are prose, not figures of a breakdown.
        if dimension in ("money", "count") and not q.approx and q.raw[:1].isdigit():
            if _BOUND_RE.search(norm, max(start, q.start - 4), q.start):
                continue
            events.append((q.start, 1, "q", q))
        elif dimension == "percent":
            events.append((q.start, 1, "pct", q))
    return events


class _Parser:
    """Builds the figure trees of one paragraph."""

    def __init__(self, doc: Document, start: int, end: int, carry: Node | None) -> None:
        self.doc = doc
        self.norm = doc.norm
        self.start, self.end = start, end
        self.nodes: list[Node] = []
        self._ends: list[int] = []
        self.stack: list[Breakdown] = []  # open breakdowns, innermost last
        self.segment: list[Node] = []  # figures since the last marker or sentence end
        self.paren_stack: list[Breakdown | None] = []
        self.last_role: dict[str, str] = {}
        self.carry = carry  # last explicit total of the previous paragraph (for 按…分)
        self.sentence_nodes: list[Node] = []
        self.previous_sentence: list[Node] = []
        self.label_floor = start
        self.sentence_start = start

    # -- events ---------------------------------------------------------------------------
    def run(self, events: list[tuple[int, int, str, object]]) -> list[Node]:
        """Read the paragraph from its figure events (`_figure_events`)."""
        for m in _OPEN_RE.finditer(self.norm, self.start, self.end):
            events.append((m.start(), 0, "open", m))
        for m in rx.finditer(r"[()。；;]", self.norm[self.start : self.end]):
            events.append((self.start + m.start(), 0, m.group(), m))
        for m in rx.finditer(r"[：:]", self.norm[self.start : self.end]):
            events.append((self.start + m.start(), 0, "colon", m))
        events.sort(key=lambda e: (e[0], e[1]))
        for pos, _, kind, obj in events:
            if kind == "q":
                assert isinstance(obj, Quantity)
                self._figure(obj)
            elif kind == "pct":
                assert isinstance(obj, Quantity)
                self._percent(obj)
            elif kind == "open":
                assert isinstance(obj, re.Match)
                self._open(obj)
            elif kind == "colon":
                self._colon(pos)
            elif kind == "(":
                self._paren_open(pos)
            elif kind == ")":
                self._paren_close()
            elif kind == "。":
                self._sentence_end()
                self.sentence_start = pos + 1
            elif kind in ("；", ";"):
                self._close_worded()
            # Otherwise '；' separates list items; it neither opens nor closes anything.
        self._sentence_end()
        return self.nodes

    def _inner(self, b: Breakdown) -> bool:
        """Whether `b` splits a part of another split, its items joined by '、' alone."""
        if b.total.parent is None or len(b.parts) < 2:
            return False
        for a, c in itertools.pairwise(b.parts):
            gap = self.norm[a.q.end : c.label_start]
            if "、" not in gap or "；" in gap or ";" in gap:
                return False
        return True

    def _close_worded(self) -> None:
        """At a '；', close the 包括 / 主要是 lists that took no figure: "人员经费1082.14万元，主要
        包括基本工资、津贴补贴等；公用经费193.24万元" lists what the 1082.14 paid for, in words, and
        the next figure is the next part of the outer split, not a part of 人员经费. So do lists
        of a part whose items are joined by '、' ("人员经费…，包括工资900万元、社保180万元；
        公用经费…"): the '；' joins the outer list."""
        for b in self.stack:
            if b.open and b.marker in ("incl", "partial") and (not b.parts or self._inner(b)):
                b.open = False
        self.stack = [b for b in self.stack if b.open]

    def _figure(self, q: Quantity) -> None:
        label, label_start = _label(self.norm, q, self.label_floor)
        node = Node(q=q, label=label, label_start=label_start, series="")
        node.series = _series(q, label, self.last_role)
        self.nodes.append(node)
        self.sentence_nodes.append(node)
        self.segment.append(node)
        subtotal = None
        if _TOTAL_LABEL_RE.search(label) or _TOTAL_VERB_RE.search(
            self.norm, max(self.start, label_start - 2), q.start
        ):
            subtotal = self._subtotal_of(node)
            if subtotal is None:
                self._close_all_of(node.series)
                self._sum_after_parts(node)
                return
        bd = subtotal or self._breakdown_for(node)
        if bd is not None and bd.parts and _OWN_TOTAL_RE.search(label) and _room(bd) < node.value:
            bd.open = False
            bd = None
        if bd is not None and bd.crossed_end and _spent_after_funds(bd, node):
            bd.open = False  # "资金总额3560万元，其中…。截至年底，实际支出3420.8万元": not a part
            bd = None
        if bd is not None and not bd.crossed_end and _spent_beside_budget(bd, node):
            bd.open = False  # "总预算1000万元，其中本年度预算400万元，本年支出380万元"
            bd = None
        if bd is not None and _stage(bd.total.label) == "spent" and _stage(node.label) == "budget":
            bd = None  # "执行1150.8万元；其中专项资金预算800万元，执行790.4万元": no part of it
        if bd is not None and _stage(bd.total.label) == "spent" and _UNSPENT_RE.search(label):
            bd = None  # "实际支出1980万元，…。结余20万元为质保金": what was left is not spent
        if bd is not None:
            self._drop_paired_quota(bd, node)
            node.parent = bd.total
            bd.parts.append(node)
            bd.extended = bd.extended or bd.crossed_end

    def _drop_paired_quota(self, bd: Breakdown, node: Node) -> None:
        """A quota and the head count in post of one unit ("核定事业编制35个，实有30人"): under a
        total of people in post only the head count is a part, so a quota taken as the part just
        before is dropped when the actual figure follows it in the same clause."""
        if not bd.parts or not node.series.endswith(":actual") or not _ACTUAL_RE.search(node.label):
            return
        last = bd.parts[-1]
        if (
            last.series.endswith(":quota")
            and _QUOTA_RE.search(last.label)
            and not bd.total.series.endswith(":quota")
            and self.norm[last.q.end : node.label_start].strip() in ("，", ",")
        ):
            bd.parts.pop()
            last.parent = None

    def _subtotal_of(self, node: Node) -> Breakdown | None:
        """The open breakdown a figure labelled as a total is a part of: "合计671037万元。其中，
        约束性任务资金合计575218万元，指导性任务资金合计95819万元" — each part is a named
        subtotal. Only when the label names what it totals (not a bare 合计), the figure fits
        what the parts so far leave of the breakdown's total (else it is another total), and
        the parts before it do not add up to it (then it is their sum)."""
        m = _SUBTOTAL_LABEL_RE.search(node.label)
        if m is None or m.start() < 2:
            return None
        same = [
            b
            for b in self.stack
            if b.open
            and b.total.series == node.series
            and b.marker in ("among", "incl", "by", "colon")
        ]
        if not same:
            return None
        bd = same[-1]
        # a total whose unit slipped (预算数2089元 over parts in 万元) is measured as read in 万元:
        # its parts are judged by the sum check, which names the slip
        scale = 10000 if _unit_slipped(bd.total, node) else 1
        room = _room(bd) + bd.total.value * (scale - 1)
        if _complete(bd) or node.value >= bd.total.value * scale or node.value > room:
            return None  # "收入合计500万元，其中拨款合计450万元，支出合计480万元": another total
        if len(bd.parts) >= 2 and _adds_up(node, bd.parts):
            return None
        return bd

    def _breakdown_for(self, node: Node) -> Breakdown | None:
        """The innermost open breakdown that takes `node`, closing those already complete."""
        for b in self.stack:
            if (
                b.open
                and b.total.series == node.series
                and not _same_year(self.norm, b.total, node)
            ):
                b.open = False  # "2023年…" after a 2024 total starts a new statement
        same = [b for b in self.stack if b.open and b.total.series == node.series]
        while same and (_complete(same[-1]) or same[-1].overflow):
            if self._parallel(same[-1], node):
                same[-1].overflow = True
                break
            same[-1].open = False
            same.pop()
        if same:
            return same[-1]
        # A figure of a sibling series (an 'actual' under a 'quota' total, or a role-less
        # figure) joins the innermost open breakdown of the same kind of thing.
        group = node.series.split(":")[0]
        candidates = [
            b
            for b in reversed(self.stack)
            if b.open
            and b.total.series.split(":")[0] == group
            and not _complete(b)
            # retirees hold no post: they are never part of an establishment (编制) count
            and not (node.series.endswith(":retired") and b.total.series.endswith(":quota"))
        ]
        if not candidates or any(o.open and o.total.series == node.series for o in self.stack):
            return None
        # Prefer the innermost breakdown the figure still fits in ("在职25人，退休12人，其中：
        # 行政编制18名…" belongs to the 25, not the 12).
        fits = [b for b in candidates if _room(b) >= node.value]
        chosen = (fits or candidates)[0]
        chosen.cross_series = True
        return chosen

    def _parallel(self, bd: Breakdown, node: Node) -> bool:
        """Whether `node` is one more item of a list the breakdown's parts make, though they
        already add up: each part and the node an amount put to a use ("30万元用于甲；30万元用于
        乙；30万元用于丙"), joined by the same list mark, in one sentence after 其中/包括/a colon.
        Then the breakdown stays open and the node overflows it."""
        if bd.marker not in ("among", "incl", "colon") or len(bd.parts) < 2:
            return False
        items = [*bd.parts, node]
        if not all(_USED_FOR_RE.match(self.norm, n.q.end) for n in items):
            return False
        if _APART_RE.search(node.label):
            return False  # "另安排自筹30万元用于丙": set apart from the list, not one of it
        marks = {_list_mark(self.norm[a.q.end : b.q.start]) for a, b in itertools.pairwise(items)}
        return len(marks) == 1 and marks != {""}

    def _percent(self, q: Quantity) -> None:
        before = self.norm[max(self.start, q.start - 16) : q.start]
        m = rx.search(r"占[^，,。；;、\d%]{0,14}$", before)
        if not m or not self.sentence_nodes:
            return
        target = self.sentence_nodes[-1]
        between = self.norm[target.q.end : q.start]
        if len(between) <= 18 and not rx.search(r"[。；;]", between) and target.share is None:
            target.share = q

    def _open(self, m: re.Match[str]) -> None:
        kind = next(k for k, v in m.groupdict().items() if v)
        if kind == "among" and self._inside_paren_breakdown():
            return
        backref = False
        if (
            not self.segment
            and kind in ("among", "incl")
            and self.previous_sentence
            and self._refers_back(m.start())
        ):
            # "…编制95人。其中：…" refers back to the sentence just ended.
            self.segment = self.previous_sentence
            backref = True
        opened = self._open_segment(kind, m.start(), backref)
        if not opened and kind == "by" and self.carry is not None:
            # "按经济分类分：…" restating a total given just before: a second breakdown of it.
            self._push(Breakdown(total=self.carry, marker="by", marker_start=m.start()))
        self.segment = []

    def _refers_back(self, pos: int) -> bool:
        """Whether a 其中 with no figure before it in its sentence splits a figure of the sentence
        before: only when the sentence opens with it, or with words pointing back (上述资金,
        以上). A sentence that names a new subject first ("…公益金2.35亿元。APP升级项目，其中：
        A 29.8万元…") splits that subject, whose figure it does not state."""
        words = rx.sub(r"[\s，,、：:]", "", self.norm[self.sentence_start : pos])
        return not words or bool(rx.match(r"(?:上述|以上|前述|所述|这些|此|该|其)", words))

    def _open_segment(self, kind: str, pos: int, backref: bool = False) -> bool:
        opened: list[Breakdown] = []
        seen: set[str] = set()
        for node in reversed(self.segment):
            if node.series in seen:
                continue
            seen.add(node.series)
            if node.open_breakdown is not None:
                continue
            bd = Breakdown(total=node, marker=kind, marker_start=pos)
            if backref:  # a sentence back, any of its figures may be the one split
                bd.alternatives = tuple(
                    n for n in self.segment if n.series == node.series and n is not node
                )
            self._push(bd)
            opened.append(bd)
        changes = {b.total.series: b.total for b in opened if b.total.series.startswith("delta-")}
        for b in opened:
            b.change = changes.get("delta-" + b.total.series.split(":")[0])
            if b.change is None and b.total.q.dimension == "count":
                b.change = changes.get("delta-" + b.total.q.count_unit)
        if changes and all(b.total.series.startswith("delta-") for b in opened):
            # "本年收入较上年增加100万元。其中：…" splits either the change or 本年收入 itself.
            for change in changes.values():
                subject = self._subject_of(change)
                if subject is not None and subject.open_breakdown is None:
                    bd = Breakdown(total=subject, marker=kind, marker_start=pos, change=change)
                    self._push(bd)
                    opened.append(bd)
        return bool(opened)

    def _subject_of(self, change: Node) -> Node | None:
        """The figure a change is about, named before its comparison ("本年收入较上年增加")."""
        m = _COMPARISON_RE.search(change.label)
        subject = change.label[: m.start()] if m else ""
        if len(subject) < 2:
            return None
        for node in reversed(self.nodes):
            if node is change or node.series.startswith(("delta-", "base-")):
                continue
            if node.q.dimension == change.q.dimension and node.label.endswith(subject):
                return node
        return None

    def _colon(self, pos: int) -> None:
        if not self.segment:
            return
        if pos - self.segment[-1].q.end <= 1:
            # "核定事业编制50个，实有43人：" opens both figures' breakdowns.
            self._open_segment("colon", pos)
            self.segment = []
            return
        last = self.segment[-1]
        words = self.norm[last.q.end : pos]
        if (
            len(words) <= 30
            and _HANDED_OUT_RE.search(words)
            and not rx.search(r"[。；;:：()]|\d", words)
            and last.open_breakdown is None
            and not last.series.startswith(("delta-", "base-"))
        ):
            # "资金440万元，已分配下达到项目建设单位：A 140万元、B 140万元、C 160万元": the list
            # after the colon splits the figure the clause hands out.
            self._push(Breakdown(total=last, marker="handed", marker_start=pos))
            self.segment = []

    def _paren_open(self, pos: int) -> None:
        last = self.sentence_nodes[-1] if self.sentence_nodes else None
        if last is not None and pos - last.q.end <= 1 and last.open_breakdown is None:
            marker = (
                "subset"
                if _SUBSET_RE.match(self.norm, pos)
                else "paren-among"
                if rx.match(r"[(（]\s*其中", self.norm[pos : pos + 4])
                else "paren"
            )
            bd = Breakdown(total=last, marker=marker, marker_start=pos)
            self._push(bd)
            self.paren_stack.append(bd)
        else:
            self.paren_stack.append(None)
        self.segment = []

    def _paren_close(self) -> None:
        if not self.paren_stack:
            return
        bd = self.paren_stack.pop()
        if bd is None:
            return
        bd.open = False
        # Breakdowns opened inside the parenthesis end with it.
        while self.stack and self.stack[-1] is not bd:
            self.stack.pop().open = False
        if self.stack:
            self.stack.pop()
        # A note without figures right after a figure ("编制326名(不含自收自支事业单位)，其中：…")
        # leaves that figure the one a following 其中 splits.
        self.segment = [bd.total] if not bd.parts else []

    def _inside_paren_breakdown(self) -> bool:
        return bool(self.paren_stack) and self.paren_stack[-1] is not None and not self.segment

    def _sentence_end(self) -> None:
        self._grades(self.sentence_nodes)
        self._allocations(self.sentence_nodes)
        self._handed_back(self.sentence_nodes)
        self._implicit(self.sentence_nodes)
        for b in self.stack:
            if b.open and (_complete(b) or b.overflow):
                b.open = False
            elif b.open:
                b.crossed_end = True
        self.stack = [b for b in self.stack if b.open]
        self.paren_stack = []
        self.segment = []
        self.previous_sentence = self.sentence_nodes
        self.sentence_nodes = []

    def _push(self, bd: Breakdown) -> None:
        bd.total.breakdowns.append(bd)
        self.stack.append(bd)
        if bd.total.q.dimension == "money" and bd.total.parent is None:
            self.carry = bd.total

    def _close_all_of(self, series: str) -> None:
        for b in self.stack:
            if b.total.series == series:
                b.open = False
        self.stack = [b for b in self.stack if b.open]

    def _sum_after_parts(self, node: Node) -> None:
        """'A x，B y，合计 z': the figures before a 合计 in the same sentence are its parts."""
        parts = [
            n
            for n in self.sentence_nodes[:-1]
            if n.series == node.series
            and n.parent is None
            and not any(b.parts for b in n.breakdowns)  # an empty (note) is no split
        ]
        if len(parts) < 2:
            return
        if any(_TOTAL_LABEL_RE.search(n.label) for n in parts) and not _adds_up(node, parts):
            return  # "资产总额 A，负债总额 B，净资产总额 C": totals side by side, not parts of C
        bd = Breakdown(total=node, marker="sum", marker_start=node.label_start, open=False)
        bd.parts = parts
        node.breakdowns.append(bd)

    def _grades(self, nodes: list[Node]) -> None:
        """'复核评价的50个项目，"优秀"的5个，"良好"的23个，"合格"的22个': counts by grade split
        the count stated before them in the sentence, or alone in the sentence before."""
        graded = [n for n in nodes if n.q.dimension == "count" and n.parent is None]
        graded = [n for n in graded if not n.breakdowns and self._grade(n)]
        units = {n.q.count_unit for n in graded}
        if len(graded) < 2 or len(units) != 1:
            return
        grades = [self._grade(n) for n in graded]
        if len(set(grades)) != len(grades):
            return  # a grade twice: two lists (by year, by unit …), not one split
        (unit,) = units

        def candidates(pool: list[Node]) -> list[Node]:
            return [
                n
                for n in pool
                if n.q.dimension == "count"
                and n.q.count_unit == unit
                and n not in graded
                and n.parent is None
                and not n.breakdowns
                and not n.series.startswith(("delta-", "base-"))
            ]

        before = candidates([n for n in nodes if n.q.start < graded[0].q.start])
        if before:
            total = before[-1]
        else:
            earlier = candidates(self.previous_sentence)
            if len(earlier) != 1:
                return
            total = earlier[0]
        bd = Breakdown(total=total, marker="grade", marker_start=graded[0].label_start, open=False)
        bd.parts = graded
        total.breakdowns.append(bd)
        for n in graded:
            n.parent = total

    def _allocations(self, nodes: list[Node]) -> None:
        """'下达资金440万元，140万元用于甲项目；140万元用于乙项目；160万元用于丙项目': amounts each
        put to a use split the amount stated before them in the sentence."""
        roots = [n for n in nodes if n.parent is None and not n.breakdowns]
        used = [n for n in roots if _USED_FOR_RE.match(self.norm, n.q.end)]
        if len(used) < 2 or len({n.series for n in used}) != 1:
            return
        series = used[0].series
        if series.startswith(("delta-", "base-")):
            return
        before = [
            n
            for n in nodes
            if n.q.start < used[0].q.start
            and n.series == series
            and n.parent is None
            and not n.breakdowns
            and not _USED_FOR_RE.match(self.norm, n.q.end)
        ]
        among = [n for n in roots if n.q.start > used[0].q.start and n.series == series]
        if len(before) != 1 or any(n not in used for n in among):
            return  # no one amount before the uses, or another figure among them: unclear
        total = before[0]
        bd = Breakdown(total=total, marker="handed", marker_start=used[0].q.start, open=False)
        bd.parts = used
        total.breakdowns.append(bd)
        for n in used:
            n.parent = total

    def _handed_back(self, nodes: list[Node]) -> None:
        """'下达资金1300万元。…将该笔资金下拨至乙旗，用于实施“甲项目”(723万元)和“乙项目”(577万元)':
        a sentence that names the amount of the sentence before as 该笔/上述资金 and hands it out
        (下拨, 分配, 用于 …) before any figure of its own splits that amount into the amounts it
        lists. Only when the sentence before states one amount, and the amounts listed are the
        sentence's only ones."""
        roots = [n for n in nodes if n.q.dimension == "money" and n.parent is None]
        if len(roots) < 2 or any(n.breakdowns or n.series != "money" for n in roots):
            return
        if any(n.q.dimension == "money" and n.parent is not None for n in nodes):
            return  # the sentence splits an amount of its own
        head_start = max(self.start, self.norm.rfind("。", self.start, roots[0].q.start) + 1)
        head = self.norm[head_start : roots[0].q.start]
        m = _BACKREF_RE.search(head)
        if m is None or not _HANDS_OUT_NOW_RE.match(head, m.end()):
            return  # "该笔资金下拨后，甲县完成投资80万元": what happened after, not the split
        earlier = [
            n for n in self.previous_sentence if n.q.dimension == "money" and n.parent is None
        ]
        if len(earlier) != 1 or earlier[0].breakdowns or earlier[0].series != "money":
            return
        total = earlier[0]
        bd = Breakdown(
            total=total, marker="handed", marker_start=head_start + m.start(), open=False
        )
        bd.parts = roots
        bd.extended = True  # the parts are read across a full stop
        total.breakdowns.append(bd)
        for n in roots:
            n.parent = total

    def _sorted_ends(self) -> list[int]:
        """The end offsets of the figures read so far, sorted (rebuilt when figures are added)."""
        if len(self._ends) != len(self.nodes):
            self._ends = sorted(n.q.end for n in self.nodes)
        return self._ends

    def _grade(self, node: Node) -> str:
        """The grade a count is labelled with ("优秀"的5个 → 优秀), or ""."""
        i = node.q.start
        floor = max(self.start, i - 30)
        while i > floor and self.norm[i - 1] not in "，,；;。、\n":
            i -= 1
        # The label starts after the last figure that ends between i and this count.
        ends = self._sorted_ends()
        k = bisect_right(ends, node.q.start) - 1
        if k >= 0 and ends[k] >= i:
            i = ends[k]
        m = _GRADE_RE.search(self.norm, i, node.q.start)
        return m.group("grade") if m else ""

    def _implicit(self, nodes: list[Node]) -> None:
        """'收入A，其中…' without a marker: a figure followed, in the same sentence, by figures
        that add up to it (within rounding) is read as its breakdown."""
        roots = [n for n in nodes if n.parent is None and not n.breakdowns]
        # What each root needs to know of the roots after it in its series (how many, the
        # largest, their sum and their rounding), gathered from the end in one pass.
        after: list[_Tail] = []
        tails: dict[str, _Tail] = {}
        for n in reversed(roots):
            tail = tails.get(n.series, _EMPTY_TAIL)
            after.append(tail)
            tails[n.series] = tail.add(n.q)
        after.reverse()
        for i, total in enumerate(roots):
            tail = after[i]
            if tail.n < 2 or tail.largest > total.value:
                continue
            diff = abs(tail.total - total.value)
            if diff <= tail.tolerance_with(total.q):
                rest = [n for n in roots[i + 1 :] if n.series == total.series]
                bd = Breakdown(
                    total=total, marker="implicit", marker_start=total.q.start, open=False
                )
                bd.parts = rest
                total.breakdowns.append(bd)
                for n in rest:
                    n.parent = total
                return


_YEAR_RE = lazy(r"(?:19|20)\d\d(?=年)")
_YEAR_SPAN = lazy(r"((?:19|20)\d\d)年?\s*[—–\-~～至到]\s*((?:19|20)\d\d)(?=年)")


def _same_year(norm: str, total: Node, part: Node) -> bool:
    """False when both labels name a year and the part's is not among the total's ("2021年、
    2022年资金共计…，其中2021年…" keeps the 2021 part under the two-year total)."""
    a, b = _YEAR_RE.findall(total.label), _YEAR_RE.findall(part.label)
    if not (a and b):
        return True
    # Years listed before the label ("2021年、2022年…"): the label starts after the 、.
    lead = rx.search(
        r"(?:(?:19|20)\d\d年度?[、和及与至-])+$",
        norm[max(0, total.label_start - 24) : total.label_start],
    )
    if lead:
        a = a + _YEAR_RE.findall(lead.group())
    # A span of years ("2021—2023年累计…", "2021至2023年"): each year within it.
    for m in _YEAR_SPAN.finditer(total.label):
        if int(m.group(1)) <= int(b[-1]) <= int(m.group(2)):
            return True
    return b[-1] in a


_SPENT_LABEL_RE = lazy(r"支出|执行|支付|拨付|使用|发放|结余|结转|剩余")


def _spent_after_funds(bd: Breakdown, node: Node) -> bool:
    """Whether `node`, in a sentence after the one its breakdown opened in, is an amount spent
    (实际支出, 已拨付 …) while the total and every part so far are funds by where they came from
    (资金总额 = 中央 + 省级 + 县级): what was done with the money, not one more source of it."""
    if not _SPENT_LABEL_RE.search(node.label) or _SPENT_LABEL_RE.search(bd.total.label):
        return False
    return not any(_SPENT_LABEL_RE.search(p.label) for p in bd.parts)


_SPENDING_RE = lazy(r"支出|执行|支付|使用|发放")
_BUDGET_RE = lazy(r"预算|资金|经费|投资|拨款|下达|安排")


def _spent_beside_budget(bd: Breakdown, node: Node) -> bool:
    """Whether `node`, in the sentence its breakdown opened in, is an amount spent (本年支出,
    执行) following parts that are budgets or funds under a budget or funds total: how much of
    a part was spent, not one more part. Narrower than `_spent_after_funds`: 上年结转 and 结余
    are parts of an income or funds total within a sentence, and the first part may itself be a
    spending (资金总额…，其中人员支出…、公用支出…)."""
    if not bd.parts or not _SPENDING_RE.search(node.label):
        return False
    if _SPENDING_RE.search(bd.total.label) or not _BUDGET_RE.search(bd.total.label):
        return False
    return all(_BUDGET_RE.search(p.label) and not _SPENDING_RE.search(p.label) for p in bd.parts)


# What is left of the money (结余, 未支付 …): never a part of an amount spent.
_UNSPENT_RE = lazy(r"结余|剩余|余额|未支付|未拨付|未使用|尚未支出")


def _stage(label: str) -> str:
    """'budget' for a figure planned (…预算), 'spent' for one spent (执行, 实际支出), else ''."""
    budget = "预算" in label and "决算" not in label
    spent = bool(rx.search(r"执行|实际支出|已支出|支出数|实际使用|已使用|已拨付", label))
    if budget == spent:
        return ""
    return "budget" if budget else "spent"


def _unit_slipped(total: Node, part: Node) -> bool:
    """A total written in 元 over a part in 万元 that only fits it read in 万元."""
    return total.q.unit == "元" and part.q.unit == "万元" and part.value >= total.value


def _room(bd: Breakdown) -> Decimal:
    """How much of the total the parts so far leave (plus rounding)."""
    used = sum((p.value for p in bd.parts), Decimal(0))
    return bd.total.value - used + tolerance([bd.total, *bd.parts])


def _adds_up(total: Node, parts: list[Node]) -> bool:
    diff = abs(sum((p.value for p in parts), Decimal(0)) - total.value)
    return diff <= tolerance([total, *parts])


def _list_mark(gap: str) -> str:
    """The mark that joins two list items (；, ;, 、 or ，), "" when a sentence ends between."""
    if "。" in gap:
        return ""
    marks = [c for c in gap if c in "；;、，,"]
    return marks[-1].replace(";", "；").replace(",", "，") if marks else ""


def _complete(bd: Breakdown) -> bool:
    """Do the parts so far add up to the total (within rounding)?"""
    if len(bd.parts) == 1:
        return bd.parts[0].value == bd.total.value  # "其中：公务接待费 = the whole"
    if not bd.parts:
        return False
    total = sum((p.value for p in bd.parts), Decimal(0))
    return abs(total - bd.total.value) <= tolerance([bd.total, *bd.parts])


def _levels(parts: list[Node]) -> bool:
    """Are the parts levels of one tree ("一级指标3个，二级指标9个") rather than its pieces?"""
    return len({level_of(p.label) for p in parts} - {""}) >= 2


def figure_trees(doc: Document) -> list[Node]:
    """Every money/count figure of the document with its breakdowns (cached)."""

    def build(d: Document) -> list[Node]:
        nodes: list[Node] = []
        carry: Node | None = None
        norm = d.norm
        for start, end in _paragraphs(d):
            events = _figure_events(norm, start, end)
            if not events and (carry is None or _OPEN_RE.search(norm, start, end) is None):
                # No figure: markers, colons and brackets have nothing to open, and no marker
                # can open a second breakdown of the carried total (a table cell, a heading,
                # prose): no parser is built (a flattened table has a paragraph a line).
                continue
            parser = _Parser(d, start, end, carry)
            nodes.extend(parser.run(events))
            carry = parser.carry
        return nodes

    result: list[Node] = doc.cached("figure_trees", build)
    return result


def relations(doc: Document) -> list[Relation]:
    """Each stated breakdown with at least two parts."""
    out: list[Relation] = []
    for node in figure_trees(doc):
        for bd in node.breakdowns:
            if len(bd.parts) >= 2 and not _levels(bd.parts):
                out.append(
                    Relation(
                        total=node,
                        parts=tuple(bd.parts),
                        marker=bd.marker,
                        extended=bd.extended,
                        cross_series=bd.cross_series,
                        change=bd.change,
                        alternatives=bd.alternatives,
                        overflow=bd.overflow,
                    )
                )
    return out


# Standard decompositions whose parts, when all named, make up the whole total: (name, the
# categories and the label patterns naming each, what the total's label must say, what it must
# not say). A breakdown that names every category of one of them is complete by definition.
class Decomposition(NamedTuple):
    name: str  # shown in messages: "基本支出 + 项目支出"
    categories: tuple[tuple[str, str], ...]  # (category, label pattern)
    required: frozenset[str]
    total_has: str  # a pattern the total's label must match ("" for any)
    total_not: str  # a pattern the total's label must not match

    @property
    def of_all_spending(self) -> bool:
        """Does it split a unit's whole spending (so its sum is the executed total)?"""
        return self.total_has == _SPENDING_TOTAL


_SPENDING_TOTAL = r"支出|决算|预算|执行|使用|拨付|经费|资金"
DECOMPOSITIONS = (
    Decomposition(
        "基本支出 + 项目支出",
        (("basic", r"基本支出|基本经费"), ("project", r"项目支出|项目经费")),
        frozenset({"basic", "project"}),
        _SPENDING_TOTAL,
        r"收入|基本支出|项目支出|人员|公用|三公",
    ),
    Decomposition(
        "人员经费 + 公用经费 + 项目支出",
        (
            ("personnel", r"人员经费|人员支出"),
            ("public", r"公用经费|公用支出"),
            ("project", r"项目支出|项目经费"),
        ),
        frozenset({"personnel", "public", "project"}),
        _SPENDING_TOTAL,
        r"收入|基本支出|项目支出|人员|公用|三公",
    ),
    Decomposition(
        "人员经费 + 公用经费",
        (("personnel", r"人员经费|人员支出"), ("public", r"公用经费|公用支出")),
        frozenset({"personnel", "public"}),
        r"基本支出|基本经费",
        r"收入",
    ),
    Decomposition(
        "工资福利 + 商品和服务 + 对个人和家庭的补助 + 资本性支出",
        (
            ("wages", r"工资福利"),
            ("goods", r"商品和服务"),
            ("households", r"对个人和家庭"),
            ("capital", r"资本性支出"),
        ),
        frozenset({"wages", "goods", "households", "capital"}),
        _SPENDING_TOTAL,
        r"收入|工资|商品|补助|资本|三公|人员|公用",
    ),
    Decomposition(
        "因公出国(境)费 + 公务用车购置及运行费 + 公务接待费",
        (("abroad", r"出国|出境"), ("vehicle", r"公务用车|公车|车辆"), ("reception", r"接待")),
        frozenset({"abroad", "vehicle", "reception"}),
        r"三公",
        r"收入",
    ),
    Decomposition(
        # a department's projects: its own (本级) and those it transfers down (对下转移支付)
        "本级项目 + 对下转移支付项目",
        (("own", r"^本级"), ("transfer", r"^对下(?:级)?转移支付")),
        frozenset({"own", "transfer"}),
        r"项目",
        r"收入|本级|转移支付",
    ),
    Decomposition(
        "财政拨款 + 其他",
        (("appropriation", r"^(?:本年)?财政拨款"), ("other", r"^其他|^非财政")),
        frozenset({"appropriation", "other"}),
        "",
        "",
    ),
)


def wide_label(norm: str, node: Node) -> str:
    """A part's name read past brackets ("因公出国（境）费" where `Node.label` is "费")."""
    i = node.q.start
    limit = max(0, i - 40)
    while i > limit and norm[i - 1] not in "，,；;。：:、\n":
        i -= 1
    m = _LABEL_STRIP_RE.match(norm, i, node.q.start)
    return norm[m.end() if m else i : node.q.start].strip()


def complete_decomposition(total_label: str, part_labels: list[str]) -> Decomposition | None:
    """The standard decomposition the parts spell out in full, or None.

    Every part must name a category of the decomposition and every category must be named
    ("基本支出 A，项目支出 B" under "支出总额"; "人员经费 A，公用经费 B" under "基本支出").
    """
    for dec in DECOMPOSITIONS:
        if dec.total_has and not rx.search(dec.total_has, total_label):
            continue
        if dec.total_not and rx.search(dec.total_not, total_label):
            continue
        seen: set[str] = set()
        for label in part_labels:
            cat = next((c for c, pat in dec.categories if rx.search(pat, label)), None)
            if cat is None:
                break
            seen.add(cat)
        else:
            if dec.required <= seen:
                return dec
    return None
