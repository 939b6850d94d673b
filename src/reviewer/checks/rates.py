"""Stated rates recomputed from the report's own figures: 预算执行率, 调整率, 结转结余率, 控制率 ….

A rate is judged only when the report gives the figures it is computed from (see
`claims/facts.py`). Every reasonable reading is tried — the budget as opening, as opening plus
adjustment, with or without the carry-over, the full-year budget as stated — and the rate is
called wrong only when none of them gives the stated value to the stated precision (rounded or
truncated). The same goes for a stated 预算结余 (budget minus spending).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.facts import (
    ADJUST,
    BUDGET,
    BUDGET_BALANCE,
    CARRY_BALANCE,
    CARRYOVER,
    FULL,
    OPENING,
    QUOTA,
    SPENDING,
    STAFF,
    Fact,
    current,
    facts,
    main_year,
    topic_of,
)
from reviewer.claims.indicators import ACTUAL, EQ, TARGET, UNKNOWN, Indicator, indicators
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

RATE_MISMATCH = rule(
    code="R001",
    fix_zh="用报告中的数据重算该比率（并注明所依据的预算口径），或更正有误的数字。",
    name="rate-mismatch",
    kind="rate_mismatch",
    severity=Severity.ERROR,
    family="rates",
    title_zh="比率与报告数据不符",
    title_en="Stated rate does not match the report's figures",
    message_zh="报告称{name} {stated}，按报告数据计算：{readings}，均不等于 {stated}{note_zh}",
    message_en="The report states {name} {stated}; from its own figures: {readings_en}; "
    "none gives {stated}{note_en}",
    what="Recomputes stated rates from the labelled figures of the same report: 预算执行率 / "
    "完成预算的X% (spending ÷ budget), 预算调整率 (adjustment ÷ opening budget), 结转结余率, "
    "在职人员控制率 (staff ÷ quota), 三公经费控制率 and 变动率. Every reasonable budget is "
    "tried (opening, opening + adjustment, with carry-over, the stated full-year budget).",
    why="A rate that no reading of the report's own figures gives is a wrong number, and rates "
    "feed the score (预算执行率 is usually worth 10 points).",
    example="年初预算3247.99万元，年中调整73.48万元，全年决算支出2826.23万元，预算执行率95%。",
    counterexample=(
        "年初预算3247.99万元，年中调整73.48万元，全年决算支出2826.23万元，预算执行率87.01%。"
    ),
    fix="Recompute the rate from the figures (and say which budget it is against), or correct "
    "the figure that is wrong.",
)

BALANCE_MISMATCH = rule(
    code="R002",
    fix_zh="重算预算结余，或更正预算数、支出数。",
    name="budget-balance-mismatch",
    kind="rate_mismatch",
    severity=Severity.ERROR,
    family="rates",
    title_zh="预算结余与预算、支出数不符",
    title_en="Stated budget balance does not match budget minus spending",
    message_zh="报告称预算结余 {stated}，按报告数据计算：{readings}，均不相符",
    message_en="The report states a budget balance of {stated}; from its own figures: "
    "{readings_en}; none matches",
    what="Checks a stated 预算结余 (unused budget) against budget − spending, for every "
    "reasonable budget (opening, opening + adjustment, with carry-over, full-year).",
    why="The balance is derived from two figures stated elsewhere; a mismatch means one of the "
    "three is wrong.",
    example="全年预算3321.47万元，决算支出2826.23万元，年底预算结余395.24万元。",
    counterexample="全年预算3321.47万元，决算支出2826.23万元，年底预算结余495.24万元。",
    fix="Recompute the balance or correct the budget or spending figure.",
)

RATE_TRUNCATED = rule(
    code="R060",
    fix_zh="将比率四舍五入到所写位数（如99.985%应写为100%），或写明采用截尾取整。",
    name="rate-truncated",
    kind="rate_mismatch",
    severity=Severity.INFO,
    family="rates",
    title_zh="比率截尾取整，与四舍五入结果不同",
    title_en="Rate truncated to a whole percent where rounding gives another",
    message_zh="报告称{name} {stated}，按报告数据计算：{expr}，四舍五入应为 {rounded}%；"
    "所写数值为截尾取整",
    message_en="The report states {name} {stated}; from its own figures: {expr_en}, which "
    "rounds to {rounded}%; the stated figure is truncated",
    what="A rate R001 reads, stated as a whole percent, that only truncation of the report's "
    "own figures gives: every reading rounds to another whole percent (99.985% written 99%). "
    "R001 accepts the truncation; this note says the figure is cut, not rounded.",
    why="At whole-percent precision a truncated rate is up to a point off: 99.985% written "
    "99% reads as a point of the budget unspent, and 100% is what the figures give.",
    example="年初预算2596万元，全年决算支出2595.6208万元，预算执行率99%。",
    counterexample="年初预算2596万元，全年决算支出2595.4208万元，预算执行率99.98%。",
    fix="Round the rate to the digits written, or say that it is truncated.",
)

EXEC = "exec"
COST = "cost"
ADJ = "adjust"
CARRY = "carry"
STAFF_RATE = "staff"
SG_CTRL = "sangong_control"
SG_CHANGE = "sangong_change"

_EXEC_NAME = lazy(
    r"执行率|支出率|完成率|完成(?:全年|年度)?预算|达到(?:全年|年度)?预算|为(?:全年|年度)?预算|占(?:全年|年度)?预算"
)
_EXCLUDE_EXEC = lazy(
    r"工作|任务|项目进度|指标|目标|计划|考核|建设|整改|工程|绩效|收入|采购|资产|决议|民生"
)


class Reading(NamedTuple):
    """One way to compute the stated figure from the report's facts."""

    value: Decimal  # the computed rate (percent) or amount (yuan)
    lo: Decimal
    hi: Decimal
    expr: str
    expr_en: str
    facts: tuple[Fact, ...]


