"""Reading goals stated outside a goals section, for the vague-target rule (Q001).

Three readings, each on the text read as simplified (`document/script.py`: traditional mirrors
state the same goals, and offsets are kept):

* `labelled_goals`: a goal given in prose after a label (总体目标为…, 年度目标：一是…, 年度总体目标:
  1.… 2.…, or the label alone on its line and numbered items below it), split into its items;
  `measured` says whether any item states a figure or a comparator (years and document numbers
  aside).
* `intended_results`: in a section about setting or handing down goals (绩效目标设定…,
  绩效目标分解下达情况), a clause that names an intended result by its direction only
  (实现…基本恢复, 确保…明显改善), with no figure; when the section also narrates completion,
  only inside a sentence that says what is to be reached (要, 力争, 确保…).
* `quantity_rows`: an indicator row labelled 数量指标 whose name and target hold no figure at all
  (the scores after them aside), such as 成本控制 | 不超过预算: a quantity indicator that sets no
  quantity.

A reading, not a rule: `quality_vague_targets` turns these into findings.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.sections import sections
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.regex import lazy

# A goal label and what introduces the goal: 总体目标为, 年度目标：, 年度总体目标:. The plain
# "绩效目标为/是" is the goal-statement reading's (goal_readings.GOAL_STATEMENT).
_LABEL = lazy(
    r"(?P<label>(?:年度总体|年度整体|总体绩效|年度绩效|项目绩效|年度|总体|整体|绩效|项目)目标)"
    r"[ \t]*(?P<sep>为|是(?!否)|[:：])[ \t]*"
)
# 以绩效目标为导向, 围绕年度目标: the goal named as a principle.
_GUIDE = lazy(r"(?:以|按照|围绕|根据|依据|对照|紧扣|确保|实现|完成)[^，,。；;\n]{0,6}$")
# A goal item's marker: 1. 2、 (1) ① 一是.
_ITEM_MARK = r"(?<![\d.])\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]是"
_ITEM = lazy(_ITEM_MARK)
_ITEM_START = lazy(rf"\s*(?:{_ITEM_MARK})")
_ITEM_END = lazy(r"[；;。]")
_POINTER = lazy(r"[如见](?:下|附|后)?表|详见|如下|附件")
_YEARS_AND_DOCS = lazy(
    r"20\d{2}\s*[-—至到~]\s*20\d{2}\s*年度?|20\d{2}\s*年度?"
    r"|[〔【\[(（]\s*20\d{2}\s*[〕】\])）]?\s*\d{1,4}\s*号|第[一二三四五六七八九十]+批"
)
_MEASURE = lazy(r"\d|[≥≤><＞＜]|不低于|不少于|不高于|不超过|不大于|不小于|以上|以内|以下|%|％")
_NEXT_HEAD = lazy(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]")
_BODY_REACH = 400
_OVERALL_BEFORE = lazy(r"(?:总体|长期|总)$")  # the goal-statement reading skips these
# Indicators set under the goal right after it: 年度目标下设33个三级绩效指标, 具体指标如下.
_FOLLOWING_INDICATORS = lazy(
    r"[。；;\s]*[^。\n]{0,20}?(?:下设|分解为|细化为|包括|具体)[^。\n]{0,12}指标"
)
_FOLLOW_REACH = 60
_MAX_ITEMS = 8


class ProseGoal(NamedTuple):
    label: str  # the label as simplified (总体目标, 年度目标…)
    overall: bool  # an overall aim (总体, 整体): a direction by design above quantified targets
    items: list[tuple[int, int]]  # each item's span, marker and end punctuation left out
    measured: bool  # some item states a figure or a comparator
    indicators_follow: bool  # the next sentence sets indicators under it (下设33个三级指标)


def _measured(text: str) -> bool:
    return _MEASURE.search(_YEARS_AND_DOCS.sub(" ", text)) is not None


def _body(text: str, start: int) -> tuple[int, int]:
    """The goal after its label: the rest of the line up to the first full stop that no further
    numbered item follows (or the next numbered heading), else the numbered lines below."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if text[start:line_end].strip():
        hi = min(line_end, start + _BODY_REACH)
        pos = start
        while True:
            stop = text.find("。", pos, hi)
            if stop < 0 or not _ITEM_START.match(text, stop + 1, hi):
                break
            pos = stop + 1
        end = stop + 1 if stop >= 0 else hi
        head = _NEXT_HEAD.search(text, start + 1, end)
        return start, head.start() if head else end
    # the label closes its line: the numbered lines that follow (blank lines skipped)
    lo = hi = line_end + 1
    n = 0
    pos = lo
    limit = min(len(text), lo + 2 * _BODY_REACH)
    while pos < limit and n < _MAX_ITEMS:
        nl = text.find("\n", pos, limit)
        nl = limit if nl < 0 else nl
        line = text[pos:nl]
        if line.strip():
            if not _ITEM_START.match(line):
                break
            hi, n = nl, n + 1
        pos = nl + 1
    return lo, hi


