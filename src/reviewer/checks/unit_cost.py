"""Count × per-unit standard against the stated amount: "补助标准每人每月500元…共120人…全年72万元".

Read only when the report states all three explicitly: a per-unit standard (0.6万元/个,
每人每月500元, 人均补助标准为0.60万元/生·年), a count in the same unit (9个, 120人; 人, 生 and 名
are one unit), and an amount: first in the standard's own paragraph (共, 合计, 全年, =, 补助资金…);
failing that, the report's one project total when the report has exactly one standard and one
beneficiary count. A monthly standard is tried for a month and for a year, a term standard for a
term and for two; the check warns only when no reading gives the amount.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import MONEY_SCALE, Quantity, find_quantities, fmt, half_digit
from reviewer.regex import lazy

UNIT_COST_MISMATCH = rule(
    code="T020",
    fix_zh="核对补助对象数量、补助标准和资金总额，三者应相符；若资金另有用途或标准有调整，请说明。",
    name="unit-cost-mismatch",
    kind="contradiction",
    severity=Severity.WARNING,
    family="totals",
    title_zh="数量×标准与金额不符",
    title_en="Count times the per-unit standard does not give the amount",
    message_zh="{count} × {standard} = {readings}，报告称 {total}{note_zh}",
    message_en="{count} × {standard} = {readings_en}, but the report states {total}{note_en}",
    what="Multiplies a stated count (9个, 120人) by the stated per-unit standard (0.6万元/个, "
    "每人每月500元) and compares the product with the amount the report gives for it (in the "
    "same paragraph, or the one project total when the report has one standard and one count).",
    why="An amount that the count and the standard do not give means one of the three is wrong, "
    "or money went to something the report does not explain.",
    example="补助标准每人每月500元，全年共补助120人，发放补助资金共计70万元。",
    counterexample="补助标准每人每月500元，全年共补助120人，发放补助资金共计72万元。",
    fix="Check the count, the standard and the amount; if part of the money went elsewhere or "
    "the standard changed, say so.",
)

COMPUTED_MISMATCH = rule(
    code="T090",
    fix_zh="按数量×标准重新测算金额，或更正报告所列的数量、标准或金额。",
    name="computed-amount-mismatch",
    kind="sum_mismatch",
    severity=Severity.WARNING,
    family="totals",
    title_zh="按标准测算的金额与数量×标准不符",
    title_en="An amount the report says it computed from a standard does not follow from it",
    message_zh="报告称按{standard}的标准测算得{total}，而 {count} × {standard} = {readings}",
    message_en="The report says {total} was computed at {standard}, but {count} × {standard} "
    "= {readings_en}",
    what="A per-unit standard (每卷(册)2元, 每人每月500元, 0.6万元/个) whose own sentence says an "
    "amount was computed from it (按…标准测算/计算/核算/核定), with one count in the standard's "
    "unit stated in the paragraph (a unit in brackets after the standard's, 每卷(册), is the "
    "same unit): the amount must be count × standard, units converted (元 against 万元).",
    why="The report states the amount as the product; when the product of its own count and "
    "standard differs, one of the three figures is wrong.",
    example="馆藏档案合计共132697卷，按照每卷(册)2元的标准测算，争取到财政资金21.44万元。",
    counterexample="馆藏档案合计共132697卷，按照每卷(册)2元的标准测算，争取到财政资金26.54万元。",
    fix="Recompute the amount as count × standard, or correct the count, standard or amount.",
)

_PERSON = {"人", "生", "名"}
_UNIT = (
    r"人次|人|生|名|户|个|所|家|亩|座|辆|台|套|处|次|校|卷|册|件|盒|盘|本|份|张|只|头|株|棵|"
    r"平方米|立方米|公里|米|吨"
)
# An amount the report says it computed from the standard: "按照每卷(册)2元的标准测算，…资金X".
_COMPUTED = lazy(r"测算|计算|核算|核定")
# "0.60万元/生·年", "3000元/人", "500 元/人/月".
_PER_SLASH = lazy(
    # A figure starts where its digits start: no retry inside a run of digits (linear time).
    rf"(?<![\d.])(?P<num>\d+(?:\.\d+)?)[ \t]*(?P<money>万元|元)[ \t]*/[ \t]*(?P<unit>{_UNIT})"
    r"(?:[./·・][ \t]*(?P<per>年|月|学期))?(?![\u4e00-\u9fff]{0,1}\d)"
)
# "每人每月500元", "每生每年补助0.6万元", "按每户2000元".
_PER_EACH = lazy(
    rf"每(?P<unit>{_UNIT})(?:[(（](?P<alt>[^()（）\d]{{1,12}})[)）])?(?:每(?P<per>年|月|学期))?"
    r"(?:补助|补贴|发放|奖补|资助)?[ \t]*"
    r"(?P<num>\d+(?:\.\d+)?)[ \t]*(?P<money>万元|元)"
)
_STANDARD_WORDS = lazy(r"标准|单价|补助|补贴|奖补|资助|生均")
_COUNT_BEFORE = lazy(
    r"(?:共|合计|累计|全年|实际|补助|资助|受助|享受|发放|覆盖|惠及|涉及|人数|户数|对象|为|"
    r"购置|采购|购买|建设|新建|完成|培训)"
    r"[\u4e00-\u9fff]{0,6}$"
)
_TOTAL_BEFORE = lazy(
    r"(?:共计|合计|总计|共|全年|总额|=|资金|金额|经费|支出|发放|拨付)[\u4e00-\u9fff]{0,2}[ \t]*$"
)
_PROJECT_TOTAL = lazy(
    r"(?:资金总额|总金额|全年预算(?:资金|数)?|预算资金|项目资金|补助资金)(?:为|共)?$"
)
_BENEFICIARY_COUNT = lazy(
    r"(?:补助|资助|受助|享受|发放|受益)(?:对象|学生|人数|户数|人员)?(?:人数|户数)?(?:为|共|达)?$"
)


class _Standard(NamedTuple):
    value: Decimal  # yuan per unit
    half: Decimal  # the rounding the written standard may carry, in yuan
    unit: str
    per: str  # 年, 月, 学期 or ""
    start: int
    end: int
    raw: str
    alt: tuple[str, ...] = ()  # units in brackets after the standard's: 每卷(册) → ('册',)


def _paragraph(norm: str, pos: int) -> tuple[int, int]:
    s = norm.rfind("\n", 0, pos) + 1
    e = norm.find("\n", pos)
    return s, len(norm) if e < 0 else e


def _same_unit(a: str, b: str) -> bool:
    return a == b or (a in _PERSON and b in _PERSON)


def _clause_before(norm: str, pos: int, floor: int) -> str:
    floor = max(floor, norm.rfind("\n", floor, pos) + 1)
    s = max([floor] + [norm.rfind(ch, floor, pos) + 1 for ch in "，,；;。:："])
    return norm[s:pos]


def _standards(doc: Document) -> list[_Standard]:
    norm = doc.norm
    out: list[_Standard] = []
    for pat in (_PER_SLASH, _PER_EACH):
        for m in pat.finditer(norm):
            s, _ = _paragraph(norm, m.start())
            sent = max(s, max(norm.rfind(ch, s, m.start()) for ch in "。；;") + 1)
            # "…标准" before the figure, or right after it ("每卷2元的标准测算").
            if not _STANDARD_WORDS.search(norm, sent, min(len(norm), m.end() + 6)):
                continue
            num, scale = m.group("num"), MONEY_SCALE[m.group("money")]
            places = len(num.split(".", 1)[1]) if "." in num else 0
            half = half_digit(places) * scale
            unit, per = m.group("unit"), m.group("per") or ""
            alt = tuple(
                u for u in rx.split(r"[、,，/]", m.groupdict().get("alt") or "") if u.strip()
            )
            out.append(
                _Standard(Decimal(num) * scale, half, unit, per, m.start(), m.end(), m[0], alt)
            )
    return sorted(out, key=lambda st: st.start)


def _readings(st: _Standard) -> list[tuple[Decimal, str]]:
    if st.per == "月":
        return [(Decimal(1), ""), (Decimal(12), " × 12个月")]
    if st.per == "学期":
        return [(Decimal(1), ""), (Decimal(2), " × 2学期")]
    return [(Decimal(1), "")]


def _count_in(norm: str, q: Quantity, units: tuple[str, ...]) -> bool:
    """Whether `q` counts in one of `units`: a count of that unit, or a bare figure the unit
    follows (132697卷: units the number reader does not know as counts)."""
    if q.dimension == "count":
        return any(_same_unit(q.count_unit, u) for u in units)
    return q.dimension == "bare" and any(norm.startswith(u, q.end) for u in units)


def _inside(q: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(a <= q.start < b for a, b in spans)


def _wan(v: Decimal) -> str:
    return fmt((v / 10000).quantize(Decimal("0.0001")).normalize())


@check(UNIT_COST_MISMATCH, COMPUTED_MISMATCH)
def unit_cost_mismatch(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    standards = _standards(doc)
    spans = [(st.start, st.end) for st in standards]
    one_standard = len({(st.value, st.unit, st.per) for st in standards}) == 1
    document_done = False
    for st in standards:
        ps, pe = _paragraph(norm, st.start)
        quantities = [q for q in find_quantities(norm, ps, pe) if not _inside(q, spans)]
        units = (st.unit, *st.alt)
        counts = [
            q
            for q in quantities
            if _count_in(norm, q, units)
            and q.scale == 1
            and not q.approx
            and _COUNT_BEFORE.search(_clause_before(norm, q.start, ps))
        ]
        totals = [
            q
            for q in quantities
            if q.dimension == "money"
            and q.start > st.end
            and _TOTAL_BEFORE.search(_clause_before(norm, q.start, ps))
        ]
        scope = "paragraph"
        if one_standard and (not counts or not totals):
            if document_done:
                continue
            counts, totals = _document_count_and_total(doc, st, spans)
            scope, document_done = "document", True
        if len({q.value for q in counts}) != 1 or len({q.base for q in totals}) != 1:
            continue
        count, total = counts[0], totals[0]
        n = count.value
        readings = [(n * st.value * k, label) for k, label in _readings(st)]
        factors = [k for k, _ in _readings(st)]
        sent_end = min([i for i in (norm.find(ch, st.end) for ch in "。；;\n") if i >= 0] or [pe])
        computed = (
            scope == "paragraph"
            and total.start < sent_end
            and bool(_COMPUTED.search(norm, st.end, total.start))
        )
        # An amount the report says it computed at the standard takes the standard as exact (a
        # rule's figure, not a measurement): only the amount's own rounding is allowed.
        held = [
            (v, label)
            for (v, label), k in zip(readings, factors, strict=True)
            if abs(v - total.base) <= total.half_unit + (0 if computed else n * st.half * k)
        ]
        # (not `spans`: that names the standards, which every later paragraph skips)
        evidence = [(total.start, total.end), (count.start, count.end), (st.start, st.end)]
        if held:
            text = f"{count.raw} × {st.raw} = {_wan(held[0][0])}万元{held[0][1]}"
            yield relation("sum", evidence, text)
            continue
        data = _readings_data(count, st, total, readings)
        if computed:
            yield COMPUTED_MISMATCH.hit(evidence, data)
            continue
        note_zh = note_en = ""
        if scope == "document":
            note_zh = "（数量、标准与项目资金总额分处不同段落；若资金另有用途，请在报告中说明）"
            note_en = " (count, standard and total stand in different paragraphs; if part of the "
            note_en += "money went elsewhere, the report should say so)"
        yield UNIT_COST_MISMATCH.hit(evidence, {**data, "note_zh": note_zh, "note_en": note_en})


def _readings_data(
    count: Quantity, st: _Standard, total: Quantity, readings: list[tuple[Decimal, str]]
) -> dict[str, object]:
    """What a finding on count × standard vs the total says: the figures as written and each
    reading of the standard's unit."""
    return {
        "count": count.raw.replace(" ", ""),
        "standard": st.raw.replace(" ", ""),
        "readings": "；".join(f"{_wan(v)}万元{lab}" for v, lab in readings),
        "readings_en": "; ".join(f"{_wan(v)} 万元{lab}" for v, lab in readings),
        "total": total.raw.replace(" ", ""),
        "computed": [_wan(v) for v, _ in readings],
    }


def _document_count_and_total(
    doc: Document, st: _Standard, spans: list[tuple[int, int]]
) -> tuple[list[Quantity], list[Quantity]]:
    """The report's one beneficiary count (实际 preferred) and one project total."""
    norm = doc.norm
    counts: list[Quantity] = []
    actual: list[Quantity] = []
    totals: list[Quantity] = []
    for q in find_quantities(norm):
        if _inside(q, spans) or q.approx:
            continue
        clause = _clause_before(norm, q.start, 0)
        if q.dimension == "count" and _same_unit(q.count_unit, st.unit) and q.scale == 1:
            if _BENEFICIARY_COUNT.search(clause):
                counts.append(q)
                if "实际" in clause:
                    actual.append(q)
        elif q.dimension == "money" and _PROJECT_TOTAL.search(clause):
            totals.append(q)
    return (actual or counts), totals
