"""Changes in percentage points: "执行率95%，较上年的90%提高3个百分点" against the two rates.

A statement is read within one sentence: a direction (提高/上升/增加/增长 or 下降/降低/减少/回落)
and N 个百分点. The two rates it relates are either "由 A% 提高到 B%", or the rate labelled
上年/去年/<an earlier year> (the previous one, which may also follow: "（上年为99%）") and the
nearest other rate before the comparison phrase (the current one). A statement is wrong only
when B − A cannot equal the stated points at the precision of the three figures; with fewer than
two rates in the sentence nothing is judged.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.report import evaluated_year
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, decimals_of, find_quantities, fmt, half_digit, parse_decimal
from reviewer.regex import lazy

POINTS_MISMATCH = rule(
    code="P102",
    fix_zh="用两年的比率重算变动的百分点，或更正有误的比率。",
    name="points-mismatch",
    kind="growth_mismatch",
    severity=Severity.ERROR,
    family="shares",
    title_zh="变动百分点与前后比率不符",
    title_en="Change in percentage points does not match the two rates",
    message_zh="{current} − {previous} = {computed}个百分点，报告称{stated}",
    message_en="{current} - {previous} = {computed} percentage points, the report states "
    "{stated_en}",
    what="Reads 提高/下降 N 个百分点 with the two rates of the same sentence (由 A% 到 B%, or a "
    "rate and the previous year's rate) and checks B − A = ±N at the figures' precision.",
    why="A change in points is often confused with a relative change, or kept from last year's "
    "report; when it does not follow from the two rates stated, one of the numbers is wrong.",
    example="预算执行率95%，较上年的90%提高了3个百分点。",
    counterexample="预算执行率95%，较上年的90%提高了5个百分点。",
    fix="Recompute the change from the two rates, or correct the rate that is wrong.",
)

_POINTS = lazy(
    r"(?P<dir>提高|提升|上升|增加|增长|下降|降低|减少|回落|下滑)了?\s*"
    r"(?P<n>\d+(?:\.\d+)?)\s*个百分点"
)
_UP = {"提高", "提升", "上升", "增加", "增长"}
_FROM_TO = lazy(r"由\s*$|从\s*$")
_TO = lazy(r"^\s*(?:提高|提升|上升|增加|增长|下降|降低|减少|回落|下滑)?(?:到|至)\s*$")
_PREV = lazy(
    r"(?:上年|去年|上一年|上年度|上年同期|去年同期|(?P<y>20\d\d)年(?:度)?)[^，,。；;\d]{0,10}$"
)
_PHRASE = lazy(r"(?:比|较|与|同)(?:上年|去年|上一年|上年度|上年同期|去年同期|20\d\d年)|同比")
_SENT = lazy(r"[。；;！？!?\n\r]")


class _Statement(NamedTuple):
    start: int  # the direction word
    end: int  # after 个百分点
    up: bool
    word: str  # the direction as written (提高, 下降 …)
    points: Decimal
    points_decimals: int
    currents: tuple[Quantity, ...]  # candidate current rates, nearest first
    previous: Quantity


def _statements(doc: Document) -> list[_Statement]:
    norm = doc.norm
    year = evaluated_year(doc)
    out: list[_Statement] = []
    s = 0
    for e in [m.start() for m in _SENT.finditer(norm)] + [len(norm)]:
        lo, s = s, e + 1
        if "个百分点" not in norm[lo:e]:
            continue
        rates = [q for q in find_quantities(norm, lo, e) if q.dimension == "percent"]
        for m in _POINTS.finditer(norm, lo, e):
            before = [q for q in rates if q.end <= m.start()]
            pair = _from_to(norm, before) or _with_previous(norm, lo, m.start(), rates, year)
            if pair is None:
                continue
            n = parse_decimal(m.group("n"))
            if n is None:
                continue
            currents, previous = pair
            out.append(
                _Statement(
                    start=m.start(),
                    end=m.end(),
                    up=m.group("dir") in _UP,
                    word=m.group("dir"),
                    points=n,
                    points_decimals=decimals_of(m.group("n")),
                    currents=currents,
                    previous=previous,
                )
            )
    return out


def _from_to(norm: str, before: list[Quantity]) -> tuple[tuple[Quantity, ...], Quantity] | None:
    """'由 A% 提高到 B%': ((B,), A)."""
    for a, b in itertools.pairwise(before):
        if _FROM_TO.search(norm[max(0, a.start - 3) : a.start]) and _TO.match(
            norm[a.end : b.start]
        ):
            return (b,), a
    return None


def _with_previous(
    norm: str, lo: int, at: int, rates: list[Quantity], year: int | None
) -> tuple[tuple[Quantity, ...], Quantity] | None:
    """The rate labelled as last year's (anywhere in the sentence: "（上年为99%）" may follow),
    and the other rates before the comparison, nearest first."""
    previous = None
    for q in rates:
        m = _PREV.search(norm[max(lo, q.start - 14) : q.start])
        if m and (m.group("y") is None or (year is not None and int(m.group("y")) < year)):
            previous = q
    if previous is None:
        return None
    phrase = None
    for m in _PHRASE.finditer(norm, lo, at):
        phrase = m
    limit = phrase.start() if phrase is not None and phrase.start() > lo else at
    before = [q for q in rates if q is not previous and q.end <= at]
    current = [q for q in before if q.end <= limit] or before
    return (tuple(reversed(current)), previous) if current else None


def _off_by(st: _Statement, cur: Quantity, doc: Document) -> Decimal | None:
    """None when `cur` − previous equals the stated points at the figures' precision."""
    prev = st.previous
    computed = cur.base - prev.base
    stated = st.points if st.up else -st.points
    half = half_digit(st.points_decimals)
    tol = doc.tolerances.rounding_of(cur.half_unit + prev.half_unit + half)
    if abs(computed - stated) <= tol + doc.tolerances.extra("percent"):
        return None
    return computed


@check(POINTS_MISMATCH)
def points_mismatch(doc: Document) -> Iterator[Hit | Relation]:
    for st in _statements(doc):
        verdicts = [_off_by(st, cur, doc) for cur in st.currents]
        held = [cur for cur, v in zip(st.currents, verdicts, strict=True) if v is None]
        if len(held) == 1:  # one reading reconciles it: its figures are verified
            cur, prev = held[0], st.previous
            yield relation(
                "growth",
                [(st.start, st.end), (cur.start, cur.end), (prev.start, prev.end)],
                f"{cur.raw.replace(' ', '')} − {prev.raw.replace(' ', '')} = "
                f"{'' if st.up else '−'}{fmt(st.points)}个百分点",
            )
        if held:
            continue  # some rate of the sentence reconciles the statement
        cur, prev, computed = st.currents[0], st.previous, verdicts[0]
        if computed is None:  # pragma: no cover - excluded just above
            continue
        places = max(cur.decimals, prev.decimals, st.points_decimals)
        yield POINTS_MISMATCH.hit(
            [(st.start, st.end), (cur.start, cur.end), (prev.start, prev.end)],
            {
                "current": cur.raw.replace(" ", ""),
                "previous": prev.raw.replace(" ", ""),
                "computed": fmt(computed, places),
                "stated": f"{st.word}{fmt(st.points)}个百分点",
                "stated_en": f"{'up' if st.up else 'down'} {fmt(st.points)} points",
            },
        )
