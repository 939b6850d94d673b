"""Totals vs parts: 其中 / 包括 / 分别为 / 按…分 / a list after a colon, and implicit splits."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

from reviewer.checks.registry import Hit, check, relation, rule
from reviewer.checks.registry import Relation as Held
from reviewer.claims.amounts import (
    Node,
    Relation,
    complete_decomposition,
    figure_trees,
    relations,
    rounding,
    tolerance,
    wide_label,
)
from reviewer.document import Document
from reviewer.document.forms import fold, folds_to_itself
from reviewer.models import Severity
from reviewer.numbers import Quantity, fmt
from reviewer.regex import lazy
from reviewer.tolerances import Tolerances

SUM_MISMATCH = rule(
    code="T001",
    fix_zh="更正合计数或有误的分项，或补列缺少的分项。",
    name="sum-mismatch",
    kind="sum_mismatch",
    severity=Severity.ERROR,
    family="totals",
    title_zh="合计与分项之和不符",
    title_en="Total does not equal the sum of its parts",
    message_zh="分项合计 {expr}，报告称 {stated}（相差 {diff}{unit}）{note}",
    message_en="The parts add up to {expr}, the report states {stated} (off by {diff}{unit})"
    "{note_en}",
    what="Finds a stated total followed by its parts (其中, 包括, 分别为, 按…分, a list after a "
    "colon, a parenthesised breakdown, counts by grade, a list the total is handed out to) and "
    "adds the parts up in Python.",
    why="A total that is not the sum of its parts means one of the figures is wrong; reviewers "
    "check these by hand and an LLM cannot be trusted to add.",
    example="核定事业编制50个，实有43人：A实有16人；B实有11人；C实有4人；D实有7人；E实有3人。",
    counterexample=(
        "核定事业编制50个，实有41人：A实有16人；B实有11人；C实有4人；D实有7人；E实有3人。"
    ),
    fix="Correct the total or the part that is wrong, or name the part that is missing.",
    variants={
        "unit_slip": (
            "“{slipped}”的单位疑似写错：按所写单位，分项合计 {expr}，报告称 {stated}"
            "（相差 {diff}{unit}）；若读作“{reread}”，{expr_reread}，与合计相符",
            "'{slipped}' most likely has the wrong unit: as written the parts add up to {expr}, "
            "the report states {stated} (off by {diff}{unit}); read as '{reread}', "
            "{expr_reread}, which matches",
        ),
    },
)

SUM_ROUNDING = rule(
    code="T002",
    fix_zh="数据本身无误；可注明“尾差”，或调整某一分项的末位数。",
    name="sum-rounding",
    kind="sum_rounding",
    severity=Severity.INFO,
    family="totals",
    title_zh="合计与分项之和存在尾差",
    title_en="Total differs from the sum of its parts by rounding only",
    message_zh="分项合计 {expr}，报告称 {stated}，差 {diff}{unit}，"
    "在各项四舍五入的误差以内（尾差）",
    message_en="The parts add up to {expr}, the report states {stated}: {diff}{unit} apart, "
    "within the rounding of the figures",
    what="Like T001, but the difference is no larger than the rounding the stated figures carry "
    "(half a unit of the last written digit of each).",
    why="Rounding differences are normal but readers notice them; a note that the difference is "
    "rounding saves the reviewer a recomputation.",
    example="决算支出1195.57万元：基本支出981.38万元，项目支出214.18万元。",
    counterexample="决算支出1195.57万元：基本支出981.38万元，项目支出214.19万元。",
    fix="Nothing is wrong; optionally note 尾差 or adjust the last digit of one part.",
)


@check(SUM_MISMATCH, SUM_ROUNDING)
def sums(doc: Document) -> Iterator[Hit | Held]:
    for rel in relations(doc):
        rel = _trim_overflow(rel, doc.norm)
        hit = _judge(rel, doc.tolerances, doc.norm)
        if hit is not None:
            yield hit
        else:
            yield from _held(rel)
    for rel in _totals_after_parts(doc):
        hit = _judge(rel, doc.tolerances, doc.norm)
        if hit is not None and hit.rule is SUM_MISMATCH:
            yield hit
        elif hit is None:
            yield from _held(rel)


# A figure stated after its parts with no 合计 names a whole: "全年资金", "年度…资金", "共…",
# or "…万元全部执行到位".
_WHOLE_LABEL = lazy(r"全年|全部|年度|总|共|合计|累计|全额")
_WHOLE_AFTER = lazy(r"\s*(?:已|均已|已经)?全部")
_SENTENCE_END_RE = lazy(r"[。!?！？\n]")


def _totals_after_parts(doc: Document) -> Iterator[Relation]:
    """'预拨资金3608万元（…），清算资金120万元…，年度资金3738万元全部执行到位': a figure naming a
    whole after two or more smaller figures of its series in its sentence, with no 合计. Read
    only when their sum and the figure differ by one digit or two adjacent digits swapped (a
    typo); any other gap says the figure is another quantity, not their total. An exact sum is
    read too: no finding, but it verifies the figures in the ledger."""
    norm = doc.norm
    glossed = not folds_to_itself(doc)
    nodes = figure_trees(doc)
    in_split = {p for n in nodes for bd in n.breakdowns for p in bd.parts}
    # The sentence of each figure, from one scan for sentence ends (not a search back from
    # every figure, which is quadratic on a line of thousands of figures).
    ends = [m.start() for m in _SENTENCE_END_RE.finditer(norm)]
    sentences: dict[int, list[Node]] = {}
    for n in nodes:
        k = bisect_left(ends, n.q.start)
        start = ends[k - 1] if k else -1
        sentences.setdefault(start, []).append(n)
    for group in sentences.values():
        roots = [n for n in group if n.parent is None and n not in in_split]
        # The earlier roots of each series, with their running largest value and sum: one pass
        # over the sentence, not a scan of the roots before each figure.
        seen: dict[str, list[Node]] = {}
        stats: dict[str, tuple[Decimal, Decimal]] = {}  # series -> (largest, sum) so far
        for x in roots:
            series = seen.setdefault(x.series, [])
            n_parts = len(series)
            largest, total = stats.get(x.series, (Decimal("-Infinity"), Decimal(0)))
            series.append(x)
            stats[x.series] = (max(largest, x.value), total + x.value)
            if x.breakdowns or x.series.startswith(("delta-", "base-")):
                continue
            if n_parts < 2 or largest >= x.value:
                continue
            # (the label strip drops a leading 共: "共建成…基地1250亩" is labelled "建成…"; read
            # through traditional characters and pinyin glosses: 年初預(yù)算合計)
            named = norm[max(0, x.label_start - 1) : x.q.start]
            if glossed:
                named = fold(named)
            if not (_WHOLE_LABEL.search(named) or _WHOLE_AFTER.match(norm, x.q.end)):
                continue
            parts = series[:n_parts]
            gap = abs(total - x.value)
            if gap and (gap <= tolerance([x, *parts]) or not _typo(x.q, total)):
                continue  # (an exact sum goes on: it verifies the figures in the ledger)
            yield Relation(
                total=x, parts=tuple(parts), marker="after", extended=False, cross_series=False
            )


def _held(rel: Relation) -> Iterator[Held]:
    """The relation, when its parts add up to its total exactly."""
    total = rel.total
    if sum((p.value for p in rel.parts), Decimal(0)) != total.value:
        return
    scale = total.q.scale
    terms = " + ".join(_display(p, scale) for p in rel.parts)
    spans = [(n.q.start, n.q.end) for n in (total, *rel.parts)]
    yield relation("sum", spans, f"{terms} = {_display(total, scale)}{total.q.unit}")


def _typo(stated: Quantity, computed: Decimal, min_digits: int = 3) -> bool:
    """Does the stated figure read as the computed one with one digit changed or two adjacent
    digits swapped (at least `min_digits` digits, same length)?"""
    written = f"{stated.value:f}".replace(".", "")
    places = stated.decimals
    quant = Decimal(1).scaleb(-places)
    other = f"{(computed / stated.scale).quantize(quant):f}".replace(".", "")
    if len(written) != len(other) or len(written.lstrip("0")) < min_digits:
        return False
    diff = [k for k, (a, b) in enumerate(zip(written, other, strict=True)) if a != b]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and written[diff[0]] == other[diff[1]]
        and written[diff[1]] == other[diff[0]]
    )


def _trim_overflow(rel: Relation, norm: str) -> Relation:
    """A split that ran on past its sentence and overshoots its total: when the parts of the
    total's own sentence (two or more) come closer to it, they are the split, the rest is the
    next statement ("…共计A，其中B、C、D、E。截至7月底实际到位F")."""
    if not rel.extended:
        return rel
    end = norm.find("。", rel.total.q.end)
    own = tuple(p for p in rel.parts if end < 0 or p.q.start < end)
    if len(own) < 2 or len(own) == len(rel.parts):
        return rel
    total = rel.total.value
    every = sum((p.value for p in rel.parts), Decimal(0))
    mine = sum((p.value for p in own), Decimal(0))
    if every <= total or abs(mine - total) >= abs(every - total):
        return rel
    return rel._replace(parts=own)


def _allowed(nodes: list[Node], tol: Tolerances) -> Decimal:
    """What rounding (and the configured allowance) can explain between total and parts."""
    return tol.rounding_of(tolerance(nodes)) + tol.extra(nodes[0].q.dimension)


def _subset_matches(rel: Relation, tol: Tolerances) -> bool:
    """Does leaving out one or two parts reconcile the total? ("财政所的6个另计")"""
    parts = list(rel.parts)
    if any(p.value == rel.total.value for p in parts):
        return True  # one part is the whole: the others are not parts of this total
    if len(parts) < 3:
        return False
    for drop in (1, 2):
        if len(parts) - drop < 2:
            break
        for left_out in combinations(range(len(parts)), drop):
            kept = [p for i, p in enumerate(parts) if i not in left_out]
            total = sum((p.value for p in kept), Decimal(0))
            if abs(total - rel.total.value) <= _allowed([rel.total, *kept], tol):
                return True
    return False


def _display(node: Node, unit_scale: Decimal) -> str:
    """A figure as written when it is in the total's unit, else converted to it."""
    if node.q.scale == unit_scale:
        return f"{node.q.value:f}"
    return fmt(node.value / unit_scale)


