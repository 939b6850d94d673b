"""One named item's amount given two values in different places of the report.

"项目支出2604.1万元，其中：案件审判414.35万元；…" in one section and "案件审判411.95万元，年末结算
支出411.95万元" in another give the same item two amounts. Compared only when the label is a bare
name (an item or project, four characters or more, no figure, no budget/spending/period word:
those are D001's labelled facts), exactly one of the two is a part of a stated breakdown (an item
of the report's own accounts, named again on its own; two breakdowns may be two allocations), the
name carries an amount exactly twice, and the two
statements stand in different sentences with no comparison (上年, 同比 …) around them.

Two figures under different scopes are different quantities: when each of the two stands in a
breakdown of its own (a sentence listing parts after 其中/包括, even when that total is hidden
or unread), or the two sentences name different batches (第一批/第二批) or different documents
(文号), they are two allocations, not one amount stated twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.amounts import Node, figure_trees
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

ITEM_AMOUNT_TWICE = rule(
    code="D005",
    fix_zh="核实该项目（事项）的金额，全文统一；若两处口径不同（预算与决算、不同年度），请注明。",
    name="item-amount-twice",
    kind="contradiction",
    severity=Severity.WARNING,
    family="consistency",
    title_zh="同一项目金额前后不一致",
    title_en="One item's amount stated with two values",
    message_zh="“{label}”此处为 {value}，第{other_line}行为 {other_value}，同一项目金额前后不一致",
    message_en="'{label}' is {value} here but {other_value} on line {other_line}",
    what="Finds an item or project named with an amount in a stated breakdown (其中 …) and named "
    "again elsewhere with a different amount, when the name is a bare item name (no budget, "
    "spending or period word), carries an amount exactly twice, and neither statement is a "
    "comparison.",
    why="Two amounts for one item mean at least one is wrong, or the two are different measures "
    "(budget and spending) the report does not name.",
    example="项目支出2604.1万元，其中：案件审判414.35万元，其他法院支出2189.75万元。\n"
    "1.3 项目实施情况\n案件审判411.95万元，已全部支付。",
    counterexample="项目支出2604.1万元，其中：案件审判414.35万元，其他法院支出2189.75万元。\n"
    "1.3 项目实施情况\n案件审判414.35万元，已全部支付。",
    fix="Find the item's right amount and use it everywhere; if the two are different measures "
    "(budget and spending, two years), say so.",
)

_NAME = lazy(r"^[\u4e00-\u9fff“”\"]{4,16}$")
_NOT_NAME = lazy(
    r"预算|决算|支出|收入|结转|结余|合计|总计|共计|小计|其中|上年|去年|本年|当年|年初|年末|全年|"
    r"年度|计划|目标|累计|实际|已|未|完成|拨付|支付|下达|安排|到位|调整|增加|减少|节约|超支|"
    r"编制|人员|在职|退休|共有|包括|分别|执行|使用|发放|结算|批复|申请|投入|预计"
)
_COMPARE = lazy(r"上年|去年|同比|较|比20\d\d|增长|下降|增加|减少")
_SENT = "。；;！？!?\n"
# A sentence that lists parts: the figure after this marker is an item of a breakdown.
_AMONG = lazy(r"其中|包括|包含")
_BATCH = lazy(r"第[一二三四五六七八九十\d]{1,3}批")
_DOC_NO = lazy(r"[〔【\[(（]\s*20\d\d\s*[〕】\])）]?\s*\d{1,4}\s*号")


_REACH = 240  # how far a sentence is read around a figure (bounds the work on one long line)


def _sentence(norm: str, pos: int) -> tuple[int, int]:
    lo, hi = max(0, pos - _REACH), min(len(norm), pos + _REACH)
    s = max(lo - 1, max(norm.rfind(ch, lo, pos) for ch in _SENT)) + 1
    ends = [i for i in (norm.find(ch, pos, hi) for ch in _SENT) if i >= 0]
    return s, min(ends) if ends else hi


def _in_breakdown(norm: str, node: Node, sent: tuple[int, int]) -> bool:
    """Whether the figure is an item of a breakdown: read under a total, or listed after a
    其中/包括 of its own sentence (a total the reader could not see, e.g. hidden by the page)."""
    return node.parent is not None or _AMONG.search(norm, sent[0], node.label_start) is not None


def _scope(norm: str, node: Node, sent: tuple[int, int]) -> tuple[int, int]:
    """The figure's sentence, widened back to its total's sentence when it is a part."""
    root = node
    while root.parent is not None:
        root = root.parent
    if root is node:
        return sent
    return min(sent[0], _sentence(norm, root.q.start)[0]), sent[1]


def _other_scope(norm: str, a: Node, sa: tuple[int, int], b: Node, sb: tuple[int, int]) -> bool:
    """Whether the two figures stand under different scopes: each in a breakdown of its own,
    or sentences naming different batches or document numbers."""
    if _in_breakdown(norm, a, sa) and _in_breakdown(norm, b, sb):
        return True
    ra, rb = _scope(norm, a, sa), _scope(norm, b, sb)
    for marker in (_BATCH, _DOC_NO):
        xa = {m.group() for m in marker.finditer(norm, *ra)}
        xb = {m.group() for m in marker.finditer(norm, *rb)}
        if xa and xb and xa != xb:
            return True
    return False


@check(ITEM_AMOUNT_TWICE)
def item_amount_twice(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    by_label: dict[str, dict[int, Node]] = defaultdict(dict)
    for node in figure_trees(doc):
        if node.q.dimension != "money":
            continue
        label = node.label.strip()
        if _NAME.match(label) and not _NOT_NAME.search(label):
            by_label[label][node.q.start] = node  # a node may appear under its parent too
    for label, at in by_label.items():
        if len(at) != 2:
            continue
        a, b = sorted(at.values(), key=lambda n: n.q.start)
        if (a.parent is None) == (b.parent is None):
            continue  # neither is an item of a breakdown, or both are: two allocations
        if abs(a.q.base - b.q.base) <= a.q.half_unit + b.q.half_unit:
            continue
        sa, sb = _sentence(norm, a.q.start), _sentence(norm, b.q.start)
        if sa == sb or _COMPARE.search(norm, *sa) or _COMPARE.search(norm, *sb):
            continue
        if _other_scope(norm, a, sa, b, sb):
            continue  # two allocations: two breakdowns, batches or documents
        ya = set(rx.findall(r"(20\d\d)年", norm[sa[0] : sa[1]]))
        yb = set(rx.findall(r"(20\d\d)年", norm[sb[0] : sb[1]]))
        if ya and yb and ya != yb:
            continue  # two years' figures
        claim, other = (b, a) if a.parent is not None else (a, b)
        yield ITEM_AMOUNT_TWICE.hit(
            [(claim.label_start, claim.q.end), (other.label_start, other.q.end)],
            {
                "label": label,
                "value": claim.q.raw,
                "other_value": other.q.raw,
                "other_line": doc.line_col(other.q.start)[0],
            },
        )
