"""Shares: "X万元，占Y%" recomputed from the part and the total it belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.amounts import Node, figure_trees
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, fmt, half_digit
from reviewer.tolerances import Tolerances

SHARE_MISMATCH = rule(
    code="P001",
    fix_zh="用最终数据重算占比，或更正计算所依据的金额。",
    name="share-mismatch",
    kind="share_mismatch",
    severity=Severity.ERROR,
    family="shares",
    title_zh="占比与金额不符",
    title_en="Stated share does not match the figures",
    message_zh="{part_label} {part} ÷ {total_label} {total} = {computed}%，报告称占 {stated}%",
    message_en="{part} / {total} = {computed}%, but the report states {stated}%",
    what="Recomputes a share stated right after a figure (占X%, 占总支出比重的X%) as the figure "
    "divided by the total it is a part of, to the precision the share is written with.",
    why="Shares are derived numbers; when one disagrees with its own figures, either the share or "
    "a figure is wrong, and readers cannot tell which.",
    example="支出1000万元，其中：基本支出600万元，占65%；项目支出400万元，占40%。",
    counterexample="支出1000万元，其中：基本支出600万元，占60%；项目支出400万元，占40%。",
    fix="Recompute the share from the final figures, or correct the figure it was computed from.",
)


SHARE_UNIT_SLIP = rule(
    code="P005",
    fix_zh="核对该金额的单位（元、万元、亿元），改正后重算占比。",
    name="share-unit-slip",
    kind="unit_mismatch",
    severity=Severity.WARNING,
    family="shares",
    title_zh="占比对不上，疑为金额单位写错",
    title_en="A share that holds only when one figure's unit is corrected",
    message_zh="“{slipped}”的单位疑似写错：按所写单位，{part} ÷ {total} = {computed}%，"
    "报告称占 {stated}%；若读作“{reread}”，占比为 {reread_share}%，与报告相符",
    message_en="'{slipped}' most likely has the wrong unit: as written, {part} / {total} = "
    "{computed}%, but the report states {stated}%; read as '{reread}', the share is "
    "{reread_share}%, as stated",
    what="When a stated share (占X%) does not match its figures as written, but does when one "
    "of the two figures is read in the other's unit (元 for 万元, 亩 for 万亩), reports the unit "
    "most likely written wrong, with both readings, instead of a share mismatch.",
    why="A share that holds to its last digit once a unit is corrected was computed from the "
    "right figures: the error is the unit printed beside one of them, which is off by a factor "
    "of 10,000 for every reader and every sum built on it.",
    example="全年预算数2089元，其中中央资金1777万元，占比85.06%。",
    counterexample="全年预算数2089万元，其中中央资金1777万元，占比85.06%。",
    fix="Check the unit of the figure (元, 万元, 亿元) and correct it; then recompute the share.",
    variants={
        "either": (
            "“{part}”与“{total}”的单位不一致：按所写单位，{part} ÷ {total} = {computed}%，"
            "报告称占 {stated}%；两者按同一单位计，占比为 {reread_share}%，与报告相符，"
            "其中一个单位疑似写错",
            "'{part}' and '{total}' are in different units: as written, {part} / {total} = "
            "{computed}%, but the report states {stated}%; in one unit the share is "
            "{reread_share}%, as stated, so one of the two units is most likely wrong",
        ),
    },
)


def _within(stated: Quantity, part: Node, total: Node, tol: Tolerances) -> tuple[bool, Decimal]:
    return _share_holds(stated, part.q, total.q, tol)


def _share_holds(
    stated: Quantity, part: Quantity, total: Quantity, tol: Tolerances
) -> tuple[bool, Decimal]:
    computed = part.base / total.base * 100
    half = half_digit(stated.decimals)
    # Rounding of the two figures moves the ratio by at most this much.
    spread = computed * (part.half_unit / part.base + total.half_unit / total.base)
    if part.decimals == 0 and total.decimals == 0 and part.dimension == "count":
        spread = Decimal(0)
    allowed = half + tol.rounding_of(spread) + tol.percent_points + Decimal("1e-9")
    return abs(stated.base - computed) <= allowed, computed


def _unit_slip(
    stated: Quantity, part: Node, totals: list[Node], tol: Tolerances
) -> tuple[Node, Quantity | None] | None:
    """The total against which the share holds once the two figures are read in one unit
    (2089元 among parts in 万元: 1777万元 ÷ 2089万元 = 85.06%), and which figure's unit is the odd
    one out among the total and its parts (None when the two alone cannot tell)."""
    for total in totals:
        pq, tq = part.q, total.q
        if pq.dimension != tq.dimension or pq.unit == tq.unit or tq.base <= 0:
            continue
        if pq.dimension not in ("money", "count"):
            continue
        if pq.dimension == "count" and pq.count_unit != tq.count_unit:
            continue  # 人 and 个 are different things, not different scales
        if not _share_holds(stated, pq, tq._replace(unit=pq.unit), tol)[0]:
            continue
        siblings = [
            p.q for bd in total.breakdowns if any(p is part for p in bd.parts) for p in bd.parts
        ]
        units = {q.unit for q in siblings}
        if len(siblings) > 1 and units == {pq.unit}:
            return total, tq  # every part in one unit, the total in another
        if len(siblings) > 1 and tq.unit in units and sum(q.unit == pq.unit for q in siblings) == 1:
            return total, pq  # the part alone in its unit
        return total, None
    return None


def _ancestors(node: Node) -> list[Node]:
    out, cur = [], node.parent
    while cur is not None:
        out.append(cur)
        cur = cur.parent
    return out


def _totals_of_part(doc: Document) -> dict[int, list[Node]]:
    """For each figure (by id), the positive totals of the breakdowns it is a part of."""
    out: dict[int, list[Node]] = {}
    for other in figure_trees(doc):
        for bd in other.breakdowns:
            if bd.total.value > 0:
                for key in dict.fromkeys(id(p) for p in bd.parts):
                    out.setdefault(key, []).append(bd.total)
    return out


@check(SHARE_MISMATCH, SHARE_UNIT_SLIP)
def shares(doc: Document) -> Iterator[Hit | Relation]:
    for node in figure_trees(doc):
        stated = node.share
        if stated is None or node.value <= 0:
            continue
        totals = [t for t in _ancestors(node) if t.value > 0]
        # A total broken down twice ("按性质分…；按经济分类分…") is the parent of both lists.
        if node.parent is None:
            totals += doc.cached("shares.totals_of_part", _totals_of_part).get(id(node), [])
        if not totals:
            continue
        results = [(_within(stated, node, t, doc.tolerances), t) for t in totals]
        held = next(((c, t) for (ok, c), t in results if ok), None)
        if held is not None:
            computed, total = held
            yield relation(
                "share",
                [
                    (stated.start, stated.end),
                    (node.q.start, node.q.end),
                    (total.q.start, total.q.end),
                ],
                f"{node.q.raw} / {total.q.raw} = {fmt(computed, stated.decimals + 1)}%",
            )
            continue
        places = stated.decimals + 1
        slip = _unit_slip(stated, node, totals, doc.tolerances)
        if slip is not None:
            total, slipped = slip
            part_q, total_q = node.q, total.q
            claim = slipped if slipped is not None else total_q
            reread = claim._replace(unit=(total_q if claim is part_q else part_q).unit)
            yield SHARE_UNIT_SLIP.hit(
                [
                    (claim.start, claim.end),
                    (stated.start, stated.end),
                    *[(q.start, q.end) for q in (part_q, total_q) if q is not claim],
                ],
                {
                    "slipped": claim.raw.replace(" ", ""),
                    "reread": f"{reread.value:f}{reread.unit}",
                    "part": f"{part_q.value:f}{part_q.unit}",
                    "total": f"{total_q.value:f}{total_q.unit}",
                    "computed": fmt(part_q.base / total_q.base * 100, places),
                    "stated": f"{stated.value:f}",
                    "reread_share": fmt(part_q.value / total_q.value * 100, places),
                },
                variant=None if slipped is not None else "either",
            )
            continue
        (_, computed), total = results[0]
        yield SHARE_MISMATCH.hit(
            [
                (stated.start, stated.end),
                (node.label_start, node.q.end),
                (total.label_start, total.q.end),
            ],
            {
                "part_label": node.label,
                "part": f"{node.q.value:f}{node.q.unit}",
                "total_label": total.label,
                "total": f"{total.q.value:f}{total.q.unit}",
                "computed": fmt(computed, places),
                "stated": f"{stated.value:f}",
            },
        )
