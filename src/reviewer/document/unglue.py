"""Funds rows whose figures ran together with no separator, read when only one split holds.

A page that drops the cell borders prints a funds row as one run of digits: `310.2154.741050%5`
under 年初预算数 / 全年执行数 / 分值 / 执行率 / 得分, or `50万元 | 47.6895.00%` under 全年预算数 /
全年执行数 / 执行率. A run has many splits, so the reader never guesses one. Every split into the
header's columns is enumerated and kept only when each piece is a number its column can hold (a
percent only under 执行率, at most two decimals there; a 分值 of at most 100 with at most one
decimal; a 得分 no larger than its 分值; no leading zero) and the spending does not exceed the
budget. Then:

* **consistent**: the row's own arithmetic holds — the rate is 执行数 ÷ 预算数 at its printed
  precision (rounded or truncated), and the 得分 is 分值 × rate, capped at 分值, at its printed
  precision. Exactly one consistent split is no guess: it is read (`unglued="consistent"`).
* **stated**: no split is consistent, and exactly one well-formed split has a 执行数 the report
  states elsewhere as an amount of the same value (`47.68万元` in the cost row): that split is
  the one the report's own figures name, read (`unglued="stated"`) so that its rate can be
  checked (47.68 ÷ 50 = 95.36 %, not the 95.00 % printed).

Any other outcome (several consistent splits, several candidates, none) leaves the row `unsure`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from decimal import Decimal

from reviewer.document.tables import Cell, CellNumber, cell_number
from reviewer.numbers import find_quantities, half_digit
from reviewer.regex import lazy

OPENING, FULL, EXEC, WEIGHT, RATE, SCORE = "opening", "full", "exec", "weight", "rate", "score"
_RUN = lazy(r"[\d.%]+")
_PIECE = lazy(r"(?:0|[1-9]\d*)(?:\.\d+)?%?")
_MAX_CUTS = 6  # a run split into more pieces than this is not read (the count grows fast)


# The decimals a piece may carry under each column (money in a form: at most 4).
_MAX_DECIMALS = {OPENING: 4, FULL: 4, EXEC: 4, WEIGHT: 1, RATE: 2, SCORE: 2}
_MAX_RUN = 64  # a longer run is not read
_MAX_STEPS = 20_000  # pieces tried per row before giving up (the row stays unsure)


class _TooMany(Exception):
    """More candidate splits than `_MAX_STEPS`: the row is left unread."""


def _fits(text: str, kind: str) -> bool:
    """Whether `text` is a number the column can hold (a percent only under 执行率)."""
    if not _PIECE.fullmatch(text) or (text.endswith("%") and kind != RATE):
        return False
    digits = text.rstrip("%")
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    if decimals > _MAX_DECIMALS.get(kind, 4) or len(digits.split(".", 1)[0]) > 12:
        return False
    return kind != RATE or Decimal(digits) <= 100


def _pieces(cell: Cell, kinds: list[str], steps: list[int]) -> Iterator[list[Cell]]:
    """Every way to cut the cell's text into one piece per column of `kinds`, each a number
    that column can hold. Depth-first, entering only cuts whose rest can still be cut into the
    remaining columns (memoised), so the work follows the number of readings, not of cuts."""
    text = cell.text
    n = len(kinds)

    @functools.cache
    def ends(pos: int, k: int) -> tuple[int, ...]:
        """Where the piece for column k starting at `pos` may end, the rest still cuttable."""
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            raise _TooMany
        if k == n - 1:
            return (len(text),) if _fits(text[pos:], kinds[k]) else ()
        out = []
        for end in range(pos + 1, len(text) - (n - k - 1) + 1):
            if _fits(text[pos:end], kinds[k]) and ends(end, k + 1):
                out.append(end)
        return tuple(out)

    def cut(pos: int, k: int) -> Iterator[list[Cell]]:
        for end in ends(pos, k):
            piece = Cell(text[pos:end], cell.start + pos, cell.start + end)
            if k == n - 1:
                yield [piece]
                continue
            for rest in cut(end, k + 1):
                yield [piece, *rest]

    yield from cut(0, 0)


def _agrees(value: Decimal, stated: Decimal, decimals: int) -> bool:
    """Whether `value` rounded or truncated to `decimals` gives `stated`."""
    h = half_digit(decimals)
    return abs(value - stated) <= h or stated <= value < stated + 2 * h


def _well_formed(values: dict[str, CellNumber], budget_kind: str) -> bool:
    for kind, num in values.items():
        percent = num.unit == "%"
        if percent != (kind == RATE) and not (kind == RATE and num.unit == ""):
            return False
        if kind == RATE and (num.decimals > 2 or num.value > 100):
            return False
        if kind == WEIGHT and (num.decimals > 1 or not 0 < num.value <= 100):
            return False
    spent, budget = values.get(EXEC), values.get(budget_kind)
    if spent is None or budget is None or budget.value <= 0 or spent.value > budget.value:
        return False
    weight, score = values.get(WEIGHT), values.get(SCORE)
    return not (weight is not None and score is not None and score.value > weight.value)


def _consistent(values: dict[str, CellNumber], budget_kind: str) -> bool:
    spent, budget, rate = values[EXEC], values[budget_kind], values.get(RATE)
    if rate is None or rate.unit != "%":
        return False
    ratio = spent.value / budget.value * 100
    if not _agrees(ratio, rate.value, rate.decimals):
        return False
    weight, score = values.get(WEIGHT), values.get(SCORE)
    if weight is None or score is None:
        return True
    earned = [min(weight.value, weight.value * r / 100) for r in (ratio, rate.value)]
    return any(_agrees(e, score.value, score.decimals) for e in earned)


def unglue(
    cells: list[Cell], columns: list[str], budget_kind: str | None, stated: set[Decimal]
) -> tuple[dict[str, Cell], str] | None:
    """The one reading of a run-together row under `columns`, and how it was fixed
    ('consistent' or 'stated'), or None. `stated` holds the amounts the report states elsewhere,
    in the block's unit."""
    if budget_kind is None or EXEC not in columns or budget_kind not in columns:
        return None
    cells = [c for c in cells if c.text]
    fixed = [cell_number(c) is not None for c in cells]
    glued = [i for i, ok in enumerate(fixed) if not ok]
    if not glued or any(not _RUN.fullmatch(cells[i].text) for i in glued):
        return None
    extra = len(columns) - len(cells)  # pieces the glued cells must add
    if extra <= 0 or extra > _MAX_CUTS:
        return None
    if any(len(cells[i].text) > _MAX_RUN for i in glued):
        return None
    good: list[dict[str, Cell]] = []
    steps = [0]
    try:
        # Share the extra pieces among the glued cells every way, then cut each cell.
        for shares in itertools.product(range(extra + 1), repeat=len(glued)):
            if sum(shares) != extra:
                continue
            per_cell: list[list[list[Cell]]] = []
            col = 0
            for i, cell in enumerate(cells):
                width = shares[glued.index(i)] + 1 if i in glued else 1
                kinds = columns[col : col + width]
                col += width
                per_cell.append(list(_pieces(cell, kinds, steps)) if i in glued else [[cell]])
            for choice in itertools.product(*per_cell):
                row = [p for parts in choice for p in parts]
                mapped = dict(zip(columns, row, strict=True))
                nums = {k: cell_number(c) for k, c in mapped.items()}
                if any(n is None for n in nums.values()):
                    continue
                if _well_formed({k: n for k, n in nums.items() if n is not None}, budget_kind):
                    good.append(mapped)
                if len(good) > _MAX_STEPS:
                    raise _TooMany
    except _TooMany:
        return None
    if not good:
        return None
    readings = [{k: n for k, c in g.items() if (n := cell_number(c)) is not None} for g in good]
    consistent = [g for g, r in zip(good, readings, strict=True) if _consistent(r, budget_kind)]
    if len(consistent) == 1:
        return consistent[0], "consistent"
    if consistent:
        return None
    named = [g for g, r in zip(good, readings, strict=True) if r[EXEC].value in stated]
    if len(named) == 1:
        return named[0], "stated"
    return None


def stated_amounts(norm: str, start: int, end: int, unit: str) -> set[Decimal]:
    """The money amounts written outside [start, end), as values in `unit` (万元 or 元)."""
    scale = Decimal(10_000) if unit in ("万元", "") else Decimal(1)
    out: set[Decimal] = set()
    for a, b in ((0, start), (end, len(norm))):
        for q in find_quantities(norm, a, b):
            if q.dimension == "money" and q.base is not None:
                out.add(q.base / scale)
    return out