# A part whose amount the page hides ("造林补助 点击查看>> 万元", "资金**万元", "XX万元"): the
# parts read are not all the parts. A part that takes away ("调减2.66万元") has a sign the sum of
# the figures as written does not know.
_HIDDEN_AMOUNT = lazy(r"(?:点击查看|>>|》|\*|＊|[xX×]{2,}|_|＿|…|？|\?)\s*(?:亿元|万元|元)")
_TAKES_AWAY = lazy(r"(?:调减|核减|扣减|减少|收回|退回)$")
_LIST_END = lazy(r"[。！？!?\n]")


def _unreadable_parts(rel: Relation, norm: str) -> bool:
    """Whether the stated parts cannot be added as written: one of the list's amounts is hidden
    by the page, or a part is a reduction."""
    if any(_TAKES_AWAY.search(p.label) for p in rel.parts):
        return True
    start = min(rel.total.q.end, *(p.label_start for p in rel.parts))
    last = max(p.q.end for p in rel.parts)
    end = _LIST_END.search(norm, last)
    return _HIDDEN_AMOUNT.search(norm, start, end.start() if end else len(norm)) is not None


# What may stand between a line's start and a figure that continues the line before: a page or
# list number ("2、"), nothing else.
_LINE_HEAD = lazy(r"\s*(?:\d{1,3}\s*[、.．]?)?\s*")


