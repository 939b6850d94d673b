"""Forms flattened into runs of cells (space-separated on long lines, or run together with no
separator): the tokens of each form and the readings of its rows that the form's own arithmetic
confirms. The rules that use them: run_forms.py (S030 score sums, R070 a displaced rate),
run_form_stacked.py (G009 a target column printed apart), run_form_scored_down.py (S031, S032,
S033 scores below what the rows allow). run_forms.py's docstring says how a row is read."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.document import Document
from reviewer.numbers import UNITS, decimals_of
from reviewer.regex import lazy

FORM_TITLE = lazy(r"自评表")
_BARE = lazy(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_PCT = lazy(r"^(\d+(?:\.\d+)?)%$")
INDICATOR_HEAD = lazy(r"指标值")
_MIN_TOKENS = 20
_MAX_READINGS = 4096
MIN_ROWS = 3
HUNDRED = Decimal(100)


class FormToken(NamedTuple):
    text: str
    start: int
    end: int
    line: int


class FormNumber(NamedTuple):
    value: Decimal
    decimals: int
    start: int
    end: int


class WeightScore(NamedTuple):
    weight: FormNumber
    score: FormNumber
    alone: bool = True  # no other figure of its row in the run (a total row has none)


class FundsRow(NamedTuple):
    pair: WeightScore
    budget: FormNumber | None
    spent: FormNumber | None
    rate: FormToken | None  # the 执行率 cell between weight and score, when it stands there


def as_number(t: FormToken) -> FormNumber | None:
    if not _BARE.match(t.text):
        return None
    raw = t.text.replace(",", "")
    return FormNumber(Decimal(raw), decimals_of(raw), t.start, t.end)


def as_percent(t: FormToken) -> Decimal | None:
    m = _PCT.match(t.text)
    return Decimal(m.group(1)) if m else None


def weight_score(w: FormNumber, s: FormNumber) -> WeightScore | None:
    if 0 < w.value <= HUNDRED and 0 <= s.value <= w.value:
        return WeightScore(w, s)
    return None


def form_tokens(doc: Document) -> list[list[FormToken]]:
    """The tokens of each form: `自评表` to the next, from long space-separated lines only."""
    result: list[list[FormToken]] = doc.cached("run_form_tokens", _build_forms)
    return result


def _build_forms(doc: Document) -> list[list[FormToken]]:
    cuts = [m.start() for m in FORM_TITLE.finditer(doc.norm)]
    if not cuts:
        return []
    forms: list[list[FormToken]] = [[] for _ in cuts]
    for ln in doc.lines:
        if ln.end <= cuts[0] or "|" in ln.text or "\t" in ln.text:
            continue
        if len(ln.text.split()) < _MIN_TOKENS:
            continue
        parts: dict[int, list[FormToken]] = {}
        for m in rx.finditer(r"\S+", ln.text):
            at = ln.start + m.start()
            k = bisect.bisect_right(cuts, at) - 1
            if k >= 0:
                parts.setdefault(k, []).append(
                    FormToken(m.group(), at, at + len(m.group()), ln.index)
                )
        for k, found in parts.items():
            if len(found) >= _MIN_TOKENS:
                forms[k].extend(found)
    return [f for f in forms if f]


def squeezed(toks: list[FormToken]) -> str:
    return "".join(t.text for t in toks)


def funds_row(toks: list[FormToken]) -> FundsRow | None:
    """The funds row: `A B W S` with S = W × B ÷ A at S's precision, or `W R% S` (S ≤ W within
    one point of W × R)."""
    for i in range(len(toks)):
        nums = [as_number(t) for t in toks[i : i + 5]]
        # W R% S, optionally after A B
        if len(nums) >= 3 and nums[0] and nums[2] and (r := as_percent(toks[i + 1])) is not None:
            w, s = nums[0], nums[2]
            p = weight_score(w, s)
            if p is not None and abs(s.value - w.value * r / HUNDRED) < 1:
                ba = as_number(toks[i - 2]) if i >= 2 and toks[i - 2].line == toks[i].line else None
                sp = as_number(toks[i - 1]) if i >= 1 and toks[i - 1].line == toks[i].line else None
                return FundsRow(p, ba, sp, toks[i + 1])
        # A B W S
        a4, b4, w4, s4 = (nums + [None] * 4)[:4]
        if a4 and b4 and w4 and s4:
            a, b, w, s = a4, b4, w4, s4
            p = weight_score(w, s)
            if p is None or a.value <= 0 or b.value <= 0:
                continue
            want = (w.value * b.value / a.value).quantize(
                Decimal(1).scaleb(-s.decimals), ROUND_HALF_UP
            )
            if want == s.value:
                return FundsRow(p, a, b, None)
    return None


def _splits(run: list[FormNumber]) -> list[list[WeightScore]]:
    """Every split of a run of bare numbers into rows of 2–4 numbers ending in weight, score."""
    if not run:
        return [[]]
    out: list[list[WeightScore]] = []
    for k in (2, 3, 4):
        if k > len(run):
            break
        p = weight_score(run[k - 2], run[k - 1])
        if p is None:
            continue
        p = p._replace(alone=k == 2)
        for rest in _splits(run[k:]):
            out.append([p, *rest])
    return out


def number_runs(toks: list[FormToken]) -> list[list[FormNumber]]:
    runs: list[list[FormNumber]] = []
    cur: list[FormNumber] = []
    last_line = -1
    for t in toks:
        n = as_number(t)
        if n is not None and (not cur or t.line == last_line):
            cur.append(n)
        else:
            if cur:
                runs.append(cur)
            cur = [n] if n is not None else []
        last_line = t.line
    if cur:
        runs.append(cur)
    return runs


class FormReading(NamedTuple):
    rows: list[WeightScore]
    total: WeightScore


def form_readings(
    funds: WeightScore | None, runs: list[list[FormNumber]]
) -> list[FormReading] | None:
    options = [s for s in (_splits(r) for r in runs) if s]
    count = 1
    for o in options:
        count *= len(o)
        if count > _MAX_READINGS:
            return None
    out: list[FormReading] = []
    for choice in itertools.product(*options):
        pairs = [p for part in choice for p in part]
        if not pairs or pairs[-1].weight.value != HUNDRED or not pairs[-1].alone:
            continue
        if any(p.weight.value == HUNDRED for p in pairs[:-1]):
            continue
        rows = ([funds] if funds else []) + pairs[:-1]
        if len(rows) < MIN_ROWS or sum(p.weight.value for p in rows) != HUNDRED:
            continue
        out.append(FormReading(rows, pairs[-1]))
    return out


# --------------------------------------------------------------------------- glued forms

_G_COMP = r"(?:[≥≤]|[<>]=?|=)"
FORM_UNITS = sorted(
    {*UNITS, "厘米", "种", "类", "学时", "课时", "台套", "万人"} - {"分"}, key=len, reverse=True
)
_G_UNIT_ALT = "|".join(re.escape(u) for u in FORM_UNITS)
_G_NUM = r"(?:0|[1-9]\d*)(?:\.\d+)?"
_G_BARE = lazy(rf"^{_G_NUM}$")
_G_VALUE = lazy(rf"^(?:{_G_COMP})?{_G_NUM}(?P<unit>%|{_G_UNIT_ALT})?$")
# A run of figures glued together; not one that starts inside a number or a bracket ((70分)).
_G_CHUNK = lazy(rf"(?<![\d.(（])(?:(?:{_G_COMP})?\d+(?:\.\d+)?(?:%|{_G_UNIT_ALT})?)+")
_G_HEAD = lazy(r"分值年度指标值[^得]{0,12}?(?:实际值|完成值)得分")
_G_FUNDS = lazy(r"年度资金总额[:：]?")
_G_TOTAL = lazy(r"总分[:：]?$")
_G_WORDS = lazy(r"^[\u4e00-\u9fff]{2,16}$")


def _g_num(text: str, start: int) -> FormNumber:
    return FormNumber(Decimal(text), decimals_of(text), start, start + len(text))


def _g_pairs(chunk: str, start: int) -> set[WeightScore]:
    """Every (weight, score) of a glued `W T A S` row: T and A read with the same unit."""
    out: set[WeightScore] = set()
    for i in range(1, len(chunk)):
        w = chunk[:i]
        if not _G_BARE.match(w):
            continue
        for j in range(1, len(chunk) - i):
            sc = chunk[len(chunk) - j :]
            mid = chunk[i : len(chunk) - j]
            if not _G_BARE.match(sc) or not mid:
                continue
            p = weight_score(_g_num(w, start), _g_num(sc, start + len(chunk) - j))
            if p is None:
                continue
            for k in range(1, len(mid)):
                t, a = _G_VALUE.match(mid[:k]), _G_VALUE.match(mid[k:])
                if t and a and t.group("unit") == a.group("unit"):
                    out.add(p)
                    break
    return out


def _g_total(chunk: str, start: int) -> set[WeightScore]:
    out: set[WeightScore] = set()
    for i in range(1, len(chunk)):
        w, sc = chunk[:i], chunk[i:]
        if _G_BARE.match(w) and _G_BARE.match(sc):
            p = weight_score(_g_num(w, start), _g_num(sc, start + i))
            if p is not None:
                out.add(p)
    return out


def _g_funds(chunk: str, start: int) -> set[WeightScore]:
    """`A B W R% S` glued: the splits whose rate is B ÷ A (rounded or truncated at its
    precision) and whose score is W × R within one point, S ≤ W."""
    out: set[WeightScore] = set()
    if chunk.count("%") != 1:
        return out
    head, sc = chunk.split("%")
    if not _G_BARE.match(sc):
        return out
    for r_at in range(len(head) - 1, 0, -1):
        rate, rest = head[r_at:], head[:r_at]
        if not _G_BARE.match(rate) or Decimal(rate) > 200:
            continue
        r = Decimal(rate)
        unit = Decimal(1).scaleb(-decimals_of(rate))
        for i in range(1, len(rest)):
            for j in range(i + 1, len(rest)):
                a, b, w = rest[:i], rest[i:j], rest[j:]
                if not all(_G_BARE.match(x) for x in (a, b, w)) or Decimal(a) <= 0:
                    continue
                ratio = Decimal(b) / Decimal(a) * HUNDRED
                if r not in (ratio.quantize(unit, ROUND_HALF_UP), ratio.quantize(unit, ROUND_DOWN)):
                    continue
                p = weight_score(_g_num(w, start + j), _g_num(sc, start + len(head) + 1))
                if p is not None and abs(p.score.value - p.weight.value * r / HUNDRED) < 1:
                    out.add(p)
    return out


def glued_readings(doc: Document) -> Iterator[FormReading]:
    """Forms whose cells ran together with no separator, 分值 before 年度指标值: each row read only
    when its digits split one way, and the form only when every figure was read."""
    norm = doc.norm
    cuts = [m.start() for m in FORM_TITLE.finditer(norm)]
    for lo, hi in itertools.pairwise([*cuts, len(norm)]):
        head = _G_HEAD.search(norm, lo, hi)
        if head is None or " " in norm[head.end() : min(hi, head.end() + 200)]:
            continue
        funds: WeightScore | None = None
        fm = _G_FUNDS.search(norm, lo, head.start())
        if fm is not None:
            cm = _G_CHUNK.match(norm, fm.end())
            got = _g_funds(cm.group(), cm.start()) if cm else set()
            if len(got) != 1:
                continue
            (funds,) = got
        elif "分值" in norm[lo : head.start()]:
            continue
        rows: list[WeightScore] = [funds] if funds else []
        total: WeightScore | None = None
        lone: FormNumber | None = None  # a qualitative row's weight, waiting for its score
        lone_end = 0
        for m in _G_CHUNK.finditer(norm, head.end(), hi):
            chunk, at = m.group(), m.start()
            if _G_TOTAL.search(norm, max(lo, at - 4), at):
                got = _g_total(chunk, at)
                if len(got) == 1 and lone is None:
                    (total,) = got
                break
            pairs = _g_pairs(chunk, at)
            if len(pairs) == 1:
                if lone is not None:
                    break  # a weight whose score was never found
                rows.extend(pairs)
                continue
            if pairs or not _G_BARE.match(chunk):
                break  # more than one reading, or a figure no row explains
            if lone is None:
                lone, lone_end = _g_num(chunk, at), m.end()
                continue
            p = weight_score(lone, _g_num(chunk, at))
            if p is None or not _G_WORDS.match(norm[lone_end:at]):
                break
            rows.append(p)
            lone = None
        if total is not None and len(rows) >= MIN_ROWS:
            yield FormReading(rows, total)
