"""Indicator-level score items: weight (分值/赋分/权重/满分) and score (得分), grouped into tables.

Two sources:

- Prose. A weight and a score stated together: "此指标赋分8分，得分8分", "分值10分，得分9.5分",
  "权重20，得分18", "得分9分（满分10分）", "投入指标20分，得分18分". Items close together in the
  same top-level section (no "一、"-style heading between them) form one group.
- Tables (`reviewer.document.tables.tables`). A header cell naming the weight (分值/权重/满分/
  标准分) and one naming the score (得分/自评分); each body row with a number under them is an
  item; a 合计/总分/总计 row is the table's stated total; 小计 rows are skipped.

A weight of 100 in prose is the whole framework ("满分100分，得分95分"): it is kept as the
group's stated total, never as an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.sections import section_path
from reviewer.document.document import Document
from reviewer.document.tables import Cell, Table, tables
from reviewer.numbers import decimals_of, half_digit, parse_decimal
from reviewer.regex import lazy


class Figure(NamedTuple):
    """A number as written, with its offsets (the number and its 分, if any)."""

    value: Decimal
    raw: str
    start: int
    end: int

    @property
    def decimals(self) -> int:
        return decimals_of(self.raw)

    @property
    def half_unit(self) -> Decimal:
        """Half the last written digit: the rounding the figure may carry."""
        return half_digit(self.decimals)


class ScoreItem(NamedTuple):
    """One indicator's weight and score. `start`/`end` span the whole statement."""

    name: str | None
    weight: Figure | None
    score: Figure | None
    start: int
    end: int


@dataclass(frozen=True)
class ScoreGroup:
    """Indicator items that belong together (one table, or one run of prose).

    `total` is the stated total of the group itself (a 合计 row, "满分100分，得分95分"), when
    there is one; the report's self-score is found separately (claims.selfscore).
    """

    items: list[ScoreItem]
    source: str  # "prose" or "table"
    start: int
    end: int
    total: ScoreItem | None = None
    section_start: int = 0  # the enclosing top-level section, for matching a self-score
    section_end: int = 0
    subtotals: list[ScoreItem] = field(default_factory=list)

    @property
    def weights(self) -> list[Figure]:
        return [i.weight for i in self.items if i.weight is not None]

    @property
    def scores(self) -> list[Figure]:
        return [i.score for i in self.items if i.score is not None]


_NUM = r"\d{1,3}(?:\.\d{1,3})?"
_WKEY = r"(?:赋分|分值|权重分?|满分|标准分|应得分)"
_SKEY = r"(?:实际得分|自评得分|最终得分|评价得分|考核得分|得分|实得分?)"
_IS = r"(?:为|是|：|:|\s)*"
_GLUE = r"\s*[，,、；;]?\s*(?:该项|此项|本项|该指标|此指标|本指标|实际|自评|最终)?\s*"
_UNIT_W = r"(?:\s*分|\s*%)?"
_UNIT_S = r"(?:\s*分)?"
_END = r"(?![\d.%])"

# 分值10分，得分9.5分 / 赋分8分，得分8分 / 权重20，得分18
PAIR_RE = lazy(
    rf"(?P<wkey>{_WKEY}){_IS}(?P<w>{_NUM}){_UNIT_W}{_END}{_GLUE}"
    rf"{_SKEY}{_IS}(?P<s>{_NUM}){_UNIT_S}{_END}"
)
# 得分9分（满分10分）
REVERSE_RE = lazy(
    rf"{_SKEY}{_IS}(?P<s>{_NUM}){_UNIT_S}{_END}\s*[(（]\s*{_WKEY}{_IS}(?P<w>{_NUM}){_UNIT_W}"
    rf"\s*[)）]"
)
# 投入指标（20分），得分18分 / 产出指标20分，得分18分 (the weight has no key word)
BARE_RE = lazy(
    rf"(?<![\d.])(?P<w>{_NUM})\s*分\s*[)）]?\s*[，,：:]?\s*(?:实际|自评|最终)?得分{_IS}"
    rf"(?P<s>{_NUM}){_UNIT_S}{_END}"
)

_FIGURE_RE = lazy(rf"^\s*(?P<num>{_NUM})\s*(?:分|%)?\s*$")
# Text before a bare "N分，得分" that shows N is not a weight ("得分95分，得分…", "共3分").
_NOT_WEIGHT_BEFORE = lazy(r"(?:得分|扣|加|共|计|合计|减|差)\s*$")
# Group boundaries for prose: items further apart than this are separate groups.
_MAX_GAP = 400


