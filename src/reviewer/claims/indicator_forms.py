"""The indicator block of a provincial self-evaluation form (绩效指标), read as cells.

The block has a header naming its columns (一级 / 二级 / 三级指标 or 指标名称, 指标性质, 年度指标值
or 目标值, 度量单位, 实际完成值 or 完成值, 分值 or 权重, 得分, 偏差原因…) and one row per
indicator. Published on the web it reaches us flattened, and is read here as one stream of cells:

* pipe rows, ragged: merged 一级/二级 cells leave empty or missing cells at the start of a row
  (`| | 指标名 | ≥50个 | 52个 | 10 | 10 |`), and a row may break over lines;
* one cell per line, closed (`x |`) or opened (`| x`) by a pipe, a lone `|` being an empty cell,
  or double-spaced cells where a line of spaces is an empty cell; a header cell may be split over
  two lines (`年度` / `指标值`): the header is read squeezed, so that does not shift anything;
* cells run together on one line, separated by spaces (`指标名 ≥50个 52个 8 8`): empty cells leave
  no trace, so a row is read only when its count of figures equals the header's figure columns;
* cells glued with no separator (`指标名100%80%1111原因`): the target and the actual are read when
  each ends in a unit, so their boundary is certain; a bare run of digits after them (weight and
  score glued, `1111`) is kept as the row's `hidden` digits. They are split only when the form's
  own total decides (`claims.hidden_scores`): never by guessing.

A comparator may stand in its own cell (指标性质 `≥` | `100` | `%`) and is folded into the value;
`═ ≧ ≦` read as `= ≥ ≤`. Qualitative cells (有效, 较及时) are not read as values.

Nothing here guesses a number: a row whose figures cannot be put under their columns is left out.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.indicators import (
    ACTUAL,
    TARGET,
    Indicator,
    name_key,
)
from reviewer.claims.vocabulary import (
    AFTER,
    COMPARATOR_ALT,
    COMPARATORS,
    EQ,
    GE,
    GT,
    LE,
    LT,
    alternation,
)
from reviewer.document.document import Document, Line
from reviewer.document.forms import double_spaced, line_cells
from reviewer.document.tables import Cell, is_placeholder
from reviewer.numbers import UNITS, Quantity, decimals_of, parse_decimal
from reviewer.regex import lazy

TARGET_COL = "target"
ACTUAL_COL = "actual"
WEIGHT_COL = "weight"
SCORE_COL = "score"
COEF_COL = "coefficient"  # 得分系数(%): score ÷ weight, printed between the actual and the weight
_COMMON_ORDER = [TARGET_COL, ACTUAL_COL, WEIGHT_COL, SCORE_COL]

_ANCHOR = lazy(r"指[\s|]*标[\s|]*值|目[\s|]*标[\s|]*值")
_ACTUAL_KEY = lazy(r"完成值|实际值|实际完成")
_NAME_KEY = lazy(r"三级指标|指标名称|二级指标|绩效指标")
_WEIGHT_KEY = lazy(r"分值|权重")
_SCORE_KEY = lazy(r"得分(?!系数)")
_COEF_KEY = lazy(r"得分系数")
# The last column of a form that is a yes/no flag (是否核心指标): glued rows end in 是 or 否.
_FLAG_COL = lazy(r"是否[\u4e00-\u9fff]{1,4}指标")
_STOP = lazy(
    r"^(?:总分|合计|总计|其他需要说明|评价结论|存在问题|改进措施|序号|年度资金总额|项目资金)"
)
_HEAD_BEFORE = 200
_HEAD_AFTER = 300
_WINDOW = 6000

# A comparator in a cell or before a cell's figure: the one table of `claims/vocabulary.py`.
_COMPS: dict[str, str] = COMPARATORS
_COMP_ALT = COMPARATOR_ALT
# A bound after a cell's figure (以上, 及以下 ...); 左右 is no bound and does not end a value.
_AFTER = {p + w: c for w, c in AFTER.items() if c is not None for p in ("", "及")}
_COMP_ONLY = lazy(rf"^(?:{_COMP_ALT})$")
_VALUE = lazy(
    rf"^(?P<comp>{_COMP_ALT})?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>[A-Za-z%‰]{1,3}|[\u4e00-\u9fff]{1,3}?(?:/[\u4e00-\u9fff]{1,2})?)?"
    rf"(?P<after>{alternation(_AFTER)})?$"
)
_EXTRA_UNITS = ("种", "类", "节", "学时", "课时", "单", "台套", "万人", "万元")
_UNIT_ONLY = frozenset([*UNITS, *_EXTRA_UNITS])
_UNIT_ALT = "|".join(sorted(_UNIT_ONLY, key=len, reverse=True))
_GLUED = lazy(
    rf"^(?P<name>\D*?[\u4e00-\u9fff)）])(?P<vals>(?:(?:{_COMP_ALT})?\d+(?:\.\d+)?"
    rf"(?:{_UNIT_ALT})?){{2,}})(?P<rest>\D*)$"
)
_GLUED_VALUE = lazy(rf"(?P<comp>{_COMP_ALT})?(?P<num>\d+(?:\.\d+)?)(?P<unit>{_UNIT_ALT})?")
_LEVEL = lazy(
    r"^(?:(?:(?:一级|二级|三级|绩效)?(?:产出|效益|满意度|成本|数量|质量|时效|经济效益|社会效益|"
    r"生态效益|可持续影响|服务对象满意度|长效管理|社会|经济|生态|绩效)?指标等?"
    r"|(?:经济|社会|生态)效益|可持续影响|产出(?:数量|质量|时效|成本))\s*)+"
)
# The 指标性质 column written as words: never a name; 反向 / 越小越好 makes '=' an upper bound.
_NATURE = lazy(
    r"^(?:(?:定量|定性|正向|反向|共性|个性|核心)(?:指标)?|越大越好|越小越好|越高越好|越低越好)$"
)
_LOWER_NATURE = lazy(r"反向|越小越好|越低越好")
_NUMBERED = lazy(r"^指标\s*\d+\s*[:：.、]?\s*")
_HEAD_WORD = lazy(
    r"指标值|完成值|实际值|目标值|分值|得分|权重|度量单位|计量单位|指标性质|偏差原因|未完成原因|"
    r"^(?:一级|二级|三级)?指标(?:名称)?$|^(?:年度|实际)$|改进措施"
)
_CJK = lazy(r"[\u4e00-\u9fff]")


class FormValue(NamedTuple):
    """A figure read from one or more cells (`≥` | `100` | `%` make one value)."""

    comparator: str
    quantity: Quantity
    start: int
    end: int


class FormRow(NamedTuple):
    """One indicator row of the form: its name, target, actual, weight and score.

    A qualitative row (target and actual in words) has `target_text` / `actual_text` instead of
    `target` / `actual`.

    `hidden` holds the glued digits when the weight and the score run together with no
    separator (`1111`): they are not split, so `weight` and `score` are None.
    """

    name: str
    name_start: int
    name_end: int
    target: FormValue | None
    actual: FormValue | None
    weight: FormValue | None
    score: FormValue | None
    start: int
    end: int
    layout: str  # 'cells' (explicit cells), 'run' (space-separated), 'glued'
    hidden: str = ""
    hidden_start: int = 0
    hidden_end: int = 0
    target_text: Cell | None = None  # a qualitative target cell (有效, 及时)
    actual_text: Cell | None = None  # a qualitative actual cell (较及时)


class FormBlock(NamedTuple):
    """An indicator block: its figure columns in order and its rows."""

    columns: list[str]
    rows: list[FormRow]
    start: int
    end: int
    # Rows run together on one line whose figures could not be put under their columns
    # (empty cells left no trace, or two rows' figures follow one name): (start, end) each.
    unsure: tuple[tuple[int, int], ...] = ()
    # Unsure runs where k names stand stacked before exactly k rows' worth of figures, each
    # group a valid row: the figures given to the names in reading order. Not in `rows`: the
    # alignment rests on the order alone, so only checks that say so read them.
    stacked: tuple[FormRow, ...] = ()


# --------------------------------------------------------------------------- blocks


def indicator_blocks(doc: Document) -> list[FormBlock]:
    """Every indicator block of a self-evaluation form in `doc` (cached)."""
    return _scan(doc)[0]


def targetless_rows(doc: Document) -> list[FormRow]:
    """Rows that fill the weight and the score but leave the target cell empty (the actual
    too, or not): `| 工程质量合格 | | | 10 | 10 |`. Not in any block's `rows` (nothing to
    compare). A row run together on one line whose only figures are two bare numbers where
    the header has four figure columns (`指标1:工程质量合格 10 10`) is one too, with layout
    'run': its empty cells left no trace, so which ones are empty is an assumption."""
    return _scan(doc)[1]


def _scan(doc: Document) -> tuple[list[FormBlock], list[FormRow]]:
    return doc.cached("indicator_form_blocks", _find_blocks)


def form_rows(doc: Document) -> list[FormRow]:
    return [r for b in indicator_blocks(doc) for r in b.rows]


def _squeeze(text: str) -> str:
    return rx.sub(r"[\s|]+", "", text)


def _columns(doc: Document, anchor: int) -> list[str] | None:
    """The figure columns in header order: 年度指标值 / 实际完成值 / 分值 / 得分 in most forms, but
    some put 分值 before 年度指标值 (read from the last name column heading on)."""
    before = doc.norm[max(0, anchor - _HEAD_BEFORE) : anchor]
    heads = list(_NAME_KEY.finditer(_squeeze(before)))
    after = _squeeze(doc.norm[anchor : anchor + _HEAD_AFTER])
    coef = _COEF_KEY.search(after)
    if not (_ACTUAL_KEY.search(after) or coef) or not (heads or _NAME_KEY.search(after)):
        return None
    lead = _squeeze(before)[heads[-1].end() :] if heads else ""
    head = lead + after
    at = {TARGET_COL: len(lead)}
    for col, key in ((ACTUAL_COL, _ACTUAL_KEY), (WEIGHT_COL, _WEIGHT_KEY), (SCORE_COL, _SCORE_KEY)):
        m = key.search(head, len(lead)) if col == ACTUAL_COL else key.search(head)
        if m is not None:
            at[col] = m.start()
    if coef is not None:
        # A 得分系数 column stands right after the actual; the actual's own heading may be lost
        # (an OCR'd two-line cell), its place is still the one before the coefficient.
        at[COEF_COL] = len(lead) + coef.start()
        at.setdefault(ACTUAL_COL, at[COEF_COL] - 1)
    return sorted(at, key=lambda c: at[c])


def _find_blocks(doc: Document) -> tuple[list[FormBlock], list[FormRow]]:
    out: list[FormBlock] = []
    bare: list[FormRow] = []
    pos = 0
    for m in _ANCHOR.finditer(doc.norm):
        if m.start() < pos:
            continue
        cols = _columns(doc, m.start())
        if cols is None:
            continue
        cells, end = _stream(doc, m.start())
        head = _squeeze(doc.norm[m.start() : m.start() + _HEAD_AFTER])
        flagged = COEF_COL in cols and bool(_FLAG_COL.search(head))
        rows, unsure, stacked, targetless = _rows(doc, cells, cols, flagged)
        pos = max(end, m.end())
        bare.extend(targetless)
        if rows:
            block = FormBlock(cols, rows, m.start(), end, tuple(unsure), tuple(stacked))
            out.append(settle_hidden(doc, block))
    return out, bare


# --------------------------------------------------------------------------- the cell stream


class _Cell(NamedTuple):
    text: str
    start: int
    end: int
    run: bool  # a token of cells run together on a line (no empty cells kept)


def _line_stream(ln: Line, spaced: bool, anchor: int) -> list[_Cell] | None:
    """The cells of one line; None when the line is prose that ends the block."""
    text = ln.text
    if "|" in text:
        if text.strip() == "|":
            return [_Cell("", ln.start, ln.start, False)]
        return [_Cell(c.text, c.start, c.end, False) for c in line_cells(ln) if c.end > anchor]
    s = text.strip()
    if not s:
        if spaced and text:
            return [_Cell("", ln.start, ln.start, False)]
        return []
    lead = max(0, anchor - ln.start)
    tokens = [
        (m.group(), ln.start + m.start())
        for m in rx.finditer(r"\S+", text)
        if ln.start + m.end() > anchor
    ]
    if len(tokens) >= 3 and any(rx.search(r"\d", t) for t, _ in tokens):
        return [_Cell(t, st, st + len(t), True) for t, st in tokens]
    if len(s) > 80 and not rx.search(r"\d[%‰]?\D{0,12}$", s):
        return None
    start = max(ln.start + len(text) - len(text.lstrip()), ln.start + lead)
    body = text[start - ln.start :].rstrip()
    return [_Cell(body, start, start + len(body), len(tokens) > 1)]


def _stream(doc: Document, anchor: int) -> tuple[list[_Cell], int]:
    lines = doc.lines
    first = doc.line_at(anchor).index
    rest = itertools.islice(lines, first, None)
    window = list(itertools.takewhile(lambda ln: ln.start < anchor + _WINDOW, rest))
    spaced = double_spaced([ln for ln in window if "|" not in ln.text])
    cells: list[_Cell] = []
    end = anchor
    for ln in window:
        got = _line_stream(ln, spaced, anchor)
        if got is None:
            break
        stop = False
        for c in got:
            if c.text and _STOP.match(_squeeze(c.text)) and c.start > anchor:
                stop = True
                break
            cells.append(c)
            end = max(end, c.end)
        if stop:
            break
    return cells, end


# --------------------------------------------------------------------------- values


def _quantity(num: str, unit: str, start: int, end: int, raw: str) -> Quantity | None:
    value = parse_decimal(num)
    if value is None:
        return None
    return Quantity(value, unit, decimals_of(num), start, end, raw)


def _value(text: str, start: int, end: int) -> FormValue | None:
    t = text.replace(" ", "")
    m = _VALUE.match(t)
    if not m:
        return None
    comp = _COMPS.get(m.group("comp") or "", EQ)
    after = m.group("after")
    if after and comp == EQ:
        comp = _AFTER[after]
    q = _quantity(m.group("num"), m.group("unit") or "", start, end, text)
    return FormValue(comp, q, start, end) if q is not None else None


class _Item(NamedTuple):
    kind: str  # 'E' empty, 'V' value, 'T' text, 'G' glued row
    cell: _Cell
    value: FormValue | None = None
    row: FormRow | None = None


def _items(doc: Document, cells: list[_Cell], cols: list[str], flagged: bool) -> list[_Item]:
    out: list[_Item] = []
    k = 0
    while k < len(cells):
        c = cells[k]
        t = c.text.replace(" ", "")
        if not t or is_placeholder(Cell(t, c.start, c.end)):
            out.append(_Item("E", c))
            k += 1
            continue
        nxt = cells[k + 1] if k + 1 < len(cells) else None
        if _COMP_ONLY.match(t) and nxt is not None:
            m = _VALUE.match(nxt.text.replace(" ", ""))
            v = _value(nxt.text, c.start, nxt.end) if m and not m.group("comp") else None
            if v is not None:
                v = v._replace(comparator=_COMPS[t])
                out.append(_Item("V", c, v))
                k += 2
                continue
        prev = out[-1] if out else None
        if (
            t in _UNIT_ONLY
            and prev is not None
            and prev.kind == "V"
            and prev.value is not None
            and not prev.value.quantity.unit
        ):
            pv = prev.value
            q = pv.quantity._replace(unit=t, end=c.end)
            out[-1] = prev._replace(value=pv._replace(quantity=q, end=c.end))
            k += 1
            continue
        v = _value(c.text, c.start, c.end)
        coef_rows = _coef_rows(doc, c) if v is None and flagged else []
        if coef_rows:
            out.extend(_Item("G", c, row=r) for r in coef_rows)
        elif v is not None:
            out.append(_Item("V", c, v))
        else:
            row = _glued(doc, c, cols) if not c.text.count(" ") else None
            out.append(_Item("G", c, row=row) if row is not None else _Item("T", c))
        k += 1
    return out


# --------------------------------------------------------------------------- names


def _name_span(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """The indicator name inside norm[start:end]: numbering and 一级/二级 labels cut off."""
    text = doc.norm[start:end]
    m = _NUMBERED.match(text)
    cut = m.end() if m else 0
    m2 = _LEVEL.match(text, cut)
    if m2 and m2.end() < len(text):
        cut = m2.end()
    s = start + cut
    e = end
    while s < e and doc.norm[s] in " \t\"'“”":
        s += 1
    while e > s and doc.norm[e - 1] in " \t\"'“”:：":
        e -= 1
    name = doc.norm[s:e]
    if len(_CJK.findall(name)) < 2 or len(name) > 40 or _HEAD_WORD.search(_squeeze(name)):
        return None
    if _LEVEL.fullmatch(name.replace(" ", "")):
        return None
    return s, e


# --------------------------------------------------------------------------- rows


def _same_unit(target: FormValue, actual: FormValue) -> tuple[FormValue, FormValue]:
    """A bare figure takes the unit of the other cell of its row (the 度量单位 column)."""
    tu, au = target.quantity.unit, actual.quantity.unit
    if tu and not au:
        actual = actual._replace(quantity=actual.quantity._replace(unit=tu))
    elif au and not tu and target.comparator == EQ:
        target = target._replace(quantity=target.quantity._replace(unit=au))
    return target, actual


def _score_value(v: FormValue | None) -> FormValue | bool | None:
    """A weight or score cell: a bare number or N分 (False when it is something else)."""
    if v is None:
        return None
    if v.comparator != EQ or v.quantity.unit not in ("", "分"):
        return False
    return v


def _row(doc: Document, name: _Cell, values: list[_Item], cols: list[str]) -> FormRow | None:
    span = _name_span(doc, name.start, name.end)
    if span is None:
        return None
    run = name.run or any(i.cell.run for i in values)
    n = len(cols)
    if run and len(values) != n:
        return None  # empty cells left no trace: the figures cannot be put under their columns
    if len(values) < n or any(i.kind != "E" for i in values[n:]):
        return None
    mapped = {
        col: (i.value if i.kind == "V" else None) for col, i in zip(cols, values, strict=False)
    }
    target, actual = mapped.get(TARGET_COL), mapped.get(ACTUAL_COL)
    weight, score = _score_value(mapped.get(WEIGHT_COL)), _score_value(mapped.get(SCORE_COL))
    if weight is False or score is False or target is None:
        return None  # a figure column holds something else: the cells are shifted
    q = target.quantity
    if actual is None and not q.unit and target.comparator == EQ:
        return None  # a lone bare figure may be a score after a worded actual (完成 | 10)
    assert not isinstance(weight, bool) and not isinstance(score, bool)
    if weight is not None and not (0 < weight.quantity.value <= 100):
        return None
    if run and (weight is None or score is None or score.quantity.value > weight.quantity.value):
        return None
    if actual is not None:
        target, actual = _same_unit(target, actual)
    end = max(i.cell.end for i in values)
    return FormRow(
        name=doc.norm[span[0] : span[1]],
        name_start=span[0],
        name_end=span[1],
        target=target,
        actual=actual,
        weight=weight,
        score=score,
        start=span[0],
        end=end,
        layout="run" if run else "cells",
    )


def _glued(doc: Document, cell: _Cell, cols: list[str]) -> FormRow | None:
    """`指标名100%80%1111原因`: target and actual when each ends in a unit; a bare digit tail
    (weight and score glued) is kept as `hidden`, never split."""
    m = _GLUED.match(cell.text)
    if not m:
        return None
    base = cell.start
    span = _name_span(doc, base, base + m.end("name"))
    if span is None:
        return None
    vals_start = base + m.start("vals")
    tokens = list(_GLUED_VALUE.finditer(m.group("vals")))
    parsed: list[FormValue] = []
    tail = None
    for k, tm in enumerate(tokens):
        unit = tm.group("unit") or ""
        s, e = vals_start + tm.start(), vals_start + tm.end()
        if not unit:
            if k != len(tokens) - 1:
                return None
            tail = (tm.group(), s, e)
            break
        q = _quantity(tm.group("num"), unit, s, e, tm.group())
        if q is None:
            return None
        parsed.append(FormValue(_COMPS.get(tm.group("comp") or "", EQ), q, s, e))
    if cols[:2] != [TARGET_COL, ACTUAL_COL]:
        return None
    target = parsed[0] if parsed else None
    actual = parsed[1] if len(parsed) > 1 else None
    if len(parsed) > 2 or (target is None and tail is None):
        return None
    if target is not None and actual is not None and target.quantity.unit != actual.quantity.unit:
        return None
    hidden = tail if tail is not None and cols == _COMMON_ORDER else None
    if target is None and hidden is None:
        return None
    target_text = actual_text = None
    if target is None:
        split = _split_downgrade(doc.norm[span[0] : span[1]])
        if split is not None:
            t0, a0 = span[0] + split[0], span[0] + split[1]
            target_text = Cell(doc.norm[t0:a0], t0, a0)
            actual_text = Cell(doc.norm[a0 : span[1]], a0, span[1])
            span = (span[0], t0)
    end = base + m.end("vals")
    return FormRow(
        target_text=target_text,
        actual_text=actual_text,
        name=doc.norm[span[0] : span[1]],
        name_start=span[0],
        name_end=span[1],
        target=target if actual is not None else None,
        actual=actual,
        weight=None,
        score=None,
        start=span[0],
        end=end,
        layout="glued",
        hidden=hidden[0] if hidden else "",
        hidden_start=hidden[1] if hidden else 0,
        hidden_end=hidden[2] if hidden else 0,
    )


# --------------------------------------------------------------------------- coefficient forms

# One glued row of a form with a 得分系数 column and a 是/否 flag column last (`政府采购执行率%
# 100%72.74%100%22是`): name, 计量单位, 指标性质 (optional), two or three figures in that unit
# (年初指标值, 调整指标值, 全年完成值: empty cells leave no trace), the coefficient in %, weight
# and score glued, the flag. A figure never starts with a 0 followed by a digit (`0100%` is two
# cells, 0 and 100%): such a row is not read.
_FLAG_END = lazy(r"(?<=\d)[是否]")
_COEF_NUM = r"(?:0|[1-9]\d*)(?:\.\d+)?"
_COEF_ROW = lazy(
    rf"^(?P<name>\D*?)(?P<vals>(?:(?:{_COMP_ALT})?{_COEF_NUM}(?:{_UNIT_ALT}))+)"
    r"(?P<hidden>\d+(?:\.\d+)?)$"
)
_COEF_VALUE = lazy(rf"(?P<comp>{_COMP_ALT})?(?P<num>{_COEF_NUM})(?P<unit>{_UNIT_ALT})")
_HEAD_CUT = lazy(r"是否[\u4e00-\u9fff]{1,4}指标|[(（][^)）]{0,4}[)）]")
_NATURE_TAIL = lazy(r"(?:定量|定性|正向|反向|共性|个性|核心)指标$")


# A digit the OCR read as a letter beside a count unit or a digit (第O份, 1O0%, 2l次): the
# figures of that scanned line cannot be trusted, so none of its glued rows is read.
_DIGIT_AS_LETTER = lazy(
    r"(?<=[\u4e00-\u9fff])[OoIl](?=[份次个人项件场篇户座名%])|(?<=\d)[OoIl]|[OoIl](?=\d)"
)


def _coef_rows(doc: Document, cell: _Cell) -> list[FormRow]:
    """The glued rows of a coefficient form in one cell, split at their 是/否 flags; none from
    a line where the OCR read a digit as a letter."""
    text = cell.text
    out: list[FormRow] = []
    begin = 0
    damaged: dict[int, bool] = {}
    for flag in _FLAG_END.finditer(text):
        row = _coef_row(doc, cell.start + begin, text[begin : flag.start()])
        begin = flag.end()
        if row is None:
            continue
        ln = doc.line_at(row.start)
        if ln.index not in damaged:
            damaged[ln.index] = bool(_DIGIT_AS_LETTER.search(ln.text))
        if not damaged[ln.index]:
            out.append(row)
    return out


def _coef_row(doc: Document, base: int, seg: str) -> FormRow | None:
    m = _COEF_ROW.match(seg)
    if m is None:
        return None
    cuts = [h.end() for h in _HEAD_CUT.finditer(m.group("name"))]
    name = m.group("name")[cuts[-1] if cuts else 0 :]
    vals_at = base + m.start("vals")
    values: list[FormValue] = []
    for tm in _COEF_VALUE.finditer(m.group("vals")):
        q = _quantity(
            tm.group("num"), tm.group("unit"), vals_at + tm.start(), vals_at + tm.end(), tm.group()
        )
        if q is None:
            return None
        comp = _COMPS.get(tm.group("comp") or "", EQ)
        values.append(FormValue(comp, q, vals_at + tm.start(), vals_at + tm.end()))
    if len(values) < 3 or values[-1].quantity.unit != "%" or values[-1].comparator != EQ:
        return None
    coef, figures = values[-1], values[:-1]
    unit = figures[0].quantity.unit
    if len(figures) > 3 or any(v.quantity.unit != unit for v in figures):
        return None
    name = rx.sub(_NATURE_TAIL.pattern, "", name)
    if not name.endswith(unit):
        return None  # the 计量单位 cell must stand between the name and the figures
    name = name[: len(name) - len(unit)]
    start = base + m.start("name") + (cuts[-1] if cuts else 0)
    span = _name_span(doc, start, start + len(name))
    if span is None:
        return None
    target, actual = figures[-2], figures[-1]
    hidden_at = base + m.start("hidden")
    split = _coef_split(m.group("hidden"), coef.quantity.value / 100)
    weight = score = None
    if split is not None:
        w, sc = split
        wq = _quantity(w, "", hidden_at, hidden_at + len(w), w)
        sq = _quantity(sc, "", hidden_at + len(w), base + m.end("hidden"), sc)
        assert wq is not None and sq is not None
        weight = FormValue(EQ, wq, wq.start, wq.end)
        score = FormValue(EQ, sq, sq.start, sq.end)
    return FormRow(
        name=doc.norm[span[0] : span[1]],
        name_start=span[0],
        name_end=span[1],
        target=target,
        actual=actual,
        weight=weight,
        score=score,
        start=span[0],
        end=base + m.end("hidden"),
        layout="glued",
        hidden="" if split else m.group("hidden"),
        hidden_start=0 if split else hidden_at,
        hidden_end=0 if split else base + m.end("hidden"),
    )


def _coef_split(digits: str, coef: Decimal) -> tuple[str, str] | None:
    """Weight and score glued (`1010`), split where score = weight × coefficient (to the
    score's last decimal) and neither starts with a stray 0: only when one split fits."""
    fits: list[tuple[str, str]] = []
    for k in range(1, len(digits)):
        w, sc = digits[:k], digits[k:]
        if any(rx.match(r"0\d|\.|.*\.$", x) for x in (w, sc)):
            continue
        wv, sv = parse_decimal(w), parse_decimal(sc)
        if wv is None or sv is None or not 0 < wv <= 100:
            continue
        half = Decimal(5) / (Decimal(10) ** (decimals_of(sc) + 1))
        if abs(wv * coef - sv) <= half:
            fits.append((w, sc))
    return fits[0] if len(fits) == 1 else None


def _is_label(text: str) -> bool:
    t = rx.sub(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]", "", _squeeze(text))
    return bool(_LEVEL.fullmatch(t) or _HEAD_WORD.search(t))


def _qualitative(
    doc: Document, texts: list[_Cell], values: list[_Item], cols: list[str]
) -> FormRow | None:
    """name | target in words | actual in words | weight | score: read only when exactly three
    text cells (level labels aside) stand before figures that fill the weight and score."""
    words = [c for c in texts if not _is_label(c.text)]
    if len(words) != 3 or cols != _COMMON_ORDER:
        return None
    run = any(c.run for c in words) or any(i.cell.run for i in values)
    if len(values) < 2 or (run and len(values) != 2):
        return None
    if any(i.kind != "E" for i in values[2:]) or any(i.kind != "V" for i in values[:2]):
        return None
    weight, score = _score_value(values[0].value), _score_value(values[1].value)
    if not isinstance(weight, FormValue) or not isinstance(score, FormValue):
        return None
    if not 0 < weight.quantity.value <= 100:
        return None
    name, target, actual = words
    span = _name_span(doc, name.start, name.end)
    if span is None or any(rx.search(r"\d", c.text) for c in (target, actual)):
        return None
    return FormRow(
        name=doc.norm[span[0] : span[1]],
        name_start=span[0],
        name_end=span[1],
        target=None,
        actual=None,
        weight=weight,
        score=score,
        start=span[0],
        end=values[1].cell.end,
        layout="run" if run else "cells",
        target_text=Cell(target.text, target.start, target.end),
        actual_text=Cell(actual.text, actual.start, actual.end),
    )


def _nature_bound(row: FormRow | None, nature: str) -> FormRow | None:
    """A '=' target of a 反向 (lower is better) indicator is an upper bound."""
    if row is None or row.target is None or row.target.comparator != EQ:
        return row
    if not _LOWER_NATURE.search(nature):
        return row
    return row._replace(target=row.target._replace(comparator=LE))


def _stacked(
    doc: Document, texts: list[_Item], values: list[_Item], cols: list[str]
) -> list[FormRow]:
    """`指标5:甲 指标6:乙 14次 14次 2 2 300人 280人 2 1.8`: k names, then exactly k rows' worth
    of figures on one run, each group of len(cols) figures a valid row (a unit on the target,
    weight and score read, the score within the weight). The groups go to the names in reading
    order. Between the names only figure-free fragments of a broken name (`报告 数`) may stand;
    anything else, or any empty cell, and nothing is read."""
    n = len(cols)
    names: list[_Cell] = []
    for x in texts:
        t = _squeeze(x.cell.text)
        if _is_label(x.cell.text) or _NATURE.match(t):
            if names:
                return []  # a label between the names: not one stack
            continue
        if _name_span(doc, x.cell.start, x.cell.end) is not None:
            names.append(x.cell)
        elif not names or rx.search(r"\d", t) or len(t) > 3:
            return []
    k = len(names)
    if k < 2 or len(values) != k * n or any(v.kind != "V" for v in values):
        return []
    out: list[FormRow] = []
    for j, name in enumerate(names):
        row = _row(doc, name, values[j * n : (j + 1) * n], cols)
        if row is None or row.target is None or not row.target.quantity.unit:
            return []
        out.append(row)
    return out


def _rows(
    doc: Document, cells: list[_Cell], cols: list[str], flagged: bool = False
) -> tuple[list[FormRow], list[tuple[int, int]], list[FormRow], list[FormRow]]:
    items = _items(doc, cells, cols, flagged)
    out: list[FormRow] = []
    unsure: list[tuple[int, int]] = []
    stacked: list[FormRow] = []
    targetless: list[FormRow] = []
    k = 0
    since = 0  # where the current row's cells begin (after the previous row's figures)
    while k < len(items):
        it = items[k]
        if it.kind == "G" and it.row is not None:
            out.append(it.row)
            k += 1
            since = k
            continue
        if it.kind != "T":
            k += 1
            continue
        j = k + 1
        while j < len(items) and items[j].kind in ("E", "V"):
            j += 1
        values = items[k + 1 : j]
        if 0 < len(values) < len(cols) and _repeats(items, j, it.cell):
            # "甲指标 | 11个 | 甲指标 | 0": the name printed again in the row (a merged cell
            # repeated) is no new row; the figures after it go on this one.
            r = j + 1
            while r < len(items) and items[r].kind in ("E", "V"):
                r += 1
            values, j = values + items[j + 1 : r], r
        if any(v.kind == "V" for v in values):
            prev = items[k - 1] if k > 0 else None
            if (
                prev is not None
                and prev.kind == "V"
                and not it.cell.run
                and doc.line_at(prev.cell.end).index == doc.line_at(it.cell.start).index
            ):
                k, since = j, j  # a word cell after a figure on its line is a value, no name
                continue
            name, nature = it.cell, ""
            if _NATURE.match(_squeeze(name.text)):
                nature = _squeeze(name.text)
                before = [x for x in items[since:k] if x.kind == "T" and not _is_label(x.cell.text)]
                name = before[-1].cell if before else name
            row = _row(doc, name, values, cols)
            row = _nature_bound(row, nature)
            if row is None:
                texts = [x.cell for x in items[since : k + 1] if x.kind == "T"]
                row = _qualitative(doc, texts, values, cols)
                if row is None:
                    bare = _targetless(doc, texts, values, cols)
                    targetless += [bare] if bare is not None else []
            if row is not None:
                out.append(row)
            elif it.cell.run and _name_span(doc, it.cell.start, it.cell.end) is not None:
                unsure.append((it.cell.start, values[-1].cell.end))
                words = [x for x in items[since : k + 1] if x.kind == "T"]
                stacked.extend(_stacked(doc, words, values, cols))
            since = j
        k = j
    return out, unsure, stacked, targetless


_WEIGHT_ONLY = lazy(r"^\s*[(（]\s*\d{1,3}(?:\.\d+)?\s*分\s*[)）]\s*$")


def _targetless(
    doc: Document, texts: list[_Cell], values: list[_Item], cols: list[str]
) -> FormRow | None:
    """A row that fills the weight and the score but not the target: one name (level labels
    aside) before its cells, the target cell empty, the weight and score bare figures within
    100. Explicit cells are read by position; a run of cells on one line only when its two
    figures are all it has under four figure columns (target, actual, weight, score)."""
    if not {TARGET_COL, ACTUAL_COL, WEIGHT_COL, SCORE_COL} <= set(cols):
        return None
    # a level label, or a level's weight left alone in its cell when its name was lost: (30分)
    words = [c for c in texts if not _is_label(c.text) and not _WEIGHT_ONLY.match(c.text)]
    if len(words) != 1:
        return None  # a target or an actual in words stands before the figures
    name = words[0]
    span = _name_span(doc, name.start, name.end)
    if span is None or rx.search(r"\d", doc.norm[span[0] : span[1]]):
        return None  # (a figure in the name may be its target: 资金支付率100%)
    run = name.run or any(i.cell.run for i in values)
    n = len(cols)
    if run:
        if cols != _COMMON_ORDER or len(values) != 2 or any(i.kind != "V" for i in values):
            return None
        mapped = {WEIGHT_COL: values[0], SCORE_COL: values[1]}
    else:
        if len(values) < n or any(i.kind != "E" for i in values[n:]):
            return None
        mapped = dict(zip(cols, values, strict=False))
        if mapped[TARGET_COL].kind != "E":
            return None
    actual_item = mapped.get(ACTUAL_COL)
    actual = actual_item.value if actual_item is not None and actual_item.kind == "V" else None
    weight = _score_value(mapped[WEIGHT_COL].value)
    score = _score_value(mapped[SCORE_COL].value)
    if not isinstance(weight, FormValue) or not isinstance(score, FormValue):
        return None
    if not 0 < weight.quantity.value <= 100 or score.quantity.value > weight.quantity.value:
        return None
    return FormRow(
        name=doc.norm[span[0] : span[1]],
        name_start=span[0],
        name_end=span[1],
        target=None,
        actual=actual,
        weight=weight,
        score=score,
        start=span[0],
        end=max(i.cell.end for i in values),
        layout="run" if run else "cells",
    )


def _repeats(items: list[_Item], j: int, name: _Cell) -> bool:
    """Whether items[j] is a text cell repeating `name` word for word, followed by a figure."""
    if j + 1 >= len(items) or items[j].kind != "T" or items[j + 1].kind != "V":
        return False
    return _squeeze(items[j].cell.text) == _squeeze(name.text) and not name.run


# --------------------------------------------------------------------------- indicators


def _indicator(row: FormRow, v: FormValue, role: str) -> Indicator:
    q = v.quantity
    return Indicator(
        name=row.name,
        key=name_key(row.name),
        comparator=v.comparator,
        value=q.value,
        unit=q.unit,
        role=role,
        start=v.start,
        end=v.end,
        name_start=row.name_start,
        name_end=row.name_end,
        value_start=v.start,
        value_end=v.end,
        quantity=q,
        source="table",
        explicit_role=True,
    )


def form_indicators(doc: Document) -> list[Indicator]:
    """The targets and actuals of every indicator form row (targets without an actual too)."""
    out: list[Indicator] = []
    for row in form_rows(doc):
        if row.target is not None:
            out.append(_indicator(row, row.target, TARGET))
        if row.actual is not None:
            out.append(_indicator(row, row.actual, ACTUAL))
    return out


# A qualitative actual one grade below its target: 及时 → 较及时, 达标 → 基本达标.
_DOWNGRADE = ("较", "比较", "基本", "部分", "大部分", "尚未", "未", "不够")


def downgraded(target: str, actual: str) -> bool:
    """The actual is the target with a lower-grade word in front (及时 / 较及时)."""
    t, a = _squeeze(target), _squeeze(actual)
    return bool(t) and any(a == p + t for p in _DOWNGRADE)


# An attainment word negated in the actual while the target asks for it: 及时考核 / 未能及时培训.
_ATTAIN = r"及时|按时|按期|如期|达标|合格|到位|规范|健全|落实|完成|达到"
_NEGATED = lazy(rf"(?:未能|没能|未|没有|不能|不)(?P<word>{_ATTAIN})")
# A negation inside a negation (无未及时发放情况) or a count of failures (未及时办结2件,
# 不合格率0%) says nothing about the target as a whole.
_DOUBLE_NEGATION = lazy(
    r"无|没有|不存在|杜绝|避免|防止|未发生|未出现|未见|未发现|未查出|没发现|是否|减少|降低"
)
_MEASURED_AFTER = lazy(r"\d|率")


def negations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each negated attainment word (未能及时, 未按期, 不达标) in `text`
    that states a failure: not inside a negation (无未及时…) nor followed by a measure
    (未及时办结2件, 不合格率0%), within its clause."""
    out: list[tuple[int, int, str]] = []
    found = list(_NEGATED.finditer(text))
    for m in found:
        word = m.group("word")
        if text.count(word) != sum(1 for x in found if x.group("word") == word):
            continue  # the word also stands un-negated (全部完成，上年未完成的已结转): unclear
        head = text[: m.start()]
        tail = rx.split(r"[，,；;。]", text[m.end() :], maxsplit=1)[0]
        if _DOUBLE_NEGATION.search(head) or _MEASURED_AFTER.search(tail):
            continue
        out.append((m.start(), m.end(), m.group("word")))
    return out


def negated(target: str, actual: str) -> bool:
    """The actual negates an attainment word that the target asks for (及时 / 未能及时)."""
    t, a = _squeeze(target), _squeeze(actual)
    if not t or _NEGATED.search(t):
        return False
    return any(word in t for _s, _e, word in negations(a))


# A range target (18—54周岁) and an actual that admits values beyond it (存在18岁以下、54周岁以上).
_RANGE = lazy(
    r"^(?P<lo>\d+(?:\.\d+)?)[\u4e00-\u9fff%]{0,2}\s*(?:—|－|-|~|～|至|到)+\s*"
    r"(?P<hi>\d+(?:\.\d+)?)[\u4e00-\u9fff%]{0,2}$"
)
_EXIST = lazy(r"存在|出现|有部分|部分|个别|少数")
_BEYOND = lazy(r"(?P<n>\d+(?:\.\d+)?)[\u4e00-\u9fff%]{0,2}?(?P<side>以下|以上|之下|之上)")


def outside_range(target: str, actual: str) -> bool:
    """The target is a range and the actual admits values beyond a bound of it: 18—54周岁
    against 存在18岁以下、54周岁以上 (an existence word first; 以下 at the lower bound or
    below, 以上 at the upper bound or above)."""
    m = _RANGE.match(_squeeze(target))
    a = _squeeze(actual)
    e = _EXIST.search(a)
    if m is None or e is None or _DOUBLE_NEGATION.search(a[: e.end()]):
        return False
    lo, hi = Decimal(m.group("lo")), Decimal(m.group("hi"))
    if lo >= hi:
        return False
    for b in _BEYOND.finditer(a, e.end()):
        n = Decimal(b.group("n"))
        if (b.group("side") in ("以下", "之下") and n <= lo) or (
            b.group("side") in ("以上", "之上") and n >= hi
        ):
            return True
    return False


def _split_downgrade(text: str) -> tuple[int, int] | None:
    """`名称及时较及时` → where the target word starts and where the actual starts, when exactly
    one split reads as name + word + lower-grade word + word."""
    found: list[tuple[int, int]] = []
    for p in _DOWNGRADE:
        for n in range(1, 7):
            a_start = len(text) - n - len(p)
            t_start = a_start - n
            if t_start < 2:
                break
            word = text[a_start + len(p) :]
            if text[a_start : a_start + len(p)] == p and text[t_start:a_start] == word:
                found.append((t_start, a_start))
    return found[0] if len(found) == 1 else None


def proportional_score(row: FormRow, lower_is_better: bool) -> Decimal | None:
    """weight × actual / target (higher is better) or weight × target / actual (lower is
    better), capped at the weight; None when the row does not allow the computation."""
    if row.target is None or row.actual is None or row.weight is None:
        return None
    t, a, w = row.target, row.actual, row.weight.quantity.value
    if a.comparator != EQ or t.quantity.unit != a.quantity.unit:
        return None
    tv, av = t.quantity.base, a.quantity.base
    if tv <= 0 or av < 0:
        return None
    if t.comparator in (LE, LT) or (t.comparator == EQ and lower_is_better):
        if av == 0:
            return w
        return min(w, w * tv / av)
    if t.comparator in (GE, GT, EQ):
        return min(w, w * av / tv)
    return None


def settle_hidden(doc: Document, block: FormBlock) -> FormBlock:
    """Put weights and scores on glued rows when the form's own total decides how every
    glued run of digits splits (see `claims.hidden_scores`)."""
    if not any(r.hidden for r in block.rows):
        return block
    from reviewer.claims.hidden_scores import settled_splits

    splits = settled_splits(doc, block)
    if not splits:
        return block
    rows: list[FormRow] = []
    for row in block.rows:
        split = splits.get(row.hidden_start) if row.hidden else None
        if split is None:
            rows.append(row)
            continue
        w, sc = split
        cut = row.hidden_start + len(w)
        weight = _quantity(w, "", row.hidden_start, cut, w)
        score = _quantity(sc, "", cut, row.hidden_end, sc)
        assert weight is not None and score is not None
        rows.append(
            row._replace(
                weight=FormValue(EQ, weight, row.hidden_start, cut),
                score=FormValue(EQ, score, cut, row.hidden_end),
            )
        )
    return block._replace(rows=rows)


def row_pair(row: FormRow) -> tuple[Indicator, Indicator] | None:
    """A row's target and actual as indicator records (None when either is not a figure)."""
    if row.target is None or row.actual is None:
        return None
    return _indicator(row, row.target, TARGET), _indicator(row, row.actual, ACTUAL)
