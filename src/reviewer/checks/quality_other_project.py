"""Report quality, another project's funds described (Q205): a project report whose sentence
defining the funds (<name>经费是保障…的项目经费) names a project that shares nothing with the
project in the report's title — a paragraph taken from another project's report, or the wrong
project evaluated."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

OTHER_PROJECT = rule(
    code="Q205",
    fix_zh="核对被评价项目的资金用途，改写为本项目的内容；如确为另一项目，请更正报告标题或评价对象。",
    name="other-project-funds",
    kind="copy_paste",
    severity=Severity.WARNING,
    family="quality",
    title_zh="报告把另一个项目的经费当作本项目介绍",
    title_en="The funds described are another project's",
    message_zh="报告评价的是“{project}”，但“{quote}”介绍的是“{other}”，两者名称毫无重合，"
    "疑为照搬其他项目报告的段落，或评价对象有误",
    message_en="The report evaluates '{project}', but '{quote}' describes '{other}', a name "
    "sharing nothing with it: a paragraph from another project's report, or the wrong project",
    what="In a project report (a title line in the opening, up to 80 characters, naming 报告 "
    "and a project: …项目, …经费, …资金; not 部门整体), finds a sentence defining the funds — "
    "<name>经费/资金/项目 是/系 保障/用于 … 的…经费/资金 — whose name, less generic words (工作, "
    "经费, 资金, 项目, 专项, 补助, 业务), shares no two characters in a row with the title's "
    "project. The project's own funds (人口普查经费是…) and a unit's report stay silent.",
    why="A report describing another project's funds evaluates the wrong spending, or was "
    "copied from another report without being adapted.",
    example="五峰县统计局2020年经济普查经费项目绩效自评报告\n一、基本情况\n"
    "农业统计调查经费是保障我局常规统计调查工作的项目经费，主要用于劳务费。\n",
    counterexample="五峰县统计局2020年经济普查经费项目绩效自评报告\n一、基本情况\n"
    "经济普查经费是保障我局开展第四次全国经济普查的专项经费，主要用于劳务费。\n",
    fix="Describe the evaluated project's own funds, or correct the title.",
)

_TITLE_PROJECT = lazy(r"项目|经费|资金")
_UNIT_REPORT = lazy(r"整体|部门绩效|单位绩效|部门预算|部门决算")
# The title less its label, unit, year and report words: the project's own name.
_TITLE_LABEL = lazy(r"^.*?[:：]")
_TITLE_UNIT = lazy(
    r"^[^\d]{0,20}?(?:局|委员会|委|厅|中心|院|学校|校|办公室|人民政府|政府|站|所|队|馆|会)(?=.{4,})"
)
_TITLE_WORDS = lazy(
    r"(?:19|20)\d{2}\s*年?度?|(?:项目)?(?:支出)?(?:绩效)?(?:自评|评价|自我评价)?报告"
)
_DEFINED = lazy(
    r"(?:^|(?<=[\n。；;]))\s*(?:\d{1,2}[.、．]?\s*)?(?P<name>[\u4e00-\u9fff]{2,16}?)"
    r"(?:经费|资金|项目)\s*(?:是|系)\s*(?:保障|用于)[^。；;\n]{2,40}?的[^。；;\n]{0,6}?(?:经费|资金)"
)
_GENERIC = lazy(r"工作|经费|资金|项目|专项|补助|业务|日常|年度|本级")


def _pairs(text: str) -> set[str]:
    text = _GENERIC.sub(" ", text)
    return {text[i : i + 2] for i in range(len(text) - 1) if " " not in text[i : i + 2]}


def _title_projects(text: str) -> list[str]:
    """The project names of the title lines in the opening (800 characters)."""
    out = []
    for line in text[:800].split("\n"):
        t = line.strip(" •\t")
        if len(t) > 80 or "报告" not in t or not _TITLE_PROJECT.search(t) or _UNIT_REPORT.search(t):
            continue
        name = _TITLE_LABEL.sub("", t).strip()
        name = _TITLE_WORDS.sub("", _TITLE_UNIT.sub("", name)).strip()
        if len(name) >= 2:
            out.append(name)
    return out


@check(OTHER_PROJECT)
def other_project(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    projects = _title_projects(text)
    if not projects:
        return
    own = set().union(*(_pairs(p) for p in projects))
    for m in _DEFINED.finditer(text):
        name = m.group("name")
        mine = _pairs(name)
        if not mine or mine & own:
            continue
        if rx.search(r"本项目|该项目|其中|另", text[max(0, m.start() - 6) : m.start("name") + 2]):
            continue  # a part of the project's funds (其中…经费是…), not another project
        lo = m.start("name")
        yield OTHER_PROJECT.hit(
            [(lo, m.end())],
            {"project": projects[0], "quote": doc.norm[lo : m.end()], "other": name},
        )
        return
