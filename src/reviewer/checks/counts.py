"""Counts: "N个：A、B、C" — a stated number of things against the things actually named.

Three shapes of a counted list are read:

- Inline, right after the count: "内设机构6个：A、B、C、D；", "设置事业单位4个，分别是A、B、C、D。",
  "下设3个中心：A、B、C". Items are split on 、 (or ；, or short ，-separated names); text in
  brackets or quotes is never split. The list ends at the first clause break.
- Enumerated, on the following lines: "设置事业单位4个，分别是：" then "(一)…", "(二)…", …; the
  run of lines numbered 1, 2, 3 … in one style is counted.
- Enumerated inline: "开展3项工作：一是…；二是…；三是…。" counts the markers 一是, 二是, ….
- Named later: "内设处室10个，所属事业单位4个。其中：内设处室分别是A、…" — a later "X分别是/
  包括" that repeats the label X of an earlier "X N个" in the same paragraph.

Lists whose items carry their own numbers ("A 5人、B 3人") are sums, left to the totals checks.
A list ending in 等 is open-ended, and a list whose end is unclear is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import find_quantities, fmt, parse_chinese_int
from reviewer.regex import lazy

COUNT_MISMATCH = rule(
    code="C001",
    fix_zh="逐一列出所称的全部机构（单位），或更正个数。",
    name="count-mismatch",
    kind="count_mismatch",
    severity=Severity.ERROR,
    family="counts",
    title_zh="所称数量与列举项数不符",
    title_en="Stated count does not match the items listed",
    message_zh="称“{claim}”，但列出 {listed} 项：{items}{note}",
    message_en="The report states “{claim}” ({stated}) but lists {listed}: {items}{note_en}",
    what="Finds a count followed by the list of what is counted (N个：A、B、C; N个，分别是/包括…; "
    "下设N个…：; enumerated lines (一)(二)…; 一是…二是…; or a later 'X分别是…' naming the same "
    "X) and counts the items listed.",
    why="A count that disagrees with its own list means a unit was left out of the list or the "
    "count is stale; organisation and staffing figures are the first thing reviewers reconcile.",
    example="局机关内设股室5个：办公室、计划财务股、农田建设股、种植业股。",
    counterexample="局机关内设股室4个：办公室、计划财务股、农田建设股、种植业股。",
    fix="Name every counted unit, or correct the count.",
)

# Units of counted things that are listed by name.
_UNITS = {"个", "名", "人", "家", "所", "项", "类", "处", "支", "条", "座", "位", "种", "方面"}
_CN_NUM = "一二两三四五六七八九十"
# What opens a list right after the count (and an optional noun: "下设3个中心：").
_OPENER = lazy(
    r"(?P<noun>[\u4e00-\u9fff]{0,5}?(?:[(（][\u4e00-\u9fff]{1,3}[)）])?)[ \t]*"
    r"(?:"
    r"[，,]?[ \t]*(?:分别是|分别为|分别有|具体是|具体为|包括|包含|即)[ \t]*[：:]?"
    r"|(?:为|是|有)?[ \t]*[：:]"
    r")[ \t]*"
)
_CLAUSE_ENDS = "，,；;。\n"
_OPEN = "（(“\"‘'《〈[【「『"
_CLOSE = "）)”\"’'》〉]】」』"
# Enumeration markers: (一) 一、 1. (1) ① 一是 第一.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("pcn", lazy(rf"[(（]\s*([{_CN_NUM}]{{1,3}})\s*[)）]")),
    ("par", lazy(r"[(（]\s*(\d{1,2})\s*[)）]")),
    ("cn", lazy(rf"([{_CN_NUM}]{{1,3}})\s*[、.．]")),
    ("ar", lazy(r"(\d{1,2})\s*[、.．](?!\d)")),
    ("circ", lazy(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
    ("shi", lazy(rf"([{_CN_NUM}]{{1,3}})是")),
    ("di", lazy(rf"第([{_CN_NUM}]{{1,3}})\s*[，,、：:]")),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Nesting depth of each numbering style on lines (smaller is outer), as in claims.sections.
_LEVEL = {"part": 0, "cn": 1, "pcn": 2, "ar": 3, "par": 4, "circ": 5}
_OUTER = lazy(r"第[一二三四五六七八九十]+(?:部分|章|篇)|附件|附表")
_HAS_DIGIT = lazy(r"\d|[一二两三四五六七八九十百千]+(?:个|名|人|项|家|所|户|座)")
_JOINERS = lazy(r"以及|和|及|与|并")
_MAX_ITEM = 20  # characters of a name outside brackets
_BRACKETED = lazy(r"[（(][^（()）]*[)）]")
_TRAILING_AMOUNT = lazy(r"(?<=[\u4e00-\u9fff）)])\d+(?:\.\d+)?\s*(?:万元|亿元|元)$")
# A list announced in words after the count (N个项目，分别为：).
_EXPLICIT_LIST = lazy(r"[\u4e00-\u9fff]{0,5}?[ \t]*[，,]?[ \t]*(?:分别是|分别为|分别有|包括)")
_LIST_INTRO = lazy(r"\s*(?:分别是|分别为|分别有|包括|具体是|具体为)\s*[：:]?\s*")


@dataclass(frozen=True)
class CountedList:
    """A stated count and the items listed for it."""

    count: int
    claim: tuple[int, int]  # "内设机构6个"
    label: str
    unit: str
    items: list[tuple[int, int]]  # each item's offsets
    alt_counts: frozenset[int]  # other plausible readings ("A、B和C" may be 3)


def _marker_value(style: str, raw: str) -> int | None:
    if style == "circ":
        return _CIRCLED.index(raw) + 1
    if raw.isdigit():
        return int(raw)
    return parse_chinese_int(raw)


def _split_top(norm: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """Split norm[start:end] on `sep` outside brackets and quotes; trimmed item offsets."""
    parts: list[tuple[int, int]] = []
    depth = 0
    i0 = start
    for i in range(start, end):
        ch = norm[i]
        if ch in _OPEN and not (ch in _CLOSE and depth > 0):
            depth += 1
        elif ch in _CLOSE and depth > 0:
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append((i0, i))
            i0 = i + 1
    parts.append((i0, end))
    out = []
    for a, b in parts:
        while a < b and norm[a] in " \t":
            a += 1
        while b > a and norm[b - 1] in " \t":
            b -= 1
        out.append((a, b))
    return out


def _list_end(norm: str, start: int, stops: str) -> int | None:
    """First offset of a char in `stops` outside brackets, from `start`; None when unclosed."""
    depth = 0
    for i in range(start, min(len(norm), start + 600)):
        ch = norm[i]
        if ch in _OPEN and not (ch in _CLOSE and depth > 0):
            depth += 1
        elif ch in _CLOSE and depth > 0:
            depth -= 1
        elif depth == 0 and ch in stops:
            return i
        if ch == "\n":
            return i
    return len(norm) if start + 600 >= len(norm) else None


def _inline_items(norm: str, start: int) -> tuple[list[tuple[int, int]], set[int]] | None:
    """Items of a list written on one line from `start`; None when it cannot be read safely."""
    # 、-separated names, ending at the first clause break.
    end = _list_end(norm, start, _CLAUSE_ENDS)
    if end is None:
        return None
    items = _split_top(norm, start, end, "、")
    if len(items) >= 2:
        if norm[end : end + 1] in "，," and _continues(norm, end + 1):
            return None  # "A、B，以及C、D": the list goes on past the comma
        return _checked(norm, items)
    # ；-separated items up to the sentence end.
    end = _list_end(norm, start, "。\n")
    if end is None:
        return None
    for sep in "；;":  # a list of clauses, 、 inside them
        items = _split_top(norm, start, end, sep)
        if len(items) >= 2:
            return _checked(norm, items)
    # Short names separated by ，.
    end = _list_end(norm, start, "；;。\n")
    if end is None:
        return None
    items = _split_top(norm, start, end, "，")
    if len(items) >= 2 and all(0 < b - a <= 12 for a, b in items):
        return _checked(norm, items)
    return None


def _continues(norm: str, pos: int) -> bool:
    clause_end = _list_end(norm, pos, _CLAUSE_ENDS) or pos
    clause = norm[pos:clause_end].strip()
    return bool(rx.match(r"(?:以及|还有|另有|和|及|与)", clause)) or "、" in clause


def _checked(
    norm: str, items: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], set[int]] | None:
    texts = [norm[a:b] for a, b in items]
    if any(not t.strip() for t in texts):
        return None
    if any(len(_BRACKETED.sub("", t)) > _MAX_ITEM or "了" in t for t in texts):
        return None  # sentences, not names
    # a name with its amount after it (青少年工作经费30万元): the name is the item
    texts = [t[: m.start()] if (m := _TRAILING_AMOUNT.search(t)) else t for t in texts]
    if any(_HAS_DIGIT.search(t) or not t.strip() for t in texts):
        return None  # quantities: a sum, not a list of names
    last = texts[-1].rstrip()
    if last.endswith("等") or rx.search(r"等[\u4e00-\u9fff]{0,4}$", last):
        return None  # open-ended: "A、B等"
    # Joiners inside the last item: "A、B和C" may be three.
    alts = {len(items) + k for k in range(1, len(_JOINERS.findall(texts[-1])) + 1)}
    return items, alts


def _inline_markers(norm: str, start: int) -> list[tuple[int, int]] | None:
    """Inline enumeration "一是…；二是…；三是…" from `start` to the line end; None if absent."""
    line_end = norm.find("\n", start)
    line_end = len(norm) if line_end < 0 else line_end
    for style, pat in _MARKERS:
        m = pat.match(norm, start, line_end)
        if not m or _marker_value(style, m.group(1)) != 1:
            continue
        starts = [m.start()]
        expect = 2
        pos = m.end()
        while True:
            nxt = None
            for n in pat.finditer(norm, pos, line_end):
                value = _marker_value(style, n.group(1))
                if value == 1:
                    break  # a new enumeration starts: ours has ended
                if value == expect:
                    nxt = n
                    break
            if nxt is None:
                break
            starts.append(nxt.start())
            pos = nxt.end()
            expect += 1
        if len(starts) < 2:
            return None
        ends = [*starts[1:], line_end]
        return [(a, b) for a, b in zip(starts, ends, strict=True)]
    return None


def _line_marker(text: str) -> tuple[str, int | None] | None:
    """The numbering style and value a line opens with, or None for a plain line."""
    if _OUTER.match(text):
        return "part", None
    for style, pat in _MARKERS:
        m = pat.match(text)
        if m:
            return style, _marker_value(style, m.group(1))
    return None


def _enumerated_lines(doc: Document, after: int) -> list[tuple[int, int]] | None:
    """Lines numbered 1, 2, 3 … in one style right after offset `after` (the opener's line).

    Deeper numbered lines and plain paragraphs between two items belong to the item before.
    The run ends at a line numbered in the same style out of sequence, at an outer heading, or
    at the end of the text; when a plain paragraph comes between the last item and that end it
    is unclear whether the list goes on, and nothing is returned.
    """
    lines = [ln for ln in doc.lines if ln.start >= after and ln.text.strip()][:80]
    if not lines:
        return None
    first = _line_marker(lines[0].text.lstrip())
    if first is None or first[1] != 1 or first[0] not in _LEVEL:
        return None
    style = first[0]
    items: list[tuple[int, int]] = []
    expect = 1
    last = "item"
    for ln in lines:
        t = ln.text.lstrip()
        mk = _line_marker(t)
        if mk is not None and mk[0] == style:
            if mk[1] != expect:
                break
            items.append((ln.start + (len(ln.text) - len(t)), ln.end))
            expect += 1
            last = "item"
        elif mk is not None and _LEVEL.get(mk[0], 0) < _LEVEL[style]:
            break  # an outer heading closes the list
        else:
            last = "sub" if mk is not None else "plain"
    else:
        if len(lines) == 80:
            return None
    if last == "plain" or len(items) < 2:
        return None
    return items


def _label(norm: str, start: int) -> str:
    """The counted thing named before the number: the clause's last few characters."""
    i = start
    while i > 0 and "\u4e00" <= norm[i - 1] <= "\u9fff" and start - i < 12:
        i -= 1
    return norm[i:start]


def _find_lists(doc: Document) -> list[CountedList]:
    norm = doc.norm
    out: list[CountedList] = []
    quantities = [q for q in find_quantities(norm) if q.unit in _UNITS and not q.approx]
    for q in quantities:
        if q.value != int(q.value) or q.value < 1 or q.value > 60:
            continue
        if q.value == 1 and not _EXPLICIT_LIST.match(norm, q.end):
            continue  # "1个：" names its one thing; only "1个，分别为" announces several
        # Not "等6个" (names before the count) and not a part of a sum (其中…).
        if norm[max(0, q.start - 1) : q.start] == "等":
            continue
        label = _label(norm, q.start)
        m = _OPENER.match(norm, q.end)
        items: list[tuple[int, int]] | None = None
        alts: set[int] = set()
        if m:
            body = m.end()
            rest_of_line = norm[body : (norm.find("\n", body) + 1 or len(norm))]
            if not rest_of_line.strip():
                items = _enumerated_lines(doc, body)
            else:
                items = _inline_markers(norm, body)
                if items is None:
                    read = _inline_items(norm, body)
                    if read is not None:
                        items, alts = read
            if items is None:
                continue
        else:
            found = _named_later(norm, q.end, label)
            if found is None:
                continue
            items, alts = found
        out.append(
            CountedList(
                count=int(q.value),
                claim=(q.start - len(label), q.end),
                label=label,
                unit=q.unit,
                items=items,
                alt_counts=frozenset(alts),
            )
        )
    return out


def _named_later(norm: str, pos: int, label: str) -> tuple[list[tuple[int, int]], set[int]] | None:
    """A later "LABEL分别是A、B…" in the same paragraph for a count "LABEL N个" with no list."""
    if len(label) < 2:
        return None
    para_end = norm.find("\n", pos, pos + 400)  # the paragraph's end, within the window only
    window = norm[pos : pos + 400 if para_end < 0 else para_end]
    intros = list(_LIST_INTRO.finditer(window))
    for k in range(len(label), 1, -1):
        suffix = label[-k:]
        for m in intros:  # the first "SUFFIX 分别是" in the window, longest suffix first
            if window[: m.start()].endswith(suffix):
                return _inline_items(norm, pos + m.end())
    return None


@check(COUNT_MISMATCH)
def counts(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    for cl in doc.cached("counted_lists", _find_lists):
        listed = len(cl.items)
        if listed == cl.count or cl.count in cl.alt_counts:
            yield relation("count", [cl.claim], f"{fmt(cl.count)}{cl.unit}，列出 {listed} 项")
            continue
        names = [norm[a:b].strip().rstrip("。；;，,") for a, b in cl.items]
        shown = [n if len(n) <= 20 else n[:18] + "…" for n in names]
        note_zh = note_en = ""
        severity = None
        if listed > cl.count:
            # More names than claimed: a name with a 、 inside would also read this way.
            severity = Severity.WARNING
            note_zh = "（多于所称数量；若某名称本身含顿号，请核对）"
            note_en = " (more than stated; check whether a name contains a 、)"
        yield COUNT_MISMATCH.hit(
            [cl.claim, *cl.items],
            {
                "claim": doc.text[cl.claim[0] : cl.claim[1]],
                "label": cl.label,
                "stated": fmt(cl.count),
                "unit": cl.unit,
                "listed": listed,
                "items": "、".join(shown),
                "names": names,
                "note": note_zh,
                "note_en": note_en,
            },
            severity=severity,
        )
