"""A completion stated as a percentage of a count target, recomputed from the counts beside it.

"完成改造264户，下达任务115户，超任务43%": the paragraph gives the target (a count after
任务/目标/计划) and the count achieved (the one other count of the same unit); the stated
percentage is read both ways a report may mean it — the excess over the target
((actual − target) ÷ target, 超任务/超额完成) and the completion ratio (actual ÷ target,
完成任务的/任务完成率) — and is wrong only when neither gives it. When the inverted ratio
(target ÷ actual) gives it, the message says so.
"""

from __future__ import annotations

import bisect
from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_quantities, fmt
from reviewer.regex import lazy

COMPLETION_VS_COUNTS = rule(
    code="R030",
    fix_zh="用实际完成数和任务数重算：超额比例=(实际数−任务数)÷任务数，完成比例=实际数÷任务数；"
    "或更正有误的数字。",
    name="completion-vs-counts",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="完成比例与任务数、完成数不符",
    title_en="Completion percentage does not match the counts",
    message_zh="报告称{stated_text}，按{where_zh}数据：任务 {target}，完成 {actual}，"
    "超出 ({a}−{t})÷{t} = {over}%，完成比例 {a}÷{t} = {ratio}%{note_zh}",
    message_en="The report states '{stated_text}'; {where_en} gives a target of {target} "
    "and {actual} done: {over}% above the target, {ratio}% of it{note_en}",
    what="Reads a completion stated as a percentage of a count target (超任务X%, 超额完成X%, "
    "完成任务的X%, 任务完成率X%, 完成数占目标任务的X%) and the two counts of one unit in its "
    "paragraph: the target "
    "(after 任务/目标/计划) and the one other count, the actual. The percentage is checked "
    "as the excess ((actual − target) ÷ target) and as the ratio (actual ÷ target), rounded or "
    "truncated; it fires only when neither reading gives it. An error when the inverted ratio "
    "(target ÷ actual) gives it.",
    why="An over-completion percentage is how a report shows a target was beaten; worked out "
    "the wrong way round it understates (or overstates) the result and misleads the scoring.",
    example="全年完成危房改造264户，下达任务115户，超任务43%。",
    counterexample="全年完成危房改造264户，下达任务115户，超任务130%。",
    fix="Recompute: excess = (actual − target) ÷ target, completion = actual ÷ target; or "
    "correct the figure that is wrong.",
)

# The stated percentage: an excess over the target, or a ratio of it.
_OVER = lazy(
    r"超(?:额|出)?(?:完成)?(?:了)?(?:年度|全年|上级|省|市|县)?(?:下达的?)?(?:任务|目标|计划)(?:数|量)?"
    r"(?:的)?\s*(?P<num>\d{1,4}(?:\.\d+)?)\s*%"
)
# 完成任务的X%, 任务完成率X%, and the share of the target the count done is: 实际完成数占年度目标
# 任务的100%.
_RATIO = lazy(
    r"(?:(?:完成(?:了)?|完成(?:数|量)占(?:了)?)(?:年度|全年|上级|省|市|县)?(?:下达的?)?"
    r"(?:目标任务|计划任务|任务|目标|计划)(?:数|量)?的"
    r"|(?:任务|目标|计划)完成率(?:为|是|达到|达)?)\s*(?P<num>\d{1,4}(?:\.\d+)?)\s*%"
)
# A ratio that names its target count: 完成市目标任务21347人的100%, 完成下达任务人数645人的120%.
_RATIO_OF_COUNT = lazy(
    r"完成(?:了)?[^，,。；;\n\d]{0,12}?(?:任务|目标)(?:人数|户数|数量|数|量)?\s*(?:为|是)?\s*"
    r"(?P<t>\d[\d,]*(?:\.\d+)?\s*[^\d\s的，,。；;%]{1,3}?)的\s*(?P<num>\d{1,4}(?:\.\d+)?)\s*%"
)
_SENTENCE = lazy(r"[。；;\n]")
# A count is the target when its clause ends with a target word before it (任务115户,
# 目标任务为115户, 计划数：115户).
_TARGET_BEFORE = lazy(r"(?:任务|目标|计划)(?:数|量|数量|值)?\s*(?:为|是|共|：|:)?\s*$")
_CLAUSE = lazy(r"[，,。；;：:（()）、\n]")


