"""A payment rate in prose against the amounts the report states for it, wherever they stand.

"资金支付18501.096万元，未支703万元，支付率95%" gives the amount paid and the amount left in the
rate's own sentence; the total they make (安排资金19204.096万) is stated in another paragraph, and
may carry a bare 万 (read as 万元: money words around it, or 万元 elsewhere in the report). R032
recomputes the rate when the pairing is plain:

* the rate's sentence states one amount paid with the rate's own verb (支付率 ↔ 支付/拨付 …)
  before the rate, and at most one amount left unpaid (未支, 结余, 剩余 …);
* the base is paid + unpaid, or the one base amount (安排, 下达, 预算 …) in the sentence, or,
  failing those, the one base amount stated anywhere else in the report that is not below the
  amount paid.

Silent when any candidate base gives the stated rate (rounded or truncated), when the sentence
holds several paid or unpaid amounts, or when the report states several bases and none was
confirmed. An amount inside a bracket that breaks down the figure before it ("执行数1032849.44
(含中央资金689139.31万元，地方资金…)") is a part of that figure: it is neither the amount paid nor a
base, whatever verb its clause carries. An error when a base the report states equals paid +
unpaid (three of the report's figures agree, so the pairing is certain); a warning otherwise.
Rates R001 or R020 judge are theirs. A payment progress (资金拨付进度100%, 支出进度) is the
same rate under another name: "足额拨付资金66.86万元,资金拨付进度100%" after "年初预算200万元"
in the same sentence is 33.43 % of the budget; a warning, since "progress" may mean what was due
by then rather than the whole budget.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.rates import _rate_results
from reviewer.checks.rates_prose import _is_target, _sentence_bounds, paid_rate_contradicted
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_quantities, fmt, half_digit
from reviewer.regex import lazy

RATE_VS_REPORT = rule(
    code="R032",
    fix_zh="按已支付金额与安排（下达）资金总额重算比率；比率另有口径的，写明所用的分子和分母。",
    name="rate-vs-report-amounts",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="比率与报告所列金额不符",
    title_en="A stated rate the report's own amounts do not give",
    message_zh="报告称{name}{stated}，而{paid_label}{paid}，{base_desc}：{paid_v} ÷ {base_v} = "
    "{computed}%，四舍五入或截位均得不到 {stated}",
    message_en="The report states {name} {stated}, but {paid} was paid of {base_en}: "
    "{paid_v} / {base_v} = {computed}%, which neither rounding nor truncation turns into {stated}",
    what="A payment or execution rate (支付率, 拨付率, 执行率, 到位率, 发放率, 使用率, 支出率; "
    "or a 拨付进度 / 支出进度 stated as a percent) "
    "stated "
    "after "
    "the amount paid in its own sentence, recomputed against the base the report gives it: "
    "paid + the amount left unpaid in the same sentence (未支, 结余 …), else the one base amount "
    "of the sentence, else the one base amount (安排, 下达, 预算 …, a bare 万 read as 万元) "
    "stated elsewhere in the report. An error when a stated total equals paid + unpaid; a "
    "warning when the base is the only plausible one but not confirmed that way.",
    why="The execution or payment rate is what the budget-execution score rests on; a rate the "
    "report's own amounts contradict is either stale or wrong.",
    example="一、资金安排\n全年安排资金200万。\n二、执行情况\n资金支付180万元，未支20万元，支付率95%。",
    counterexample="一、资金安排\n全年安排资金200万。\n二、执行情况\n"
    "资金支付180万元，未支20万元，支付率90%。",
    fix="Recompute the rate from the amount paid and the total; if it uses another basis, say "
    "which.",
)

_RATE = lazy(
    r"(?P<name>(?:资金|经费|款项?|预算)?(?P<verb>拨付|支付|执行|到位|发放|使用|支出)"
    r"(?:率|进度))[ \t]*"
    r"(?:为|是|达到|达|约为|:|：)?[ \t]*(?P<num>\d{1,3}(?:\.\d+)?)[ \t]*%"
)
# What the amount paid may be called, by the rate's verb.
_PAID_VERBS = {
    "支付": lazy(r"支付|拨付|支出"),
    "拨付": lazy(r"拨付|支付"),
    "执行": lazy(r"执行|支出|支付|使用|拨付"),
    "到位": lazy(r"到位|到账"),
    "发放": lazy(r"发放|兑付"),
    "使用": lazy(r"使用|支出"),
    "支出": lazy(r"支出|支付|拨付|使用"),
}
_UNPAID = lazy(r"未支|未拨|未付|未使用|未发放|未到位|尚未|待支付|结余|剩余|余额")
_BASE = lazy(r"安排|下达|预算|批复|计划|总额|合计|共计|总投资|筹集|整合|投入|拨入")
# A part, a change or an amount moved on is no base.
_NOT_BASE = lazy(
    r"其中|支付|拨付|支出|执行|发放|使用|到位|结余|结转|剩余|余额|未|增加|减少|同比|上年|比"
)
_MONEY_WORDS = lazy(r"资金|经费|金额|预算|投资|款|支付|拨付|支出|安排|下达|到位")
_CLAUSE_STOP = "，,、:：；;。\n"
# A bracket that opens a breakdown of the figure before it: (含…, (其中…, (包括….
_BREAKDOWN = lazy(r"[(（]\s*(?:含|其中|包括|内含)")
_CLAUSE_REACH = 40  # a label is read at most this far back from its amount


class _Amount(NamedTuple):
    q: Quantity
    label: str  # the clause before the amount


def _clause(norm: str, q: Quantity) -> str:
    floor = max(0, q.start - _CLAUSE_REACH)
    s = max(norm.rfind(ch, floor, q.start) for ch in _CLAUSE_STOP) + 1
    return norm[max(s, floor) : q.start]


def _amounts(doc: Document) -> list[_Amount]:
    """Every money amount of the report with its clause, in text order (cached). A bare
    `N万` counts as N万元 when money words stand in its clause or the report states 万元."""

    def build(d: Document) -> list[_Amount]:
        norm = d.norm
        qs = find_quantities(norm, 0, len(norm))
        wan_yuan = any(q.unit == "万元" for q in qs)
        out: list[_Amount] = []
        for q in qs:
            if q.unit and q.dimension == "money":  # (a bare number has no unit to look up)
                out.append(_Amount(q, _clause(norm, q)))
                continue
            if q.unit or norm[q.end : q.end + 1] != "万":
                continue
            label = _clause(norm, q)
            if not (wan_yuan or _MONEY_WORDS.search(label)):
                continue
            wan = Quantity(q.value, "万元", q.decimals, q.start, q.end + 1, q.raw + "万")
            out.append(_Amount(wan, label))
        return out

    found: list[_Amount] = doc.cached("rates_report_amounts", build)
    return found


def _in_breakdown(norm: str, start: int) -> bool:
    """Whether the amount at `start` stands inside an open (含…/(其中…/(包括… bracket of its
    sentence: a part of the figure the bracket follows."""
    line = norm.rfind("\n", 0, start) + 1  # the stops are looked for on the line only
    s = max(line, max(norm.rfind(ch, line, start) for ch in "。；;") + 1)
    opened = max(norm.rfind("(", s, start), norm.rfind("（", s, start))
    if opened < 0 or max(norm.rfind(")", opened, start), norm.rfind("）", opened, start)) >= 0:
        return False
    return _BREAKDOWN.match(norm, opened) is not None


def _after_among(norm: str, start: int, floor: int) -> bool:
    """Whether the amount at `start` follows a 其中 of its sentence that comes after a figure."""
    i = norm.rfind("其中", floor, start)
    return i > floor and bool(rx.search(r"\d", norm[floor:i]))


def _judged_elsewhere(doc: Document) -> list[tuple[int, int]]:
    """Spans of the rates R001 and R020 judge (hits and rates that held)."""

    def build(d: Document) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for h in [*_rate_results(d), *paid_rate_contradicted(d)]:
            out.extend(h.spans[:1])
        return out

    found: list[tuple[int, int]] = doc.cached("rates_report_judged", build)
    return found


def _reconciles(
    stated: Decimal, decimals: int, paid: Quantity, base: Decimal, slack: Decimal
) -> bool:
    """Whether paid ÷ base, rounded or truncated to the stated precision, gives the rate."""
    if base <= 0:
        return False
    lo = (paid.base - paid.half_unit) / base * 100
    hi = (paid.base + paid.half_unit) / base * 100
    h = half_digit(decimals)
    # rounding: |v - stated| <= h; truncation: stated <= v < stated + 2h
    return hi >= stated - h - slack and lo < stated + 2 * h + slack


def _same(a: Quantity, b: Decimal, half: Decimal) -> bool:
    return abs(a.base - b) <= a.half_unit + half


class _Bases(NamedTuple):
    """The report's base amounts (安排, 下达, 预算 … not paid, left or a part), by value."""

    values: list[Decimal]  # sorted
    figures: list[Quantity]  # in the order of `values`
    distinct: list[Decimal]  # sorted, each value once
    labels: dict[int, str]  # start of a figure -> its clause
    widest: Decimal  # the largest rounding any of them carries

    def stating(self, total: Decimal, half: Decimal) -> Quantity | None:
        """A base figure equal to `total` within the rounding of both."""
        reach = half + self.widest
        i = bisect.bisect_left(self.values, total - reach)
        while i < len(self.values) and self.values[i] <= total + reach:
            if _same(self.figures[i], total, half):
                return self.figures[i]
            i += 1
        return None

    def only_one_from(self, floor: Decimal) -> Quantity | None:
        """The one base value not below `floor`, when exactly one is stated."""
        k = bisect.bisect_left(self.distinct, floor)
        if len(self.distinct) - k != 1:
            return None
        return self.figures[bisect.bisect_left(self.values, self.distinct[k])]


def _bases(doc: Document) -> _Bases:
    def build(d: Document) -> _Bases:
        found = [a for a in _amounts(d) if _BASE.search(a.label) and not _NOT_BASE.search(a.label)]
        found.sort(key=lambda a: a.q.base)
        values = [a.q.base for a in found]
        return _Bases(
            values,
            [a.q for a in found],
            sorted(set(values)),
            {a.q.start: a.label for a in found},
            max((a.q.half_unit for a in found), default=Decimal(0)),
        )

    out: _Bases = doc.cached("rates_report_bases", build)
    return out


@check(RATE_VS_REPORT)
def rate_vs_report(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    amounts = _amounts(doc)
    if not amounts:
        return
    starts = [a.q.start for a in amounts]
    # the spans R001/R020 judge, by start, with the furthest end so far: a rate overlaps one
    # when a span starting before its end reaches past its start (one bisection, not a scan)
    judged: tuple[list[int], list[int]] | None = None
    for m in _RATE.finditer(norm):
        s, _ = _sentence_bounds(norm, m.start())
        lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, m.start())
        own = amounts[lo:hi]
        if not own:
            continue
        if _is_target(doc, s, m.start("name"), m.start("num")):
            continue
        if judged is None:
            spans = sorted(_judged_elsewhere(doc))
            judged = [a for a, _ in spans], list(itertools.accumulate((b for _, b in spans), max))
        k = bisect.bisect_left(judged[0], m.end()) - 1  # spans with a < m.end(): [0, k]
        if k >= 0 and judged[1][k] > m.start():
            continue
        hit = _judge(doc, m, own)
        if hit is not None:
            yield hit


def _judge(
    doc: Document,
    m: re.Match[str],
    own: list[_Amount],
) -> Hit | Relation | None:
    verb = _PAID_VERBS[m.group("verb")]
    own = [a for a in own if not _in_breakdown(doc.norm, a.q.start)]
    # Two or more amounts after a 其中 that follows a figure, none of them left unpaid, split
    # that figure by recipient or purpose ("收到资金15150万元，其中省级支出安排489万元，各州市安排
    # 14661万元，执行率100%"): parts, neither the whole paid nor the base. One amount there
    # ("下达200万元，其中已拨付180万元") or a paid/unpaid pair is the rate's own pairing.
    s, _ = _sentence_bounds(doc.norm, m.start())
    parts = [a for a in own if _after_among(doc.norm, a.q.start, s)]
    if len(parts) >= 2 and not any(_UNPAID.search(a.label) for a in parts):
        own = [a for a in own if a not in parts]
    paid = [a for a in own if verb.search(a.label) and not _UNPAID.search(a.label)]
    unpaid = [a for a in own if _UNPAID.search(a.label)]
    bases = [a for a in own if _BASE.search(a.label) and not _NOT_BASE.search(a.label)]
    if len({a.q.base for a in paid}) != 1 or len({a.q.base for a in unpaid}) > 1:
        return None
    if len({a.q.base for a in bases}) > 1:
        return None
    p = paid[0].q
    report = _bases(doc)
    cands: list[tuple[Decimal, Quantity | None]] = []  # (base, the figure that states it)
    confirmed: Quantity | None = None
    if unpaid:
        u = unpaid[0].q
        total = p.base + u.base
        half = p.half_unit + u.half_unit
        confirmed = next((a.q for a in bases if _same(a.q, total, half)), None)
        confirmed = confirmed or report.stating(total, half)
        cands.append((total, confirmed))
        cands.extend((a.q.base, a.q) for a in bases if not _same(a.q, total, half))
    elif bases:
        cands.append((bases[0].q.base, bases[0].q))
    else:
        only = report.only_one_from(p.base)  # the sentence states no base: all are elsewhere
        if only is None:
            return None
        cands.append((only.base, only))
    stated = Decimal(m.group("num"))
    decimals = len(m.group("num").split(".", 1)[1]) if "." in m.group("num") else 0
    slack = doc.tolerances.percent_points
    for base, q in cands:
        if _reconciles(stated, decimals, p, base, slack):
            spans = [(m.start("num"), m.end()), (p.start, p.end)]
            if q is not None:
                spans.append((q.start, q.end))
            shown = q.raw if q is not None else f"{fmt(base / 10000)}万元"
            return relation("rate", spans, f"{p.raw} ÷ {shown} = {fmt(p.base / base * 100, 2)}%")
    base, q = cands[0]
    value = p.base / base * 100
    spans = [(m.start("name"), m.end()), (p.start, p.end)]
    if unpaid:
        spans.append((unpaid[0].q.start, unpaid[0].q.end))
    if q is not None:
        spans.append((q.start, q.end))
    if unpaid:
        u = unpaid[0].q
        base_desc = f"{unpaid[0].label.strip() or '未支付'}{u.raw}" + (
            f"，合计与{confirmed.raw}相符" if confirmed is not None else ""
        )
        base_en = f"{p.raw} + {u.raw} unpaid" + (
            f" (= {confirmed.raw}, as the report states)" if confirmed is not None else ""
        )
    else:
        assert q is not None
        base_desc = f"{_label_tail(_bases(doc).labels[q.start])}{q.raw}"
        base_en = q.raw
    severity = Severity.ERROR if confirmed is not None else Severity.WARNING
    return RATE_VS_REPORT.hit(
        spans,
        {
            "name": doc.text[m.start("name") : m.end("name")],
            "stated": f"{m.group('num')}%",
            "paid_label": _label_tail(paid[0].label),
            "paid": p.raw,
            "base_desc": base_desc,
            "base_en": base_en,
            "paid_v": fmt(p.base / 10000),
            "base_v": fmt(base / 10000),
            "computed": fmt(value.quantize(Decimal("0.01"))),
        },
        severity=severity,
    )


def _label_tail(label: str) -> str:
    """The last few words of a label, for the message (巩固…任务资金支付 → 资金支付)."""
    t = rx.sub(r"^[\s\d年月日xX]+", "", label.strip())
    return t[-8:]
