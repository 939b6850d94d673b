"""Indicator statements read from indicator tables (年度指标值/目标值 and 实际完成值 columns)."""

from __future__ import annotations

from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.indicator_prose import (
    _read_tail,
    _unit_of,
)
from reviewer.claims.indicator_words import (
    _AFTER,
    _AFTER_COMP,
    ACTUAL,
    TARGET,
    Indicator,
    _clean_name,
    _valid_name,
    name_key,
)
from reviewer.claims.vocabulary import (
    EQ,
    RANK,
    TOP,
)
from reviewer.document.document import Document
from reviewer.document.tables import Cell, Table
from reviewer.numbers import Quantity, find_quantities
from reviewer.regex import lazy

# --------------------------------------------------------------------------- tables

_ACTUAL_COL = lazy(r"实际完成值|实际完成|完成值|实际值|实际完成情况|实际")
_TARGET_COL = lazy(r"年度指标值|指标值|目标值|预期值|计划值|年度目标|预期目标|目标")
_NAME_COLS = [lazy(p) for p in (r"三级指标", r"指标名称", r"绩效指标", r"二级指标", r"指标")]


def _columns(header: list[Cell]) -> tuple[int | None, int | None, int | None]:
    """(name column, target column, actual column) of an indicator table header."""
    target = actual = None
    for i, c in enumerate(header):
        t = rx.sub(r"\s", "", c.text)
        if actual is None and _ACTUAL_COL.search(t):
            actual = i
        elif target is None and _TARGET_COL.search(t):
            target = i
    name = None
    for pat in _NAME_COLS:
        for i, c in enumerate(header):
            if i in (target, actual):
                continue
            if pat.search(rx.sub(r"\s", "", c.text)):
                name = i
                break
        if name is not None:
            break
    return name, target, actual


def parse_value(
    doc: Document, start: int, end: int
) -> tuple[str, Quantity | None, int, int] | None:
    """Read one cell's value: ('≥'-code, quantity, value start, value end), or None."""
    norm = doc.norm
    qs = [q for q in find_quantities(norm, start, end) if q.dimension != "score"]
    if len(qs) != 1:
        return None
    q = qs[0]
    tail = _read_tail(norm, start, q.start)
    lead = norm[start : tail.start].strip()
    comp = tail.comparator
    m = _AFTER.match(norm, q.end, end)
    vend = q.end
    if m:
        if m.group(1) == "左右":
            return None
        if comp == EQ:
            comp = _AFTER_COMP[m.group(1)]
        vend = m.end()
    if lead.endswith("前") and (q.dimension == "bare" or q.count_unit in ("名", "位")):
        return TOP, q, start, vend
    if lead.endswith("第") and (q.dimension == "bare" or q.count_unit in ("名", "位")):
        return RANK, q, start, vend
    if lead or q.dimension == "bare":
        return None
    if norm[vend:end].strip() not in ("", "/") and not rx.fullmatch(
        r"/[\u4e00-\u9fff]{1,2}\s*", norm[vend:end]
    ):
        return None
    return comp, q, tail.start, end if norm[vend:end].strip() else vend


def table_indicators(doc: Document, table: Table) -> list[Indicator]:
    """Targets and actuals of an indicator table (one pair per row with a name)."""
    name_col, target_col, actual_col = _columns(table.header)
    if name_col is None or (target_col is None and actual_col is None):
        return []
    out: list[Indicator] = []
    for row in table.rows:
        if name_col >= len(row):
            continue
        nc = row[name_col]
        ns, ne = _clean_name(doc.norm, nc.start, nc.end)
        name = doc.norm[ns:ne] if ne > ns else nc.text.strip()
        if not _valid_name(name):
            continue
        for col, role in ((target_col, TARGET), (actual_col, ACTUAL)):
            if col is None or col >= len(row):
                continue
            cell = row[col]
            got = parse_value(doc, cell.start, cell.end)
            if got is None:
                continue
            comp, q, vs, ve = got
            if q is None:
                continue
            rank = comp in (TOP, RANK)
            out.append(
                Indicator(
                    name=name,
                    key=name_key(name),
                    comparator=comp,
                    value=q.value,
                    unit="名" if rank else _unit_of(q, doc.norm, ve),
                    role=role,
                    start=cell.start,
                    end=cell.end,
                    name_start=ns,
                    name_end=ne,
                    value_start=vs,
                    value_end=ve,
                    quantity=q,
                    source="table",
                    explicit_role=True,
                )
            )
    return out


class WordedRow(NamedTuple):
    """A row of an indicator table whose target and actual cells are not both figures."""

    name: str
    name_start: int
    name_end: int
    target: Cell
    actual: Cell


def worded_rows(doc: Document) -> list[WordedRow]:
    """Rows of indicator tables with a name, a target cell and an actual cell, as text: read by
    the qualitative comparisons (及时 / 未能及时), which decide on words only."""
    from reviewer.document.tables import tables

    out: list[WordedRow] = []
    for table in tables(doc):
        name_col, target_col, actual_col = _columns(table.header)
        if name_col is None or target_col is None or actual_col is None:
            continue
        for row in table.rows:
            if max(name_col, target_col, actual_col) >= len(row):
                continue
            nc = row[name_col]
            ns, ne = _clean_name(doc.norm, nc.start, nc.end)
            name = doc.norm[ns:ne] if ne > ns else nc.text.strip()
            if _valid_name(name):
                out.append(WordedRow(name, ns, ne, row[target_col], row[actual_col]))
    return out
