"""The ledger of figures: every figure of a report with what the checks made of it.

A figure is a quantity `reviewer.numbers` reads (money, count, rate, score, a quantity with a
unit; a bare number only when written with decimals or when a check compared it). Its status:

* `verified` — it took part in at least one comparison that HELD (a check yielded a
  `Relation` over it: a sum, a share, a rate, a score, a count against its list, the same
  quantity stated twice and agreeing); the relations are kept;
* `mismatch` — it stands in a numeric finding of severity warning or error;
* `reference` — a date, a document number (〔2020〕10号), a phone number, a section or item
  number (1. / （二） / 第3), a year: not a claim;
* `unverifiable` — none of these: no relation of the report's own figures was found for it.

"verified" comes from the checks themselves, never from the eval's brute-force finders.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from reviewer.checks.registry import Relation
from reviewer.document import Document
from reviewer.models import FigureStatus, Finding, Ledger, LedgerFigure, ReportResult, Severity
from reviewer.numbers import Quantity, find_quantities
from reviewer.regex import lazy

# What stands right before a reference number: a year or number in brackets (〔2020〕),
# an ordinal (第3), a phone / fax / post code / document number label.
_REF_BEFORE = lazy(
    r"(?:第|电话|传真|手机|邮编|邮政编码|联系方式|文号|编号|代码|字|〔|\[|【|No\.?)\s*$"
)
_REF_AFTER = lazy(r"^\s*(?:〕|\]|】|号|期|版|届|次会议|条|款|章|节|号文)")
# An item or section number: "1." / "1、" / "(1)" / "（1）" at the start of a line or clause.
_ITEM_BEFORE = lazy(r"(?:^|[\n。；;：:，,])\s*[（(]?\s*$")
_ITEM_AFTER = lazy(r"^(?:\s*[、．]|\.(?!\d)|\s*[）)])")
# Figures a reviewer asks evidence for when they cannot be verified: budget and execution,
# scores, headcounts.
_KEY_LABEL = lazy(r"编制|人数|在职|职工|人员|在编|实有|离退休")
_KEY_RATE = lazy(r"执行|到位|支付|拨付")
# A score in a scoring rule or a weight, not a score given: 扣0.5分, 计8分, 最高10分, 分值10分.
_SCORING_RULE = lazy(r"(?:扣|计|加|最高|最多|不超过|满分|分值为?|权重为?|占)\s*$")


def is_reference(norm: str, q: Quantity) -> bool:
    """Is the figure a date, a document / section / phone number or a year (not a claim)?"""
    if q.unit and q.dimension in ("money", "percent", "score"):  # (no unit: a bare number)
        return False
    before = norm[max(0, q.start - 6) : q.start]
    after = norm[q.end : q.end + 4]
    if _REF_BEFORE.search(before):
        return True
    if q.unit:
        return False
    if after[:1] in "-/—–~～" or before[-1:] in "-/—–~～:：.":
        return True  # 2020-01-02, 1/3, 10:30, a version 1.2.3
    if _REF_AFTER.match(after):
        return True
    digits = q.raw.replace(",", "").replace(" ", "")
    if q.decimals == 0 and (len(digits) >= 7 or (len(digits) == 4 and 1949 <= q.value <= 2099)):
        return True  # a phone number, a code; a year
    return q.decimals == 0 and bool(_ITEM_BEFORE.search(before) and _ITEM_AFTER.match(after))


def is_key(norm: str, q: Quantity) -> bool:
    """A figure a reviewer needs evidence for: an amount, a score, a headcount or an execution
    rate named as such by the words right before it (not a zero)."""
    if q.value == 0:
        return False
    dimension = q.dimension
    if dimension == "money":
        return True
    if dimension == "score":  # "每超过一个百分点扣0.5分", "计8分": a rule
        return not _SCORING_RULE.search(label_before(norm, q.start))
    if dimension == "percent":
        return bool(_KEY_RATE.search(label_before(norm, q.start)))
    if dimension == "count" and q.count_unit in ("人", "名"):
        return bool(_KEY_LABEL.search(label_before(norm, q.start)))
    return False  # the words before it are read only for the dimensions that need them


_LABEL_STOP = lazy(r"[。；;，,：:！？!?、\n（）()|]|\.(?!\d)")


def label_before(norm: str, at: int, limit: int = 24) -> str:
    """The words right before a figure, back to the previous punctuation ("年度预算资金")."""
    window = norm[max(0, at - limit) : at]
    stops = list(_LABEL_STOP.finditer(window))
    if stops:
        window = window[stops[-1].end() :]
    return window.strip()


def _mismatch_spans(findings: Iterable[Finding]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for f in findings:
        if f.family != "numeric" or f.severity == Severity.INFO:
            continue
        out += [(s.start, s.end) for s in f.spans]
    return out


def _rounding(findings: Iterable[Finding]) -> list[Relation]:
    """A numeric notice that a comparison holds within rounding (T002 sum-rounding and its
    kind): its figures are verified, the notice is the relation."""
    return [
        Relation("rounding", tuple((s.start, s.end) for s in f.spans), f.message)
        for f in findings
        if f.kind.endswith("_rounding") and f.severity == Severity.INFO
    ]


class _Sweep:
    """The spans that contain a point, for points given in increasing order: spans (sorted,
    distinct) join when the point reaches their start and leave once it reaches their end.
    One pass over the spans and the figures, however long or nested the spans are."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(set(spans))
        self.count = len(self.spans)
        self.next = 0
        self.active: list[tuple[int, int]] = []  # in (start, end) order
        self.ends: list[int] = []  # a min-heap of the active spans' ends
        # The first point at which `active` may change (a span starts or ends): below it,
        # `active` is the answer without a call (`due`).
        self.due = self.spans[0][0] if self.spans else _NEVER

    def at(self, point: int) -> list[tuple[int, int]]:
        """The spans with start <= point < end, in (start, end) order."""
        spans, i, active, ends, count = self.spans, self.next, self.active, self.ends, self.count
        while i < count and spans[i][0] <= point:
            active.append(spans[i])
            heapq.heappush(ends, spans[i][1])
            i += 1
        self.next = i
        if ends and ends[0] <= point:
            while ends and ends[0] <= point:
                heapq.heappop(ends)
            active = self.active = [sp for sp in active if sp[1] > point]
        due = spans[i][0] if i < count else _NEVER
        self.due = ends[0] if ends and ends[0] < due else due
        return active