def rate_kind(name: str) -> str | None:
    n = rx.sub(r"[\s\"'“”]", "", name)
    if rx.search(r"在职人员控制率|人员控制率|编制控制率|人员编制控制率", n):
        return STAFF_RATE
    if "三公" in n:
        if "控制率" in n or "执行率" in n:
            return SG_CTRL
        if rx.search(r"变动率|增长率|下降率|增减率|降低率", n):
            return SG_CHANGE
        return None
    if rx.search(r"预算调整率|^调整率$|支出调整率", n):
        return ADJ
    if rx.search(r"结转结余率|结余结转率|^结余率$|^结转率$|结转结余资金率", n):
        return CARRY
    if n == "成本控制率" or n.endswith("部门成本控制率"):
        return COST
    if (
        _EXEC_NAME.search(n)
        and not _EXCLUDE_EXEC.search(n)
        and (rx.search(r"预算|支出|资金|经费", n) or n == "执行率")
    ):
        return EXEC
    return None


def _money(v: Decimal) -> str:
    """A yuan amount in 万元, as the reports write it."""
    return fmt((v / Decimal(10_000)).quantize(Decimal("0.01")))


def _pct(v: Decimal) -> str:
    return fmt(v.quantize(Decimal("0.01")))


def _budgets(items: list[Fact]) -> list[tuple[Decimal, Decimal, str, str, tuple[Fact, ...]]]:
    """Every reasonable budget: (value, half-width, expr_zh, expr_en, facts)."""
    opening = _prefer_expense([f for f in items if f.kind == OPENING])
    adjusts = [f for f in items if f.kind == ADJUST]
    carries = [f for f in items if f.kind == CARRYOVER]
    fulls = _prefer_expense([f for f in items if f.kind in (FULL, BUDGET)])
    out: list[tuple[Decimal, Decimal, str, str, tuple[Fact, ...]]] = []
    seen: set[tuple[Decimal, str]] = set()  # (value, expr_zh) of the budgets so far

    def add(parts: list[Fact], zh: str, en: str) -> None:
        value = sum((f.value for f in parts), Decimal(0))
        if value <= 0:
            return
        half = sum((f.half_unit for f in parts), Decimal(0))
        key = (value, zh)
        if key in seen:
            return
        seen.add(key)
        out.append((value, half, zh, en, tuple(parts)))

    for o in opening:
        add([o], f"年初预算 {_money(o.value)}", f"opening budget {_money(o.value)}")
        for a in adjusts:
            add(
                [o, a],
                f"(年初预算 {_money(o.value)} + 调整 {_money(a.value)})",
                f"(opening {_money(o.value)} + adjustment {_money(a.value)})",
            )
            for c in carries:
                add(
                    [o, a, c],
                    f"(年初 {_money(o.value)} + 调整 {_money(a.value)} + 结转 {_money(c.value)})",
                    f"(opening {_money(o.value)} + adjustment {_money(a.value)} + carry-over "
                    f"{_money(c.value)})",
                )
        for c in carries:
            add(
                [o, c],
                f"(年初预算 {_money(o.value)} + 上年结转 {_money(c.value)})",
                f"(opening {_money(o.value)} + carry-over {_money(c.value)})",
            )
    for b in fulls:
        add([b], f"预算 {_money(b.value)}", f"budget {_money(b.value)}")
        for c in carries:
            add(
                [b, c],
                f"(预算 {_money(b.value)} + 上年结转 {_money(c.value)})",
                f"(budget {_money(b.value)} + carry-over {_money(c.value)})",
            )
    return out