def _broken_off(norm: str, total: Node) -> bool:
    """Whether the total is the tail of a figure a line break split ("预算支出910.4⏎2、7万元，
    其中…": 910.47 broken by a page marker): it names nothing, opens its line after at most a
    page or list number, and the last line before it (blank lines skipped) ends in a digit or a
    decimal point. Such a figure is not the total the parts are compared with."""
    if total.label:
        return False
    line = norm.rfind("\n", 0, total.q.start)
    if line <= 0 or _LINE_HEAD.fullmatch(norm, line + 1, total.q.start) is None:
        return False
    before = norm[max(0, line - 40) : line].rstrip()  # blank lines may stand between
    return before[-1:] in tuple("0123456789.")


def _judge(rel: Relation, allowance: Tolerances, norm: str) -> Hit | None:
    total = rel.total
    if _broken_off(norm, total):
        return None
    parts_sum = sum((p.value for p in rel.parts), Decimal(0))
    diff = parts_sum - total.value
    if diff == 0:
        return None
    if abs(diff) < total.q.half_unit and total.q.half_unit > max(p.q.half_unit for p in rel.parts):
        # "1.36亿元 = 4521.3万元 + 9078.5万元": the total is the parts' sum written to fewer
        # places, not a 尾差 of rounded parts.
        return None
    tol = _allowed([total, *rel.parts], allowance)
    scale = total.q.scale
    # The total's unit as written, with its multiplier ("万亩": the figures are shown in it).
    unit = total.q.unit if total.q.dimension == "money" else total.q.unit.replace("余", "")
    places = max(n.q.decimals for n in (total, *rel.parts))
    terms = " + ".join(_display(p, scale) for p in rel.parts)
    data = {
        "expr": f"{terms} = {fmt(parts_sum / scale, places)}",
        "stated": fmt(total.value / scale, places) if places else _display(total, scale),
        "diff": fmt(abs(diff) / scale, places),
        "unit": unit,
        "total_label": total.label,
        "parts": [_display(p, scale) for p in rel.parts],
        "parts_sum": fmt(parts_sum / scale),
        "tolerance": fmt(tol / scale),
        "marker": rel.marker,
        "note": "",
        "note_en": "",
    }
    spans = [(total.label_start, total.q.end)] + [(p.label_start, p.q.end) for p in rel.parts]
    if abs(diff) <= tol:
        return SUM_ROUNDING.hit(spans, data)
    if (
        not rel.explicit
        or (not rel.overflow and _subset_matches(rel, allowance))
        or _unreadable_parts(rel, norm)
    ):
        return None
    if rel.change is not None and abs(parts_sum - rel.change.value) <= _allowed(
        [rel.change, *rel.parts], allowance
    ):
        return None  # "500万元，同比增加50万元。其中…30万元、…20万元": 其中 splits the change
    if rel.marker in ("among", "incl") and any(
        abs(parts_sum - alt.value) <= _allowed([alt, *rel.parts], allowance)
        for alt in rel.alternatives
    ):
        return None  # "已支付118.5万元，结余1.5万元。其中：…" splits the 118.5, not the 1.5
    complete = complete_decomposition(total.label, [wide_label(norm, p) for p in rel.parts])
    if complete is None:
        if rel.partial and diff < 0:
            return None  # "主要是：…" may list only the main items
        if rel.subset and diff < 0:
            return None  # "15个(含行政单位1个)": a subset, not the split of the 15
    slip = _unit_slip(rel, allowance)
    if slip is not None:
        data.update(slip)
        return SUM_MISMATCH.hit(spans, data, severity=Severity.WARNING, variant="unit_slip")
    severity = Severity.ERROR
    if rel.extended:
        severity = Severity.WARNING
        data["note"] = "；分项跨句列出，归属按上下文推断，请核实"
        data["note_en"] = "; the parts run across sentences, so their grouping is inferred"
    elif rel.cross_series:
        severity = Severity.WARNING
        data["note"] = "；分项与合计的口径不同（如编制数与实有人数），归属按上下文推断，请核实"
        data["note_en"] = (
            "; the parts are of another scope than the total (e.g. established posts vs "
            "staff in post), so their grouping is inferred"
        )
    elif rel.overflow:
        severity = Severity.WARNING
        data["note"] = (
            "；前几项之和已等于合计，其后同样列出的各项使分项超出合计，请核实合计或所列各项"
        )
        data["note_en"] = (
            "; the first parts already add up to the total, and further parts listed alike "
            "exceed it"
        )
    elif rel.marker == "grade":
        severity = Severity.WARNING
        data["note"] = "；按等次列举的数量之和应等于总数，若有未列出的等次请注明"
        data["note_en"] = "; counts by grade should add up to the count graded, unless a grade "
        "is left out"
    elif rel.marker == "handed":
        severity = Severity.WARNING
        data["note"] = "；所列各项按该笔资金的分配明细（“分配下达到：…”“…用于…”）读取，请核实"
        data["note_en"] = "; the amounts listed are read as how this amount was handed out"
    elif rel.marker == "after":
        severity = Severity.WARNING
        data["note"] = (
            "；此数列在各分项之后、未写“合计”，与其前各数之和仅差一位数字（或相邻两位颠倒），疑为笔误，请核实"
        )
        data["note_en"] = (
            "; stated after its parts with no 合计, it differs from their sum by one digit "
        )
        "(or two swapped): most likely a typo"
    elif rel.alternatives:
        severity = Severity.WARNING
        data["note"] = "；“其中”在句号之后，所指的合计不明确，请核实"
        data["note_en"] = "; 其中 follows a full stop, so the total it splits is unclear"
    elif complete is not None:
        data["note"] = f"；{complete.name}是完整的分类，各项之和应等于合计"
        data["note_en"] = f"; {complete.name} is a complete split, so the parts must add up"
    elif rel.marker in ("among", "paren-among") and diff < 0:
        if parts_sum * 2 < total.value and not _typo(total.q, parts_sum, 2):
            # "支出1520.6万元，其中：教育支出286.4万元，社会保障和就业支出132.5万元": parts
            # covering less than half of the total are the items singled out, not its split;
            # unless the total reads as their sum mistyped (25 written 52).
            return None
        severity = Severity.WARNING
        data["note"] = "；若“其中”只列举了部分分项，请注明其余部分"
        data["note_en"] = "; if 其中 lists only some parts, say what the rest is"
    hit = SUM_MISMATCH.hit(spans, data, severity=severity)
    return hit


