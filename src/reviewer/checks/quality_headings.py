"""Report quality, duplicated headings (Q011): the same heading twice under one parent, and a
top-level section repeating a part of an earlier top-level title."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import Section, section_path, sections
from reviewer.document import Document
from reviewer.models import Severity

DUPLICATE_HEADING = rule(
    code="Q011",
    fix_zh="为后一节拟定与内容相符的标题，或将两节合并。",
    name="duplicate-heading",
    kind="duplicate_heading",
    severity=Severity.WARNING,
    family="quality",
    title_zh="标题重复",
    title_en="Duplicated heading",
    message_zh="标题“{title}”与前面的“{other}”{how_zh}，可能是复制粘贴后未修改",
    message_en="Heading '{title}' {how_en} '{other}', probably copied and not edited",
    what="Finds the same heading text twice under one parent section, and a later top-level "
    "section whose title repeats a part of an earlier top-level title (五、存在问题… then "
    "六、存在问题).",
    why="A repeated heading usually means a paragraph was copied and its heading not changed, "
    "or that the report's outline was assembled from pieces.",
    example=(
        "五、存在问题\n"
        "（一）项目进度不均衡\n"
        "部分项目开工较晚，年底集中支付。\n"
        "（二）项目进度不均衡\n"
        "部分项目开工较晚，年底集中支付。\n"
    ),
    counterexample=(
        "五、存在问题\n"
        "（一）项目进度不均衡\n"
        "部分项目开工较晚，年底集中支付。\n"
        "（二）资金使用效率不高\n"
        "部分资金结余较多。\n"
    ),
    fix="Give the second section its own heading, or merge the two.",
    variants={
        "topic": (
            "第一级标题“{title}”重复了前面“{other}”中已有的内容主题，报告结构重复",
            "Top-level heading '{title}' repeats a topic already covered by '{other}'",
        ),
    },
)


def _key(title: str) -> str:
    return rx.sub(r"[\s。.，,、：:；;\"'“”()（）]", "", title)


@check(DUPLICATE_HEADING)
def duplicate_headings(doc: Document) -> Iterator[Hit]:
    secs = sections(doc)
    parents: dict[int, int | None] = {}
    index = {s.start: i for i, s in enumerate(secs)}  # one section per start
    for i, s in enumerate(secs):
        path = section_path(doc, s.start)
        parent = path[-2] if len(path) >= 2 else None
        parents[i] = index[parent.start] if parent is not None else None
    seen: dict[tuple[int | None, int, str], Section] = {}
    for i, s in enumerate(secs):
        k = _key(s.title)
        if len(k) < 3 or s.level > 4:
            continue
        key = (parents[i], s.level, k)
        if key in seen:
            other = seen[key]
            yield DUPLICATE_HEADING.hit(
                [(s.title_start, s.title_end), (other.title_start, other.title_end)],
                {
                    "title": s.title,
                    "other": other.title,
                    "how_zh": "完全相同" if s.marker != other.marker else "编号和文字都相同",
                    "how_en": "is identical to",
                },
            )
        else:
            seen[key] = s
    # a later top-level section that repeats a part of an earlier top-level title
    # The first earlier top-level title equal to this one, and the first one listing it as a
    # part: indexes kept as the titles go by, not a scan of the earlier titles per title.
    tops = [s for s in secs if s.level == 1]
    first_equal: dict[str, int] = {}
    first_part: dict[str, int] = {}
    for j, s in enumerate(tops):
        k = _key(s.title)
        if len(k) >= 4:
            eq, part = first_equal.get(k, j), first_part.get(k, j)
            if part < eq:  # an equal title first is reported above when under the same parent
                other = tops[part]
                yield DUPLICATE_HEADING.hit(
                    [(s.start, s.title_end), (other.start, other.title_end)],
                    {"title": s.title, "other": other.title},
                    variant="topic",
                    severity=Severity.INFO,
                )
        first_equal.setdefault(k, j)
        parts = [_key(p) for p in rx.split(r"[、，,及和与;；]", s.title)]
        if len(parts) > 1:
            for p in parts:
                first_part.setdefault(p, j)