def _prefer_expense(items: list[Fact]) -> list[Fact]:
    """Spending-side budgets when stated, with unsaid ones; else income-side or unsaid ones. A
    spending rate pairs with the budget of its own kind: beside a stated expenditure budget, an
    income budget (收入预算1116.20万元 against 支出预算1824.15万元) is no reading of it."""
    exp = [f for f in items if f.side == "expense"]
    rest = [f for f in items if f.side != "expense" and not (exp and f.side == "income")]
    seen: set[Decimal] = {f.value for f in exp}
    return exp + [f for f in rest if f.value not in seen]


def _ratio(
    num: Fact | list[Fact], den: tuple[Decimal, Decimal]
) -> tuple[Decimal, Decimal, Decimal]:
    """num / den in percent, with the interval the figures' rounding allows."""
    nums = num if isinstance(num, list) else [num]
    n = sum((f.value for f in nums), Decimal(0))
    nh = sum((f.half_unit for f in nums), Decimal(0))
    d, dh = den
    value = n / d * 100
    lo = (n - nh) / (d + dh) * 100 if d + dh > 0 else value
    hi = (n + nh) / (d - dh) * 100 if d - dh > 0 else value
    return value, min(lo, value), max(hi, value)


def _matches(stated: Indicator, lo: Decimal, hi: Decimal, slack: Decimal = Decimal(0)) -> bool:
    """Whether a computed interval agrees with the stated value, rounded or truncated."""
    assert stated.quantity is not None
    s = stated.quantity.base
    h = stated.quantity.half_unit
    eps = Decimal("1e-9") + slack
    # Rounded: [s-h, s+h]; truncated: [s, s+2h).
    return hi >= s - h - eps and lo <= s + 2 * h + eps


def _rounds(stated: Indicator, lo: Decimal, hi: Decimal, slack: Decimal) -> bool:
    """Whether a computed interval meets the stated value's rounding interval alone."""
    assert stated.quantity is not None
    s = stated.quantity.base
    h = stated.quantity.half_unit
    eps = Decimal("1e-9") + slack
    return hi >= s - h - eps and lo <= s + h + eps


class _Truncated(NamedTuple):
    """A rate R001 accepted only as truncated: the claim and the reading that gives it."""

    ind: Indicator
    reading: Reading


def _truncated(doc: Document) -> list[_Truncated]:
    """The rates R001 accepted only by truncation (filled while R001's results are computed)."""
    found: list[_Truncated] = doc.cached("rates.truncated", lambda d: [])
    return found


def _readings(doc: Document, kind: str, topic: str) -> list[Reading]:
    """Every reading of a `kind` rate from the facts of `topic` (once per document)."""
    memo: dict[tuple[str, str], list[Reading]] = doc.cached("rates.readings", lambda d: {})
    if (kind, topic) not in memo:
        memo[kind, topic] = _all_readings(doc, kind, topic)
    return memo[kind, topic]


