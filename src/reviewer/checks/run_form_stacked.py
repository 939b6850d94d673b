"""G009: an indicator form flattened so that its target column was printed apart from its
actual column (the rows' targets, then their actuals): a target missed in such a form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.checks.run_form_cells import (
    FORM_UNITS,
    HUNDRED,
    INDICATOR_HEAD,
    MIN_ROWS,
    FormToken,
    form_tokens,
)
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

COLUMN_STACKED_MISS = rule(
    code="G009",
    fix_zh="核对该指标的实际完成值；如未完成，说明偏差原因并按完成比例计分。",
    name="column-stacked-target-missed",
    kind="target_not_met",
    severity=Severity.INFO,
    family="targets",
    title_zh="目标列与完成值列分开排印的指标未完成目标",
    title_en="Target missed where the form printed its target column apart from the actuals",
    message_zh="“{name}”目标 {target}，实际 {actual}，未达到目标（该表 {count} 个目标值连排在前、"
    "“实际值 分值 得分”连排在后，按先后顺序对应，各行单位 {units} 一一相符，请核对对应关系）",
    message_en="'{name}': target {target}, actual {actual}: the target was not met (the form "
    "prints {count} target values first and the 'actual, weight, score' groups after them; they "
    "were matched in reading order and their units {units} agree one by one: check the alignment)",
    what="In a form flattened into one run of space-separated cells, a run of k ≥ 3 target values "
    "(names may stand between them) followed, after the header words, by exactly k groups of "
    "'actual with its unit, weight, score' (score within the weight); matched in order only when "
    "every pair has the same unit and the units are not all alike. An actual below a lower bound "
    "(or a bare target), or above an upper bound, is reported as info.",
    why="A spreadsheet flattened column by column leaves such rows unread by the row readers, so "
    "a missed target there goes unnoticed; the order and the units are the only evidence of the "
    "alignment, hence info.",
    example=(
        "项目支出绩效自评表 年度 实际 指标值 完成值 指标1:建档人数 38508人 "
        "指标2:资料种类 不少于12 种 116次 二级指标 三级指标 分值 得分 37442人 3 3 14种 1 1 "
        "150次 1 1 指标4:宣传活动 12次 96次 1 1"
    ),
    counterexample=(
        "项目支出绩效自评表 年度 实际 指标值 完成值 指标1:建档人数 38508人 "
        "指标2:资料种类 不少于12 种 116次 二级指标 三级指标 分值 得分 38600人 3 3 14种 1 1 "
        "150次 1 1 指标4:宣传活动 12次 96次 1 1"
    ),
    fix="Check the indicator's actual value; if the target was missed, explain why and score it "
    "in proportion.",
)

_LOWER_WORDS = ("不少于", "不低于", "大于等于", "≥", ">=", "≧", "至少")
_UPPER_WORDS = ("不多于", "不高于", "不超过", "小于等于", "≤", "<=", "≦", "低于")
_SV_COMP = "|".join(sorted((*_LOWER_WORDS, *_UPPER_WORDS), key=len, reverse=True))
_SV_UNIT_ALT = "|".join(re.escape(u) for u in FORM_UNITS)
_SV_VALUE = lazy(rf"^(?P<comp>{_SV_COMP})?(?P<num>\d+(?:\.\d+)?)(?P<unit>%|{_SV_UNIT_ALT})?$")
_SV_UNIT = lazy(rf"^(?:%|{_SV_UNIT_ALT})$")
_SV_NAME = lazy(r"^指标\d+[:：]")


class _Val(NamedTuple):
    comp: str
    value: Decimal
    unit: str
    text: str
    start: int
    end: int


class _Item(NamedTuple):
    kind: str  # "V" a value with a unit or comparator, "B" a bare number, "T" text
    tok: FormToken
    val: _Val | None


def _sv_items(toks: list[FormToken]) -> list[_Item]:
    out: list[_Item] = []
    for t in toks:
        if _SV_UNIT.match(t.text) and out and out[-1].kind in ("V", "B") and out[-1].val:
            prev = out[-1].val
            if not prev.unit:  # `不少于12 种`: the unit in a cell of its own
                v = prev._replace(unit=t.text, text=prev.text + t.text, end=t.end)
                out[-1] = _Item("V", out[-1].tok, v)
                continue
        m = _SV_VALUE.match(t.text)
        if m is None:
            out.append(_Item("T", t, None))
            continue
        v = _Val(
            m.group("comp") or "",
            Decimal(m.group("num")),
            m.group("unit") or "",
            t.text,
            t.start,
            t.end,
        )
        out.append(_Item("V" if v.comp or v.unit else "B", t, v))
    return out


def _missed(target: _Val, actual: _Val) -> bool:
    if target.comp in _UPPER_WORDS:
        return actual.value > target.value
    return actual.value < target.value


@check(COLUMN_STACKED_MISS)
def column_stacked(doc: Document) -> Iterator[Hit]:
    for toks in form_tokens(doc):
        head = next((i for i, t in enumerate(toks) if INDICATOR_HEAD.search(t.text)), None)
        if head is None:
            continue
        items = _sv_items(toks[head:])
        i = 0
        while i < len(items):
            # a run of k >= 3 groups (actual with a unit, bare weight, bare score within it)
            k = 0
            while (
                i + 3 * k + 2 < len(items)
                and items[i + 3 * k].kind == "V"
                and items[i + 3 * k + 1].kind == "B"
                and items[i + 3 * k + 2].kind == "B"
            ):
                w, s = items[i + 3 * k + 1].val, items[i + 3 * k + 2].val
                assert w and s
                if not (0 < w.value <= HUNDRED and s.value <= w.value):
                    break
                k += 1
            if k < MIN_ROWS or (i > 0 and items[i - 1].kind != "T"):
                i += max(1, 3 * k)
                continue
            yield from _stacked_pairs(items, i, k)
            i += 3 * k


def _stacked_pairs(items: list[_Item], g: int, k: int) -> Iterator[Hit]:
    """The k targets before the groups at `g`: names may stand between them, no bare number."""
    j = g - 1
    while j >= 0 and items[j].kind == "T":
        j -= 1
    targets: list[tuple[_Val, str]] = []
    while j >= 0 and items[j].kind != "B" and len(targets) <= k:
        if items[j].kind == "V":
            name = items[j - 1].tok.text if j > 0 and _SV_NAME.match(items[j - 1].tok.text) else ""
            val = items[j].val
            assert val is not None
            targets.append((val, name))
        elif not _SV_NAME.match(items[j].tok.text):
            break
        j -= 1
    if len(targets) != k:
        return
    targets.reverse()
    actuals = [items[g + 3 * n].val for n in range(k)]
    units = [t.unit for t, _ in targets]
    if units != [a.unit for a in actuals if a] or len(set(units)) < 2:
        return
    for n, ((target, name), actual) in enumerate(zip(targets, actuals, strict=True)):
        assert actual is not None
        if not _missed(target, actual):
            continue
        yield COLUMN_STACKED_MISS.hit(
            [(actual.start, actual.end), (target.start, target.end)],
            {
                "name": name or f"第{n + 1}个指标",
                "target": target.text,
                "actual": actual.text,
                "count": k,
                "units": "、".join(units),
            },
        )