def _items(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The items of a goal body: split at item markers and at ；。, trimmed."""
    cuts = [lo]
    for m in _ITEM.finditer(text, lo, hi):
        cuts += [m.start(), m.end()]
    for m in _ITEM_END.finditer(text, lo, hi):
        cuts += [m.start(), m.end()]
    cuts.append(hi)
    cuts.sort()
    out = []
    for a, b in itertools.pairwise(cuts):
        seg = text[a:b]
        if _ITEM.fullmatch(seg.strip()) or _ITEM_END.fullmatch(seg.strip()):
            continue
        while a < b and text[a] in " \t\n\r,，:：、":
            a += 1
        while b > a and text[b - 1] in " \t\n\r,，":
            b -= 1
        if b - a >= 4:
            out.append((a, b))
    return out[:_MAX_ITEMS]


def labelled_goals(doc: Document) -> list[ProseGoal]:
    """Goals given in prose after a goal label, anywhere in the report."""

    def build(d: Document) -> list[ProseGoal]:
        text = simplified(d)
        if "目标" not in text:
            return []
        out: list[ProseGoal] = []
        for m in _LABEL.finditer(text):
            label = m.group("label")
            k = m.end("label") - len("绩效目标")  # where its 绩效目标 starts, if it ends so
            plain = label.endswith("绩效目标") and m.group("sep") in ("为", "是")
            if plain and not _OVERALL_BEFORE.search(text, max(0, k - 2), k):
                continue  # read by the goal-statement reading (…绩效目标为…)
            if _GUIDE.search(text, max(0, m.start() - 8), m.start()):
                continue
            lo, hi = _body(text, m.end())
            body = text[lo:hi]
            if "|" in body or "\t" in body or _POINTER.search(body):
                continue  # a table row, or a pointer to where the goals are listed
            items = _items(text, lo, hi)
            if not items:
                continue
            measured = any(_measured(text[a:b]) for a, b in items)
            overall = "总体" in label or "整体" in label
            follow = _FOLLOWING_INDICATORS.match(text, hi, min(len(text), hi + _FOLLOW_REACH))
            out.append(ProseGoal(label, overall, items, measured, follow is not None))
        return out

    return doc.cached("prose_goals", build)


# A section about setting or handing down goals (its title, read as simplified).
_SETTING_TITLE = lazy(
    r"目标[^。]{0,6}(?:设定|设置|分解|下达|申报)|(?:设定|设置|申报)[^。]{0,4}目标"
)
_MIXED_TITLE = lazy(r"完成|实现|分析|评价")
# What is to be reached: 要, 力争, 确保 … before the clause in its sentence.
_INTENT = lazy(r"要|力争|争取|确保|旨在|预期|计划|拟|目标")
_RESULT_CLAUSE = lazy(
    r"(?:实现|确保|力争|促进|推动|使)(?!了)(?P<q>[^\d，,。；;]{2,30}?)"
    r"(?:得到|有所|基本|明显|显著|进一步|全面|逐步|有效|大幅|不断|稳步)+"
    r"(?P<word>恢复|改善|提升|提高|增强|好转|优化)$"
)
_CLAUSE_END = lazy(r"[，,；;。\n]")


class IntendedResult(NamedTuple):
    start: int
    end: int
    word: str  # the direction it ends in (恢复, 改善…)


def intended_results(doc: Document) -> Iterator[IntendedResult]:
    """Clauses naming an intended result by direction only, in goal-setting sections."""
    text = simplified(doc)
    for s in sections(doc):
        title = text[s.title_start : s.title_end]
        if not _SETTING_TITLE.search(title):
            continue
        mixed = _MIXED_TITLE.search(title) is not None
        pos = s.body_start
        sent_start = pos
        for m in _CLAUSE_END.finditer(text, s.body_start, s.end):
            lo, hi = pos, m.start()
            pos = m.end()
            while lo < hi and text[lo] in " \t":
                lo += 1
            clause = _RESULT_CLAUSE.match(text, lo, hi)
            if clause is not None and (
                not mixed or _INTENT.search(text, sent_start, lo) is not None
            ):
                yield IntendedResult(lo, hi, clause.group("word"))
            if m.group() in "。\n":
                sent_start = pos


# An indicator row labelled 数量指标 and what follows it on its line, up to the next category.
_QUANTITY_ROW = lazy(
    r"数量指标[ \t|:：]*(?P<row>[^\n]{4,60}?)"
    r"(?=(?:质量|时效|成本|效益|满意度|经济效益|社会效益|生态效益)指标|\n|$)"
)
# The scores closing a row: numbers of at most three digits, each standing apart (a longer
# run of digits is figures run together, not scores).
_TRAILING_SCORES = lazy(r"(?:[ \t|]*(?<![\d.])\d{1,3}(?:\.\d+)?分?)+[ \t|]*$")


def quantity_rows(doc: Document) -> Iterator[tuple[int, int]]:
    """Rows labelled 数量指标 whose cells, the scores at their end aside, hold no figure."""
    text = simplified(doc)
    if "数量指标" not in text:
        return
    for m in _QUANTITY_ROW.finditer(text):
        row = m.group("row")
        rest = _TRAILING_SCORES.sub("", row)
        if rest == row:
            continue  # no score after it: a heading or a sentence, not a scored row
        plain = rx.sub(r"[\s|]+", "", rest)
        if len(plain) < 4 or rx.search(r"\d|指标|目标值|分值", plain):
            continue
        yield m.start(), m.end("row")
