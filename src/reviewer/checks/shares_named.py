"""A share that names its own base: "在职人员136人，占核定编制数143人的比率为95.10%".

The part is the figure right before 占, the base the one figure inside the 占 phrase (same
dimension and unit kind), and the share the percentage that closes the phrase (的比率/比例/比重
为 …%). Both figures are the report's, side by side: the share is their quotient to the digits
written, rounded or truncated.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_quantities, fmt
from reviewer.regex import lazy

NAMED_BASE_SHARE_MISMATCH = rule(
    code="P002",
    fix_zh="用同句的两个数重算占比，或更正有误的数字。",
    name="named-base-share-mismatch",
    kind="share_mismatch",
    severity=Severity.ERROR,
    family="shares",
    title_zh="占比与同句的两个数不符",
    title_en="Share does not match the part and the base it names",
    message_zh="{part} ÷ {base} = {computed}%，报告称占比 {stated}",
    message_en="{part} / {base} = {computed}%, but the report states {stated}",
    what="Reads 'A，占 … B 的(比率/比例/比重)(为) Z%' — a part, then a share whose phrase names "
    "its base with a figure — and checks Z against A ÷ B to the digits written (rounded or "
    "truncated).",
    why="Part, base and share stand in one sentence; when the share is not their quotient, one "
    "of the three figures is a typo.",
    example="本单位年末实际在职人员为136人，占编委核定的落实编制数143人的比率为59.10%。",
    counterexample="本单位年末实际在职人员为136人，占编委核定的落实编制数143人的比率为95.10%。",
    fix="Recompute the share from the two figures, or correct the figure that is wrong.",
)

# Between the part and the base: 占 and a label without figures or clause breaks.
_TO_BASE = lazy(r"^[ \t]*[，,]?[ \t]*占[^，,。；;：:\d%]{0,24}$")
# Between the base and the share.
_TO_SHARE = lazy(r"^[ \t]*的?(?:比率|比例|比重|百分比|份额)?[ \t]*(?:为|是|达|约)?[ \t]*$")
_SENT = "。；;！？!?\n"


def _same_kind(a: Quantity, b: Quantity) -> bool:
    if a.dimension != b.dimension or a.dimension not in ("money", "count"):
        return False
    return a.dimension == "money" or a.count_unit == b.count_unit


def _sentences(norm: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in rx.finditer(r"[。；;！？!?\n]", norm):
        if m.start() - start > 6:
            yield start, m.start()
        start = m.end()
    if len(norm) - start > 6:
        yield start, len(norm)


@check(NAMED_BASE_SHARE_MISMATCH)
def named_base_shares(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    for s, e in _sentences(norm):
        if "占" not in norm[s:e]:
            continue
        qs = list(find_quantities(norm, s, e))
        for a, b, p in zip(qs, qs[1:], qs[2:], strict=False):
            if p.dimension != "percent" or not _same_kind(a, b) or b.base <= 0:
                continue
            if not _TO_BASE.match(norm[a.end : b.start]):
                continue
            if not _TO_SHARE.match(norm[b.end : p.start]):
                continue
            yield _judge(a, b, p)


def _judge(a: Quantity, b: Quantity, p: Quantity) -> Hit | Relation:
    value = a.base / b.base * 100
    lo = (a.base - a.half_unit) / (b.base + b.half_unit) * 100
    hi = (a.base + a.half_unit) / max(b.base - b.half_unit, Decimal("1e-9")) * 100
    if a.dimension == "count" and a.decimals == 0 and b.decimals == 0:
        lo = hi = value  # head counts are exact
    h = p.half_unit
    if hi >= p.value - h - Decimal("1e-9") and lo <= p.value + 2 * h + Decimal("1e-9"):
        spans = [(p.start, p.end), (a.start, a.end), (b.start, b.end)]
        shown = fmt(value.quantize(Decimal("0.01")))
        return relation("share", spans, f"{a.raw} ÷ {b.raw} = {shown}%")
    return NAMED_BASE_SHARE_MISMATCH.hit(
        [(p.start, p.end), (a.start, a.end), (b.start, b.end)],
        {
            "part": a.raw,
            "base": b.raw,
            "computed": fmt(value.quantize(Decimal("0.01"))),
            "stated": p.raw,
        },
    )
