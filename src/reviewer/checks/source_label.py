"""A whole amount called one source's money while its own split gives that source only part.

"项目批复总投资61.8万元，其中中央财政资金30.9万元，县财政配套资金30.9万元，2021年度中央下达
资金61.8万元": the split says 30.9 of the 61.8 is central money, and the same sentence calls all
61.8 central. A split whose parts name different sources (中央, 省级, 市级, 县级, 地方, 自筹 …) is
read from the figure trees; a figure elsewhere in the paragraph, or in the next two, labelled
with one of those sources and equal to the split's total, contradicts the part of that source.
Figures of another stated year are not compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.amounts import Node, Relation, figure_trees, relations, rounding
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

WHOLE_CALLED_ONE_SOURCE = rule(
    code="D003",
    fix_zh="按资金来源如实表述：总额中各来源分别多少，不要把全部资金称为某一来源的资金。",
    name="whole-called-one-source",
    kind="contradiction",
    severity=Severity.WARNING,
    family="consistency",
    title_zh="资金来源表述与分项不符",
    title_en="A whole amount is called one source's money, against its own split",
    message_zh="称“{label}{amount}”，但{total_label} {amount} 的分项中{source}资金为 {part}"
    "（{parts}）",
    message_en="'{label}{amount}' calls the whole amount {source} money, but the split of "
    "{total_label} {amount} gives {source} money as {part} ({parts})",
    what="Reads a split of a total by source of funds (中央, 省级, 市级, 县级, 地方, 自筹) and "
    "looks, nearby, for a figure equal to the total but labelled as one source's money.",
    why="Calling the whole amount one source's money misstates where the money came from; "
    "reviewers reconcile the sources of project money against the allocation documents.",
    example="项目批复总投资61.8万元，其中中央财政资金30.9万元，县财政配套资金30.9万元，"
    "2021年度中央下达资金61.8万元。",
    counterexample="项目批复总投资61.8万元，其中中央财政资金30.9万元，县财政配套资金30.9万元，"
    "2021年度共计下达资金61.8万元。",
    fix="State how much of the total came from each source; do not call the whole one "
    "source's money.",
)

_SOURCE = lazy(r"中央|省级?|市级?|县级?|区级?|乡镇|镇级|地方|自筹|社会")
_FUNDS = lazy(r"资金|拨款|补助|投资|经费")
_YEAR = lazy(r"(?:19|20)\d\d(?=年)")
_NEAR = 2  # paragraphs after the split


def _source(label: str) -> str:
    if not _FUNDS.search(label):
        return ""
    found = {rx.sub(r"级$", "", m) for m in _SOURCE.findall(label)}
    # "中央和省级资金" names two sources: the whole may well be theirs.
    return found.pop() if len(found) == 1 else ""


def _paragraph_end(norm: str, pos: int, paragraphs: int) -> int:
    end = pos
    for _ in range(paragraphs + 1):
        nxt = norm.find("\n", end + 1)
        if nxt < 0:
            return len(norm)
        end = nxt
    return end


def _paragraph_start(norm: str, pos: int) -> int:
    return norm.rfind("\n", 0, pos) + 1


@check(WHOLE_CALLED_ONE_SOURCE)
def whole_called_one_source(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    money = [n for n in figure_trees(doc) if n.q.dimension == "money"]
    for rel in relations(doc):
        if rel.total.q.dimension != "money":
            continue
        sources = {p: _source(p.label) for p in rel.parts}
        if len({s for s in sources.values() if s}) < 2:
            continue  # not a split by source
        lo = _paragraph_start(norm, rel.total.q.start)
        hi = _paragraph_end(norm, rel.parts[-1].q.end, _NEAR)
        for node in money:
            if not lo <= node.q.start < hi or node is rel.total or node in rel.parts:
                continue
            hit = _judge(doc, rel, sources, node)
            if hit is not None:
                yield hit
                break


def _judge(doc: Document, rel: Relation, sources: dict[Node, str], node: Node) -> Hit | None:
    total = rel.total
    source = _source(node.label)
    if not source:
        return None
    if abs(node.value - total.value) > rounding([node.q, total.q]):
        return None
    years = {y for n in (total, node) for y in _YEAR.findall(n.label)}
    if len(years) > 1:
        return None  # another year's money
    mine = [p for p, s in sources.items() if s == source]
    if len(mine) != 1 or mine[0].value >= total.value:
        return None
    part = mine[0]
    scale = total.q.scale
    return WHOLE_CALLED_ONE_SOURCE.hit(
        [(node.label_start, node.q.end), (part.label_start, part.q.end)],
        {
            "label": node.label,
            "amount": f"{fmt(total.value / scale)}{total.q.unit}",
            "total_label": total.label or "合计",
            "source": source,
            "part": f"{fmt(part.value / scale)}{total.q.unit}",
            "parts": "、".join(f"{p.label} {fmt(p.value / scale)}" for p in rel.parts),
        },
    )