def _topic_items(doc: Document, topic: str) -> list[Fact]:
    memo: dict[str, list[Fact]] = doc.cached("rates.items", lambda d: {})
    if topic not in memo:
        memo[topic] = current(doc, [f for f in facts(doc) if f.topic == topic])
    return memo[topic]


def _all_readings(doc: Document, kind: str, topic: str) -> list[Reading]:
    items = _topic_items(doc, topic)
    out: list[Reading] = []
    if kind in (EXEC, COST, SG_CTRL):
        spend = [f for f in items if f.kind == SPENDING]
        budgets = _budgets(items) if spend else []
        for sp in spend:
            for value, half, zh, en, parts in budgets:
                v, lo, hi = _ratio(sp, (value, half))
                out.append(
                    Reading(
                        v,
                        lo,
                        hi,
                        f"{_money(sp.value)} ÷ {zh} = {_pct(v)}%",
                        f"{_money(sp.value)} / {en} = {_pct(v)}%",
                        (sp, *parts),
                    )
                )
    elif kind == ADJ:
        opening = _prefer_expense([f for f in items if f.kind == OPENING])
        generic = _prefer_expense([f for f in items if f.kind == BUDGET])
        adjusts = [f for f in items if f.kind == ADJUST]
        for a in adjusts:
            for o in opening + generic:
                v, lo, hi = _ratio(a, (o.value, o.half_unit))
                out.append(
                    Reading(
                        abs(v),
                        min(abs(lo), abs(hi)),
                        max(abs(lo), abs(hi)),
                        f"{_money(a.value)} ÷ {_money(o.value)} = {_pct(v)}%",
                        f"{_money(a.value)} / {_money(o.value)} = {_pct(v)}%",
                        (a, o),
                    )
                )
            for o in generic:
                base = o.value - a.value
                if base > 0:
                    v, lo, hi = _ratio(a, (base, o.half_unit + a.half_unit))
                    out.append(
                        Reading(
                            abs(v),
                            min(abs(lo), abs(hi)),
                            max(abs(lo), abs(hi)),
                            f"{_money(a.value)} ÷ ({_money(o.value)} − {_money(a.value)})"
                            f" = {_pct(v)}%",
                            f"{_money(a.value)} / ({_money(o.value)} - {_money(a.value)})"
                            f" = {_pct(v)}%",
                            (a, o),
                        )
                    )
    elif kind == CARRY:
        balances = [f for f in items if f.kind == CARRY_BALANCE]
        spend = [f for f in items if f.kind == SPENDING]
        for b in balances:
            dens: list[tuple[Decimal, Decimal, str, tuple[Fact, ...]]] = [
                (f.value, f.half_unit, _money(f.value), (f,)) for f in spend
            ]
            dens += [(v, h, zh, p) for v, h, zh, _en, p in _budgets(items)]
            for value, half, zh, parts in dens:
                v, lo, hi = _ratio(b, (value, half))
                out.append(
                    Reading(
                        v,
                        lo,
                        hi,
                        f"{_money(b.value)} ÷ {zh} = {_pct(v)}%",
                        f"{_money(b.value)} / {zh} = {_pct(v)}%",
                        (b, *parts),
                    )
                )
    elif kind == STAFF_RATE:
        staff = [f for f in items if f.kind == STAFF]
        quota = [f for f in items if f.kind == QUOTA]
        for s in staff:
            for q in quota:
                if q.value <= 0:
                    continue
                v, lo, hi = _ratio(s, (q.value, Decimal(0)))
                out.append(
                    Reading(
                        v,
                        lo,
                        hi,
                        f"{fmt(s.value)} ÷ {fmt(q.value)} = {_pct(v)}%",
                        f"{fmt(s.value)} / {fmt(q.value)} = {_pct(v)}%",
                        (s, q),
                    )
                )
    elif kind == SG_CHANGE:
        year = main_year(doc)
        spend = [f for f in facts(doc) if f.topic == "sangong" and f.kind == SPENDING]
        this = [f for f in spend if f.year in ("this", year) or (not f.year)]
        prev = [
            f
            for f in spend
            if f.year == "prev" or (f.year.isdigit() and year and int(f.year) == int(year) - 1)
        ]
        for c in this:
            for p in prev:
                if p.value <= 0 or c is p:
                    continue
                diff = c.value - p.value
                v = diff / p.value * 100
                h = c.half_unit + p.half_unit
                lo = (diff - h) / (p.value + p.half_unit) * 100
                hi = (diff + h) / (p.value - p.half_unit) * 100 if p.value > p.half_unit else v
                lo, hi = sorted((abs(lo), abs(hi)))
                if diff - h <= 0 <= diff + h:
                    lo = Decimal(0)
                out.append(
                    Reading(
                        abs(v),
                        lo,
                        hi,
                        f"({_money(c.value)} − {_money(p.value)}) ÷ {_money(p.value)} = {_pct(v)}%",
                        f"({_money(c.value)} - {_money(p.value)}) / {_money(p.value)} = {_pct(v)}%",
                        (c, p),
                    )
                )
    return out


