"""Report quality, slips that survive into the published text: Word field codes left in place
(PAGE10PAGE, MERGEFORMAT), a year written with 月 for 年 (2020月12月), and the form's fixed
heading 时效指标 written 实效指标. (A place or unit name written twice is Q111's.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.checks.quality_common import spans_hit
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

FIELD_CODES = rule(
    code="Q145",
    fix_zh="在Word中更新或取消域代码（显示域结果），删去残留的PAGE、MERGEFORMAT等字样后重新发布。",
    name="field-code-residue",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="正文残留Word域代码",
    title_en="Word field codes left in the text",
    message_zh="“{quote}”是Word域代码（页码、目录或格式开关），转换时未换成结果（共{n}处），请删去后重新发布",
    message_en="'{quote}' is a Word field code (page number, table of contents or format switch) "
    "left unconverted ({n} place(s)); remove it and republish",
    what="Finds Word field codes that a conversion left in the text instead of their result: "
    "page fields (PAGE10PAGE, PAGE PAGE 8, NUMPAGES), format switches (\\* MERGEFORMAT), "
    "table-of-contents fields (TOC \\o, PAGEREF _Toc…, HYPERLINK \\l) and bookmark names "
    "(_Toc123456). The English word page and a URL stay silent.",
    why="Field codes in a published report show it was converted without checking; they "
    "interrupt the text and may stand where a heading or page number belonged.",
    example="PAGE10PAGE2019年度部门整体支出绩效自评报告",
    counterexample="详见单位网站HOME PAGE栏目，2019年度部门整体支出绩效自评报告",
    fix="Update or unlink the fields in Word (show field results), delete the leftover codes "
    "and republish.",
)

YEAR_AS_MONTH = rule(
    code="Q146",
    fix_zh="将误写为“月”的“年”改正（如“2020月12月”改为“2020年12月”）。",
    name="year-written-as-month",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="日期中的“年”误写为“月”",
    title_en="A date's 年 (year) written 月 (month)",
    message_zh="“{quote}”中年份后写成了“月”，应为“{fixed}”（共{n}处）",
    message_en="'{quote}' has 月 (month) after the year; it should read '{fixed}' ({n} place(s))",
    what="Finds a date whose year is followed by 月 instead of 年 and then a month "
    "(2020月12月 for 2020年12月): a four-digit year from 1950 to 2099 directly before 月 and a "
    "month from 1 to 12 closed by 月. A year followed by 年 and a figure counted in months "
    "(历时18个月) stay silent.",
    why="A slip in a date of the project period makes the period ambiguous to the reader.",
    example="项目实施期限为2019年7月—2020月12月。",
    counterexample="项目实施期限为2019年7月—2020年12月，历时18个月。",
    fix="Write 年 after the year (2020年12月).",
)

TIMELINESS_HEADING = rule(
    code="Q148",
    fix_zh="将“实效指标”改为产出指标下固定的“时效指标”。",
    name="timeliness-heading-misspelt",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="“时效指标”误写为“实效指标”",
    title_en="The heading 时效指标 (timeliness) written 实效指标",
    message_zh="“{quote}”：绩效指标体系中产出指标下的固定类别是“时效指标”（完成时间），“实效指标”不是指标类别",
    message_en="'{quote}': the output indicators' fixed category is 时效指标 (timeliness); "
    "实效指标 is no indicator category",
    what="Finds 实效指标 written as a heading or form cell (at the start of a line, after an "
    "enumerator such as (3) or 3、, or between cell separators), where the indicator system's "
    "output category 时效指标 (timeliness) belongs. 实效 in running prose (注重实效, 提高实效指标"
    "完成质量) stays silent.",
    why="The indicator categories are fixed by the form (数量, 质量, 时效, 成本); a misspelt "
    "category reads as a category the form does not have.",
    example="（2）质量指标\n合格率100%。\n（3）实效指标\n当年资金兑付率100%。",
    counterexample="（3）时效指标\n当年资金兑付率100%。\n各项工作注重实效，指标完成良好。",
    fix="Write 时效指标.",
)

# Word fields as a conversion leaves them. PAGE with a number or a second PAGE, never the word
# alone; the others are switch or bookmark names no prose uses.
_FIELD = lazy(
    r"(?<![A-Za-z])(?:PAGE\s*\d{0,4}\s*PAGE(?:\s+\d{1,4})?|NUMPAGES|\\\*\s*MERGEFORMAT|MERGEFORMAT"
    r"|TOC\s*\\[ohzut]|PAGEREF\s*_?Toc\d*|HYPERLINK\s*\\l|_Toc\d{6,})(?![A-Za-z])"
)
_YEAR_MONTH = lazy(r"(?<!\d)(?P<y>19[5-9]\d|20\d\d)月(?P<m>1[0-2]|0?[1-9])月")
_TIMELINESS = lazy(
    r"(?:^|[|｜\t])[ \t]*(?:[(（]?[0-9一二三四五六七八九十]{1,2}[)）、.．]?)?[ \t]*实效指标", re.M
)


@check(FIELD_CODES)
def field_codes(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    spans = [(m.start(), m.end()) for m in _FIELD.finditer(norm)]
    if spans:
        yield spans_hit(FIELD_CODES, norm, spans)


@check(YEAR_AS_MONTH)
def year_as_month(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    found = list(_YEAR_MONTH.finditer(norm))
    if found:
        first = found[0]
        fixed = f"{first.group('y')}年{first.group('m')}月"
        yield spans_hit(YEAR_AS_MONTH, norm, [(m.start(), m.end()) for m in found], fixed=fixed)


@check(TIMELINESS_HEADING)
def timeliness_heading(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    spans = []
    for m in _TIMELINESS.finditer(norm):
        lo = m.start()
        while lo < m.end() and norm[lo] in "\n|｜\t ":
            lo += 1
        spans.append((lo, m.end()))
    if spans:
        yield spans_hit(TIMELINESS_HEADING, norm, spans)
