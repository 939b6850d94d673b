"""Year-on-year changes: "比上年增加 X万元，增长 Y%" against the figures they are computed from.

A change statement is read within one sentence: a comparison phrase (比上年, 较上年, 同比,
与上年相比, 比2023年 …), a direction (增加/增长/上升/提高 or 减少/下降/降低), an optional amount
and an optional percentage. The current figure is the nearest figure of the same kind before
the phrase; a previous-year figure is one labelled 上年/去年/<previous year> in the same
sentence. Any two of current, previous and difference determine the third and the percentage;
a statement is wrong only when the stated values cannot be reconciled at their own precision.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.report import evaluated_year
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_quantities, fmt
from reviewer.regex import lazy

GROWTH_MISMATCH = rule(
    code="P101",
    fix_zh="用两年数据重算增减额和增减幅度，或更正有误的数字。",
    name="growth-mismatch",
    kind="growth_mismatch",
    severity=Severity.ERROR,
    family="shares",
    title_zh="增减额或增减幅度与数据不符",
    title_en="Year-on-year change does not match the figures",
    message_zh="{claim}：{computation}，报告称 {stated}",
    message_en="{claim_en}: {computation_en}, the report states {stated}",
    what="Reads 比上年/同比/较上年 增加|减少 X，增长|下降 Y% with the current and previous-year "
    "figures of the same sentence and checks that they agree (any two determine the third).",
    why="Growth rates are often computed from a different base or left over from last year's "
    "report; a change that does not follow from the stated figures is a wrong number.",
    example="本年支出1844.31万元，比上年增加100万元，增长8.5%。",
    counterexample="本年支出1844.31万元，比上年增加100万元，增长5.73%。",
    fix="Recompute the change from the two years' figures, or correct the figure that is wrong.",
)

_PHRASE = lazy(
    r"(?:比|较|与|和|对比)(?:上年|去年|上一年|上年度|上年同期|去年同期|\d{4}年(?:度)?)(?:同期)?"
    r"(?:相比|比较)?[，,]?(?:同比)?|同比|环比"
)
_DIR = lazy(
    r"(?P<dir>增加|增长|上升|提高|增多|多支出|多|减少|下降|降低|减支|少支出|少|节约|节省|压减|缩减)了?"
)
_UP = {"增加", "增长", "上升", "提高", "增多", "多支出", "多"}
_PCT_WORD = lazy(
    r"[，,]?\s*(?:同比|比上年)?(?P<dir>增长|增加|上升|提高|增幅|涨幅|下降|减少|降低|降幅|减幅|节约)"
    r"(?:了|为|达|约)?\s*$"
)
_REACHED = lazy(r"[，,]?\s*(?:达到|达|增至|增加到|增长到|减至|减少到|下降到|降至|降到|为)\s*")
_SENT = lazy(r"[。；;！？!?\n\r]")
_PREV_LABEL = lazy(r"(?:上年|去年|上一年|上年度|上年同期)(?!结转)")


class Change(NamedTuple):
    """One change statement and the figures around it."""

    start: int
    end: int
    up: bool
    currents: tuple[Quantity, ...]  # candidate current-year figures, nearest first
    previous: Quantity | None
    diff: Quantity | None
    pct: Quantity | None


def changes(doc: Document) -> list[Change]:
    """Every change statement that carries an amount or a percentage (cached)."""
    return doc.cached("growth_changes", _changes)


def _changes(doc: Document) -> list[Change]:
    norm = doc.norm
    out: list[Change] = []
    if not _PHRASE.search(norm):
        return out  # no comparison with last year anywhere: no sentence to read
    pos = 0
    ends = [m.start() for m in _SENT.finditer(norm)] + [len(norm)]
    for e in ends:
        s = pos
        pos = e + 1
        if e - s < 6:
            continue
        qs: list[Quantity] | None = None  # read at the sentence's first change phrase
        for m in _PHRASE.finditer(norm, s, e):
            if qs is None:
                qs = find_quantities(norm, s, e)
            d = _DIR.match(norm, m.end(), e)
            base = None
            if not d:
                # "比上年19.80万元下降6.96%": last year's figure inside the comparison.
                base = next((q for q in qs if 0 <= q.start - m.end() <= 1), None)
                if base is None or base.dimension not in ("money", "count"):
                    continue
                if norm[m.end() : base.start] not in ("", "的"):
                    continue
                d = _DIR.match(norm, base.end, e)
                if not d:
                    continue
            up = d.group("dir") in _UP
            after = d.end()
            diff = pct = None
            nxt = [q for q in qs if q.start >= after]
            if nxt and nxt[0].start - after <= 2 and nxt[0].dimension in ("money", "count"):
                diff = nxt[0]
                rest = nxt[1:]
                if rest and rest[0].dimension == "percent":
                    between = norm[diff.end : rest[0].start]
                    w = _PCT_WORD.search(between)
                    if w and len(between) <= 12:
                        pup = w.group("dir") in ("增长", "增加", "上升", "提高", "增幅", "涨幅")
                        if pup == up:
                            pct = rest[0]
            elif nxt and nxt[0].start - after <= 2 and nxt[0].dimension == "percent":
                pct = nxt[0]
            if pct is not None and norm[pct.end : pct.end + 4].startswith("个百分点"):
                pct = None
            if diff is None and pct is None:
                continue
            before = [q for q in qs if q.end <= m.start()]
            dim = diff.dimension if diff is not None else None
            if base is not None and dim is not None and base.dimension != dim:
                continue
            same = [
                q
                for q in before
                if q.dimension in ("money", "count")
                and (dim is None or q.dimension == dim)
                and (q.dimension != "count" or diff is None or q.count_unit == diff.count_unit)
            ]
            prev = None
            curs: list[Quantity] = []
            year = evaluated_year(doc)
            for q in reversed(same):
                label = norm[max(s, q.start - 14) : q.start]
                label = rx.split(r"[，,：:；;]", label)[-1]
                is_prev = bool(_PREV_LABEL.search(label))
                ym = rx.search(r"(20\d\d)年", label)
                if ym and year is not None and int(ym.group(1)) < year:
                    is_prev = True
                if is_prev:
                    if prev is None:
                        prev = q
                else:
                    curs.append(q)
            if base is not None:
                prev = base
                if not curs:
                    # "较上年120万元增长15%，达到132万元": the level reached, after the change
                    end_q = (pct or diff).end  # type: ignore[union-attr]
                    reached = _REACHED.match(norm, end_q, e)
                    cur = next((q for q in qs if reached and q.start == reached.end()), None)
                    if cur is not None and cur.dimension == base.dimension:
                        curs.append(cur)
            if not curs:
                continue
            end = (pct or diff).end  # type: ignore[union-attr]
            out.append(Change(m.start(), end, up, tuple(curs), prev, diff, pct))
    return out


def _pct_ok(stated: Quantity, lo: Decimal, hi: Decimal) -> bool:
    """Whether [lo, hi] (percent) agrees with the stated percentage, rounded or truncated."""
    s, h = stated.value, stated.half_unit
    eps = Decimal("1e-9")
    return hi >= s - h - eps and lo <= s + 2 * h + eps


def _bounds(n: Decimal, nh: Decimal, d: Decimal, dh: Decimal) -> tuple[Decimal, Decimal]:
    cands = [(n + a) / (d + b) * 100 for a in (-nh, nh) for b in (-dh, dh) if d + b > 0]
    return (min(cands), max(cands)) if cands else (Decimal(0), Decimal(0))


def _m(q: Quantity) -> str:
    return q.raw.replace(" ", "")


def _q2(v: Decimal) -> str:
    return fmt(v.quantize(Decimal("0.01")))


def _judge(c: Change, cur: Quantity) -> tuple[list[tuple[int, int]], dict[str, str]] | None:
    """None when the statement holds with `cur` as the current figure, else the finding."""
    sign = 1 if c.up else -1
    word = "增加" if c.up else "减少"
    claim = (c.start, c.end)
    prev = c.previous
    if prev is not None and prev.dimension != cur.dimension:
        prev = None
    if c.diff is not None:
        diff = c.diff
        if prev is not None:
            computed = (cur.base - prev.base) * sign
            tol = cur.half_unit + prev.half_unit + diff.half_unit
            if abs(computed - diff.base) > tol:
                a, b = (cur, prev) if c.up else (prev, cur)
                shown = fmt((a.base - b.base) / diff.scale) + diff.unit
                return [claim, (cur.start, cur.end), (prev.start, prev.end)], {
                    "claim": f"{word}额",
                    "claim_en": "Change",
                    "computation": f"{_m(a)} − {_m(b)} = {shown}",
                    "computation_en": f"{_m(a)} - {_m(b)} = {shown}",
                    "stated": f"{word}{_m(diff)}",
                }
        if c.pct is None:
            return None
        base = cur.base - sign * diff.base
        bh = cur.half_unit + diff.half_unit
        if base - bh <= 0:
            return None
        lo, hi = _bounds(diff.base, diff.half_unit, base, bh)
        if _pct_ok(c.pct, lo, hi):
            return None
        v = diff.base / base * 100
        shown = f"{fmt(base / cur.scale)}{cur.unit}"
        op = "−" if c.up else "+"
        return [claim, (cur.start, cur.end)], {
            "claim": f"{word}幅度",
            "claim_en": "Rate of change",
            "computation": f"上年 = {_m(cur)} {op} {_m(diff)} = {shown}，"
            f"{_m(diff)} ÷ {shown} = {_q2(v)}%",
            "computation_en": f"previous year = {_m(cur)} {'-' if c.up else '+'} {_m(diff)} = "
            f"{shown}; {_m(diff)} / {shown} = {_q2(v)}%",
            "stated": _m(c.pct),
        }
    if prev is None or c.pct is None or prev.base <= prev.half_unit:
        return None
    diff_v = (cur.base - prev.base) * sign
    lo, hi = _bounds(diff_v, cur.half_unit + prev.half_unit, prev.base, prev.half_unit)
    if _pct_ok(c.pct, lo, hi):
        return None
    v = (cur.base - prev.base) / prev.base * 100
    return [claim, (cur.start, cur.end), (prev.start, prev.end)], {
        "claim": f"{word}幅度",
        "claim_en": "Rate of change",
        "computation": f"({_m(cur)} − {_m(prev)}) ÷ {_m(prev)} = {_q2(v)}%",
        "computation_en": f"({_m(cur)} - {_m(prev)}) / {_m(prev)} = {_q2(v)}%",
        "stated": _m(c.pct),
    }


def _held(c: Change, cur: Quantity) -> tuple[list[Quantity], str] | None:
    """The figures a change statement compared with `cur` as the current figure, and the
    comparison, when at least one comparison was made and every one made holds (else None)."""
    sign = 1 if c.up else -1
    prev = c.previous if c.previous is not None and c.previous.dimension == cur.dimension else None
    used: list[Quantity] = []
    said: list[str] = []
    if c.diff is not None:
        diff = c.diff
        if prev is not None:
            tol = cur.half_unit + prev.half_unit + diff.half_unit
            if abs((cur.base - prev.base) * sign - diff.base) > tol:
                return None
            used += [cur, prev, diff]
            a, b = (cur, prev) if c.up else (prev, cur)
            said.append(f"{_m(a)} − {_m(b)} = {_m(diff)}")
        if c.pct is not None:
            base = cur.base - sign * diff.base
            bh = cur.half_unit + diff.half_unit
            if base - bh > 0:
                if not _pct_ok(c.pct, *_bounds(diff.base, diff.half_unit, base, bh)):
                    return None
                used += [cur, diff, c.pct]
                said.append(f"{_m(diff)} ÷ {fmt(base / cur.scale)}{cur.unit} ≈ {_m(c.pct)}")
    elif prev is not None and c.pct is not None and prev.base > prev.half_unit:
        diff_v = (cur.base - prev.base) * sign
        lo, hi = _bounds(diff_v, cur.half_unit + prev.half_unit, prev.base, prev.half_unit)
        if not _pct_ok(c.pct, lo, hi):
            return None
        used += [cur, prev, c.pct]
        said.append(f"({_m(cur)} − {_m(prev)}) ÷ {_m(prev)} ≈ {_m(c.pct)}")
    return (used, "；".join(said)) if used else None


@check(GROWTH_MISMATCH)
def growth_mismatch(doc: Document) -> Iterator[Hit | Relation]:
    for c in changes(doc):
        verdicts = [_judge(c, cur) for cur in c.currents]
        held = [h for h in (_held(c, cur) for cur in c.currents) if h is not None]
        if len(held) == 1:  # one reading of the sentence compared and held: verified
            used, text = held[0]
            yield relation("growth", dict.fromkeys((q.start, q.end) for q in used), text)
        if not verdicts or any(v is None for v in verdicts):
            continue  # some reading of the sentence reconciles the figures
        spans, data = verdicts[0]  # type: ignore[misc]
        yield GROWTH_MISMATCH.hit(spans, data)
