"""Report quality, another school stage's pupils in the goals (Q207): a report whose title names
one stage of schooling (城乡义务教育补助经费…报告) while a sentence of its goals speaks of another
stage only (为保障学前教育家庭经济困难学生不因贫失学) — a sentence carried over from the report of
the other stage's programme."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import sections
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

OTHER_STAGE = rule(
    code="Q207",
    fix_zh="核对绩效目标的对象，改写为本项目所资助学段的学生；如为照搬其他项目的段落，请删除或改写。",
    name="other-school-stage",
    kind="copy_paste",
    severity=Severity.WARNING,
    family="quality",
    title_zh="绩效目标写的是另一个学段的学生",
    title_en="The goals speak of another stage of schooling",
    message_zh="报告评价的是{own}的项目，但目标中的“{quote}”说的是{other}，"
    "疑为照搬其他学段项目报告的句子",
    message_en="The report evaluates a {own_en} programme, but its goals say '{quote}', about "
    "{other_en}: a sentence carried over from another stage's report",
    what="In a report whose title lines (in the opening, naming 报告) name exactly one stage of "
    "schooling (学前教育/幼儿园, 义务教育, 普通高中, 中职, 高校), finds a sentence of a "
    "section titled with 目标 that names another stage and not the title's own. A sentence "
    "naming both (从学前教育到义务教育…), a unit's report naming several stages in its title, "
    "and the background sections stay silent.",
    why="A goal about another stage's pupils cannot be measured by this programme's spending: "
    "the goals were copied from another report and not adapted.",
    example="城乡义务教育补助经费2023年度绩效自评报告\n二、绩效目标\n"
    "为保障学前教育家庭经济困难幼儿不因贫失学，资助幼儿500人。\n",
    counterexample="城乡义务教育补助经费2023年度绩效自评报告\n二、绩效目标\n"
    "保障义务教育阶段家庭经济困难学生顺利完成学业，资助学生1200人。\n",
    fix="Rewrite the goal for the evaluated programme's own pupils.",
)

_STAGES = {
    "学前教育": (r"学前教育|幼儿园|学前", "pre-school"),
    "义务教育": (r"义务教育", "compulsory schooling"),
    "普通高中": (r"普通高中|高中", "upper secondary school"),
    "中职教育": (r"中职|中等职业", "vocational school"),
    "高等教育": (r"高等教育|高校(?!毕业生)|大学(?!生)", "higher education"),
}
_SENTENCE = lazy(r"[^。；;\n]+")


def _named(text: str) -> set[str]:
    return {k for k, (pat, _) in _STAGES.items() if rx.search(pat, text)}


@check(OTHER_STAGE)
def other_stage(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    titles = [ln for ln in text[:800].split("\n") if "报告" in ln and len(ln.strip()) <= 90]
    named = set().union(*(_named(t) for t in titles)) if titles else set()
    if len(named) != 1:
        return
    own = next(iter(named))
    for s in sections(doc):
        if "目标" not in s.title:
            continue
        for m in _SENTENCE.finditer(text, s.body_start, s.end):
            others = _named(m.group()) - {own}
            if not others or own in _named(m.group()):
                continue
            other = sorted(others)[0]
            quote = doc.norm[m.start() : m.end()].strip()
            yield OTHER_STAGE.hit(
                [(m.start(), m.end())],
                {
                    "own": own,
                    "own_en": _STAGES[own][1],
                    "other": other,
                    "other_en": _STAGES[other][1],
                    "quote": quote if len(quote) <= 40 else quote[:39] + "…",
                },
            )
            return
