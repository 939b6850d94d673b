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
    "issued the year before (提前下达Y年…资金) and base years (以Y年为基期) stay silent.",
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


@check(STALE_REFERENCE)
def stale_references(doc: Document) -> Iterator[Hit]:
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
