"""Indicator statements: a name, a comparator, a value and a unit, read as a target or an actual.

Prose forms read here (all on the normalized text):

- ``医保参保率≥90%``, ``医保参保率为80%``, ``满意度在90%以上``, ``发放资料超过2000份``,
  ``三公经费控制≤9.64万元``, ``中心组1次/月``, ``走访20次/1100人次`` (two values, one name);
- distributive lists: ``A，B，C均≥95%``, ``A、B均为100%`` (a 、-group is split only when every
  piece is itself an indicator name: ``安全生产、秸秆禁烧、森林防火宣传覆盖率`` stays one name);
- rankings: ``排名全县前10`` (target ``top``), ``排名全县第12名`` (actual ``rank``);
- qualitative ``资金使用规范性——规范``.

A value is a statement only when the clause ends right after it (a comma, a full stop, a
bracket, the end of the line): ``全镇14个村（社区）巩固…`` is a modifier, not a statement.

Indicator tables (header cells such as 年度指标值/目标值 and 实际完成值/完成值) are read by
`table_indicators`; prose inside a detected table is not read twice.

The role of a statement comes, in this order, from an explicit marker next to the value
(目标值 / 实际完成值), from the innermost heading that names a role (绩效目标, 指标值, 计划 →
target; 完成情况, 实现情况, 绩效情况 … → actual), and from the comparator (a symbol such as
≥ or a word such as 不低于 outside a results section reads as a target).

This module is the API (`indicators`, `targets`, `actuals`) and re-exports the pieces, split by
concern: `indicator_words` (the record, roles, names, markers), `indicator_prose`,
`indicator_tables` (and `indicator_forms`), `indicator_pairs` (target/actual pairing, rank
admissions). The met / not-met verdict is `checks/target_verdict.py`.
"""

from __future__ import annotations

from reviewer.claims.indicator_pairs import (
    Admission,
    pairs,
    rank_admissions,
    units_agree,
)
from reviewer.claims.indicator_prose import _prose, covered
from reviewer.claims.indicator_tables import (
    WordedRow,
    parse_value,
    table_indicators,
    worded_rows,
)
from reviewer.claims.indicator_words import (
    ACTUAL,
    LOWER_BETTER,
    TARGET,
    UNKNOWN,
    Indicator,
    lower_is_better,
    name_key,
    same_indicator,
    section_role,
)
from reviewer.claims.vocabulary import (
    EQ,
    GE,
    GT,
    LE,
    LT,
    QUAL,
    RANK,
    SYMBOL,
    TOP,
)
from reviewer.document.document import Document

__all__ = [
    "ACTUAL",
    "EQ",
    "GE",
    "GT",
    "LE",
    "LOWER_BETTER",
    "LT",
    "QUAL",
    "RANK",
    "SYMBOL",
    "TARGET",
    "TOP",
    "UNKNOWN",
    "Admission",
    "Indicator",
    "WordedRow",
    "actuals",
    "indicators",
    "lower_is_better",
    "name_key",
    "pairs",
    "parse_value",
    "rank_admissions",
    "same_indicator",
    "section_role",
    "table_indicators",
    "targets",
    "units_agree",
    "worded_rows",
]


# --------------------------------------------------------------------------- API


def indicators(doc: Document) -> list[Indicator]:
    """Every indicator statement of the report, prose and tables, in text order (cached)."""
    return doc.cached("indicators", _extract)


def _extract(doc: Document) -> list[Indicator]:
    from reviewer.document.tables import tables

    found: list[Indicator] = []
    skip: list[tuple[int, int]] = []
    for t in tables(doc):
        got = table_indicators(doc, t)
        if got:
            found.extend(got)
            skip.append((t.start, t.end))
    # Indicator blocks of self-evaluation forms (ragged, one cell per line, run together):
    # rows the table reader did not already read.
    from reviewer.claims.indicator_forms import form_indicators, indicator_blocks

    read = {(i.name_start, i.role) for i in found}
    found.extend(i for i in form_indicators(doc) if (i.name_start, i.role) not in read)
    skip.extend((b.start, b.end) for b in indicator_blocks(doc))
    skipped = covered(skip)
    prose = [i for i in _prose(doc, skip) if not skipped(i.start)]
    found.extend(prose)
    found.sort(key=lambda i: (i.start, i.name_start))
    return found


def targets(doc: Document) -> list[Indicator]:
    return [i for i in indicators(doc) if i.role == TARGET]


def actuals(doc: Document) -> list[Indicator]:
    return [i for i in indicators(doc) if i.role == ACTUAL]
