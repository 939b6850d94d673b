"""Funds rows of the transfer-payment form whose cells ran together (R061).

The 转移支付区域(项目)绩效目标自评表 gives its funds as rows of three cells — 全年预算数 (A),
全年执行数 (B), 执行率 (B/A) — for 年度资金总额 and, under 其中, each source (中央财政资金,
地方资金, 其他资金); labels are also read in traditional characters with pinyin glosses.
Extracted with no separator the cells run together: `年度资金总额:1484631.00%其中:中央财政资金10200%
地方资金4646100%`. A digit run has many splits, so a row is read only through the form's own
constraints: each part row's split must give its own rate (B/A, rounded or truncated to the digits
written), and the total row's A and B must be the sums of the parts' A and B. When exactly one
total (A, B) survives, its stated rate is checked against B/A; any other outcome stays silent
(no guessed number).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import product
from typing import NamedTuple

from reviewer.checks.goal_forms import GLOSS
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt, half_digit
from reviewer.regex import lazy

GLUED_ROW_RATE = rule(
    code="R061",
    fix_zh="核对年度资金总额一行的执行率：按全年执行数 ÷ 全年预算数重算，或更正有误的金额。",
    name="glued-funds-row-rate",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="资金总额执行率与预算数、执行数不符（单元格连写）",
    title_en="Total funds row: the rate does not match its amounts (cells run together)",
    message_zh="“{raw}”按其下各来源分项唯一可读为：全年预算数{a}，全年执行数{b}，执行率{stated}；"
    "{b} ÷ {a} = {computed}%，不等于{stated}（单元格连写，读法由分项之和确定）",
    message_en="'{raw}' reads, through the parts below it, only as budget {a}, spent {b}, rate "
    "{stated}; {b} / {a} = {computed}%, not {stated} (cells run together; the reading is fixed "
    "by the parts' sums)",
    what="Reads the funds rows of the transfer-payment self-evaluation form (资金总额 and its "
    "其中 sources, three cells A, B, B/A each) when their cells ran together into one digit run. "
    "A part row's split must give its own rate; the total row's A and B must be the parts' sums. "
    "When exactly one total reading survives and its rate is not B/A, warns.",
    why="The execution rate of the total row usually feeds the score; a rate its own budget "
    "and spending do not give is a typo in one of the three figures.",
    example="资金投入情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A×100%)"
    "年度资金总额:1484631.00%其中:中央财政资金10200%地方资金4646100%其他资金",
    counterexample="资金投入情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A×100%)"
    "年度资金总额:1484631.08%其中:中央财政资金10200%地方资金4646100%其他资金",
    fix="Recompute the rate as spending / budget, or correct the amount that is wrong.",
)

_TRAD = {"资": "資", "总": "總", "额": "額", "预": "預", "数": "數", "执": "執", "财": "財"}


def _g(word: str) -> str:
    """`word` in simplified or traditional characters, each optionally glossed: 資(zī)金."""
    return "".join(f"[{c}{_TRAD.get(c, '')}]{GLOSS}?" for c in word)


_TOTAL = lazy(rf"(?:{_g('年度')})?{_g('资金总额')}\s*[:：]?\s*(?P<d>\d[\d.]{{2,24}})%")
_PART = lazy(
    rf"\s*(?:其中\s*[:：]?\s*)?(?P<label>(?:[\u4e00-\u9fff]{GLOSS}?){{1,8}}?{_g('资金')})"
    rf"\s*(?P<d>\d[\d.]{{2,24}})%"
)
_HEAD = lazy(f"{_g('预算数')}|{_g('执行数')}")
_MAX_COMBOS = 256


class _Split(NamedTuple):
    a: Decimal
    b: Decimal
    rate: Decimal
    rate_raw: str


def _num(s: str) -> Decimal | None:
    """A cell as written: no leading zero before other digits, at most one point."""
    if not s or s.count(".") > 1 or s[0] == "." or s[-1] == ".":
        return None
    whole = s.split(".", 1)[0]
    if len(whole) > 1 and whole[0] == "0":
        return None
    return Decimal(s)


def _splits(d: str) -> Iterator[_Split]:
    """Every reading of a digit run as A, B and a rate of at most three whole digits."""
    n = len(d)
    for i in range(1, n - 1):
        a = _num(d[:i])
        if a is None:
            continue
        for j in range(i + 1, n):
            b, r = _num(d[i:j]), _num(d[j:])
            if b is None or r is None or len(d[j:].split(".", 1)[0]) > 3:
                continue
            yield _Split(a, b, r, d[j:])


def _decimals(raw: str) -> int:
    return len(raw.split(".", 1)[1]) if "." in raw else 0


def _rate_holds(s: _Split) -> bool:
    """B/A, rounded or truncated to the rate's digits, gives the stated rate."""
    if s.a <= 0:
        return s.b == 0 and s.rate == 0
    v = s.b / s.a * 100
    h = half_digit(_decimals(s.rate_raw))
    return s.rate - h <= v <= s.rate + h or s.rate <= v < s.rate + 2 * h


@check(GLUED_ROW_RATE)
def glued_row_rate(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    for m in _TOTAL.finditer(norm):
        if not _HEAD.search(norm, max(0, m.start() - 120), m.start()):
            continue  # no A/B header just before: not this form
        parts: list[list[_Split]] = []
        pos = m.end()
        while (p := _PART.match(norm, pos)) is not None and len(parts) < 6:
            parts.append([s for s in _splits(p.group("d")) if _rate_holds(s)])
            pos = p.end()
        if len(parts) < 2 or any(not c for c in parts):
            continue
        n = 1
        for c in parts:
            n *= len(c)
        if n > _MAX_COMBOS:
            continue
        sums = {
            (sum((s.a for s in combo), Decimal(0)), sum((s.b for s in combo), Decimal(0)))
            for combo in product(*parts)
        }
        totals = [s for s in _splits(m.group("d")) if (s.a, s.b) in sums]
        if len(totals) != 1:
            continue  # no reading, or more than one: say nothing
        t = totals[0]
        span = (m.start("d"), m.end())
        if _rate_holds(t):
            yield relation("rate", [span], f"{fmt(t.b)} ÷ {fmt(t.a)}，报告称 {t.rate_raw}%")
            continue
        computed = (t.b / t.a * 100).quantize(Decimal("0.01")) if t.a > 0 else Decimal(0)
        yield GLUED_ROW_RATE.hit(
            [span],
            {
                "raw": m.group("d") + "%",
                "a": fmt(t.a),
                "b": fmt(t.b),
                "stated": f"{t.rate_raw}%",
                "computed": fmt(computed),
            },
        )
