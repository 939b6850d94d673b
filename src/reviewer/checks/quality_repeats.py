"""Report quality, repeated clauses: a clause or clause group written two or more times in a
row within one paragraph or table row — a paste repeated, or a completion cell that copies the
goal beside it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

REPEATED_CLAUSE = rule(
    code="Q025",
    fix_zh="删除重复的语句；若是“实际完成情况”照抄“预期目标”，改写为实际完成的内容和数值。",
    name="repeated-clause",
    kind="copy_paste",
    severity=Severity.INFO,
    family="quality",
    title_zh="同一语句连续重复",
    title_en="The same clause repeated in a row",
    message_zh="“{clause}”在同一段（或同一表格行）中连续出现{n}次，疑为复制粘贴{note_zh}",
    message_en="'{clause}' appears {n} times in a row in one paragraph (or table row), likely "
    "a paste{note_en}",
    what="Finds a clause or a group of up to three clauses (at least 14 characters, split at "
    "，；。 and table cell marks) that is immediately repeated in the same paragraph or table "
    "row: '甲，乙；甲，乙；甲，乙。', or a completion cell copying the goal cell beside it; and "
    "in a prose paragraph, a clause without figures that comes again one or two clauses "
    "later (甲，乙，甲。), or in a later cell of the same table row (a completion item "
    "restating a goal item). A clause with a figure, or repeated further apart in prose, may "
    "be a list of like items and stays silent.",
    why="A clause written twice in a row is an editing slip; where the second copy stands in "
    "the 实际完成情况 cell, what was achieved is never reported.",
    example="及时拨付项目资金,履行项目资金保障;及时拨付项目资金,履行项目资金保障。\n",
    counterexample="及时拨付项目资金,履行项目资金保障;加强资金监管,确保专款专用。\n",
    fix="Delete the repetition; where the completion repeats the goal, write what was done "
    "and its figures.",
    variants={
        "cell_copy": (
            "“{clause}”在同一表格行的后一格中再次出现：后一格（如实际完成情况）照抄了前一格"
            "（如年度目标）的条目，未写明实际完成的内容",
            "'{clause}' comes again in a later cell of the same table row: the later cell "
            "(such as the completion) copies an item of the earlier one (such as the goal) "
            "instead of saying what was done",
        ),
        "apart": (
            "“{clause}”在同一段中相隔{gap}句又出现一次，疑为复制粘贴后未删除",
            "'{clause}' comes again {gap} clauses later in the same paragraph, likely a "
            "paste left in",
        ),
    },
)

_SPLIT = lazy(r"[，,；;。|]")
_CJK = lazy(r"[\u4e00-\u9fff]")
_SPACE = lazy(r"\s+")  # module-level: `_clauses` runs for every paragraph


class _Clause(NamedTuple):
    key: str
    start: int
    end: int


def _clauses(norm: str, lo: int, hi: int) -> list[_Clause]:
    out: list[_Clause] = []
    pos = lo
    for m in [*_SPLIT.finditer(norm, lo, hi), None]:
        end = m.start() if m is not None else hi
        raw = norm[pos:end]
        key = _SPACE.sub("", raw)
        if key:
            lo = pos + len(raw) - len(raw.lstrip())
            out.append(_Clause(key, lo, pos + len(raw.rstrip())))
        pos = m.end() if m is not None else hi
    return out


def _repeat_at(cl: list[_Clause], i: int) -> tuple[int, int] | None:
    """(width, copies) of the shortest clause group starting at `i` repeated right after."""
    for w in (1, 2, 3):
        if i + 2 * w > len(cl):
            return None  # no room for a repeat of this width, nor of a wider one
        group = [c.key for c in cl[i : i + w]]
        if [c.key for c in cl[i + w : i + 2 * w]] != group:
            continue  # the cheap test first: is the group repeated at all?
        text = "".join(group)
        if len(text) < 14 or len(_CJK.findall(text)) < 8:
            continue
        n = 2
        while [c.key for c in cl[i + n * w : i + (n + 1) * w]] == group:
            n += 1
        return w, n
    return None


@check(REPEATED_CLAUSE)
def repeated_clauses(doc: Document) -> Iterator[Hit]:
    from reviewer.checks.goal_readings import empty_form_goal_spans

    norm = doc.norm
    split = _SPLIT.search
    if split(norm) is None:
        return  # no clause break anywhere: no line holds two clauses
    empty_goals = empty_form_goal_spans(doc) if "|" in norm else []
    for line in doc.lines:
        if split(norm, line.start, line.end) is None:
            continue  # one clause at most (a table cell, a heading): nothing to repeat
        cl = _clauses(norm, line.start, line.end)
        covered: set[int] = set()  # clauses of an immediate repeat, reported as such
        i = 0
        while i < len(cl):
            rep = _repeat_at(cl, i)
            if rep is None:
                i += 1
                continue
            w, n = rep
            first, last = cl[i], cl[i + n * w - 1]
            cell = "|" in norm[first.start : last.end]
            if cell and any(a < last.end and first.start < b for a, b in empty_goals):
                covered.update(range(i, i + n * w))
                i += n * w
                continue  # the goal cell states no goal (Q002): its copy is the same cause
            yield REPEATED_CLAUSE.hit(
                [(first.start, last.end)],
                {
                    "clause": norm[first.start : cl[i + w - 1].end],
                    "n": n,
                    "note_zh": "；后一格照抄前一格，未写明实际完成情况" if cell else "",
                    "note_en": "; the second cell copies the first, so the outcome is not reported"
                    if cell
                    else "",
                },
            )
            covered.update(range(i, i + n * w))
            i += n * w
        if "|" not in line.text and "\t" not in line.text:
            yield from _repeated_apart(norm, cl, covered)
        else:
            yield from _copied_into_later_cell(norm, cl, covered)


# How far apart (in clauses) a second copy may stand: 甲，乙，甲 or 甲，乙，丙，甲.
_MAX_GAP = 3
_DIGIT = lazy(r"\d")
# A list item's number ((1), 1、, 2.) is no figure of a result.
_ITEM_MARK = lazy(r"[(（]\d{1,2}[)）]|(?<!\d)\d{1,2}[、.．](?!\d)")


def _copied_into_later_cell(norm: str, cl: list[_Clause], covered: set[int]) -> Iterator[Hit]:
    """In one table row, a figure-free clause of a cell written again in a later cell (a
    completion item restating a goal item): the first such clause of the row."""
    first: dict[str, int] = {}
    for i, c in enumerate(cl):
        if i in covered or len(c.key) < 14 or len(_CJK.findall(c.key)) < 8:
            continue
        if _DIGIT.search(c.key):
            continue
        j = first.setdefault(c.key, i)
        if j == i:
            continue
        if "|" not in norm[cl[j].end : c.start] and "\t" not in norm[cl[j].end : c.start]:
            continue  # the same cell: a paragraph repeat, not a copied cell
        if _DIGIT.search(_ITEM_MARK.sub("", _cell_around(norm, c.start, c.end))):
            continue  # the later cell states a result of its own (惠及11万人次) beside the copy
        yield REPEATED_CLAUSE.hit(
            [(c.start, c.end), (cl[j].start, cl[j].end)],
            {"clause": norm[c.start : c.end]},
            variant="cell_copy",
        )
        return


def _cell_around(norm: str, start: int, end: int) -> str:
    """The table cell holding [start, end): from the separator before to the one after."""
    lo = max(norm.rfind(sep, 0, start) for sep in ("|", "\t", "\n")) + 1
    ends = [i for i in (norm.find(sep, end) for sep in ("|", "\t", "\n")) if i >= 0]
    return norm[lo : min(ends, default=len(norm))]


def _repeated_apart(norm: str, cl: list[_Clause], covered: set[int]) -> Iterator[Hit]:
    """A figure-free clause written again one or two clauses after itself in one paragraph."""
    done: set[str] = set()
    for i, c in enumerate(cl):
        if i in covered or c.key in done or len(c.key) < 14 or len(_CJK.findall(c.key)) < 8:
            continue
        if _DIGIT.search(c.key):
            continue
        for j in range(i + 2, min(len(cl), i + _MAX_GAP + 1)):
            if cl[j].key == c.key and j not in covered:
                done.add(c.key)
                yield REPEATED_CLAUSE.hit(
                    [(cl[j].start, cl[j].end), (c.start, c.end)],
                    {"clause": norm[c.start : c.end], "gap": j - i - 1},
                    variant="apart",
                )
                break