_INTERIM = lazy(r"(?<![\d])(?:[1-9]|1[01])月(?:底|末|份|止|为止)?|半年|季度|进度|预计")


def _interim(doc: Document, ind: Indicator) -> bool:
    """A rate "截至9月底" or for a half-year is not the year's rate."""
    norm = doc.norm
    s = max(norm.rfind(ch, 0, ind.name_start) for ch in "。；;\n")
    return bool(_INTERIM.search(norm, s + 1, ind.end))


def _closest(readings: list[Reading], stated: Decimal, n: int = 4) -> list[Reading]:
    """Up to n readings with distinct values, the closest to the stated value first."""
    out: list[Reading] = []
    for r in sorted(readings, key=lambda r: abs(r.value - stated)):
        if all(abs(r.value - o.value) > Decimal("0.005") for o in out):
            out.append(r)
            if len(out) == n:
                break
    return out


def _claim_topic(doc: Document, ind: Indicator) -> str:
    return topic_of(doc, ind.name, ind.name_start)


@check(RATE_MISMATCH)
def rate_mismatch(doc: Document) -> Iterator[Hit | Relation]:
    # Copies: the engine may set a hit's severity, and the cached list is shared with R020.
    yield from (h if isinstance(h, Relation) else replace(h) for h in _rate_results(doc))


def rate_mismatch_hits(doc: Document) -> list[Hit]:
    """R001's hits, computed once per document (R020 leaves the rates R001 judges to it)."""
    return [h for h in _rate_results(doc) if isinstance(h, Hit)]


def _rate_results(doc: Document) -> list[Hit | Relation]:
    """R001's hits and the rates that held, computed once per document."""
    found: list[Hit | Relation] = doc.cached(
        "rate_mismatch_hits", lambda d: list(_rate_mismatch(d))
    )
    return found


