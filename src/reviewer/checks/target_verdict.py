"""The met / not-met verdict on a (target, actual) pair of indicator statements (no rules here:
read by `targets` and the model layer's assessment).
"""

from __future__ import annotations

from reviewer.claims.indicator_words import Indicator
from reviewer.claims.vocabulary import (
    EQ,
    GE,
    GT,
    LE,
    LT,
    QUAL,
    RANK,
    TOP,
)


def short_bound(target: Indicator, actual: Indicator) -> bool:
    """The actual is stated only as a bound that stops short of the target (`>70%` against
    `>80%`, `88.32%及以上` against `≥95%`): `met` cannot decide, since the true value may lie
    anywhere beyond the bound, but the report's own figure does not show the target was met.

    Only a bound on the same side as the target counts: an actual `≥70%` against `≤80%` says
    nothing about either outcome and is left alone, like every case `met` decides."""
    if met(target, actual) is not None:
        return False
    tc, ac = target.comparator, actual.comparator
    v, a = target.base, actual.base
    if v is None or a is None or tc in (TOP, RANK, QUAL):
        return False
    if tc == EQ:
        tc = LE if target.lower_is_better else GE
    if tc in (GE, GT) and ac in (GE, GT):
        return a < v or (a == v and tc == GT and ac == GE)
    if tc in (LE, LT) and ac in (LE, LT):
        return a > v or (a == v and tc == LT and ac == LE)
    return False


def met(target: Indicator, actual: Indicator) -> bool | None:
    """True when the actual meets the target, False when it certainly misses, None unknown."""
    tc, ac = target.comparator, actual.comparator
    v, a = target.base, actual.base
    if v is None or a is None or tc == QUAL:
        return None
    if tc == TOP:
        return a <= v if ac == RANK else None
    if tc == EQ:
        tc = LE if target.lower_is_better else GE
    # The actual may itself be a bound ("达95%以上"): decide only when the bound settles it.
    lo = a if ac in (EQ, GE, GT) else None
    hi = a if ac in (EQ, LE, LT) else None
    strict_lo = ac == GT
    strict_hi = ac == LT
    if tc == GE:
        if lo is not None and lo >= v:
            return True
        if hi is not None and (hi < v or (strict_hi and hi <= v)):
            return False
        return None
    if tc == GT:
        if lo is not None and (lo > v or (strict_lo and lo >= v)):
            return True
        if hi is not None and hi <= v:
            return False
        return None
    if tc == LE:
        if hi is not None and hi <= v:
            return True
        if lo is not None and (lo > v or (strict_lo and lo >= v)):
            return False
        return None
    if tc == LT:
        if hi is not None and (hi < v or (strict_hi and hi <= v)):
            return True
        if lo is not None and lo >= v:
            return False
        return None
    return None