_NEVER = 1 << 62  # past any offset


def build(doc: Document, relations: Iterable[Relation], findings: list[Finding]) -> Ledger:
    """The ledger of `doc`: its figures in text order, each with its status (as columns: a
    `LedgerFigure` is made when an entry is read)."""
    norm = doc.norm
    relations = [*relations, *_rounding(findings)]
    described: dict[tuple[int, int], list[str]] = {}
    for rel in relations:
        text = f"{rel.kind}: {rel.text}"
        # One list for all the spans this relation is the first to describe (a column's sum
        # covers 200 figures); a span already described gets a new list, never an edited one.
        alone = [text]
        for span in rel.spans:
            if span[1] <= span[0]:
                continue
            texts = described.get(span)
            if texts is None:
                described[span] = alone
            elif text not in texts:
                described[span] = [*texts, text]
    # Figures come in text order: the relations and mismatches over each, and its line, are
    # found by sweeping forward rather than searched for figure by figure.
    held = _Sweep(described)
    bad = _Sweep(_mismatch_spans(findings))
    line_starts = doc.line_starts
    last_line = len(line_starts) - 1
    line = 0  # index of the line holding the current figure
    text = doc.text
    out = Ledger()
    # Each column appended to directly (a megabyte of table holds 167,000 figures).
    add_start, add_end, add_text = out.starts.append, out.ends.append, out.texts.append
    add_value, add_unit, add_status = out.values.append, out.units.append, out.statuses.append
    add_relations, add_line = out.relations.append, out.lines.append
    add_key, add_label = out.keys.append, out.labels.append
    for q in find_quantities(norm):
        at = q.start
        spans = held.active if at < held.due else held.at(at)
        relations_of: list[str]
        if not spans:
            relations_of = _NO_RELATIONS
        elif len(spans) == 1:
            # already without repeats; shared by the figures of the span (never mutated)
            relations_of = described[spans[0]]
        else:
            relations_of = []
            for span in reversed(spans):  # the innermost (latest starting) relation first
                for rel_text in described[span]:
                    if rel_text not in relations_of:
                        relations_of.append(rel_text)
        status: FigureStatus
        if bad.active if at < bad.due else bad.at(at):
            status = "mismatch"
        elif relations_of:
            status = "verified"
        elif is_reference(norm, q):
            status = "reference"
        elif not q.unit and q.decimals == 0:
            continue  # a bare whole number no check compared: not known to be a figure
        else:
            status = "unverifiable"
        key = True if status == "unverifiable" and is_key(norm, q) else None
        while line < last_line and line_starts[line + 1] <= at:
            line += 1
        add_start(at)
        add_end(q.end)
        add_text(text[at : q.end])
        add_value(float(q.value))
        add_unit(q.unit)
        add_status(status)
        add_relations(relations_of)
        add_line(line + 1)
        add_key(key)
        add_label(label_before(text, at) if key else None)
    return out


# The relations of a figure no relation took in: one list shared by all such figures (a
# megabyte of table holds 100,000 of them; one list each is one more object apiece for the
# garbage collector to walk). Never mutated: the ledger is read, not edited.
_NO_RELATIONS: list[str] = []


def summary(figures: Iterable[LedgerFigure]) -> dict[str, int]:
    """How many figures of each status (references left out of `total`)."""
    counts = {"verified": 0, "mismatch": 0, "unverifiable": 0, "reference": 0}
    # a ledger's statuses are read from its column, without a `LedgerFigure` apiece
    for status in figures.statuses if isinstance(figures, Ledger) else (f.status for f in figures):
        counts[status] += 1
    counts["total"] = counts["verified"] + counts["mismatch"] + counts["unverifiable"]
    return counts


def summary_line(report: ReportResult, lang: str = "zh") -> str | None:
    """数字 N 个：一致 V，不一致 M，无法核对 U (None when the ledger was not computed)."""
    if report.figures is None:
        return None
    c = summary(report.figures)
    if lang == "zh":
        return (
            f"数字 {c['total']} 个：一致 {c['verified']}，不一致 {c['mismatch']}，"
            f"无法核对 {c['unverifiable']}"
        )
    return (
        f"{c['total']} figures: {c['verified']} verified, {c['mismatch']} mismatched, "
        f"{c['unverifiable']} unverifiable"
    )


def evidence_needed(report: ReportResult) -> list[LedgerFigure]:
    """The key figures (budget, execution, scores, headcounts) that could not be verified: the
    需补充佐证材料 list."""
    figures = report.figures or []
    if isinstance(figures, Ledger):  # only the entries asked for are made
        statuses, keys = figures.statuses, figures.keys
        return [
            figures[i] for i in range(len(figures)) if statuses[i] == "unverifiable" and keys[i]
        ]
    return [f for f in figures if f.status == "unverifiable" and f.key]
