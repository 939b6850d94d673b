"""The accounting identity of a balance sheet: 资产总额 = 负债总额 + 净资产.

Reports often state a unit's assets, liabilities and net assets in one paragraph ("年末资产总额
1813.15万元，…；负债总额1173.31万元，净资产总额639.84万元"). The three are read by the label right
before each figure, within one paragraph; when a paragraph states two dates (年初 and 年末), each
date's three figures are checked together. In a table, the rows labelled 资产总额, 负债总额 and
净资产 are checked column by column (年初数, 年末数). Parts such as 流动资产 or 流动负债 are not
totals and are left to the totals check (T001).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.checks.totals import SUM_ROUNDING
from reviewer.claims.amounts import rounding
from reviewer.document import Document
from reviewer.document.tables import Cell, Table, cell_number, column_unit, tables
from reviewer.models import Severity
from reviewer.numbers import MONEY_SCALE, Quantity, find_quantities, fmt
from reviewer.regex import lazy

BALANCE_MISMATCH = rule(
    code="T003",
    fix_zh="核对资产负债表，更正资产总额、负债总额或净资产中有误的一项。",
    name="balance-sheet-mismatch",
    kind="sum_mismatch",
    severity=Severity.ERROR,
    family="totals",
    title_zh="资产总额不等于负债与净资产之和",
    title_en="Assets do not equal liabilities plus net assets",
    message_zh="负债 + 净资产 = {expr}，报告称资产总额 {stated}（相差 {diff}{unit}）{note}",
    message_en="Liabilities + net assets = {expr}, the report states total assets of {stated} "
    "(off by {diff}{unit}){note_en}",
    what="Reads 资产总额 (总资产, 资产合计), 负债总额 and 净资产 stated in one paragraph and "
    "checks 资产 = 负债 + 净资产 in Python, at the precision of the figures.",
    why="The identity holds for every balance sheet; when the three figures a report quotes do "
    "not satisfy it, one of them was copied from the wrong column or year.",
    example="资产总额1813.15万元，负债总额1173.31万元，净资产总额693.84万元。",
    counterexample="资产总额1867.15万元，负债总额1173.31万元，净资产总额693.84万元。",
    fix="Check the figures against the balance sheet (资产负债表) and correct the one that is "
    "wrong.",
)

# (kind, the names of the total, what may not stand right before it: 流动资产 is a part)
_NAMES = (
    ("net", r"净资产(?:总额|总计|合计)?", ""),
    ("assets", r"资产总额|资产总计|资产合计|资产总值|总资产", "净流动固定无形在建国有"),
    ("liabilities", r"负债总额|负债总计|负债合计|总负债|负债", "流动长期短期"),
)
# A label in prose ends with the name; a table row's label is the name.
_LABEL_ENDS = [
    (kind, lazy((rf"(?<![{not_after}])" if not_after else "") + rf"(?:{names})$"))
    for kind, names, not_after in _NAMES
]
_ROW_IS = [(kind, lazy(rf"(?:{names})")) for kind, names, _ in _NAMES]
_FILLER = lazy(r"(?:为|是|达到?|共计?|合计|约|：|:|\s)+$")
_CLAUSE = lazy(r"[，,；;。：:（(、]")
_ROW_NUMBERING = lazy(r"^(?:[一二三四五六七八九十]+|\d+)[、.．]|[\s：:]")
_OPENING = lazy(r"年初|期初|上年末|上年年末|上年底")
_CLOSING = lazy(r"年末|期末|年底|12月31日|截至|截止")


_KINDS = ("assets", "liabilities", "net")


class _Figure(NamedTuple):
    kind: str  # assets, liabilities, net
    period: str  # "start" (年初, 期初) or "end"
    label_start: int
    quantity: Quantity


def _figures(norm: str, start: int, end: int) -> list[_Figure]:
    out: list[_Figure] = []
    for q in find_quantities(norm, start, end):
        if q.dimension != "money":
            continue
        lo = start
        for m in _CLAUSE.finditer(norm, start, q.start):
            lo = m.end()
        label = norm[lo : q.start]
        filler = _FILLER.search(label)
        name = label[: filler.start()] if filler else label
        kind = next((k for k, ends in _LABEL_ENDS if ends.search(name)), None)
        if kind is None:
            continue
        if _OPENING.search(label):
            period = "start"
        elif _CLOSING.search(label) or not out:
            period = "end"
        else:
            period = out[-1].period  # "年初资产总额…，负债总额…": the date carries over
        out.append(_Figure(kind, period, lo + len(label) - len(label.lstrip()), q))
    return out


@check(BALANCE_MISMATCH, SUM_ROUNDING)
def balance_sheet(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    if "资产" not in norm:
        return  # assets and net assets are both named with it, in prose and in tables
    pos = 0
    while pos < len(norm):
        end = norm.find("\n", pos)
        end = len(norm) if end < 0 else end
        figures = _figures(norm, pos, end) if "资产" in norm[pos:end] else []
        pos = end + 1
        if len(figures) < 3:
            continue  # not one of each of assets, liabilities and net assets
        for period in ("start", "end"):
            group = [f for f in figures if f.period == period]
            by_kind = {
                k: [f for f in group if f.kind == k] for k in ("assets", "liabilities", "net")
            }
            if any(len(found) != 1 for found in by_kind.values()):
                continue  # not exactly one of each: no identity to check
            hit = _judge(by_kind["assets"][0], by_kind["liabilities"][0], by_kind["net"][0], doc)
            if hit is not None:
                yield hit
    for table in tables(doc):
        yield from _table(table, doc)


def _row_kind(label: str) -> str | None:
    name = _ROW_NUMBERING.sub("", label)
    return next((kind for kind, pattern in _ROW_IS if pattern.fullmatch(name)), None)


def _table(table: Table, doc: Document) -> Iterator[Hit | Relation]:
    """Rows 资产总额 / 负债总额 / 净资产, each column (年初数, 年末数) on its own."""
    rows: dict[str, list[list[Cell]]] = {}
    for row in table.rows:
        kind = _row_kind(row[0].text) if row else None
        if kind is not None:
            rows.setdefault(kind, []).append(row)
    if any(len(rows.get(k, [])) != 1 for k in _KINDS):
        return
    three = [rows[k][0] for k in _KINDS]
    for col in range(1, min(len(r) for r in three)):
        unit = column_unit(table, col) or ""
        figures = []
        for kind, row in zip(_KINDS, three, strict=True):
            n = cell_number(row[col])
            cell_unit = n.unit if n is not None and n.unit else unit
            if n is None or (cell_unit and cell_unit not in MONEY_SCALE):
                break
            raw = doc.norm[n.start : n.end].strip()
            q = Quantity(n.value, cell_unit, n.decimals, n.start, n.end, raw)
            figures.append(_Figure(kind, "", n.start, q))
        else:
            head = table.header[col].text if col < len(table.header) else ""
            assets, liabilities, net = figures
            hit = _judge(assets, liabilities, net, doc, column=rx.sub(r"\s", "", head))
            if hit is not None:
                yield hit


def _judge(
    assets: _Figure, liabilities: _Figure, net: _Figure, doc: Document, column: str = ""
) -> Hit | Relation | None:
    a, li, n = assets.quantity, liabilities.quantity, net.quantity
    diff = li.base + n.base - a.base
    if diff == 0:
        text = f"{li.raw} + {n.raw} = {a.raw}"
        return relation("sum", [(q.start, q.end) for q in (a, li, n)], text)
    tol = doc.tolerances.rounding_of(rounding([a, li, n])) + doc.tolerances.extra("money")
    scale = a.scale
    places = max(a.decimals, li.decimals, n.decimals)

    def shown(q: Quantity) -> str:  # as written when in the assets' unit, else converted
        return f"{q.value:f}" if q.scale == scale else fmt(q.base / scale)

    data = {
        "expr": f"{shown(li)} + {shown(n)} = {fmt((li.base + n.base) / scale, places)}",
        "stated": fmt(a.base / scale, places),
        "diff": fmt(abs(diff) / scale, places),
        "unit": a.unit,
        "assets": shown(a),
        "liabilities": shown(li),
        "net_assets": shown(n),
        "tolerance": fmt(tol / scale),
        "note": f"（表中“{column}”一列）" if column else "",
        "note_en": f" (table column '{column}')" if column else "",
    }
    spans = [
        (assets.label_start, a.end),
        (liabilities.label_start, li.end),
        (net.label_start, n.end),
    ]
    if abs(diff) <= tol:
        return SUM_ROUNDING.hit(spans, data)
    return BALANCE_MISMATCH.hit(spans, data)
