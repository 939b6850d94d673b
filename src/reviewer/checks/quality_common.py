"""Shared readings for the report-quality (Q) checks: the report's date (its title and year are
`claims/report.py`), sentences, goal sections, and whether a stretch of text states a
measurable target.

No rules are declared here; the checks that use them live in the `quality_*` modules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Rule
from reviewer.claims.report import is_chrome, report_title
from reviewer.claims.sections import Section, sections
from reviewer.claims.vocabulary import BOUND_ALT, COMPARATOR_ALT, GOAL_FILLERS, alternation
from reviewer.document import Document
from reviewer.document.tables import Cell, line_cells
from reviewer.regex import lazy

# ---------------------------------------------------------------- sentences


# A sentence: its normalized text and [start, end) offsets (end includes the closing
# punctuation). The table reader's `Cell` has these very fields: a sentence that is a whole
# one-cell line (every line of a flattened table) is that line's cell, not a second record.
Sentence = Cell


_SENT_END = lazy(r"[。！？!?\n]")


def sentences(doc: Document) -> list[Sentence]:
    """Sentences of the normalized text, split at 。！？ and line breaks."""

    def build(d: Document) -> list[Sentence]:
        out: list[Sentence] = []
        pos = 0
        norm = d.norm
        add = _Adder(out, norm, line_cells(d), d.line_starts)
        for m in _SENT_END.finditer(norm):
            end = m.end() if m.group() != "\n" else m.start()
            add(pos, end)
            pos = m.end()
        add(pos, len(norm))
        return out

    return doc.cached("q_sentences", build)


def _starts(doc: Document) -> list[int]:
    return doc.cached("q_sentence_starts", lambda d: [x.start for x in sentences(d)])


def first_sentence_within(doc: Document, lo: int, hi: int) -> Sentence | None:
    """The first sentence inside [lo, hi) (sentences are in order and do not overlap)."""
    sents = sentences(doc)
    k = bisect.bisect_left(_starts(doc), lo)
    return sents[k] if k < len(sents) and sents[k].end <= hi else None


def sentence_at(doc: Document, offset: int) -> Sentence | None:
    """The sentence holding `offset`, if any."""
    sents = sentences(doc)
    k = bisect.bisect_right(_starts(doc), offset) - 1
    return sents[k] if k >= 0 and offset < sents[k].end else None


def stop_span(text: str, stops: str, lo: int, hi: int | None = None) -> tuple[int, int]:
    """The stretch of `text` holding [lo, hi) (hi defaults to lo) between stop characters:
    from just after the last of `stops` before `lo` to the first of them at or after `hi`, or
    the text's ends."""
    start = max(text.rfind(c, 0, lo) for c in stops) + 1
    ends = [i for i in (text.find(c, lo if hi is None else hi) for c in stops) if i >= 0]
    return start, min(ends) if ends else len(text)


def clip(text: str, n: int = 40) -> str:
    """`text` without surrounding whitespace, cut to n characters with an ellipsis: a quote."""
    text = text.strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def spans_hit(rule_: Rule, norm: str, spans: list[tuple[int, int]], **extra: str) -> Hit:
    """One finding for every place a cause shows: the first place quoted, the count, and the
    every place as evidence."""
    lo, hi = spans[0]
    data = {"quote": norm[lo:hi].replace("\n", " "), "n": len(spans), **extra}
    return rule_.hit(spans, data)


class _Adder:
    """Appends the sentence [start, end) without surrounding spaces, if any is left; sentences
    come in order, so the line holding each is found by walking the line starts once."""

    def __init__(
        self, out: list[Sentence], norm: str, cells: list[Cell | None], starts: list[int]
    ) -> None:
        self.out, self.norm, self.cells, self.starts = out, norm, cells, starts
        self.line = 0

    def __call__(self, start: int, end: int) -> None:
        norm = self.norm
        while start < end and norm[start] in " \t\r":
            start += 1
        while end > start and norm[end - 1] in " \t\r":
            end -= 1
        if end <= start:
            return
        starts, i = self.starts, self.line
        while i + 1 < len(starts) and starts[i + 1] <= start:
            i += 1
        self.line = i
        cell = self.cells[i]
        if cell is not None and cell.start == start and cell.end == end:
            self.out.append(cell)  # the same text and offsets: the line's cell
        else:
            self.out.append(Sentence(norm[start:end], start, end))


# ---------------------------------------------------------------- the report's date

