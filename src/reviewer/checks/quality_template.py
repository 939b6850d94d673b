"""Report quality, template residue (Q012): a template's own words, placeholders, fill-in
instructions and prompts, blank cover fields, masked text, and a project form reused for a whole
unit, one finding per cause."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.form_prompts import (
    BRACKET_SLOT,
    INSTRUCTION,
    form_prompts,
    prompt_fields,
)
from reviewer.checks.quality_common import grouped
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.report import (
    is_chrome,
    report_title,
    title_region,
)
from reviewer.claims.sections import sections
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

TEMPLATE_RESIDUE = rule(
    code="Q012",
    fix_zh="删除模板标题、填写说明和占位符，在提示语的位置写上实际内容；转载版本请以原件核对被遮去的文字。",
    name="template-residue",
    kind="template_residue",
    severity=Severity.WARNING,
    family="quality",
    title_zh="残留模板文字或占位符",
    title_en="Template text or placeholder left in",
    message_zh="“{quote}”{what_zh}，应替换为本单位的实际内容{times_zh}",
    message_en="'{quote}' {what_en}; replace it with the unit's own content{times_en}",
    what="Finds a template's own words left in the report: 范本/模板/样本 in a title line, "
    "placeholders such as ××, XX, 20XX年, 某某局, a year left as 20_ or 20__, [单位名称], "
    "fill-in instructions in brackets (（根据…填写）, （请…）) and a form's prompts "
    "(（100字以内）, （…，限300字）, （可附表）, （可用表格形式反映）, an order that opens as a "
    "form speaks to the one filling it in (请, 需, 如有, 简要, 结合, 针对, 由…填写; traditional "
    "characters too) and holds a writing verb, 【填写…】, a cell reading 请填写…, a word "
    "processor's 单击此处输入文字, 请根据实际情况填写, 不需要的可删除), cover and "
    "form-head fields left blank (预算编码: followed by the next filled field, "
    "报告日期:年月日, a field holding only the form's year stub: 评价人员: 201, 单位 | ||||), "
    "and "
    "a form's value left as asterisks (≥**人; a repost's masks over the text are Q178's), "
    "and a project report's form reused for a "
    "whole unit (项目名称:部门整体支出绩效评价报告; 本项目 for spending that includes "
    "基本支出); a content site's page title repeated in its blurb (下面是小编为大家整理的…) is "
    "not the report's. A monitoring report (监控) whose lines open with the self-evaluation "
    "template's headings (绩效自评工作开展情况) is one finding. One cause (one placeholder, one "
    "prompt, one mask) is one finding with its count and every span.",
    why="Template residue shows the report was not finished or not read before submission; a "
    "prompt left where the content belongs means that part was never written; masked text "
    "cannot be checked.",
    example="县级部门整体绩效自评报告范本; 对照年度目标，说明项目完成情况（100字以内）",
    counterexample="一、概况\n本报告依据省财政厅印发的自评报告模板编写。\n**二、基本情况**\n"
    "详见附表1，简报控制在100字以内。\n",
    fix="Delete the template's title, instructions and placeholders; write the content where "
    "a prompt stands; check masked text against the original.",
    variants={
        "mask": (
            "“{quote}”中比较符后的“{token}”是表格未填写的占位符，指标值没有写出{times_zh}",
            "'{quote}' has the placeholder '{token}' after its comparator: the form's value was "
            "never filled in{times_en}",
        ),
        "blank": (
            "封面或表头的“{label}”栏没有填写（“{quote}”），报告未写明{label}{times_zh}",
            "The cover or form-head field '{label}' is blank ('{quote}'): the report does not "
            "state it{times_en}",
        ),
        "prompt": (
            "“{quote}”是表格或模板的填写提示，{where_zh}{times_zh}",
            "'{quote}' is a form's or template's fill-in prompt; {where_en}{times_en}",
        ),
    },
)

_TEMPLATE_WORD = lazy(r"范本|模板|样本|样表|示例|模版")
# A project report's form used for a department: 项目名称:部门整体支出绩效评价报告, and 本项目 for
# spending that includes 基本支出 (a unit's running costs, which no project has).
_REPORT_AS_PROJECT = lazy(
    r"项目名称\s*[:：]\s*[^\n|：:]{0,20}?绩效[^\n|：:]{0,6}报告(?=[ \t]*(?:\n|\||$))"
)
_PROJECT_WITH_BASIC = lazy(r"本项目[^。；;\n]{0,12}基本支出[^。；;\n]{0,20}")
# A self-evaluation template's heading: 绩效自评工作开展情况, 绩效目标自评完成情况分析.
_SELF_EVAL_HEADING = lazy(
    r"绩效[\u4e00-\u9fff]{0,6}自评[\u4e00-\u9fff]{0,8}?(?:情况|分析|结果)(?:分析)?"
)


def _self_evaluation_headings(doc: Document) -> Iterator[tuple[int, int]]:
    """In a monitoring report (监控 in its title, not 自评), lines that open with a
    self-evaluation template's heading: the wrong template was filled in."""
    title = report_title(doc)
    if title is None or "监控" not in title[2] or "自评" in title[2]:
        return
    for ln in doc.lines:
        lead = rx.match(r"[\s<>＜＞〈〉()（）一二三四五六七八九十、.\d]*", ln.text)
        at = lead.end() if lead else 0
        m = _SELF_EVAL_HEADING.match(ln.text, at)
        if m is not None and m.end() - at <= 20:
            yield ln.start + m.start(), ln.start + m.end()


