"""Shares: "X万元，占Y%" recomputed from the part and the total it belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.amounts import Node, figure_trees
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, fmt
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


def _within(stated: Quantity, part: Node, total: Node, tol: Tolerances) -> tuple[bool, Decimal]:
    computed = part.value / total.value * 100
    half = Decimal(5) * Decimal(10) ** (-stated.decimals - 1)
    # Rounding of the two figures moves the ratio by at most this much.
    spread = computed * (part.q.half_unit / part.value + total.q.half_unit / total.value)
    if part.q.decimals == 0 and total.q.decimals == 0 and part.q.dimension == "count":
        spread = Decimal(0)
    allowed = half + tol.rounding_of(spread) + tol.percent_points + Decimal("1e-9")
    return abs(stated.base - computed) <= allowed, computed


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


@check(SHARE_MISMATCH)
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
        (_, computed), total = results[0]
        places = stated.decimals + 1
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