def _rate_mismatch(doc: Document) -> Iterator[Hit | Relation]:
    for ind in indicators(doc):
        if ind.dimension != "percent" or ind.comparator != EQ or ind.role == TARGET:
            continue
        if ind.role not in (ACTUAL, UNKNOWN) or ind.quantity is None or ind.distributive:
            continue
        kind = rate_kind(ind.name)
        if kind is None or _interim(doc, ind):
            continue
        topic = "sangong" if kind in (SG_CTRL, SG_CHANGE) else _claim_topic(doc, ind)
        if kind in (EXEC, COST) and topic not in ("dept", "sangong"):
            continue  # 基本支出/项目支出 rates: the report rarely states their own budgets
        readings = _readings(doc, kind, topic)
        if not readings:
            continue
        slack = doc.tolerances.percent_points
        held = next((r for r in readings if _matches(ind, r.lo, r.hi, slack)), None)
        if held is not None:
            spans = [(ind.quantity.start, ind.quantity.end), *(f.number_span for f in held.facts)]
            yield relation("rate", spans, f"{held.expr}，报告称 {ind.quantity.raw}")
            if not any(_rounds(ind, r.lo, r.hi, slack) for r in readings):
                _truncated(doc).append(_Truncated(ind, held))
            continue
        shown = _closest(readings, ind.quantity.base)
        note_zh = note_en = ""
        severity = None
        if kind == COST:
            note_zh = "（按部门决算支出 ÷ 预算的口径；若成本控制率另有口径，请在报告中说明）"
            note_en = " (read as spending / budget; if the report defines it otherwise, say so)"
            severity = Severity.WARNING
        if kind != STAFF_RATE:
            note_zh = "（金额单位：万元）" + note_zh
            note_en = " (amounts in 万元)" + note_en
        spans = [*ind.spans()]
        for r in shown[:1]:
            spans.extend(f.number_span for f in r.facts)
        yield RATE_MISMATCH.hit(
            spans,
            {
                "name": rx.sub(r"\s+", "", doc.text[ind.name_start : ind.name_end]),
                "stated": f"{fmt(ind.quantity.value)}%",
                "readings": "；".join(r.expr for r in shown),
                "readings_en": "; ".join(r.expr_en for r in shown),
                "computed": [_pct(r.value) for r in shown],
                "note_zh": note_zh,
                "note_en": note_en,
            },
            severity=severity,
        )


@check(RATE_TRUNCATED)
def rate_truncated(doc: Document) -> Iterator[Hit]:
    _rate_results(doc)  # fills the list of truncated rates
    for t in _truncated(doc):
        q = t.ind.quantity
        assert q is not None
        if q.half_unit != Decimal("0.5"):
            continue  # finer than a whole percent: the cut moves the rate by a trifle
        rounded = t.reading.value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if rounded == q.base:
            continue
        yield RATE_TRUNCATED.hit(
            [*t.ind.spans(), *(f.number_span for f in t.reading.facts)],
            {
                "name": rx.sub(r"\s+", "", doc.text[t.ind.name_start : t.ind.name_end]),
                "stated": f"{fmt(q.value)}%",
                "expr": t.reading.expr,
                "expr_en": t.reading.expr_en,
                "rounded": fmt(rounded),
            },
        )


@check(BALANCE_MISMATCH)
def balance_mismatch(doc: Document) -> Iterator[Hit | Relation]:
    for bal in facts(doc):
        if bal.kind != BUDGET_BALANCE:
            continue
        items = _topic_items(doc, bal.topic)
        spend = [f for f in items if f.kind == SPENDING]
        readings: list[tuple[Decimal, Decimal, str, str, tuple[Fact, ...]]] = []
        budgets = _budgets(items) if spend else []
        for sp in spend:
            for value, half, zh, en, parts in budgets:
                diff = value - sp.value
                readings.append(
                    (
                        diff,
                        half + sp.half_unit,
                        f"{zh} − {_money(sp.value)} = {_money(diff)}万元",
                        f"{en} - {_money(sp.value)} = {_money(diff)}",
                        (sp, *parts),
                    )
                )
        if not readings:
            continue
        tol_own = bal.half_unit
        held = [r for r in readings if abs(r[0] - bal.value) <= r[1] + tol_own]
        if held:
            spans = [(bal.quantity.start, bal.quantity.end), *(f.number_span for f in held[0][4])]
            yield relation("sum", spans, held[0][2])
            continue
        readings.sort(key=lambda r: abs(r[0] - bal.value))
        shown = []  # the four closest with different values
        values: set[Decimal] = set()
        for r in readings:
            if r[0] not in values:
                values.add(r[0])
                shown.append(r)
                if len(shown) == 4:
                    break
        spans = [(bal.start, bal.end), *(f.number_span for f in shown[0][4])]
        yield BALANCE_MISMATCH.hit(
            spans,
            {
                "stated": bal.quantity.raw,
                "readings": "；".join(r[2] for r in shown),
                "readings_en": "; ".join(r[3] for r in shown),
                "computed": [_money(r[0]) for r in shown],
            },
        )