# A content site's blurb around a repost: 下面是小编为大家整理的…，供大家参考。
_SITE_BLURB = lazy(r"小编|为大家(?:整理|收集|精心)|供大家参考")
# A year left blank reads 20xx, or 20 followed by underscores (20_, 20__年): never after a digit,
# letter or underscore (file_2024_v2, 2020_01), nor before a digit (20_1 is no blank).
_PLACEHOLDER = lazy(
    r"(?<![A-Za-z])(?:20[Xx]{2}|[Xx]{2,}|×{2,}|○{2,}|〇{2,}|□{2,}|_{4,})(?![A-Za-z])"
    r"|(?<![\dA-Za-z_])(?:19|20)_{1,3}(?![\dA-Za-z_])"
    # 某某 before a unit, place or project word: 某某局, 某某县, 某某项目 (not 某某某, a person's
    # name withheld in a quoted case, nor 某 alone: 某些, 某一)
    r"|(?<!某)某某(?=[县市区镇乡村局委办厅院校所站中项单部])"
)
# Asterisks in place of text: a run of three or more, or a pair that is not markdown bold.
_STARS = lazy(r"\*{2,}")
# Markdown bold: ** after a line start, space or punctuation, closed on the same line.
_BOLD = lazy(
    r"(?:^|(?<=[\s\-#>，。；：、,.;:(（]))\*\*(?=[^\s*])[^*\n]{1,40}?(?<=[^\s*])\*\*"
    r"(?=$|[\s，。；：、,.;:)）])"
)
# A masked figure: 预算数*元, 78.*元, 执行数*，
_MASKED_FIGURE = lazy(r"(?<=[\d.数为])\*+(?=\s*(?:万元|亿元|元|%|[，,。；;]))")


def _bold_pair(norm: str, a: int, b: int) -> bool:
    """Whether the ** at [a, b) is one side of a markdown bold pair on its line."""
    if b - a != 2:
        return False
    line_start = norm.rfind("\n", 0, a) + 1
    line_end = norm.find("\n", b)
    line = norm[line_start : line_end if line_end != -1 else len(norm)]
    for m in _BOLD.finditer(line):
        lo = line_start + m.start()
        hi = line_start + m.end()
        if a == lo or b == hi:
            return True
    return False


def masks(norm: str) -> list[tuple[int, int]]:
    """Asterisks in place of text: runs of them that are not markdown bold, and masked figures."""
    out = [(m.start(), m.end()) for m in _STARS.finditer(norm)]
    out = [(a, b) for a, b in out if not _bold_pair(norm, a, b)]
    out += [(m.start(), m.end()) for m in _MASKED_FIGURE.finditer(norm)]
    return sorted(out)


def form_placeholder(norm: str, a: int) -> bool:
    """Whether the mask at `a` stands where a form expects the author's value (≥**人, after a
    comparator): the template's placeholder left unfilled, not a repost's mask over the text."""
    return rx.search(r"[≥≤<>＜＞=]\s*$", norm[max(0, a - 3) : a]) is not None


def _context(norm: str, a: int, b: int) -> str:
    lo, hi = max(0, a - 6), min(len(norm), b + 6)
    left = norm[lo:a].split("\n")[-1]
    right = norm[b:hi].split("\n")[0]
    return (left + norm[a:b] + right).strip()