def score_groups(doc: Document) -> list[ScoreGroup]:
    """All groups of indicator scores in the report, prose first then tables (cached)."""
    return doc.cached("score_groups", _find_groups)


def prose_items(doc: Document) -> list[ScoreItem]:
    """Every weight/score pair stated in prose, in text order (cached)."""
    return doc.cached("score_prose_items", _find_prose_items)


def _fig(norm: str, m: re.Match[str], name: str) -> Figure:
    start, end = m.start(name), m.end(name)
    # Include a following 分 so the span reads "9.01分".
    tail = norm[end : end + 2]
    if tail.startswith("分"):
        end += 1
    elif tail.startswith(" 分"):
        end += 2
    value = parse_decimal(m.group(name))
    assert value is not None
    return Figure(value, m.group(name), start, end)


def _item_name(norm: str, start: int) -> str | None:
    """The indicator's name: the line's label before "：", or the clause before the weight."""
    line_start = norm.rfind("\n", 0, start) + 1
    line = norm[line_start:start]
    m = rx.match(r"\s*(?:[(（]?\d{1,2}[)）.、]|[①-⑳])?\s*([^：:，。；\n]{1,16})[：:]", line)
    if m:
        return m.group(1).strip() or None
    clause_start = max(norm.rfind(ch, 0, start) for ch in "，,。；;\n") + 1
    clause = norm[clause_start:start].strip(" ：:（(")
    clause = rx.sub(r"(?:此|该|本)?指标$", "", clause).strip()
    return clause[-16:] or None


def _find_prose_items(doc: Document) -> list[ScoreItem]:
    norm = doc.norm
    found: list[ScoreItem] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for regex in (PAIR_RE, REVERSE_RE, BARE_RE):
        for m in regex.finditer(norm):
            if not free(m.start(), m.end()):
                continue
            if regex is BARE_RE and _NOT_WEIGHT_BEFORE.search(
                norm[max(0, m.start() - 4) : m.start()]
            ):
                continue
            weight, score = _fig(norm, m, "w"), _fig(norm, m, "s")
            start = min(weight.start, score.start, m.start())
            found.append(
                ScoreItem(
                    name=_item_name(norm, start),
                    weight=weight,
                    score=score,
                    start=start,
                    end=max(weight.end, score.end),
                )
            )
            taken.append((m.start(), m.end()))
    found.sort(key=lambda i: i.start)
    return found


def _top_section(doc: Document, offset: int) -> tuple[int, int]:
    """Extent of the top-level (一、) section holding `offset`; the whole text when none."""
    path = [s for s in section_path(doc, offset) if s.level <= 1]
    if not path:
        return 0, len(doc.norm)
    s = path[-1]
    return s.start, s.end


def _find_groups(doc: Document) -> list[ScoreGroup]:
    groups: list[ScoreGroup] = []
    run: list[ScoreItem] = []
    run_section: tuple[int, int] | None = None

    def flush() -> None:
        nonlocal run
        if run:
            groups.append(_prose_group(run, run_section or (0, len(doc.norm))))
        run = []

    for item in prose_items(doc):
        sec = _top_section(doc, item.start)
        if run and (sec != run_section or item.start - run[-1].end > _MAX_GAP):
            flush()
        run.append(item)
        run_section = sec
    flush()
    for table in tables(doc):
        g = table_group(doc, table)
        if g is not None:
            groups.append(g)
    return groups


def _prose_group(items: list[ScoreItem], section: tuple[int, int]) -> ScoreGroup:
    total = None
    kept: list[ScoreItem] = []
    for it in items:
        if it.weight is not None and it.weight.value == 100 and total is None:
            total = it
        else:
            kept.append(it)
    return ScoreGroup(
        items=kept,
        source="prose",
        start=items[0].start,
        end=items[-1].end,
        total=total,
        section_start=section[0],
        section_end=section[1],
    )


# ---- tables ----------------------------------------------------------------------------------

_WEIGHT_HEAD = lazy(r"分值|权重|满分|标准分|指标分|应得分")
_SCORE_HEAD = lazy(r"得分|自评分|评分|实得")
_NOT_FIGURE_HEAD = lazy(r"标准|依据|说明|理由|细则|方法|原因|率")
_NAME_HEAD = lazy(r"指标|项目|内容|名称")
_NOT_NAME_HEAD = lazy(r"指标值|目标值|完成值|解释|说明|标准")
_TOTAL_ROW = lazy(r"^\s*(?:合\s*计|总\s*计|总\s*分|得分合计|综合得分|总得分|合计得分)\s*[：:]?\s*$")
_SUBTOTAL_ROW = lazy(r"^\s*小\s*计\s*$")


