"""Glued weight-and-score digits of an indicator form (`1111`, `77`), split by the form's total.

A form row whose cells are glued with no separator ends in its 分值 and 得分 run together. Such a
run has a few readings: weight | score at every cut that leaves two well-formed numbers (no
leading zero, weight in (0, 100], score in [0, 100]), or the whole run as the weight with the
得分 cell left blank. `1111` reads only as 11 | 11 (1 | 111 and 111 | 1 break the bounds); `77`
reads 7 | 7, or 77 with a blank score.

The form's total row (`总分:83`, `合计 | 100 | 83`) states the sum of the scores, the 预算执行率
score of the form's funds row (`年度资金总额…100.0%10`, the figure after the rate) included.
A row's reading is settled when every choice of readings for the whole block that adds up to the
stated total gives that row the same reading; and only when every reading that can reach the
total is an ordinary one (both cells filled, the score not above the weight), since a row the
reader missed could otherwise be made up for by an odd reading of another. Nothing is settled
when some row of the block has neither a score nor glued digits, when the block has unsure rows,
or when the total or the funds score cannot be read: the digits then stay unsplit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from reviewer import regex as rx
from reviewer.document.document import Document
from reviewer.regex import lazy

if TYPE_CHECKING:
    from reviewer.claims.indicator_forms import FormBlock

_NUMBER = lazy(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")
_TOTAL = lazy(
    r"^[\s|]*(?:总分|合计|总计)[\s|:：]*(?P<a>\d+(?:\.\d+)?)\s*分?"
    r"(?:[\s|]+(?P<b>\d+(?:\.\d+)?)\s*分?)?[\s|]*(?:[优良中差][\s|]*)?$"
)
_FUNDS_LINE = lazy(r"^[\s|]*年度资金总额")
_FUNDS_SCORE = lazy(r"\d%[\s|]*(?P<s>\d+(?:\.\d+)?)[\s|]*$")
_TOTAL_LINES = 2  # the total row follows the block within this many lines
_FUNDS_WINDOW = 3000
_MAX_SUMS = 20000
_HUNDRED = Decimal(100)


class Reading(NamedTuple):
    weight: str
    score: str | None  # None: the 得分 cell is blank


def readings(digits: str) -> list[Reading]:
    """Every well-formed reading of a glued weight-and-score run."""
    out: list[Reading] = []
    if _NUMBER.match(digits) and 0 < Decimal(digits) <= _HUNDRED:
        out.append(Reading(digits, None))
    for cut in range(1, len(digits)):
        w, s = digits[:cut], digits[cut:]
        if not (_NUMBER.match(w) and _NUMBER.match(s)):
            continue
        if 0 < Decimal(w) <= _HUNDRED and Decimal(s) <= _HUNDRED:
            out.append(Reading(w, s))
    return out


def _ordinary(r: Reading) -> bool:
    return r.score is not None and Decimal(r.score) <= Decimal(r.weight)


def _stated_total(doc: Document, block: FormBlock) -> Decimal | None:
    """The score total of the row right after the block (总分:83, 合计 | 100 | 83)."""
    first = doc.line_at(max(block.start, block.end - 1)).index + 1
    for ln in doc.lines[first : first + _TOTAL_LINES]:
        m = _TOTAL.match(ln.text)
        if m:
            return Decimal(m.group("b") or m.group("a"))
    return None


def _funds_score(doc: Document, block: FormBlock) -> Decimal | None:
    """The 预算执行率 score of the form's funds row before the block: 0 without a funds row,
    None when the row is there but its score cannot be read."""
    lo = max(0, block.start - _FUNDS_WINDOW)
    window = doc.norm[lo : block.start]
    cut = max(window.rfind("总分"), window.rfind("合计"))
    window = window[cut + 1 :] if cut >= 0 else window
    found = [ln for ln in window.splitlines() if _FUNDS_LINE.match(ln)]
    if not found:
        return Decimal(0)
    if len(found) > 1 or "执行率得分" not in rx.sub(r"[\s|]+", "", window):
        return None
    m = _FUNDS_SCORE.search(found[0])
    return Decimal(m.group("s")) if m else None


def settled_splits(doc: Document, block: FormBlock) -> dict[int, tuple[str, str]]:
    """hidden_start -> (weight, score) for each glued row whose split the total decides."""
    if block.unsure:
        return {}
    total = _stated_total(doc, block)
    funds = _funds_score(doc, block) if total is not None else None
    if total is None or funds is None:
        return {}
    options: list[list[tuple[Decimal, Reading | None]]] = []
    for row in block.rows:
        if row.hidden:
            opts: list[tuple[Decimal, Reading | None]] = [
                (Decimal(r.score or 0), r) for r in readings(row.hidden)
            ]
            if not opts:
                return {}
            options.append(opts)
        elif row.score is not None:
            options.append([(row.score.quantity.value, None)])
        else:
            return {}
    forward = [{Decimal(0)}]
    for opts in options:
        nxt = {f + v for f in forward[-1] for v, _ in opts}
        if len(nxt) > _MAX_SUMS:
            return {}
        forward.append(nxt)
    goal = total - funds
    if goal not in forward[-1]:
        return {}
    backward = [{Decimal(0)}]
    for opts in reversed(options):
        backward.append({b + v for b in backward[-1] for v, _ in opts})
    backward.reverse()
    out: dict[int, tuple[str, str]] = {}
    for k, (row, opts) in enumerate(zip(block.rows, options, strict=True)):
        if not row.hidden:
            continue
        fits = [r for v, r in opts if any(goal - f - v in backward[k + 1] for f in forward[k])]
        if not all(r is not None and _ordinary(r) for r in fits):
            return {}  # the total needs a blank score or a score above its weight: no reading
        if len(fits) == 1 and fits[0] is not None:
            w, s = fits[0]
            assert s is not None
            out[row.hidden_start] = (w, s)
    return out
