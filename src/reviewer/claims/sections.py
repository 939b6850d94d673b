"""Sections: the report's headings, their level from the numbering style, and their extent.

Levels (smaller is higher):

| level | numbering |
|---|---|
| 0 `PART` | 第一部分 / 第一章, 附件 / 附件1 |
| 1 | 一、 一. |
| 2 | （一） (一) |
| 3 | 1. 1、 1． |
| 4 | （1） (1) |
| 5 | ① ② … |

Real reports are messy, so the reader is forgiving:

- A numbered line is a heading only when it reads like one: the whole line is short and has no
  sentence in it, or it opens with a short title closed by 。/：/; and goes on with its body
  inline ("（二）存在问题。预决算…"). A long numbered sentence ("1.宣传和贯彻执行党的路线…的决议。")
  is a list item in the body, not a heading.
- "3、 部门绩效目标" between "二、" and "四、" is read as the missing "三、" (level 1), unless a
  "2、" sibling before it shows it is an ordinary list item.
- "（2）" right after "（一）" (or right before "（三）") is read as "（二）" (level 2); a run of
  "（1）（2）…" under a "（一）" stays level 4.
- A leading conversion artefact such as "[bookmark: _GoBack]" is skipped.
- A table of contents is not the report's outline: a run of heading-like lines with no body
  between them (often after 目录, often with page numbers or dotted leaders) whose titles come
  again as the body's headings is dropped; the body's sections are the ones that count. The
  run's TOC part ends where a title of the run comes a second time (the body starts there).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from reviewer.document import Document
from reviewer.numbers import parse_chinese_int
from reviewer.regex import lazy

PART = 0

_CN = "一二三四五六七八九十〇零两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# A leading artefact of document conversion: "[bookmark: _GoBack]", "[image: …]".
_ARTEFACT = lazy(r"\s*(?:\[(?:bookmark|image|footnote|comment)[^\]\n]{0,80}\]\s*)*")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # style name, pattern matched at the start of the (artefact-stripped) line
    ("part", lazy(rf"第([{_CN}]{{1,3}}|\d{{1,2}})(?:部分|章|篇)[、.:：\s]*")),
    ("annex", lazy(r"附(?:件|表)\s*(\d{0,2})(?![\d.])\s*[、.:：]?\s*")),
    ("cn", lazy(rf"([{_CN}]{{1,3}})\s*[、.](?!\d)\s*")),
    ("pcn", lazy(rf"\(\s*([{_CN}]{{1,3}})\s*\)\s*[、.]?\s*")),
    ("ar", lazy(r"(\d{1,2})\s*([、.])(?!\d)\s*")),
    ("par", lazy(r"\(\s*(\d{1,2})\s*\)\s*[、.]?\s*")),
    ("circ", lazy(rf"([{_CIRCLED}])\s*")),
]
# The characters a heading pattern can start with, besides a digit.
_HEAD_FIRST = frozenset("第附(" + _CN + _CIRCLED)
# The patterns a line starting with a character may match, in `_PATTERNS`' order (one pattern
# tried, not seven, on each of the many lines starting with a digit or a numeral).
_FIRST_OF_STYLE = {"part": "第", "annex": "附", "cn": _CN, "pcn": "(", "par": "(", "circ": _CIRCLED}
_BY_FIRST = {
    ch: [(style, pat) for style, pat in _PATTERNS if ch in _FIRST_OF_STYLE.get(style, "")]
    for ch in _HEAD_FIRST
}
_BY_DIGIT = [(style, pat) for style, pat in _PATTERNS if style == "ar"]
_STYLE_LEVEL = {"part": PART, "annex": PART, "cn": 1, "pcn": 2, "ar": 3, "par": 4, "circ": 5}

# What closes an inline title: the first sentence or clause terminator.
_TITLE_END = lazy(r"[。：:；;]")
# A short title closed by a terminator, then the body on the same line.
_MAX_INLINE_TITLE = 25
# A whole line without a sentence in it.
_MAX_LINE_TITLE = {PART: 60, 1: 60, 2: 45, 3: 40, 4: 40, 5: 40}


class Section(NamedTuple):
    """One heading and everything up to the next heading of the same or a higher level."""

    title: str  # the heading text without its number ("存在问题")
    level: int  # 0 part/annex, 1 一、, 2 （一）, 3 1., 4 （1）, 5 ①
    start: int  # the heading line's start (after any leading artefact)
    end: int  # the next heading of the same or higher level, or the end of the text
    title_start: int
    title_end: int
    body_start: int  # first offset after the title and its terminator
    marker: str = ""  # the numbering as written: "一、", "（2）", "3、"
    number: int | None = None  # the numbering's value (2 for "（2）" and "（二）")
    style: str = ""  # numbering style: part, annex, cn, pcn, ar, par, circ

    @property
    def body_end(self) -> int:
        return self.end


@dataclass
class _Head:
    style: str
    level: int
    number: int | None
    sep: str
    start: int
    title_start: int
    title_end: int
    body_start: int
    marker: str
    title: str
    line_end: int = 0


def cn_number(s: str) -> int | None:
    """Value of a heading number written in digits or Chinese numerals; None otherwise."""
    if not s:
        return None
    return int(s) if s.isdigit() else parse_chinese_int(s)


def _read_heading(norm: str, line_start: int, line_end: int) -> _Head | None:
    if line_start < line_end and (norm[line_start] == "[" or norm[line_start].isspace()):
        m0 = _ARTEFACT.match(norm, line_start, line_end)
        pos = m0.end() if m0 else line_start
    else:
        pos = line_start  # no space or artefact to skip (most lines)
    if pos >= line_end:
        return None
    first = norm[pos]
    if first.isdecimal():  # what \d matches
        candidates = _BY_DIGIT
    elif first in _HEAD_FIRST:
        candidates = _BY_FIRST[first]
    else:
        return None  # no heading pattern starts here (most lines of a long text)
    for style, pat in candidates:
        m = pat.match(norm, pos, line_end)
        if not m:
            continue
        level = _STYLE_LEVEL[style]
        raw_num = m.group(1)
        if style == "circ":
            number: int | None = _CIRCLED.index(raw_num) + 1
        elif style == "annex":
            number = int(raw_num) if raw_num else None
        else:
            number = cn_number(raw_num)
            if number is None or number == 0:
                return None
        sep = m.group(2) if style == "ar" else ""
        title_start = m.end()
        rest = norm[title_start:line_end]
        stripped = rest.rstrip()
        if style == "annex":
            # "附件", "附件1", "附件1：基础数据表" - a short line only.
            if len(stripped) > 30 or "。" in stripped:
                return None
            title_end = title_start + len(stripped)
            title = stripped or norm[m.start() : m.end()].strip(" :：、.")
            return _Head(
                style,
                level,
                number,
                sep,
                pos,
                title_start,
                max(title_end, title_start),
                line_end,
                norm[m.start() : m.end()].strip(),
                title,
            )
        if not stripped.strip():
            return None
        t = _TITLE_END.search(rest)
        if t is None or t.end() >= len(stripped):
            # The whole line is the title (possibly closed by a final 。 or ：).
            title_text = stripped[: t.start()] if t else stripped
            if len(title_text.strip()) > _MAX_LINE_TITLE[level]:
                return None
            # A line closed by 。 with a clause break or of some length is a sentence:
            # "6、贯彻执行相关法律法规，落实…，承担上级交办的其他任务。"
            if (
                t is not None
                and t.group() == "。"
                and ("，" in title_text or len(title_text.strip()) > _MAX_INLINE_TITLE)
            ):
                return None
            title_end = title_start + len(title_text.rstrip())
            body_start = line_end
        else:
            title_text = rest[: t.start()]
            if len(title_text.strip()) > _MAX_INLINE_TITLE or not title_text.strip():
                return None
            title_end = title_start + len(title_text.rstrip())
            body_start = title_start + t.end()
        title = title_text.strip()
        if not title or title[0] in "%％)":
            return None
        return _Head(
            style,
            level,
            number,
            sep,
            pos,
            title_start,
            title_end,
            body_start,
            norm[m.start() : m.end()].strip(),
            title,
        )
    return None


# A table-of-contents entry's tail: dotted leaders and/or a page number ("……3", " 12").
_TOC_TAIL = lazy(r"(?:\s*(?:[.·…。\-_—]\s*){2,}\s*\d{0,3}|\s+\d{1,3})\s*$")
_TOC_LABEL = lazy(r"^\s*(?:目\s*录|目\s*次|内\s*容\s*目\s*录)\s*$")
# A short line inside a contents run that is not a heading: 摘要, the report's title again.
_SENTENCE = lazy(r"[。，,；;|\t]")
# What no title holds, even a long one listed in a labelled table of contents.
_TITLE_BREAK = lazy(r"[。；;|\t]")


_KEY_NOISE = lazy(r"[\s:：、.()（）]")


def _toc_key(title: str) -> str:
    return _KEY_NOISE.sub("", _TOC_TAIL.sub("", title))


class _Line(NamedTuple):
    number: int  # the line's index in the document
    text: str  # stripped
    head: int | None  # index into the heading list when the line is a heading


def _toc_heads(lines: list[_Line], heads: list[_Head]) -> set[int]:
    """Indexes (into `heads`) of the entries of any table of contents.

    `lines` are the non-blank lines. A run is a stretch of consecutive ones, each a heading
    whose whole line is its title (no clause break in it) or a short line without a sentence
    in it. A part made only of 1. / (1) items is a list, not an outline. Its contents part
    ends before the first heading whose title (page number and leaders aside) already came in
    the run, or whose 一、 numbering starts again: the body begins there. The part is a table of
    contents when it holds three headings or more and it is labelled 目录, or three entries end
    in a page number or leaders, or three of its titles, one of them a 一、 or （一） title, come
    again as later headings.
    """
    keys = [_toc_key(h.title) for h in heads]
    last = {k: i for i, k in enumerate(keys)}  # each title's last heading
    out: set[int] = set()
    run: list[_Line] = []
    for ln in [*lines, _Line(-1, "。", None)]:
        if ln.head is not None:
            h = heads[ln.head]
            # a contents entry is a title: no clause break in it (a list item has them); under
            # a 目录 label, a long title may hold commas ("(二)资金渠道单一,分摊规则不明确")
            labelled = any(_TOC_LABEL.match(r.text) for r in run)
            breaks = _TITLE_BREAK if labelled else _SENTENCE
            entry = h.body_start >= h.line_end and not breaks.search(ln.text)
        else:
            entry = len(ln.text) <= 40 and not _SENTENCE.search(ln.text)
        if entry:
            run.append(ln)
            continue
        if run:
            out.update(_toc_part(run, heads, keys, last))
        run = []
    return out


def _toc_part(
    run: list[_Line], heads: list[_Head], keys: list[str], last: dict[str, int]
) -> list[int]:
    entries: list[int] = []  # head indexes of the contents part
    seen: set[str] = set()
    top_seen = 0
    tails = 0
    labelled = False
    body_from = len(heads)  # first heading of the body
    for ln in run:
        if ln.head is None:
            if _TOC_LABEL.match(ln.text):
                labelled = labelled or not entries
            elif _TOC_TAIL.search(ln.text) and not ln.text[:1].isdigit():
                tails += 1
            continue
        h = heads[ln.head]
        key = keys[ln.head]
        if key in seen or (h.style == "cn" and h.number is not None and h.number <= top_seen):
            body_from = ln.head  # the body starts here
            break
        seen.add(key)
        if h.style == "cn" and h.number is not None:
            top_seen = max(top_seen, h.number)
        tails += bool(_TOC_TAIL.search(h.title))
        entries.append(ln.head)
    else:
        # the run ends in prose: its last heading owns that prose unless marked as an entry
        if entries and not _TOC_TAIL.search(heads[entries[-1]].title):
            body_from = entries.pop()
    if len(entries) < 3 or all(heads[i].level > 2 for i in entries):
        return []  # too short, or a list of numbered items (1. / (1)) rather than an outline
    if labelled or tails >= 3:
        return entries
    # titles that come again as headings of the body (at or after its first heading); an
    # outline's own top sections are among them, not only its numbered items
    repeats = [i for i in entries if last[keys[i]] >= body_from]
    if len(repeats) >= 3 and any(heads[i].level <= 2 for i in repeats):
        return entries
    return []


def _fix_levels(heads: list[_Head]) -> None:
    """Repair common numbering slips: "3、" for "三、", "（2）" for "（二）"."""
    l1 = [i for i, h in enumerate(heads) if h.style == "cn"]

    def prev_next_l1(i: int) -> tuple[_Head | None, _Head | None]:
        prev = next((heads[j] for j in reversed(l1) if j < i), None)
        nxt = next((heads[j] for j in l1 if j > i), None)
        return prev, nxt

    for i, h in enumerate(heads):
        if h.style != "ar" or h.number is None or h.body_start < h.line_end:
            continue
        prev, nxt = prev_next_l1(i)
        if prev is None or prev.number != h.number - 1:
            continue
        if nxt is not None and nxt.number != h.number + 1:
            continue
        if nxt is None and h.number < 2:
            continue
        # A sibling "N-1" with the same separator since the previous 一、 shows a list.
        j0 = heads.index(prev)
        if any(
            g.style == "ar" and g.sep == h.sep and g.number == h.number - 1
            for g in heads[j0 + 1 : i]
        ):
            continue
        h.level = 1
        h.style = "cn*"

    # "（2）" where "（二）" was meant: look at the previous parenthesised heading within the
    # same top-level section, or at the next one when this is the first.
    last_paren: _Head | None = None
    for i, h in enumerate(heads):
        if h.level <= 1:
            last_paren = None
            continue
        if h.style not in ("pcn", "par", "pcn*"):
            continue
        if h.style == "par" and h.number is not None:
            promote = False
            if last_paren is not None:
                promote = last_paren.style in ("pcn", "pcn*") and last_paren.number == h.number - 1
            else:
                for g in heads[i + 1 :]:
                    if g.level <= 1:
                        break
                    if g.style in ("pcn", "par"):
                        promote = g.style == "pcn" and g.number == h.number + 1
                        break
            if promote:
                h.level = 2
                h.style = "pcn*"
        last_paren = h


def _scan(doc: Document) -> list[Section]:
    norm = doc.norm
    heads: list[_Head] = []
    rank: list[int] = []  # each heading's rank among the non-blank lines
    on_line: dict[int, int] = {}  # line start -> index of the heading read there
    k = 0
    for line in doc.lines:
        if not line.text.strip():
            continue
        k += 1
        h = _read_heading(norm, line.start, line.end)
        if h is not None:
            h.line_end = line.end
            on_line[line.start] = len(heads)
            heads.append(h)
            rank.append(k)
    # a table of contents needs three headings within four lines: most reports have none
    if any(rank[i + 2] - rank[i] <= 3 for i in range(len(rank) - 2)):
        filled = [
            _Line(ln.index, ln.text.strip(), on_line.get(ln.start))
            for ln in doc.lines
            if ln.text.strip()
        ]
        toc = _toc_heads(filled, heads)
        if toc:
            heads = [h for i, h in enumerate(heads) if i not in toc]
    # An 附件 label before the first top-level heading names the document itself.
    first_l1 = next((h.start for h in heads if h.level == 1), None)
    heads = [
        h for h in heads if not (h.style == "annex" and first_l1 is not None and h.start < first_l1)
    ]
    _fix_levels(heads)
    out: list[Section] = []
    n = len(norm)
    # A section ends where the next heading of its level or above starts: one pass from the end
    # with a stack of candidates (levels strictly rising from the top), not a scan per heading.
    ends = [n] * len(heads)
    stack: list[_Head] = []
    for i in range(len(heads) - 1, -1, -1):
        h = heads[i]
        while stack and stack[-1].level > h.level:
            stack.pop()
        if stack:
            ends[i] = stack[-1].start
        stack.append(h)
    for i, h in enumerate(heads):
        end = ends[i]
        # Trim trailing whitespace so an empty section ends where its heading does.
        out.append(
            Section(
                title=h.title,
                level=h.level,
                start=h.start,
                end=end,
                title_start=h.title_start,
                title_end=h.title_end,
                body_start=min(h.body_start, end),
                marker=h.marker,
                number=h.number,
                style=h.style,
            )
        )
    return out


def sections(doc: Document) -> list[Section]:
    """All headings of the report in text order, with their levels and extents."""
    return doc.cached("sections", _scan)


def section_path(doc: Document, offset: int) -> list[Section]:
    """The sections enclosing `offset`, outermost first (a heading encloses its own title)."""
    starts, parents = doc.cached("section_parents", _parents)
    secs = sections(doc)
    path: list[Section] = []
    # A section ends at the next heading of its level or above, so the sections enclosing an
    # offset nest: the last one starting at or before it, and that one's parents.
    k = bisect.bisect_right(starts, offset) - 1
    while k >= 0:
        s = secs[k]
        if s.start <= offset < s.end:
            path.append(s)
        k = parents[k]
    path.reverse()
    return path


def _parents(doc: Document) -> tuple[list[int], list[int]]:
    """Section starts, and for each section the index of the one it lies in (-1: none)."""
    secs = sections(doc)
    parents: list[int] = []
    stack: list[int] = []
    for i, s in enumerate(secs):
        while stack and secs[stack[-1]].level >= s.level:
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        stack.append(i)
    return [s.start for s in secs], parents


def first_subsection_start(doc: Document, s: Section) -> int:
    """Where the first section inside `s` starts (`s.end` when there is none)."""
    starts, _ = doc.cached("section_parents", _parents)
    k = bisect.bisect_right(starts, s.start)  # sections are in text order, one per start
    return starts[k] if k < len(starts) and starts[k] < s.end else s.end