def _residue_hits(doc: Document) -> Iterator[tuple[str, Hit]]:
    norm = doc.norm
    lo, hi = title_region(doc)
    title_lines = [ln for ln in doc.lines if lo <= ln.start < hi and ln.stripped]
    heading_spans = [(s.start, s.title_end) for s in sections(doc)]
    span_starts = [a for a, _ in heading_spans]
    reach = list(itertools.accumulate((b for _, b in heading_spans), max))  # furthest end so far
    # every line is a piece of the text: no template word in it, none in a title line
    walked = doc.lines if _TEMPLATE_WORD.search(norm) else []
    blurbs = [ln.text for ln in walked if _SITE_BLURB.search(ln.text)]
    for ln in walked:
        t = ln.stripped
        if not t or (blurbs and any(t in b for b in blurbs)):
            continue  # the page title a content site's blurb repeats, not the report's
        k = bisect.bisect_right(span_starts, ln.start) - 1  # spans with a <= ln.start: [0, k]
        is_title = ln in title_lines or (k >= 0 and reach[k] > ln.start)
        if not is_title:
            continue  # (the words are looked for in titles only)
        m = _TEMPLATE_WORD.search(ln.text)
        if m and "。" not in t and len(t) <= 60:
            off = ln.start + ln.text.index(t)
            yield (
                f"word:{m.group()}",
                TEMPLATE_RESIDUE.hit(
                    [(off, off + len(t))],
                    {
                        "quote": t,
                        "what_zh": f"含“{m.group()}”字样，是模板的标题或说明",
                        "what_en": f"contains '{m.group()}': the template's own title or note",
                    },
                ),
            )
    for m in _PLACEHOLDER.finditer(norm):
        token = m.group()
        yield (
            f"placeholder:{token[0].upper()}",
            TEMPLATE_RESIDUE.hit(
                [(m.start(), m.end())],
                {
                    "quote": _context(norm, m.start(), m.end()),
                    "what_zh": f"中的“{token}”是未填写的占位符",
                    "what_en": f"holds the placeholder '{token}'",
                },
            ),
        )
    for a, b in masks(norm):
        if not form_placeholder(norm, a):
            continue  # a repost's mask over the text: garbled text (Q178), not the template's
        yield (
            "mask",
            TEMPLATE_RESIDUE.hit(
                [(a, b)],
                {"quote": _context(norm, a, b), "token": norm[a:b]},
                variant="mask",
                severity=Severity.INFO,
            ),
        )
    for pat, zh, en in (
        (BRACKET_SLOT, "是未填写的占位栏", "is an unfilled slot"),
        (INSTRUCTION, "是模板的填写说明", "is a fill-in instruction of the template"),
    ):
        for m in pat.finditer(norm):
            yield (
                f"text:{m.group()}",
                TEMPLATE_RESIDUE.hit(
                    [(m.start(), m.end())], {"quote": m.group(), "what_zh": zh, "what_en": en}
                ),
            )
    for label, a, b in _blank_fields(doc):
        yield (
            f"blank:{label}",
            TEMPLATE_RESIDUE.hit(
                [(a, b)],
                {"label": label, "quote": norm[a:b].strip()},
                variant="blank",
                severity=Severity.INFO,
            ),
        )
    for pat, zh, en in (
        (
            _REPORT_AS_PROJECT,
            "：项目名称栏填的是报告标题，部门整体报告套用了项目报告的封面",
            ": the project-name field holds the report's title, a project cover reused for a "
            "department-wide report",
        ),
        (
            _PROJECT_WITH_BASIC,
            "：称“本项目”却包括基本支出，是项目模板的措辞套用在部门整体支出上",
            ": it calls the unit's spending 本项目 (this project) yet includes basic spending, "
            "project-template wording reused for the whole unit",
        ),
    ):
        for m in pat.finditer(norm):
            yield (
                f"project_form:{pat.pattern[:8]}",
                TEMPLATE_RESIDUE.hit(
                    [(m.start(), m.end())],
                    {"quote": m.group(), "what_zh": zh, "what_en": en.lstrip(": ")},
                    severity=Severity.INFO,
                ),
            )
    for a, b in _self_evaluation_headings(doc):
        yield (
            "interim_heading",
            TEMPLATE_RESIDUE.hit(
                [(a, b)],
                {
                    "quote": norm[a:b],
                    "what_zh": "是绩效自评报告模板的标题，但本报告是年中的绩效监控报告",
                    "what_en": "is a heading of the self-evaluation template, but the report is "
                    "an in-year monitoring report",
                },
                severity=Severity.INFO,
            ),
        )
    filled = {p.prompt for p in prompt_fields(doc)}
    for qa, qb, empty in form_prompts(doc):
        if (qa, qb) in filled:
            continue  # Q010 reports the field as empty: one cause, one finding
        yield (
            f"prompt:{norm[qa:qb]}",
            TEMPLATE_RESIDUE.hit(
                [(qa, qb)],
                {
                    "quote": norm[qa:qb],
                    "where_zh": "留在了应写实际内容的位置，该部分实际未填写"
                    if empty
                    else "填报后应删除",
                    "where_en": "left where the content belongs: that part was never written"
                    if empty
                    else "it should have been deleted once the form was filled in",
                },
                variant="prompt",
                severity=Severity.WARNING if empty else Severity.INFO,
            ),
        )


