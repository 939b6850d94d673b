"""A time target the report's prose says was missed (G010).

Prose reports walk their indicators one heading at a time: "(3)时效指标。该项目暂未完工。" The
heading names the time indicator; the sentence after it says the work is not finished. The
target of a 时效指标 is completion on time, so a statement that the work is unfinished, late or
postponed is a missed target, whatever score the report gives elsewhere. G010 reads:

* a 时效指标 heading in prose (not a table row: no `|` on the line), optionally numbered
  ((3), 3., ③, 三、) and followed by 完成情况 and a stop or colon;
* the text after it on the same line, or on the next line when the heading stands alone;
* a statement of non-completion there: 未完工, 未完成, 未竣工, 未按期 / 未按时 / 未如期, 未能按,
  延期, 滞后, 逾期, 推迟 — not negated (无延期, 没有滞后, 不存在逾期, 未出现延期 are the
  opposite).

A warning: the prose states the miss plainly, but the target's date is not given beside it.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

TIME_TARGET_UNMET_PROSE = rule(
    code="G010",
    fix_zh="时效指标未完成的，写明计划完成时间、实际进度和未完成的原因，并据实扣分。",
    name="time-target-unmet-in-prose",
    kind="target_not_met",
    severity=Severity.WARNING,
    family="targets",
    title_zh="时效指标在文字中称未完成",
    title_en="A time target the prose says was missed",
    message_zh="时效指标下称“{statement}”：时效目标（按期完成）未实现，应写明原因并据实扣分",
    message_en="Under the time indicator the report says '{statement}': the timeliness target "
    "(completion on time) was missed; state why and score it accordingly",
    what="A 时效指标 heading in prose followed, on its line or the next, by a statement that the "
    "work is unfinished, late or postponed (未完工, 未完成, 延期, 滞后, 逾期 …), not negated "
    "(无延期, 没有滞后).",
    why="A time indicator's target is completion on time: a report that says the work is not "
    "finished has missed it, and a reviewer expects the cause and a deduction, not silence.",
    example="(3)时效指标。该项目暂未完工。\n",
    counterexample="(3)时效指标。该项目已按期完工，无延期。\n",
    fix="State the planned completion date, the real progress and the cause of the delay, and "
    "score the time indicator accordingly.",
)

_HEADING = lazy(
    r"(?m)^[ \t]*(?:[(（]?[0-9一二三四五六七八九十①②③④⑤⑥⑦⑧⑨]{1,2}[)）.、．]?[ \t]*)?"
    r"(?:产出)?时效(?:性)?指标(?:完成情况)?(?:分析)?(?:[ \t]*[。.：:，,；;][ \t]*|[ \t]*$)"
)
_UNMET = lazy(
    r"(?P<neg>无|没有|不存在|未出现|未发生|未有|避免|杜绝|防止)?[^。；;，,\n]{0,2}?"
    r"(?P<word>(?:暂|尚|仍|还|均)?未(?:能)?(?:完工|完成|竣工|按期|按时|如期)|未能按|延期|滞后|逾期|推迟)"
)
_REACH = 80  # how much of the text after the heading is read


@check(TIME_TARGET_UNMET_PROSE)
def time_target_unmet(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for m in _HEADING.finditer(norm):
        line_start = norm.rfind("\n", 0, m.start()) + 1
        line_end = norm.find("\n", m.end())
        line_end = len(norm) if line_end < 0 else line_end
        if "|" in norm[line_start:line_end]:
            continue  # a table row: the indicator table's own columns judge it
        start, end = m.end(), line_end
        if not norm[start:end].strip() and end < len(norm):
            start = end + 1  # the heading stands alone: its statement is the next line
            nxt = norm.find("\n", start)
            end = len(norm) if nxt < 0 else nxt
            if "|" in norm[start:end]:
                continue
        end = min(end, start + _REACH)
        for u in _UNMET.finditer(norm, start, end):
            if u.group("neg"):
                continue
            s_end = min(
                [end] + [i for i in (norm.find(c, u.end(), end) for c in "。；;") if i >= 0]
            )
            s_start = max([start] + [norm.rfind(c, start, u.start()) + 1 for c in "。；;"])
            statement = doc.text[s_start:s_end].strip()
            yield TIME_TARGET_UNMET_PROSE.hit(
                [(s_start, s_end), (m.start(), m.end())], {"statement": statement}
            )
            break
