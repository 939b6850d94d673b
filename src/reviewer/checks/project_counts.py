"""Counts across sentences: projects at the start of the year, added during it, and in all.

A paragraph such as "实施项目共15个，年初批复预算8个项目985万元，…，年中增加8个项目" states three
counts of one set: the projects approved at the start of the year, those added during it, and
the total carried out. The total should be the opening count plus the additions, less any
projects the paragraph says were cut ("调减2个项目"). Each count is read with the clause before
it; figures inside parentheses ("(含结转项目5个)") name subsets and are left out, and a paragraph
must state exactly one count of each role, or nothing is checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.vocabulary import BOUND_ALT
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_quantities, fmt
from reviewer.regex import lazy

PROJECT_COUNT_MISMATCH = rule(
    code="C003",
    fix_zh="核对项目个数：年初项目数加年中增加数（减去调减数）应等于全年实施项目总数；"
    "如有项目取消或合并，请在报告中说明。",
    name="project-count-mismatch",
    kind="count_mismatch",
    severity=Severity.WARNING,
    family="counts",
    title_zh="年初与年中项目数之和与项目总数不符",
    title_en="Projects at the start of the year plus those added do not make the total",
    message_zh="年初 {opening} 个 + 年中增加 {added} 个{removed_expr} = {expected} 个，"
    "报告称共 {total} 个{note}",
    message_en="{opening} projects at the start of the year + {added} added{removed_expr_en} = "
    "{expected}, the report states {total} in all{note_en}",
    what="Reads, within one paragraph, the number of projects at the start of the year (年初), "
    "the number added during it (年中增加/追加/新增), any cut (调减/取消), and the total (共/实施"
    "项目K个), and checks opening + added − cut = total.",
    why="The three counts describe one set of projects; when they do not add up, a project was "
    "dropped or merged without a word, or one of the counts is wrong.",
    example="实施项目共15个，年初批复预算8个项目985万元，年中增加8个项目。(8 + 8 = 16, not 15)",
    counterexample="实施项目共15个(含结转项目5个)，年初批复预算8个项目985万元，年中增加7个项目。",
    fix="Correct the count that is wrong, or say which projects were cut or merged.",
)

_PROJECT_AFTER = lazy(r"\s*(?:个|项)?\s*(?:[\u4e00-\u9fff]{0,6}?)项目")
_PROJECT_BEFORE = lazy(r"项目(?:数量?|总数|个数)?\s*(?:共计?|合计|总计|累计)?\s*(?:为|有|达)?\s*$")
_OPENING = lazy(r"年初")
_ADDED = lazy(r"年中|追加|新增|增加|调增|增补")
_REMOVED = lazy(r"调减|减少|取消|撤销|终止|核减")
_BARE_CHANGE = lazy(
    r"(?:其中)?(?:年中|年内|期间|全年|当年|后续)?(?:又|再|共|另)?"
    r"(?:追加|新增|增加|调增|增补|调减|减少|取消|撤销|终止|核减)了?"
)
_TOTAL = lazy(r"共|合计|总计|累计|全年|实施")
_BOUND = lazy(BOUND_ALT)


class _Count(NamedTuple):
    role: str  # opening, added, removed, total
    clause_start: int
    quantity: Quantity


def _clause_start(norm: str, lo: int, pos: int) -> int:
    i = pos
    while i > lo and norm[i - 1] not in "，,。；;：:\n()":
        i -= 1
    return i


def _role(clause: str, about_projects: bool) -> str | None:
    if _BOUND.search(clause):
        return None
    # A change names projects, or nothing at all ("年中追加3个"); "新增就业岗位50个" is another set.
    bare = bool(_BARE_CHANGE.fullmatch(clause.strip()))
    if _REMOVED.search(clause) and (about_projects or bare):
        return "removed"
    if _ADDED.search(clause) and not _OPENING.search(clause) and (about_projects or bare):
        return "added"
    if not about_projects:
        return None  # the opening count and the total must say they count projects
    if _OPENING.search(clause):
        # A project library (储备, 入库, 申报) is not the set carried out.
        return None if rx.search(r"储备|入库|申报|谋划", clause) else "opening"
    if _TOTAL.search(clause):
        return "total"
    return None


def _counts(norm: str, start: int, end: int) -> list[_Count]:
    out: list[_Count] = []
    depth_at = _paren_depths(norm, start, end)
    for q in find_quantities(norm, start, end):
        if q.dimension != "count" or q.count_unit not in ("个", "项") or q.approx:
            continue
        if depth_at[q.start - start] > 0 or not q.raw[:1].isdigit():
            continue
        cs = _clause_start(norm, start, q.start)
        clause = norm[cs : q.start]
        about = bool(_PROJECT_AFTER.match(norm, q.end, min(end, q.end + 10))) or bool(
            _PROJECT_BEFORE.search(clause)
        )
        role = _role(clause, about)
        if role is not None:
            out.append(_Count(role, cs, q))
    return out


def _paren_depths(norm: str, start: int, end: int) -> list[int]:
    depths: list[int] = []
    depth = 0
    for ch in norm[start:end]:
        if ch in "(（":
            depth += 1
        depths.append(depth)
        if ch in ")）" and depth:
            depth -= 1
    return depths


def _paragraphs(norm: str) -> Iterator[tuple[int, int]]:
    pos = 0
    while pos < len(norm):
        end = norm.find("\n", pos)
        end = len(norm) if end < 0 else end
        yield pos, end
        pos = end + 1


@check(PROJECT_COUNT_MISMATCH)
def project_counts(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    for start, end in _paragraphs(norm):
        if "项目" not in norm[start:end] or not rx.search(r"年初", norm[start:end]):
            continue
        counts = _counts(norm, start, end)
        by_role = {r: [c for c in counts if c.role == r] for r in ("opening", "added", "total")}
        if any(len(v) != 1 for v in by_role.values()):
            continue
        removed = [c for c in counts if c.role == "removed"]
        if len(removed) > 1:
            continue
        (opening,), (added,), (total,) = by_role.values()
        cut = removed[0].quantity.value if removed else 0
        expected = opening.quantity.value + added.quantity.value - cut
        if expected == total.quantity.value:
            used = (total, opening, added, *removed)
            text = f"{fmt(opening.quantity.value)} + {fmt(added.quantity.value)}"
            text += f" − {fmt(cut)} = {fmt(expected)}" if removed else f" = {fmt(expected)}"
            yield relation("count", [(c.quantity.start, c.quantity.end) for c in used], text)
            continue
        note = note_en = ""
        if not removed:
            note = "；报告未说明有项目调减或取消，请核对"
            note_en = "; the report does not say any project was cut"
        spans = [(c.clause_start, c.quantity.end) for c in (total, opening, added, *removed)]
        yield PROJECT_COUNT_MISMATCH.hit(
            spans,
            {
                "opening": fmt(opening.quantity.value),
                "added": fmt(added.quantity.value),
                "removed": fmt(cut),
                "removed_expr": f" − 调减 {fmt(cut)} 个" if removed else "",
                "removed_expr_en": f" − {fmt(cut)} cut" if removed else "",
                "expected": fmt(expected),
                "total": fmt(total.quantity.value),
                "note": note,
                "note_en": note_en,
            },
        )