# A cover line "label:" and one "label:value" (部门(单位)名称:某镇政府 / 预算编码: / 评价方式:…).
_COVER_LABEL = lazy(
    r"^\s*(?P<label>[\u4e00-\u9fff()（）]{0,10}(?:名称|编码|代码|编号|日期|时间|单位|部门|机构|方式|"
    r"类型|负责人|联系人|电话|地址))\s*[:：]\s*$"
)
_COVER_FILLED = lazy(r"^\s*[\u4e00-\u9fff()（）]{2,12}\s*[:：]\s*\S")
# A labelled date with no figures in it: 报告日期:年月日, 填报日期：   年  月  日, or only the
# form's year stub (20 年, 201 年).
_BLANK_DATE = lazy(
    r"(?P<label>(?:报告|填报|填表|编制|评价|自评|落款)(?:日期|时间))\s*[:：]?\s*(?:20\d?\s*)?"
    r"年\s*月\s*日"
)
# A form head's field naming the unit or project, with only empty cells after it on its row.
_HEAD_FIELD = lazy(
    r"^\s*(?P<label>(?:[\u4e00-\u9fff()（）]{0,6}(?:单位|名称)|主管部门|实施单位))\s*"
    r"(?:\|\s*){3,}$"
)


# A cover field holding only the form's year stub (评价人员: 201, 填报日期：20): three digits of a
# year, or 19/20 alone, then the next field, a heading or the line's end (a person or a date has
# more than that; a count has its unit).
_YEAR_STUB = lazy(
    r"(?P<label>[\u4e00-\u9fff]{0,4}(?:人员|负责人|联系人|填报人|日期|时间))[ \t]*[:：][ \t]*"
    r"(?P<stub>(?:19|20)\d?)(?![\d.年月日%])"
    r"(?=[ \t]+(?:[一二三四五六七八九十]{1,3}、|[\u4e00-\u9fff()（）]{2,10}[:：])|[ \t]*$)",
    re.MULTILINE,
)


def _blank_fields(doc: Document) -> Iterator[tuple[str, int, int]]:
    """Cover and form-head fields left blank: (label, start, end of the blank field). A cover
    line "label:" counts when the next line is another filled "label:value" (so its value is
    not on the next line); a labelled date counts when it has no figures at all; a form head's
    unit or project field when every other cell of its row is empty."""
    norm = doc.norm
    # a cover label holds a colon, a form head's field its cells' bars: none in the text, no
    # line to walk
    walk = ":" in norm or "：" in norm or "|" in norm
    filled = [ln for ln in doc.lines if ln.stripped] if walk else []
    for i, ln in enumerate(filled[:-1]):
        if ln.stripped[-1] not in ":：|":
            continue  # neither field's line ends otherwise
        m = _COVER_LABEL.match(ln.text)
        if m and _COVER_FILLED.match(filled[i + 1].text):
            yield m.group("label"), ln.start + m.start("label"), ln.start + m.end()
            continue
        m = _HEAD_FIELD.match(ln.text)
        if m:
            yield m.group("label"), ln.start + m.start("label"), ln.end
    for m in _BLANK_DATE.finditer(norm):
        yield m.group("label"), m.start(), m.end()
    for m in _YEAR_STUB.finditer(norm):
        if len(m.group("stub")) == 2 and not m.group("label").endswith(("日期", "时间")):
            continue  # 参与人员: 20 may be a head count; 201 is no count of people
        yield m.group("label"), m.start(), m.end()


@check(TEMPLATE_RESIDUE)
def template_residue(doc: Document) -> Iterator[Hit]:
    keyed = [
        (k, h)
        for k, h in _residue_hits(doc)
        if not is_chrome(doc.line_at(h.spans[0][0]).text)  # the web page's 索引号, not the report
    ]
    causes = {id(h): k for k, h in keyed}
    yield from grouped((h for _, h in keyed), lambda h: causes[id(h)])
