"""Report quality, a result given as the target's bound (Q125).

In the part of a report that states what was achieved (绩效指标完成情况分析), an indicator's
result written as "项目区群众满意度≥95%。" repeats the target's comparator: it says what the
result had to be, not what it was. Q125 reads:

* a prose line (no `|` or tab: a form's rows are the indicator tables' business) inside a
  section whose title names completion (完成情况, 实际完成, 完成值);
* a sentence that ends with a bounded figure (≥95%, ≥6架, 不低于90%, 不少于100人) — the bound is
  the sentence's last word;
* no other figure in that sentence (a bound followed by "实际布防6架" has its actual) and no
  target word (目标, 指标值, 预期, 计划, 年初, 要求, 标准 …: a target restated before its result).

"调解成功率达95%以上" states an actual (above 95 %), loosely, and is not read.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import section_path
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

RESULT_AS_BOUND = rule(
    code="Q125",
    fix_zh="填写实际完成值（如满意度调查得到的具体比例、实际完成的数量），不要照抄目标的界限。",
    name="result-given-as-bound",
    kind="missing_actuals",
    severity=Severity.WARNING,
    family="quality",
    title_zh="完成情况只写了目标界限，没有实际值",
    title_en="A result given as the target's bound",
    message_zh="完成情况中“{quote}”只写了目标界限 {bound}，没有实际完成值{more_zh}",
    message_en="In the results, '{quote}' gives only the target's bound {bound}, not the value "
    "achieved{more_en}",
    what="In a section on what was achieved (完成情况, 实际完成), a prose sentence that ends with "
    "a bounded figure (≥95%, 不低于90%, 不少于100人) with no other figure and no target word in "
    "it: the result is written as the target's comparator. All such sentences of a report "
    "make one finding (one cause), with every place.",
    why="A bound says what the result had to be; a reviewer cannot tell whether it was reached, "
    "nor score it, without the measured value.",
    example="(三)绩效指标完成情况分析。\n7.服务对象满意度指标。项目区群众满意度≥95%。\n",
    counterexample="(三)绩效指标完成情况分析。\n7.服务对象满意度指标。项目区群众满意度为97%。\n",
    fix="State the value achieved (the surveyed satisfaction rate, the count done), not the "
    "target's bound.",
)

_BOUND = lazy(
    r"(?:≥|>=|＞=|不低于|不少于|大于等于)[ \t]*\d+(?:\.\d+)?[ \t]*"
    r"(?P<unit>%|％|[\u4e00-\u9fff]{1,2})?[ \t]*(?=[。；;]|[ \t]*$)",
)
_HAS_BOUND = lazy(r"≥|>=|不低于|不少于|大于等于")
_DONE_TITLE = lazy(r"完成情况|实际完成|完成值")
_TARGET_WORD = lazy(r"目标|指标值|预期|计划|年初|要求|标准|设定|应当|确保|力争")
_FIGURE = lazy(r"\d")
_ENUM = lazy(r"\s*[(（]?\d{1,2}[)）.、．]")  # a list number before the indicator's name


@check(RESULT_AS_BOUND)
def result_as_bound(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if not _HAS_BOUND.search(norm):
        return  # no bound in the text: no line to read
    found: list[tuple[tuple[int, int], str, str]] = []  # span, quote, bound
    for ln in doc.lines:
        text = ln.text
        if "|" in text or "\t" in text or not _HAS_BOUND.search(text):
            continue
        for m in _BOUND.finditer(text):
            start = max(text.rfind(c, 0, m.start()) for c in "。；;") + 1
            # the sentence's subject: after the indicator's own heading ("7.满意度指标。")
            before = text[start : m.start()]
            lead = _ENUM.match(before)
            before = before[lead.end() :] if lead else before
            if _FIGURE.search(before) or _TARGET_WORD.search(before):
                continue
            lo, hi = ln.start + start, ln.start + m.end()
            if not any(_DONE_TITLE.search(s.title) for s in section_path(doc, lo)):
                continue
            quote = norm[lo:hi].strip()
            if quote:
                lo += len(norm[lo:hi]) - len(norm[lo:hi].lstrip())
                found.append(((lo, hi), quote, m.group().strip()))
    if not found:
        return
    n = len(found) - 1
    yield RESULT_AS_BOUND.hit(
        [span for span, _q, _b in found],
        {
            "quote": found[0][1],
            "bound": found[0][2],
            "more_zh": f"（另有{n}处同样只写界限）" if n else "",
            "more_en": f" ({n} more place(s) likewise)" if n else "",
            "count": len(found),
        },
    )
