"""Find and parse numbers with their units in normalized report text.

Every `Quantity` keeps the offsets of what it was read from, so a finding can quote it. Money is
converted to yuan here, in Python, never by a model.
"""

from __future__ import annotations

import bisect
import functools
import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from reviewer.regex import lazy

# Scale of each money unit in yuan.
MONEY_SCALE: dict[str, Decimal] = {
    "亿元": Decimal(100_000_000),
    "万元": Decimal(10_000),
    "千元": Decimal(1_000),
    "元": Decimal(1),
}
PERCENT_UNITS = {"%", "‰"}
SCORE_UNITS = {"分"}
# Units of counted things. Longer spellings first so the regex prefers them.
COUNT_UNITS = [
    "人次",
    "户次",
    "家次",
    "台次",
    "平方米",
    "平方公里",
    "公里",
    "千米",
    "立方米",
    "个",
    "名",
    "人",
    "户",
    "次",
    "份",
    "座",
    "亩",
    "米",
    "天",
    "项",
    "家",
    "所",
    "辆",
    "件",
    "条",
    "场",
    "台",
    "套",
    "处",
    "间",
    "口",
    "支",
    "头",
    "株",
    "册",
    "篇",
    "期",
    "批",
    "吨",
    "斤",
    "担",
    "张",
    "本",
    "位",
    "棵",
    "只",
    "盏",
    "块",
    "组",
    "栋",
    "例",
    "起",
    "宗",
    "床",
    "周",
    "小时",
    "kg",
    "km",
    "t",
]
# A unit's dimension ("" for a bare number); a unit not listed is a count. Money first, then
# percent, then score, as a unit in two sets counts as the first.
_DIMENSION: dict[str, str] = {
    "": "bare",
    **dict.fromkeys(SCORE_UNITS, "score"),
    **dict.fromkeys(PERCENT_UNITS, "percent"),
    **dict.fromkeys(MONEY_SCALE, "money"),
}
UNITS = sorted([*MONEY_SCALE, *PERCENT_UNITS, *SCORE_UNITS, *COUNT_UNITS], key=len, reverse=True)

# Thousands may be grouped with ',' or a space ("1,234.5", "3 167.20").
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?![\d])|\d+)(?:\.\d+)?"
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_COUNT_RE = "|".join(re.escape(u) for u in sorted(COUNT_UNITS, key=len, reverse=True))
# 万/亿 in front of a count unit is a multiplier: 29.8万人, 1.5亿斤.
_MULT = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# A number: not glued to a previous digit, dot or ASCII letter; optional '余'/'多' before a unit.
# The lookahead in front changes no match (a number starts with a digit) but lets the search
# skip to the next digit instead of trying the lookbehind at every character (half the time).
NUMBER_RE = lazy(
    rf"(?=\d)(?<![\d.A-Za-z])(?P<num>{_DIGITS})(?P<approx>余|多)?[ \t]?"
    rf"(?P<unit>(?:万|亿)(?:余)?(?:{_COUNT_RE})|{_UNIT_RE})?"
)
_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
# Not after another numeral character: a match can only start where a run of numerals starts (a
# start inside the run would also match from the run's first character), and without this the
# search retried every position of a long run: quadratic in its length.
CN_NUMBER_RE = lazy(
    r"(?=[零〇一二两三四五六七八九十百千])(?<![零〇一二两三四五六七八九十百千])(?P<num>[零〇一二两三四五六七八九十百千]+)(?P<unit>个|名|人|项|家|所|条|处|支|次|户|座|类|方面)"
)


