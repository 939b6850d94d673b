"""The weights of a self-evaluation form (绩效自评表) against the 100 points it is scored out of.

A form scores its funds row (预算执行率, usually 10 points) and its indicator rows; their weights
(分值) add up to 100. Read only when every indicator row's weight is known (its own cell, or a
glued weight-and-score run the form's total settles, `claims.hidden_scores`), the block ends in
its total row (总分 / 合计: the block is whole) stating the score alone (a row stating the weights'
total too is S002's), and the funds row's weight is known: its score at an execution rate of
100 % (score = weight × rate), or no funds row at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.hidden_scores import settled_splits
from reviewer.claims.indicator_forms import FormBlock, indicator_blocks
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

FORM_WEIGHTS_NOT_100 = rule(
    code="S015",
    fix_zh="列出自评表的全部指标及分值，使执行率分值与各指标分值合计为100分，或更正有误的分值。",
    name="form-weights-not-100",
    kind="weight_sum_not_100",
    severity=Severity.WARNING,
    family="scores",
    title_zh="自评表分值合计不等于100分",
    title_en="The form's weights do not add up to 100",
    message_zh="自评表分值：{expr} = {sum}，不等于 100（相差 {diff} 分）；报告称“{total}”",
    message_en="The form's weights: {expr} = {sum}, not 100 (off by {diff}); the report states "
    "'{total}'",
    what="Adds the weights of a self-evaluation form — the funds row's (预算执行率) and every "
    "indicator row's — when each is known and the block ends in its 总分 row, and warns when "
    "they do not add up to 100.",
    why="A form whose weights add up to less than 100 scores the unit out of less than 100: the "
    "总分 then looks like a deduction that never happened, or indicators are missing.",
    example="财政项目支出绩效自评表\n"
    "项目资金(万元) 年初预算数全年预算数全年执行数分值执行率得分\n"
    "年度资金总额100.00100.00100.0010100.0%10\n"
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施\n"
    "产出指标数量指标项目计划完成率100%100%4545\n资金到位率100%100%1010\n"
    "质量指标项目一次验收合格率100%80%1111管理不够到位\n时效指标项目完成及时性及时较及时77\n"
    "总分:83",
    counterexample="财政项目支出绩效自评表\n"
    "项目资金(万元) 年初预算数全年预算数全年执行数分值执行率得分\n"
    "年度资金总额100.00100.00100.0010100.0%10\n"
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施\n"
    "产出指标数量指标项目计划完成率100%100%6262\n资金到位率100%100%1010\n"
    "质量指标项目一次验收合格率100%80%1111管理不够到位\n时效指标项目完成及时性及时较及时77\n"
    "总分:100",
    fix="List every indicator of the form with its weight so that the weights add up to 100, or "
    "correct the weight that is wrong.",
)

_TOTAL_ROW = lazy(r"^[\s|]*(?:总分|合计|总计)[\s|:：]*\d")
_FUNDS_LINE = lazy(r"^[\s|]*年度资金总额")
_FUNDS_TAIL = lazy(r"(?P<rate>\d{1,3}(?:\.\d+)?)%[\s|]*(?P<s>\d{1,3}(?:\.\d+)?)[\s|]*$")
_FUNDS_WINDOW = 3000
_HUNDRED = Decimal(100)


def _total_line(doc: Document, block: FormBlock) -> tuple[int, int, str] | None:
    first = doc.line_at(max(block.start, block.end - 1)).index + 1
    for ln in doc.lines[first : first + 2]:
        if _TOTAL_ROW.match(ln.text):
            text = ln.text.strip()
            at = ln.start + ln.text.index(text)
            return at, at + len(text), text
    return None


def _funds_weight(doc: Document, block: FormBlock) -> tuple[Decimal, int, int] | None:
    """The funds row's weight and the span of its score: (0, …) without a funds row, None when
    its weight is not known."""
    lo = max(0, block.start - _FUNDS_WINDOW)
    window = doc.norm[lo : block.start]
    cut = max(window.rfind("总分"), window.rfind("合计"))
    lo = lo + cut + 1 if cut >= 0 else lo
    lines = [ln for ln in doc.lines if lo <= ln.start < block.start and _FUNDS_LINE.match(ln.text)]
    if not lines:
        return Decimal(0), block.start, block.start
    if len(lines) > 1:
        return None
    m = _FUNDS_TAIL.search(lines[0].text)
    if m is None or Decimal(m.group("rate")) != _HUNDRED:
        return None
    return Decimal(m.group("s")), lines[0].start + m.start("s"), lines[0].start + m.end("s")


def _weights(doc: Document, block: FormBlock) -> list[tuple[Decimal, int, int]] | None:
    splits = settled_splits(doc, block)
    out: list[tuple[Decimal, int, int]] = []
    for row in block.rows:
        if row.weight is not None:
            out.append((row.weight.quantity.value, row.weight.start, row.weight.end))
        elif row.hidden and row.hidden_start in splits:
            w = splits[row.hidden_start][0]
            out.append((Decimal(w), row.hidden_start, row.hidden_start + len(w)))
        else:
            return None
    return out


@check(FORM_WEIGHTS_NOT_100)
def form_weights(doc: Document) -> Iterator[Hit]:
    for block in indicator_blocks(doc):
        if block.unsure or len(block.rows) < 3:
            continue
        total = _total_line(doc, block)
        weights = _weights(doc, block) if total is not None else None
        funds = _funds_weight(doc, block) if weights is not None else None
        if total is None or weights is None or funds is None:
            continue
        if len(rx.findall(r"\d+(?:\.\d+)?", total[2])) > 1:
            continue  # the total row states the weights' own total: S002's ground
        terms = ([funds] if funds[0] > 0 else []) + weights
        wsum = sum((w for w, _, _ in terms), Decimal(0))
        if wsum == _HUNDRED or not Decimal(50) <= wsum <= Decimal(150):
            continue
        yield FORM_WEIGHTS_NOT_100.hit(
            [(total[0], total[1]), *((s, e) for _, s, e in terms)],
            {
                "expr": " + ".join(fmt(w) for w, _, _ in terms),
                "sum": fmt(wsum),
                "diff": fmt(abs(_HUNDRED - wsum)),
                "total": rx.sub(r"\s+", "", total[2]),
            },
        )