def _unit_slip(rel: Relation, allowance: Tolerances) -> dict[str, str] | None:
    """One figure written in another unit than the rest, which reconciles the sum when read in
    theirs ("13万元 + 72元 = 85万元": the 72 is most likely 72万元; likewise 万亩 and 亩)."""
    nodes = [rel.total, *rel.parts]
    dimension = nodes[0].q.dimension
    if any(n.q.dimension != dimension for n in nodes) or dimension not in ("money", "count"):
        return None
    if len({n.q.count_unit for n in nodes}) > 1 and dimension == "count":
        return None  # 人 and 个 are different things, not different scales
    units = [n.q.unit for n in nodes]
    readings: list[tuple[int, Quantity]] = []
    for i, n in enumerate(nodes):
        others = {u for j, u in enumerate(units) if j != i}
        if len(others) != 1 or n.q.unit in others:
            continue  # the odd one out must stand alone against one common unit
        (other,) = others
        q = n.q._replace(unit=other)
        values = [m.value for m in nodes]
        values[i] = q.base
        diff = sum(values[1:], Decimal(0)) - values[0]
        quantities = [m.q for m in nodes]
        quantities[i] = q
        tol = allowance.rounding_of(rounding(quantities)) + allowance.extra(dimension)
        if abs(diff) <= tol:
            readings.append((i, q))
    if len(readings) != 1:
        return None
    i, q = readings[0]
    scale = q.scale
    shown = [f"{p.q.value:f}" if p.q.unit == q.unit else fmt(p.value / scale) for p in rel.parts]
    if i > 0:
        shown[i - 1] = f"{q.value:f}"
    places = max(n.q.decimals for n in nodes)
    parts_sum = sum((p.value for p in rel.parts), Decimal(0)) - nodes[i].value + q.base
    if i > 0:
        expr = f"{' + '.join(shown)} = {fmt(parts_sum / scale, places)}"
    else:
        expr = f"{' + '.join(shown)} = {fmt(parts_sum / scale, places)}，合计为 {q.value:f}"
    written = sum((p.value for p in rel.parts), Decimal(0))
    total_scale = rel.total.q.scale
    return {
        "expr": f"{' + '.join(_display(p, total_scale) for p in rel.parts)} = "
        f"{fmt(written / total_scale)}",
        "diff": fmt(abs(written - rel.total.value) / total_scale),
        "slipped": nodes[i].q.raw.replace(" ", ""),
        "reread": f"{q.value:f}{q.unit}",
        "expr_reread": expr,
    }