def parse_decimal(raw: str) -> Decimal | None:
    """Parse '1,234.50' -> Decimal('1234.50'); None when it is not a number."""
    try:
        return Decimal(raw.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None


def parse_chinese_int(raw: str) -> int | None:
    """Parse a Chinese numeral such as 十一, 二十三, 一百零五, 两 -> int; None if malformed."""
    if not raw or any(ch not in _CN_DIGIT and ch not in _CN_UNIT for ch in raw):
        return None
    total, current, last_mult = 0, None, 10_000
    for ch in raw:
        if ch in _CN_DIGIT:
            if current is not None and current != 0:
                return None  # two digits in a row ('二三') is not a numeral
            current = _CN_DIGIT[ch]
        else:
            mult = _CN_UNIT[ch]
            if mult >= last_mult:
                return None  # units must fall: '十十', '十百' are not numerals
            total += (1 if current is None else current) * mult
            current, last_mult = None, mult
    if current is not None:
        total += current
    return total


def decimals_of(raw: str) -> int:
    """Digits after the decimal point as written: '12.30' -> 2."""
    raw = raw.replace(",", "").replace(" ", "")
    return len(raw.split(".", 1)[1]) if "." in raw else 0


class Quantity(NamedTuple):
    """A number read from the text, with its unit and where it stands."""

    value: Decimal
    unit: str
    decimals: int
    start: int  # offset of the first digit
    end: int  # offset after the unit (or the number when there is no unit)
    raw: str  # the text [start, end)
    approx: bool = False  # written with 余/多 ("200余次")

    @property
    def dimension(self) -> str:
        # One lookup: asked over a million times on a megabyte of figures.
        return _DIMENSION.get(self.unit) or "count"

    @property
    def scale(self) -> Decimal:
        if self.unit in MONEY_SCALE:
            return MONEY_SCALE[self.unit]
        return _MULT.get(self.unit[:1], Decimal(1)) if len(self.unit) > 1 else Decimal(1)

    @property
    def count_unit(self) -> str:
        """The counted thing's unit without a 万/亿 multiplier ('万人' -> '人')."""
        return self.unit.lstrip("万亿").lstrip("余") if self.dimension == "count" else self.unit

    @property
    def base(self) -> Decimal:
        """Value in base units: yuan for money, percent points for %, else the value."""
        if self.unit == "‰":
            return self.value / 10
        return self.value * self.scale

    @property
    def half_unit(self) -> Decimal:
        """Half the last written digit, in base units: the rounding the figure may carry."""
        return half_digit(self.decimals) * self.scale


def half_digit(decimals: int) -> Decimal:
    """Half a unit of the last decimal written (0.05 for one decimal, 0.5 for none): how far a
    figure written with `decimals` places may be from the exact value it rounds."""
    return Decimal(5) * Decimal(10) ** (-decimals - 1)


def find_quantities(norm: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """All numbers (Arabic, and Chinese numerals before a count unit) in norm[start:end]."""
    if end is None:
        end = len(norm)
    # Asked for hundreds of thousands of times on a long text: the text parsed last is looked
    # up here, and a range asked for before is answered without a call.
    found = _RECENT[0][1] if _RECENT and _RECENT[0][0] is norm else _parsed(norm)
    known = found.ranges.get((start, end))
    if known is None:
        known = _quantities(norm, found, start, end)
    if isinstance(known, Quantity):
        return [known]
    if type(known) is range:
        return found.arabic.quantities[known.start : known.stop]  # type: ignore[return-value]  # (no None in a run)
    return list(known)


def find_money(norm: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """The amounts of money (元, 万元, 亿元 …) among `find_quantities(norm, start, end)`."""
    return [q for q in find_quantities(norm, start, end) if q.dimension == "money"]


def _quantities(norm: str, found: _Parsed, start: int, end: int) -> _Kept:
    """The figures of norm[start:end]: a tuple, the one figure itself when there is one, or
    the range of their indexes in the text's parse when they are a run of its figures."""
    # The checks read the same lines, sentences and paragraphs again and again, each check
    # walking the whole text: the figures of a range are kept with the text's parse (a cache
    # shared by every range would be emptied by one walk over a long text before the next).
    out = _arabic_in(norm, found, start, end)  # in text order
    if found.chinese.starts:
        # (a text with no numeral before a unit has none in any range either: a range's match
        # inside a run of numerals ends where the run's own match does)
        chinese = _chinese_in(norm, found, start, end)
        if chinese:
            out += chinese
            out.sort(key=lambda q: q.start)
    if not out:
        found.ranges[start, end] = ()
        return ()
    if len(out) == 1:
        # Kept bare, without a tuple around it: a text of 130,000 lines holds a range a line,
        # and every container kept alive is one more for each run of the garbage collector.
        kept: _Kept = out[0]
    else:
        kept = _run_of(found.arabic, out) or tuple(out)
    found.ranges[start, end] = kept
    return kept


def _run_of(ms: _Matches, out: list[Quantity]) -> range | None:
    """The indexes of `out` in the parse when they are its own figures i, i+1, … (a `range`
    holds no object for the garbage collector to walk, a tuple of figures does)."""
    qs = ms.quantities
    i = bisect.bisect_left(ms.starts, out[0].start)
    if i + len(out) > len(qs):
        return None
    for k, q in enumerate(out):
        if qs[i + k] is not q:
            return None
    return range(i, i + len(out))


# ---- one parse per text --------------------------------------------------------------------
#
# The checks ask for the figures of many overlapping ranges (paragraphs, sentences, clauses,
# lines). The text is parsed once; a range takes the figures the whole-text parse found in it,
# which are exactly those a parse of the range alone finds, except where the range cuts a figure
# or the text a match may have read: there the range is parsed on its own from that figure on.

# What a number's digits and separators may span: digits, dots, commas, and " ddd" groups.
_RUN_CHARS = lazy(r"[\d.,]+(?: \d{3})*")
_RUN_GOES_ON = frozenset("., ")  # what besides a digit may continue a run past a figure's digits
_CN_CHARS = frozenset("零〇一二两三四五六七八九十百千")
_READ_AFTER = 10  # a match reads at most this far past its run (a group, space, 余/多, unit)
_CN_READ_AFTER = 3  # ... past its run of numerals (a unit of up to two characters)
# Characters some element of NUMBER_RE can consume (besides decimal digits): when the first
# character past a range is none of these, no match can use it, so a match in the range is
# the same whether the range ends there or the text goes on (a lookahead sees "no digit" either
# way). Most ranges end at a line break or a full stop: no match needs reading again.
_ARABIC_GOES_ON = frozenset(".,余多万亿 \t" + "".join(u[0] for u in UNITS))
_CN_GOES_ON = _CN_CHARS | frozenset(
    "个名人项家所条处支次户座类方面"
)  # CN_NUMBER_RE's numerals and the first characters of its units


def _cut_matters(norm: str, end: int, goes_on: frozenset[str]) -> bool:
    """Whether a match may read differently when the text stops at `end`."""
    if end >= len(norm):
        return False
    ch = norm[end]
    return ch in goes_on or ch.isdecimal()


class _Matches(NamedTuple):
    """Matches of one pattern over a whole text, in order."""

    starts: list[int]
    ends: list[int]
    limits: list[int]  # one past the last character the match may have looked at
    quantities: list[Quantity | None]  # None: a match that is not a figure (a date, ...)


def _whole_text_match(norm: str, start: int) -> tuple[tuple[int, int], ...]:
    """The spans of the match (and its groups) that the whole-text parse found at `start`:
    matching at a position sees what a search reaching it sees (lookbehind included)."""
    m = NUMBER_RE.match(norm, start)
    return m.regs if m is not None else ()


# The figures of a range asked for: a tuple, the one figure itself, or the indexes of a run of
# the parse's own figures.
_Kept = Quantity | tuple[Quantity, ...] | range


class _Parsed(NamedTuple):
    arabic: _Matches
    chinese: _Matches
    ranges: dict[tuple[int, int], _Kept]  # the figures of each range asked for


# The texts parsed last, newest first, found by identity: a check asks for the figures of a
# range thousands of times, and a lookup by content (the cache below) compares the whole text
# whenever an equal text of another object (a second document with the same text) is cached.
_RECENT: list[tuple[str, _Parsed]] = []


def _parsed(norm: str) -> _Parsed:
    for text, found in _RECENT:
        if text is norm:
            return found
    found = _parsed_text(norm)  # an equal text parsed before: one comparison, then identity
    _RECENT.insert(0, (norm, found))
    del _RECENT[4:]
    return found


@functools.lru_cache(maxsize=4)
def _parsed_text(norm: str) -> _Parsed:
    arabic = _Matches([], [], [], [])
    starts, ends, limits, quantities = arabic.starts, arabic.ends, arabic.limits, arabic.quantities
    n = len(norm)
    for m in NUMBER_RE.finditer(norm):
        start, end = m.span()
        num_end = m.end(1)
        after = norm[num_end] if num_end < n else ""
        if after and (after in _RUN_GOES_ON or after.isdecimal()):
            # The run of digits and separators from the first digit on may reach past the
            # figure (1.2.3, a space group): read it. (From the first digit: at least as far
            # as the run of a text scan holding that digit, so a limit never falls short.)
            run_end = _RUN_CHARS.match(norm, start).end()  # type: ignore[union-attr]
            limit = end if end > run_end else run_end
        else:
            limit = end  # the run ends within the figure's digits
        starts.append(start)
        ends.append(end)
        limits.append(limit + _READ_AFTER)
        quantities.append(_arabic_quantity(norm, m))
    chinese = _Matches([], [], [], [])
    for m in CN_NUMBER_RE.finditer(norm):
        chinese.starts.append(m.start())
        chinese.ends.append(m.end())
        chinese.limits.append(m.end("num") + _CN_READ_AFTER)
        chinese.quantities.append(_chinese_quantity(m, 0))
    return _Parsed(arabic, chinese, {})


def _arabic_in(norm: str, found: _Parsed, start: int, end: int) -> list[Quantity]:
    ms = found.arabic
    starts, limits, quantities = ms.starts, ms.limits, ms.quantities  # (asked once a range)
    i = bisect.bisect_left(starts, start)
    if i > 0 and ms.ends[i - 1] > start:
        return _arabic_scan(norm, start, end)  # the range starts inside a figure
    out: list[Quantity] = []
    n = len(starts)
    cut: bool | None = None  # whether the range's end may change a match (found on first need)
    while i < n and starts[i] < end:
        if limits[i] > end:
            if cut is None:
                cut = _cut_matters(norm, end, _ARABIC_GOES_ON)
            # The range may cut what the match read: the same match within the range?
            m = NUMBER_RE.match(norm, starts[i], end) if cut else None
            if cut and (m is None or m.regs != _whole_text_match(norm, starts[i])):
                out += _arabic_scan(norm, starts[i], end)
                break
        q = quantities[i]
        if q is not None:
            out.append(q)
        i += 1
    return out


def _chinese_in(norm: str, found: _Parsed, start: int, end: int) -> list[Quantity]:
    inside = 0 < start < len(norm) and norm[start - 1] in _CN_CHARS and norm[start] in _CN_CHARS
    if inside:
        return _chinese_scan(norm, start, end)  # the range starts inside a run of numerals
    ms = found.chinese
    i = bisect.bisect_left(ms.starts, start)
    out: list[Quantity] = []
    n = len(ms.starts)
    while i < n and ms.starts[i] < end:
        if ms.limits[i] > end and _cut_matters(norm, end, _CN_GOES_ON):
            out += _chinese_scan(norm, ms.starts[i], end)
            break
        q = ms.quantities[i]
        if q is not None:
            out.append(q)
        i += 1
    return out


def _arabic_scan(norm: str, start: int, end: int) -> list[Quantity]:
    out: list[Quantity] = []
    for m in NUMBER_RE.finditer(norm, start, end):
        q = _arabic_quantity(norm, m)
        if q is not None:
            out.append(q)
    return out


# What after a bare number makes it part of a date or time (2024年, 3月, 10:30): not a figure.
_DATE_WORDS = ("年", "月", "日", "号", "季度", "时", ":")


def _arabic_quantity(norm: str, m: re.Match[str]) -> Quantity | None:
    # Called once for every number of a text (the whole-text parse): groups by index (num 1,
    # approx 2, unit 3), positional fields, no second pass over the digits for the decimals.
    num_start, num_end = m.span(1)
    unit = m.group(3)
    if unit is None:
        if norm.startswith(_DATE_WORDS, num_end):
            return None
        unit = ""
        q_end = num_end
    else:
        q_end = m.end(3)
    raw_num = norm[num_start:num_end]
    # (parse_decimal inlined: a separator is rare, and this runs for every number of a text)
    try:
        value = Decimal(
            raw_num.replace(",", "").replace(" ", "")
            if "," in raw_num or " " in raw_num
            else raw_num
        )
    except InvalidOperation:
        return None
    dot = raw_num.find(".")  # the digits after a dot are never grouped
    return Quantity(
        value,
        unit,
        len(raw_num) - dot - 1 if dot >= 0 else 0,
        num_start,
        q_end,
        norm[num_start:q_end],
        m.group(2) is not None,
    )


def _chinese_scan(norm: str, start: int, end: int) -> list[Quantity]:
    # On the slice, so that a numeral run cut by `start` still counts from `start` (a lookbehind
    # sees the text before `pos`).
    out: list[Quantity] = []
    for m in CN_NUMBER_RE.finditer(norm[start:end]):
        q = _chinese_quantity(m, start)
        if q is not None:
            out.append(q)
    return out


def _chinese_quantity(m: re.Match[str], offset: int) -> Quantity | None:
    n = parse_chinese_int(m.group("num"))
    if n is None:
        return None
    # '一个' inside words like 统一个人 is noise; keep it, the checks decide what counts.
    return Quantity(
        value=Decimal(n),
        unit=m.group("unit"),
        decimals=0,
        start=offset + m.start(),
        end=offset + m.end(),
        raw=m.group(0),
    )


def fmt(value: Decimal | float | int, places: int | None = None) -> str:
    """Format a number for messages: no exponent, no trailing zeros unless `places` is given."""
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is not None:
        return f"{d:.{places}f}"
    s = f"{d:f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"


def fmt_percent(value: Decimal) -> str:
    """A percent for messages, to two places and without trailing zeros: 95.3%."""
    return f"{fmt(value.quantize(Decimal('0.01')))}%"