def _figure(cell: Cell | None) -> Figure | None:
    if cell is None:
        return None
    m = _FIGURE_RE.match(cell.text)
    if not m:
        return None
    value = parse_decimal(m.group("num"))
    if value is None:
        return None
    lead = len(cell.text) - len(cell.text.lstrip())
    end = cell.start + len(cell.text.rstrip())
    return Figure(value, m.group("num"), cell.start + lead, end)


def _columns(header: list[Cell]) -> tuple[int | None, int | None, int | None]:
    """(name, weight, score) column indexes from the header cells (read without their spaces:
    "分 值", "得 分")."""
    header = [c._replace(text=rx.sub(r"\s+", "", c.text)) for c in header]
    score_col = next(
        (
            i
            for i, c in enumerate(header)
            if _SCORE_HEAD.search(c.text) and not _NOT_FIGURE_HEAD.search(c.text)
        ),
        None,
    )
    weight_cols = [
        i
        for i, c in enumerate(header)
        if _WEIGHT_HEAD.search(c.text) and not _NOT_FIGURE_HEAD.search(c.text) and i != score_col
    ]
    weight_col: int | None = None
    if weight_cols:
        before = [i for i in weight_cols if score_col is None or i < score_col]
        weight_col = before[-1] if before else weight_cols[0]
    limit = min(i for i in (weight_col, score_col, len(header)) if i is not None)
    names = [
        i
        for i in range(limit)
        if _NAME_HEAD.search(header[i].text) and not _NOT_NAME_HEAD.search(header[i].text)
    ]
    name_col = names[-1] if names else (0 if limit > 0 else None)
    return name_col, weight_col, score_col


def _aligned(row: list[Cell], width: int) -> list[Cell | None] | None:
    """The row's cells under the header's columns; merged leading cells are aligned right."""
    if len(row) == width:
        return list(row)
    if len(row) < width:
        return [None] * (width - len(row)) + list(row)
    return None


def table_group(doc: Document, table: Table) -> ScoreGroup | None:
    """A table's score items, or None when the header names no score column."""
    name_col, weight_col, score_col = _columns(table.header)
    if score_col is None:
        return None
    width = len(table.header)
    items: list[ScoreItem] = []
    subtotals: list[ScoreItem] = []
    total: ScoreItem | None = None
    for row in table.rows:
        cells = _aligned(row, width)
        if cells is None:
            continue
        texts = [c.text.strip() for c in row if c.text.strip()]
        label = texts[0] if texts else ""
        score = _figure(cells[score_col])
        weight = _figure(cells[weight_col]) if weight_col is not None else None
        if score is None and weight is None:
            continue
        name_cell = cells[name_col] if name_col is not None else None
        name = name_cell.text.strip() if name_cell is not None and name_cell.text.strip() else None
        spans = [c for c in cells if c is not None]
        item = ScoreItem(
            name=name or label or None,
            weight=weight,
            score=score,
            start=min(c.start for c in spans),
            end=max(c.end for c in spans),
        )
        if _TOTAL_ROW.match(label) or any(_TOTAL_ROW.match(t) for t in texts[:2]):
            if total is None:
                total = item
            continue
        if _SUBTOTAL_ROW.match(label):
            subtotals.append(item)
            continue
        items.append(item)
    if not items:
        return None
    sec = _top_section(doc, table.start)
    return ScoreGroup(
        items=items,
        source="table",
        start=table.start,
        end=table.end,
        total=total,
        section_start=sec[0],
        section_end=sec[1],
        subtotals=subtotals,
    )


def leaves(items: list[ScoreItem]) -> list[ScoreItem]:
    """Drop parent items whose weight and score are the sums of the items right after them.

    "产出指标分值50分，得分48分" followed by its parts (20/20, 30/28) would otherwise be counted
    twice. A parent must match its children on both weight and score, so that two indicators of
    2 points after one of 4 do not turn it into a parent by coincidence of weights alone.
    """
    return [it for i, it in enumerate(items) if _children(items, i) == 0]


def _children(items: list[ScoreItem], i: int) -> int:
    """How many items after `i` are its parts (0 when `i` is not a parent)."""
    p = items[i]
    if p.weight is None or p.score is None:
        return 0
    w_sum, s_sum = Decimal(0), Decimal(0)
    for j in range(i + 1, len(items)):
        c = items[j]
        if c.weight is None or c.score is None:
            return 0
        w_sum += c.weight.value
        s_sum += c.score.value
        if w_sum == p.weight.value and s_sum == p.score.value and j - i >= 2:
            return j - i
        if w_sum > p.weight.value:
            return 0
    return 0
