"""Shared readings for the report-quality (Q) checks: the report's year and date, sentences,
goal sections, and whether a stretch of text states a measurable target.

No rules are declared here; the checks live in `quality_goals`, `quality_structure` and
`quality_claims`.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.sections import Section, first_subsection_start, sections
from reviewer.document import Document
from reviewer.regex import lazy

# ---------------------------------------------------------------- sentences


class Sentence(NamedTuple):
    start: int
    end: int  # exclusive, includes the closing punctuation
    text: str  # normalized text


_SENT_END = lazy(r"[。！？!?\n]")


def sentences(doc: Document) -> list[Sentence]:
    """Sentences of the normalized text, split at 。！？ and line breaks."""

    def build(d: Document) -> list[Sentence]:
        out: list[Sentence] = []
        pos = 0
        norm = d.norm
        for m in _SENT_END.finditer(norm):
            end = m.end() if m.group() != "\n" else m.start()
            _add(out, norm, pos, end)
            pos = m.end()
        _add(out, norm, pos, len(norm))
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


def _add(out: list[Sentence], norm: str, start: int, end: int) -> None:
    while start < end and norm[start] in " \t\r":
        start += 1
    while end > start and norm[end - 1] in " \t\r":
        end -= 1
    if end > start:
        out.append(Sentence(start, end, norm[start:end]))


# ---------------------------------------------------------------- the report's year and date

_YEAR = lazy(r"(20\d{2})\s*年度?")
_FULL_DATE = lazy(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_INTERIM = lazy(r"半年|上半年|季度|中期|监控|1-6月|1—6月|一至六月")


def title_region(doc: Document) -> tuple[int, int]:
    """From the start of the text to the first level-1 heading (or the first 400 characters)."""
    first = next((s.start for s in sections(doc) if s.level <= 1), None)
    end = first if first is not None else min(len(doc.norm), 400)
    return 0, min(end, 600)


def report_title(doc: Document) -> tuple[int, int, str] | None:
    """The line in the title region that names the report (…报告), if any."""
    lo, hi = title_region(doc)
    for line in doc.lines:
        if line.start >= hi:
            break
        if line.start < lo:
            continue
        t = line.text.strip()
        if "报告" in t and len(t) <= 80:
            return line.start, line.end, t
    return None


def evaluated_year(doc: Document) -> int | None:
    """The fiscal year the report evaluates, read from its title (2024年度…报告)."""

    def build(d: Document) -> int | None:
        title = report_title(d)
        if title is None:
            return None
        m = _YEAR.search(title[2])
        return int(m.group(1)) if m else None

    return doc.cached("q_year", build)


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
            t = line.text.strip()
            if not t or len(t) > 16:
                continue
            m = _FULL_DATE.fullmatch(t)
            if not m:
                continue
            try:
                value = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            off = line.start + line.text.index(t)
            out.append(ReportDate(value, off, off + len(t)))
        return out

    return doc.cached("q_dates", build)


def report_date(doc: Document) -> ReportDate | None:
    """The report's own date: the last stand-alone date line (the signature)."""
    dates = report_dates(doc)
    return dates[-1] if dates else None


# ---------------------------------------------------------------- targets and goals

# A comparator followed by a number: ≥95%, 不低于90%, 达到100%, 控制在9.64万元以内.
COMPARATOR = (
    r"(?:[≥≤><=]|>=|<=|不低于|不少于|不高于|不超过|不大于|不小于|低于|高于|少于|多于|超过|"
    r"达到|达|控制在|保持在|在|为|大于|小于|等于|至少|至多|前)"
)
_TARGET_RE = lazy(
    COMPARATOR + r"\s*\d+(?:\.\d+)?\s*(?:%|‰|万元|亿元|元|个|人次|人|次|户|份|座|亩|公里|天|"
    r"项|家|所|辆|件|条|场|台|套|处|间|口|支|头|株|吨|名|村|批|期|小时|分钟|日|月|名)?"
)
_PERCENT_RE = lazy(r"\d+(?:\.\d+)?\s*[%‰]")
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
    percentage, or two or more figures."""
    if _TARGET_RE.search(text) or _PERCENT_RE.search(text):
        return True
    return len(_NUMBER_RE.findall(text)) >= 2


def comparator_targets(text: str) -> list[re.Match[str]]:
    """Comparator-and-number targets in `text` ("≥95%", "不低于90%")."""
    return [m for m in rx.finditer(r"(?:[≥≤<>]|不低于|不少于|不超过|不高于)\s*\d", text)]


def goal_sections(doc: Document) -> list[Section]:
    """Sections whose title names annual performance goals or indicators."""
    out = []
    for s in sections(doc):
        t = s.title
        if not GOAL_TITLE.search(t):
            continue
        if _NOT_GOAL_TITLE.search(t):
            continue  # "绩效目标完成情况" narrates results, "科学设立目标" is a measure
        out.append(s)
    return out


def own_body(doc: Document, s: Section) -> tuple[int, int]:
    """[body_start, first subsection start or end) of a section."""
    sub = first_subsection_start(doc, s)
    return s.body_start, max(s.body_start, sub)