class _Stated(NamedTuple):
    value: Decimal
    decimals: int
    start: int
    end: int
    over: bool  # an excess over the target (True) or a ratio of it (False)


class _Clauses:
    """Where each clause of the text starts: its ends found in one scan, a position's clause by
    bisection (a scan back per figure or statement is quadratic on a long paragraph)."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.ends = [m.end() for m in _CLAUSE.finditer(norm)]

    def start(self, lo: int, pos: int) -> int:
        """The start of the clause holding `pos`, not before `lo`."""
        k = bisect_right(self.ends, pos)
        return max(lo, self.ends[k - 1]) if k else lo

    def before(self, lo: int, pos: int) -> str:
        return self.norm[self.start(lo, pos) : pos]


def _counts(text: _Clauses, lo: int, hi: int) -> tuple[list[Quantity], list[Quantity]]:
    """The paragraph's target counts and other counts (not a part: 其中…)."""
    norm = text.norm
    tgts: list[Quantity] = []
    others: list[Quantity] = []
    for q in find_quantities(norm, lo, hi):
        if q.dimension != "count" or q.approx:
            continue
        before = norm[max(lo, q.start - 12) : q.start]
        if _TARGET_BEFORE.search(before):
            tgts.append(q)
        elif "其中" not in text.before(lo, q.start):
            others.append(q)
    return tgts, others


def _agrees(stated: _Stated, computed: Decimal) -> bool:
    """Rounded to the digits written, or truncated to them."""
    unit = Decimal(1).scaleb(-stated.decimals)
    if abs(computed - stated.value) <= unit / 2:
        return True
    return stated.value <= computed < stated.value + unit


def _pct(x: Decimal) -> Decimal:
    return (x * 100).quantize(Decimal("0.01"))


def _named_pairs(norm: str) -> Iterator[tuple[_Stated, Quantity, Quantity]]:
    """(stated ratio, target, actual) where the ratio names its target count and the actual is
    the last count of that unit before it in the sentence (…2399人，完成市目标任务2000人的120%)."""
    for m in _RATIO_OF_COUNT.finditer(norm):
        tq = [q for q in find_quantities(norm, m.start("t"), m.end("t")) if q.dimension == "count"]
        if len(tq) != 1 or tq[0].approx:
            continue
        target = tq[0]
        ss = 0
        for e in _SENTENCE.finditer(norm, max(0, m.start() - 200), m.start()):
            ss = e.end()
        before = [
            q
            for q in find_quantities(norm, ss, m.start())
            if q.dimension == "count" and q.count_unit == target.count_unit and not q.approx
        ]
        if not before:
            continue
        raw = m.group("num")
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        yield _Stated(Decimal(raw), decimals, m.start(), m.end(), False), target, before[-1]


def _stated(norm: str) -> Iterator[_Stated]:
    for pattern, over in ((_OVER, True), (_RATIO, False)):
        for m in pattern.finditer(norm):
            raw = m.group("num")
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            yield _Stated(Decimal(raw), decimals, m.start(), m.end(), over)


_DONE_BEFORE = lazy(r"完成")


def _pair(tgts: list[Quantity], others: list[Quantity]) -> tuple[Quantity, Quantity] | None:
    """(target, actual) in the paragraph: one target count and one other count of its unit."""
    if len({(q.value, q.count_unit) for q in tgts}) != 1:
        return None  # no target, or two different ones: which one is meant is a guess
    target = tgts[0]
    same = [q for q in others if q.count_unit == target.count_unit]
    if len({q.value for q in same}) != 1:
        return None  # no actual, or several: which count is the actual is a guess
    return target, same[0]


def _report_pair(text: _Clauses) -> tuple[Quantity, Quantity] | None:
    """(target, actual) stated elsewhere in the report: its one target count, and the one count
    of that unit said to be done (完成…264户); any other target or done count leaves it open."""
    tgts, others = _counts(text, 0, len(text.norm))
    if len({(q.value, q.count_unit) for q in tgts}) != 1:
        return None
    target = tgts[0]
    done = [
        q
        for q in others
        if q.count_unit == target.count_unit and _DONE_BEFORE.search(text.before(0, q.start))
    ]
    if len({q.value for q in done}) != 1:
        return None
    return target, done[0]


def _prev_end(ends: list[int], st: _Stated, lo: int) -> int:
    """Where the statement before `st` in its paragraph ends (the paragraph's start if none);
    `ends` are the statements' ends, sorted."""
    i = bisect.bisect_right(ends, st.start) - 1
    return ends[i] if i >= 0 and ends[i] >= lo else lo


