"""A total on its own line broken down over the next lines (T110), and the same breakdown split
again into blocks (T111).

A block is a line `label: total` whose label names a total (总额, 合计, 总计), then a line
`其中: label value`, then lines `label value`, one part a line, up to the first line that is not
`label value`. Every figure carries the same unit or none. T110: the parts do not add up to the
total. T111: blocks that follow one block and add up to its total (so they split it) while
naming the same parts: each part's figures over those blocks must add up to the part of the
first block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import decimals_of, fmt
from reviewer.regex import lazy

LINE_BLOCK_SUM = rule(
    code="T110",
    fix_zh="核对各组成部分和合计数，改正填错的一项。",
    name="line-block-sum",
    kind="sum_mismatch",
    severity=Severity.WARNING,
    family="sums",
    title_zh="逐行列出的组成部分之和与总额不符",
    title_en="Parts listed one a line do not add up to their total",
    message_zh="“{label}”{total}，下列各项 {parts} = {computed}，相差 {diff}",
    message_en="'{label}' states {total}, yet the parts listed below add up to {parts} = "
    "{computed} (off by {diff})",
    what="Reads a total on its own line (`年度预算资金总额: 500`) followed by its parts one a line "
    "(`其中:中央补助 300`, `市级资金 150`, `本级资金 50`) up to the first line that is not a "
    "label and a figure; the parts must add up to the total within the rounding of the figures.",
    why="A breakdown that does not add up means one of its figures, or the total, was entered "
    "wrong; every figure computed from it is then in doubt.",
    example="资金(万元)\n年度预算资金总额: 500.50\n其中:中央补助 300.00\n市级资金 150.00\n"
    "本级资金 51.50\n",
    counterexample="资金(万元)\n年度预算资金总额: 500.50\n其中:中央补助 300.00\n市级资金 150.00\n"
    "本级资金 50.50\n",
    fix="Check the parts and the total; correct the one entered wrong.",
)

SPLIT_PART_SUM = rule(
    code="T111",
    fix_zh="核对该项在各分项中的数额及其合计，改正填错的一项。",
    name="split-part-sum",
    kind="sum_mismatch",
    severity=Severity.WARNING,
    family="sums",
    title_zh="总额拆分到各分项后，同名组成部分之和与总额中的该项不符",
    title_en="A part of a total split into blocks does not add up over the blocks",
    message_zh="“{part}”合计为 {total}，但下列各分项中的“{part}” {parts} = {computed}，相差 {diff}",
    message_en="'{part}' is {total} in the total block, yet its figures in the blocks that split "
    "that total add up to {parts} = {computed} (off by {diff})",
    what="When the blocks (a total line and its parts, one a line) that follow a block add up to "
    "its total and name the same parts, each part's figures over those blocks must add up to "
    "that part in the first block.",
    why="The split blocks confirm the total; a part that does not add up over them shows which "
    "figure was entered wrong.",
    example="合计(万元)\n年度预算资金总额: 300.00\n其中:中央补助 200.00\n市级资金 100.00\n"
    "其中:\n甲项目\n年度预算资金总额: 180.00\n其中:中央补助 120.00\n市级资金 60.00\n"
    "乙项目\n年度预算资金总额: 120.00\n其中:中央补助 81.00\n市级资金 40.00\n",
    counterexample="合计(万元)\n年度预算资金总额: 300.00\n其中:中央补助 200.00\n市级资金 100.00\n"
    "其中:\n甲项目\n年度预算资金总额: 180.00\n其中:中央补助 120.00\n市级资金 60.00\n"
    "乙项目\n年度预算资金总额: 120.00\n其中:中央补助 80.00\n市级资金 40.00\n",
    fix="Check the part's figures in every block and in the total.",
)

_NUM = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<u>万元|元|亿元)?"
_TOTAL_LINE = lazy(rf"^(?P<label>[^\d:：]{{0,40}}(?:总额|合计|总计))[)）]?\s*[:：]?\s*{_NUM}\s*$")
_FIRST_PART = lazy(rf"^其中\s*[:：]\s*(?P<label>[^\d\s:：]{{2,20}}?)\s*[:：]?\s*{_NUM}\s*$")
_PART = lazy(rf"^(?P<label>[^\d\s:：]{{2,20}}?)\s*[:：]?\s*{_NUM}\s*$")
_MAX_GAP = 4  # lines between a block and the next (a heading, `其中:`)


class _Fig(NamedTuple):
    label: str
    value: Decimal
    raw: str
    start: int
    end: int


class _Block(NamedTuple):
    total: _Fig
    parts: list[_Fig]
    first_line: int
    last_line: int


def _fig(m: re.Match[str], start: int) -> _Fig:
    raw = m.group("n").replace(",", "")
    return _Fig(
        m.group("label").strip(), Decimal(raw), raw, start + m.start("n"), start + m.end("n")
    )


def _blocks(doc: Document) -> list[_Block]:
    lines = doc.lines
    out: list[_Block] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        m = _TOTAL_LINE.match(ln.text.strip())
        if m is None or i + 2 >= len(lines):
            i += 1
            continue
        off = ln.start + (len(ln.text) - len(ln.text.lstrip()))
        total = _fig(m, off)
        unit = m.group("u")
        first = lines[i + 1]
        fm = _FIRST_PART.match(first.text.strip())
        if fm is None or fm.group("u") != unit:
            i += 1
            continue
        parts = [_fig(fm, first.start + (len(first.text) - len(first.text.lstrip())))]
        j = i + 2
        while j < len(lines):
            pm = _PART.match(lines[j].text.strip())
            if pm is None or pm.group("u") != unit or _TOTAL_LINE.match(lines[j].text.strip()):
                break
            lj = lines[j]
            parts.append(_fig(pm, lj.start + (len(lj.text) - len(lj.text.lstrip()))))
            j += 1
        if len(parts) >= 2:
            out.append(_Block(total, parts, i, j - 1))
        i = j
    return out


def _half(figs: list[_Fig]) -> Decimal:
    return sum((Decimal(5).scaleb(-decimals_of(f.raw) - 1) for f in figs), Decimal(0))


def _diff(a: Decimal, b: Decimal) -> str:
    return fmt(abs(a - b))


@check(LINE_BLOCK_SUM)
def line_block_sum(doc: Document) -> Iterator[Hit]:
    for b in _blocks(doc):
        computed = sum((p.value for p in b.parts), Decimal(0))
        if abs(computed - b.total.value) <= _half([b.total, *b.parts]):
            continue
        yield LINE_BLOCK_SUM.hit(
            [(b.total.start, b.total.end)] + [(p.start, p.end) for p in b.parts],
            {
                "label": b.total.label,
                "total": fmt(b.total.value),
                "parts": " + ".join(fmt(p.value) for p in b.parts),
                "computed": fmt(computed),
                "diff": _diff(computed, b.total.value),
            },
        )


@check(SPLIT_PART_SUM)
def split_part_sum(doc: Document) -> Iterator[Hit]:
    blocks = _blocks(doc)
    for k, head in enumerate(blocks):
        labels = [p.label for p in head.parts]
        split: list[_Block] = []
        last = head.last_line
        for b in blocks[k + 1 :]:
            if b.first_line - last > _MAX_GAP or [p.label for p in b.parts] != labels:
                break
            split.append(b)
            last = b.last_line
            if sum((x.total.value for x in split), Decimal(0)) == head.total.value:
                break
        if len(split) < 2 or sum((x.total.value for x in split), Decimal(0)) != head.total.value:
            continue
        for n, part in enumerate(head.parts):
            figs = [b.parts[n] for b in split]
            computed = sum((f.value for f in figs), Decimal(0))
            if abs(computed - part.value) <= _half([part, *figs]):
                continue
            yield SPLIT_PART_SUM.hit(
                [(part.start, part.end)] + [(f.start, f.end) for f in figs],
                {
                    "part": part.label,
                    "total": fmt(part.value),
                    "parts": " + ".join(fmt(f.value) for f in figs),
                    "computed": fmt(computed),
                    "diff": _diff(computed, part.value),
                },
            )
