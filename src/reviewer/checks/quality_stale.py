"""Report quality, stale references: a report that cites the evaluation notice of an earlier
year as its basis, or a definition that still names a template's year as what is evaluated —
text carried over from an earlier report."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.quality_common import sentences
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.report import stated_year
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

STALE_REFERENCE = rule(
    code="Q026",
    fix_zh="引用本年度的评价通知或文件，并把指标说明中的年份改为评价年度。",
    name="stale-reference",
    kind="stale_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="引用的年份与评价年度不符",
    title_en="A cited year that does not fit the evaluated year",
    message_zh="本报告评价{year}年度，但“{quote}”{what_zh}，疑为沿用往年报告的文字",
    message_en="The report evaluates {year}, but '{quote}' {what_en}; likely text carried over "
    "from an earlier report",
    what="Reads the evaluated year from the title and finds (a) an evaluation notice cited as "
    "the basis (依据/根据/按照 …《…关于开展Y年度…评价工作的通知》) whose year Y is earlier, "
    "and (b) an indicator definition that takes an earlier year's items as what is evaluated "
    "(以Y年完工的…为评价内容). Rectification of last year's evaluation (整改), budget notices "
    "issued the year before (提前下达Y年…资金) and base years (以Y年为基期) stay silent. In a "
    "self-evaluation form whose year the report or the form's own head states (自评表(2022年度)), "
    "also (c) an indicator's deadline in an earlier year (时效指标 2021年11月30日前完成资金支付) "
    "and (d) an annual goal that states an earlier year's plan (项目年度目标 | 2022年…计划…).",
    why="The evaluation notice of the year evaluated sets the scope and scoring; citing last "
    "year's notice, or a template's year, shows the report was not updated.",
    example=(
        "某县2021年农村饮水工程维修养护项目绩效自评报告\n"
        "本项目自评依据文件为《关于开展2020年度水利发展资金绩效评价工作的通知》。\n"
    ),
    counterexample=(
        "某县2021年农村饮水工程维修养护项目绩效自评报告\n"
        "本项目自评依据文件为《关于开展2021年度水利发展资金绩效评价工作的通知》；"
        "2020年度绩效评价发现的问题已整改。\n"
    ),
    fix="Cite the notice for the year evaluated, and update the year in indicator definitions.",
)

_BASIS = lazy(r"依据|根据|按照|遵照|参照")
_NOTICE = lazy(
    r"《[^》\n]{0,60}?(?P<y>20\d{2})\s*年度?[^》\n]{0,40}?(?:绩效)?(?:评价|自评)工作[^》\n]{0,10}?"
    r"(?:通知|方案|意见)》"
)
_TEMPLATE_SCOPE = lazy(
    r"以\s*(?P<y>20\d{2})\s*年(?:度)?[^。；;\n，,]{0,20}?为(?:评价|考核|计算|统计)(?:内容|对象|范围)"
)


# The year a self-evaluation form's head states: 绩效自评表(2022年度), 自评表（2023年度）.
_FORM_YEAR = lazy(r"自评表\s*[（(]\s*(?P<y>20\d{2})\s*年度?\s*[)）]")
# An indicator's deadline: 指标1 2021年11月30日前完成…, 目标 2021年底前.
_DEADLINE = lazy(
    r"(?:指标|目标)[\s\d:：|]{0,4}(?P<d>(?P<y>20\d{2})\s*年(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?|底)"
    r"\s*(?:前|之前|以前))"
)
# An earlier year's plan written as a form's annual goal: the line below 年度目标.
_PLAN = lazy(r"^\s*(?P<d>(?P<y>20\d{2})\s*年[^。；;\n|]{0,16}?计划)")
_GOAL_HEAD = lazy(r"年度目标|年度绩效目标|总体目标")


def _form_year(doc: Document) -> int | None:
    """The year the report states, else the one year its forms' heads state."""
    year = stated_year(doc)
    if year is not None:
        return year
    years = {int(m.group("y")) for m in _FORM_YEAR.finditer(doc.norm)}
    return years.pop() if len(years) == 1 else None


def _stale_form_text(doc: Document, year: int) -> Iterator[Hit]:
    """An indicator deadline in an earlier year, and an earlier year's plan as the annual goal."""
    norm = doc.norm
    for m in _DEADLINE.finditer(norm):
        y = int(m.group("y"))
        if y >= year:
            continue
        yield STALE_REFERENCE.hit(
            [(m.start("d"), m.end("d"))],
            {
                "year": year,
                "quote": m.group("d"),
                "what_zh": f"作为指标的完成时限，仍是{y}年的日期",
                "what_en": f"sets an indicator's deadline in {y}",
            },
        )
    lines = doc.lines
    for ln in lines[1:] if "计划" in norm else ():  # every plan line ends in it
        p = _PLAN.match(ln.text)
        if p is None or int(p.group("y")) >= year:
            continue
        if not _GOAL_HEAD.search(lines[ln.index - 1].text):
            continue
        y = int(p.group("y"))
        yield STALE_REFERENCE.hit(
            [(ln.start + p.start("d"), ln.start + p.end("d"))],
            {
                "year": year,
                "quote": p.group("d"),
                "what_zh": f"作为年度目标，写的是{y}年的计划",
                "what_en": f"gives the {y} plan as the annual goal",
            },
        )


@check(STALE_REFERENCE)
def stale_references(doc: Document) -> Iterator[Hit]:
    form_year = _form_year(doc)
    if form_year is not None:
        yield from _stale_form_text(doc, form_year)
    year = stated_year(doc)
    if year is None:
        return
    norm = doc.norm
    for m in _NOTICE.finditer(norm):
        y = int(m.group("y"))
        if y >= year or "整改" in m.group():
            continue
        sent = next((s for s in sentences(doc) if s.start <= m.start() < s.end), None)
        lead = norm[sent.start : m.start()] if sent is not None else ""
        if not _BASIS.search(lead):
            continue
        yield STALE_REFERENCE.hit(
            [(m.start(), m.end())],
            {
                "year": year,
                "quote": m.group(),
                "what_zh": f"作为依据引用的是{y}年度评价工作的通知",
                "what_en": f"cites the notice for the {y} evaluation as its basis",
            },
        )
    for m in _TEMPLATE_SCOPE.finditer(norm):
        y = int(m.group("y"))
        if y >= year:
            continue
        yield STALE_REFERENCE.hit(
            [(m.start(), m.end())],
            {
                "year": year,
                "quote": m.group(),
                "what_zh": f"仍以{y}年的事项为评价内容",
                "what_en": f"still takes {y} items as what is evaluated",
            },
        )
