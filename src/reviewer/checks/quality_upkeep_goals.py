"""Report quality, a goal that only keeps something running (Q202): an item of a goals section
whose whole content is that a system, building or service 正常运行/运转/使用 (保证…系统正常运行,
确保食堂正常运转, 维持平台平稳运行) — no output, date or value to judge it by. Read also in
goal sections titled …目标情况 / 目标分解下达情况, which the other goal readings pass over."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.quality_common import (
    GOAL_TITLE,
    clip,
    grouped,
    has_measurable_target,
)
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import Section, section_path, sections
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

UPKEEP_GOAL = rule(
    code="Q202",
    fix_zh="写明本年要完成的产出和标准，如“建成应急广播终端120套，系统年在线率≥95%”，"
    "而不是只写“保证系统正常运行”。",
    name="upkeep-goal",
    kind="vague_target",
    severity=Severity.INFO,
    family="quality",
    title_zh="绩效目标只写“保证正常运行”，没有产出或指标值",
    title_en="A goal that only keeps something running, with no output or value",
    message_zh="目标“{quote}”只要求保持正常运行或使用，没有数量、时限或运行率等指标值{times_zh}，"
    "无法判断是否完成",
    message_en="The goal '{quote}' only asks that something keep running or in use, with no "
    "quantity, deadline or uptime value{times_en}; completion cannot be judged",
    what="Finds, in a goals section (绩效目标, 年度目标, also 绩效目标情况 and 绩效目标分解下达"
    "情况, not 绩效目标完成情况, nor an overall or a unit's aim: 总体目标, 部门绩效总目标), an "
    "item or line whose content after its list mark and name "
    "label opens with 保证/保障/确保/维持/维护 and reaches 正常/平稳/安全/稳定 + 运行/运转/使用/"
    "播出/运营 with no figure in it. An item with a figure (正常运行率≥99%, 9月1日前投入运行) "
    "stays silent, and so does a goals section that Q001 already reports as holding no quantified "
    "target at all. One section's items are one finding with every place.",
    why="Keeping a system running is the purpose of the spending, not a result that can be "
    "scored; a construction project's goal needs its outputs, deadline and standard.",
    example="二、绩效目标\n1.应急广播系统建设：保证应急广播系统正常运行。\n"
    "2.融媒体中心建设：完成采编平台建设1套。\n",
    counterexample="二、绩效目标\n1.应急广播系统建设：保证应急广播系统全年正常运行率不低于95%。\n"
    "2.融媒体中心建设：完成采编平台建设1套。\n",
    fix="State this year's outputs and their standard (units built, uptime ≥95%), not only that "
    "the system runs.",
)

# A section that sets goals: a goal title, not one that reports or judges results; 情况 only
# after 目标 set or handed down (绩效目标情况, 绩效目标分解下达情况).
_RESULT_TITLE = lazy(r"完成|实现|评价|分析|自评|结果|偏差|原因|问题|措施|建议|改进|整改|存在|管理")
_SET_STATE = lazy(r"目标(?:分解|下达|设定|设置|申报|[\s、及和])*情况\s*$")
_STATE = lazy(r"情况")
# An overall or long-term aim (部门绩效总目标, 总体目标, 中长期目标): a direction by design, as Q001
# reads it; keeping the unit running is a unit's standing aim, not a project's goal.
_OVERALL = lazy(r"总体|总目标|中长期|长期|整体|部门|单位")
# Where an item's content begins: its list mark, then a name label (应急广播系统建设:).
_LEAD = lazy(
    r"^\s*(?:[(（]?\d{1,2}[)）.．、]|[①-⑳]|[(（]?[一二三四五六七八九十]{1,2}[)）、])?\s*"
    r"(?:[^，,。；;:：\n|]{2,25}[:：])?\s*"
)
_UPKEEP = lazy(
    r"^(?:保证|保障|确保|维持|维护)[^，,。；;\n|]{0,30}?(?:正常|平稳|安全|稳定)\s*"
    r"(?:运行|运转|使用|播出|运营)"
)


def _goal_sections(doc: Document) -> list[Section]:
    out = []
    for s in sections(doc):
        title = s.title
        if not GOAL_TITLE.search(title) or _RESULT_TITLE.search(title):
            continue
        if _STATE.search(title) and not _SET_STATE.search(title):
            continue
        if any(_OVERALL.search(p.title) for p in section_path(doc, s.start)):
            continue
        out.append(s)
    return out


def _reported_whole(text: str) -> bool:
    """Q001's section reading: a goals section of 15 characters or more with no quantified
    target is reported there as a whole."""
    return len(text.strip()) >= 15 and not has_measurable_target(text)


@check(UPKEEP_GOAL)
def upkeep_goals(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    seen: set[int] = set()
    for s in _goal_sections(doc):
        if _reported_whole(norm[s.body_start : s.end]):
            continue
        hits = []
        first = bisect.bisect_left(doc.line_starts, s.body_start)
        last = bisect.bisect_left(doc.line_starts, s.end)
        for line in doc.lines[first:last]:
            if line.start in seen:
                continue
            seen.add(line.start)
            for part in rx.finditer(r"[^；;\n]+", line.text):
                lead = _LEAD.match(part.group())
                at = part.start() + (lead.end() if lead else 0)
                content = line.text[at : part.end()].rstrip("。.， ")
                if not _UPKEEP.match(content) or rx.search(r"\d", content):
                    continue
                lo = line.start + part.start()
                while lo < len(norm) and norm[lo].isspace():
                    lo += 1
                hi = line.start + at + len(content)
                hits.append(UPKEEP_GOAL.hit([(lo, hi)], {"quote": clip(norm[lo:hi], 40)}))
        yield from grouped(hits, lambda h: "upkeep")