def _own_target_since(
    text: _Clauses, since: int, st: _Stated, found: tuple[Quantity, Quantity]
) -> bool:
    """Does the stretch since the statement before `st` give a target other than the pair's
    (another indicator, 目标值是100%, with its own completion rate)?"""
    norm = text.norm
    for q in find_quantities(norm, since, st.start):
        if q.start == found[0].start or q.approx:
            continue
        if _TARGET_BEFORE.search(norm[max(since, q.start - 12) : q.start]):
            return True
    return False


@check(COMPLETION_VS_COUNTS)
def completion_vs_counts(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    named = {st.start: (st, target, actual) for st, target, actual in _named_pairs(norm)}
    statements = [*_stated(norm), *(v[0] for v in named.values())]
    if not statements:
        return
    ends = sorted(st.end for st in statements)
    text = _Clauses(norm)
    # Each paragraph's targets and its (target, actual) pair, read once for all its statements.
    paragraphs: dict[int, tuple[list[Quantity], tuple[Quantity, Quantity] | None]] = {}
    report: list[tuple[Quantity, Quantity] | None] = []  # the report's own pair, once
    for st in statements:
        if st.start in named and named[st.start][0] is not st:
            continue  # the target is named in the ratio itself: read there
        lo = norm.rfind("\n", 0, st.start) + 1
        hi = norm.find("\n", st.end)
        hi = len(norm) if hi < 0 else hi
        if lo not in paragraphs:
            tgts, others = _counts(text, lo, hi)
            paragraphs[lo] = tgts, _pair(tgts, others)
        tgts, found = paragraphs[lo]
        where = ("同段", "its own paragraph")
        if st.start in named:
            found = named[st.start][1:]
            where = ("同句", "its own sentence")
        elif found is None and tgts:
            # several targets in the paragraph: the one stated since the statement before
            since = _prev_end(ends, st, lo)
            found = _pair(*_counts(text, since, st.start))
            where = ("同一指标", "its own indicator's clauses")
        elif found is None and not tgts:
            if not report:
                report.append(_report_pair(text))
            found = report[0]  # the paragraph states no target: the report's own
            where = ("报告", "the report")
        if found is None or found[0].value <= 0:
            continue
        if st.start not in named and _own_target_since(text, _prev_end(ends, st, lo), st, found):
            continue  # "…28次…目标完成率143%，到位率目标值是100%…目标完成率100%": its own target
        target, actual = found
        t, a = target.value, actual.value
        if st.over and a <= t:
            continue  # an excess over a target not exceeded: the counts are not this pair
        over, ratio = _pct((a - t) / t), _pct(a / t)
        if _agrees(st, over) or _agrees(st, ratio):
            shown = f"({fmt(a)}−{fmt(t)})÷{fmt(t)}" if _agrees(st, over) else f"{fmt(a)}÷{fmt(t)}"
            value = over if _agrees(st, over) else ratio
            yield relation(
                "rate",
                [(st.start, st.end), (target.start, target.end), (actual.start, actual.end)],
                f"{shown} = {fmt(value)}%",
            )
            continue
        inverted = _pct(t / a) if a else None
        note_zh = note_en = ""
        severity = Severity.WARNING
        if inverted is not None and _agrees(st, inverted):
            note_zh = f"；所称比例等于 {fmt(t)}÷{fmt(a)} = {fmt(inverted)}%，分子分母倒置"
            note_en = f"; the stated figure is {fmt(t)} ÷ {fmt(a)} = {fmt(inverted)}%, inverted"
            severity = Severity.ERROR
        cs = text.start(lo, st.start)
        stated_text = rx.sub(r"\s+", "", norm[cs : st.end])
        yield COMPLETION_VS_COUNTS.hit(
            [(cs, st.end), (target.start, target.end), (actual.start, actual.end)],
            {
                "stated_text": stated_text,
                "target": fmt(t) + target.unit,
                "actual": fmt(a) + actual.unit,
                "t": fmt(t),
                "a": fmt(a),
                "over": fmt(over),
                "ratio": fmt(ratio),
                "note_zh": note_zh,
                "where_zh": where[0],
                "where_en": where[1],
                "note_en": note_en,
            },
            severity=severity,
        )