_FULL_DATE = lazy(r"(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
_LABELLED_DATE = lazy(
    r"(?:报告|填报|填表|编制|自评|评价|落款)(?:日期|时间)\s*[:：]?\s*(?P<date>(?P<y>20\d{2})\s*"
    r"(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?|[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2})))"
    r"\s*$"
)
# A signature line: the unit's name and the date, nothing else.
_SIGNED_DATE = lazy(
    r"^[\u4e00-\u9fff()（）]{2,24}(?:局|委|办|府|中心|院|校|所|站|队|镇|乡|街道|部|厅|会|处|科|司)"
    r"\s*(?P<date>(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号])$"
)
_INTERIM = lazy(r"半年|上半年|季度|中期|监控|1-6月|1—6月|一至六月")


def is_interim(doc: Document) -> bool:
    title = report_title(doc)
    return bool(title and _INTERIM.search(title[2]))


class ReportDate(NamedTuple):
    value: date
    start: int
    end: int


def report_dates(doc: Document) -> list[ReportDate]:
    """Dates standing alone on a line (the signature date, or one under the title)."""

    def build(d: Document) -> list[ReportDate]:
        out: list[ReportDate] = []
        for line in d.lines:
            t = line.stripped
            # Every date read below holds 年 or follows a 日期/时间 label (most lines have none).
            if not t or len(t) > 40 or ("年" not in t and "期" not in t and "间" not in t):
                continue
            if is_chrome(t):
                continue
            off = line.start + line.text.index(t)
            m = _FULL_DATE.fullmatch(t) if len(t) <= 16 else None
            lo = 0
            if m is None:
                # 报告日期：2019年06月18日, 填报日期 2023-01-10; 某县水利局2022年12月30日
                m = _LABELLED_DATE.search(t) or _SIGNED_DATE.search(t)
                if m is None:
                    continue
                lo = m.start("date")
            g = m.groupdict()
            try:
                value = date(int(g["y"]), int(g["m"] or g["m2"]), int(g["d"] or g["d2"]))
            except (TypeError, ValueError):
                continue
            out.append(ReportDate(value, off + lo, off + m.end()))
        return out

    return doc.cached("q_dates", build)


def report_date(doc: Document) -> ReportDate | None:
    """The report's own date: the last stand-alone date line (the signature)."""
    dates = report_dates(doc)
    return dates[-1] if dates else None


# ---------------------------------------------------------------- targets and goals

# A comparator followed by a number: ≥95%, 不低于90%, 达到100%, 控制在9.64万元以内.
# Besides the comparators, the fillers a goal is stated with (达到, 控制在, 为 ...) and 前 (a rank).
COMPARATOR = rf"(?:{COMPARATOR_ALT}|{alternation(GOAL_FILLERS)}|前)"
_TARGET_RE = lazy(
    COMPARATOR + r"\s*\d+(?:\.\d+)?\s*(?:%|‰|万元|亿元|元|个|人次|人|次|户|份|座|亩|公里|天|"
    r"项|家|所|辆|件|条|场|台|套|处|间|口|支|头|株|吨|名|村|批|期|小时|分钟|日|月|名)?"
)
_PERCENT_RE = lazy(r"\d+(?:\.\d+)?\s*[%‰]")
# A per-unit standard: 0.60万元/生·年, 300元/人.
_PER_UNIT_RE = lazy(r"\d+(?:\.\d+)?\s*(?:万元|元)\s*/\s*[\u4e00-\u9fff]")
_NUMBER_RE = lazy(r"\d+(?:\.\d+)?")

GOAL_TITLE = lazy(
    r"(?:绩效|年度|总体|整体|具体|工作|履职|部门|项目|单位|总)目标|目标(?:和|及|与)(?:任务|指标)"
    r"|(?:绩效|产出|效益|效果|满意度|数量|质量|时效|成本)指标"
)
_NOT_GOAL_TITLE = lazy(
    r"完成|实现|情况|评价|分析|自评|结果|偏差|原因|管理|设立|设定|设置|有待|问题|措施|建议|申报|"
    r"改进|整改|存在"
)


def has_measurable_target(text: str) -> bool:
    """Whether `text` states at least one quantified target: a comparator with a number, a
    percentage, a per-unit standard (0.60万元/生·年), or two or more figures."""
    if _TARGET_RE.search(text) or _PERCENT_RE.search(text) or _PER_UNIT_RE.search(text):
        return True
    return len(_NUMBER_RE.findall(text)) >= 2


def comparator_targets(text: str) -> list[re.Match[str]]:
    """Comparator-and-number targets in `text` ("≥95%", "不低于90%")."""
    return [m for m in rx.finditer(rf"(?:{BOUND_ALT})\s*\d", text)]


def goal_titled_sections(doc: Document) -> list[Section]:
    """Every section whose title names annual performance goals or indicators, nested ones
    included (`goal_readings.top_goal_sections` keeps the outermost)."""
    out = []
    for s in sections(doc):
        t = s.title
        if not GOAL_TITLE.search(t):
            continue
        if _NOT_GOAL_TITLE.search(t):
            continue  # "绩效目标完成情况" narrates results, "科学设立目标" is a measure
        out.append(s)
    return out


# ---------------------------------------------------------------- one finding per cause


def grouped(hits: Iterable[Hit], key: Callable[[Hit], Hashable]) -> list[Hit]:
    """Merge hits that share a cause (`key`) into one hit per cause, in order of first
    occurrence: the first hit's data and severity, the first span of every occurrence (first
    span = first occurrence), and `count` with `times_zh`/`times_en` for the message (empty when
    the cause occurs once)."""
    order: list[Hashable] = []
    groups: dict[Hashable, list[Hit]] = {}
    for h in hits:
        k = key(h)
        if k not in groups:
            order.append(k)
            groups[k] = []
        groups[k].append(h)
    out: list[Hit] = []
    for k in order:
        hs = groups[k]
        first = hs[0]
        spans = [h.spans[0] for h in hs if h.spans]
        n = len(hs)
        data = dict(first.data)
        data["count"] = n
        data["times_zh"] = f"（全文共{n}处，已合并为一条）" if n > 1 else ""
        data["times_en"] = f" ({n} occurrences, reported once)" if n > 1 else ""
        out.append(Hit(first.rule, spans, data, first.severity, first.variant))
    return out
