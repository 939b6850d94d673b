"""Report quality, structure and text: empty and duplicated sections, template residue, a report
dated before its year closed, mid-year sentences left in, problems stated without substance."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.quality_common import (
    grouped,
    is_interim,
    report_date,
    report_dates,
)
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.report import (
    evaluated_year,
    is_chrome,
    report_title,
    stated_year,
    title_region,
)
from reviewer.claims.sections import Section, section_path, sections
from reviewer.document import Document
from reviewer.document.forms import fold
from reviewer.models import Severity
from reviewer.regex import lazy

EMPTY_SECTION = rule(
    code="Q010",
    fix_zh="补写该部分内容；确实不适用的，删去标题或说明原因。",
    name="empty-section",
    kind="empty_section",
    severity=Severity.INFO,
    family="quality",
    title_zh="章节内容为空",
    title_en="Empty section",
    message_zh="“{title}”{what_zh}。该部分应写明具体内容；确实没有时，说明理由（如“本年度未发现…，原因是…”）",
    message_en="'{title}' {what_en}. The section should say something specific; if there is "
    "truly nothing, say why",
    what="Finds a heading followed by nothing before the next heading, or by 无/暂无 alone, "
    "in a section that should carry analysis (问题, 原因, 建议, 措施, 说明, 结论…); a form's "
    "narrative field left blank; and a field or heading whose only content is the form's "
    "fill-in prompt (评价结论 | 结合自评情况，说明…（200字以内）, 摘要（2000字以内） followed by "
    "the next heading), reported here once rather than also as template residue (Q012), all "
    "such fields of the report in one finding (one cause: the form was not filled in). A "
    "table of contents is not read as a row of empty sections.",
    why="An empty 建议 or 原因分析 section is a template slot left unfilled; reviewers read it "
    "as a report written to the form rather than to the facts.",
    example="八、有关建议\n无",
    counterexample="（二）项目情况\n2.100万以上项目：无\n七、存在问题\n现将问题报告如下：\n"
    "（一）预算执行偏慢。\n",
    fix="Write the section, or drop the heading and say in the text why it does not apply.",
)

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
    "placeholders such as ××, XX, 20XX年, a year left as 20_ or 20__, [单位名称], fill-in "
    "instructions in brackets (（根据…填写）, （请…）) and a form's prompts (（100字以内）, "
    "（可附表）, （可用表格形式反映）, a cell reading 请填写…), cover and form-head fields left "
    "blank (预算编码: followed by the next filled field, 报告日期:年月日, 单位 | ||||), and "
    "text masked with asterisks (**县, 预算数*元), and a project report's form reused for a "
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
            "“{quote}”中的“{token}”遮去了原文（多见于转载时隐去的地名、单位名或金额），"
            "被遮去的内容无法核对{times_zh}",
            "'{quote}' has '{token}' in place of the original text (a repost usually masks "
            "place or unit names or amounts this way); the masked content cannot be "
            "checked{times_en}",
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

DATE_BEFORE_YEAR_END = rule(
    code="Q013",
    fix_zh="更正落款日期；若数据为预计数，应注明并在决算后更新。",
    name="date-before-year-end",
    kind="date_before_year_end",
    severity=Severity.WARNING,
    family="quality",
    title_zh="报告日期早于评价年度结束",
    title_en="Report dated before the evaluated year ended",
    message_zh="报告评价的是{year}年全年，却落款{date}，早于{year}年度结束（{year}年12月31日）"
    "：此时全年决算尚未形成，报告中的全年数据无法是决算数",
    message_en="The report evaluates the whole of {year} but is dated {date}, before the year "
    "closed on {year}-12-31: year-end (决算) figures cannot have existed then",
    what="Reads the evaluated year from the report's title and the report's date from a "
    "stand-alone date line (or a signature run together with a flattened page's text: unit, "
    "date, then the next form's title); flags a date on or before 31 December of the "
    "evaluated year. "
    "Also flags execution or results measured at a cut-off inside the evaluated year "
    "(截至11月底, 截止到2023年10月, 1-10月支出…) in a whole-year report; a year-end cut-off "
    "(12月底, 12月31日, 年底) or another year's period stays silent. One finding per cut-off "
    "date. Mid-year and monitoring reports (半年, 监控) are skipped. When neither title nor "
    "opening states the year (a page cut above its title), a cut-off that writes the year the "
    "text names most is an info, unless its sentence names an earlier year or the text holds "
    "a later date of that year. The page's record of when the document was made (生成日期, "
    "成文日期; not 发布日期) inside the evaluated year is an info; without a stated year, only "
    "when the text names no other year outside cited documents.",
    why="A whole-year self-evaluation needs the year's final accounts; a date inside the year "
    "means either the figures are estimates or the date is wrong.",
    example="2024年部门整体支出绩效评价报告 … 2024年12月26日; 截至2024年11月底，项目支出85万元",
    counterexample="2024年部门整体支出绩效评价报告\n截至2024年12月31日，项目支出85万元；"
    "截至2023年10月底，上年结转资金已支付完毕。\n2025年3月2日",
    fix="Correct the date, or mark figures that are estimates and update them with the 决算.",
    variants={
        "page_date": (
            "报告评价的是{year}年全年，但网页所载{label}为{date}，早于{year}年度结束（{year}年12月"
            "31日）：报告在年度结束前即已形成，其中的全年数据不可能是决算数{note_zh}",
            "The report evaluates the whole of {year}, but the page records its {label} as "
            "{date}, before the year closed on {year}-12-31: year-end figures cannot have "
            "existed then{note_en}",
        ),
        "cutoff": (
            "报告评价的是{year}年全年，但“{quote}”的数据截至{date}，早于年度结束（{year}年12月"
            "31日）：这是年中进度数，不是全年执行结果{note_zh}{times_zh}",
            "The report evaluates the whole of {year}, but '{quote}' measures up to {date}, "
            "before the year closed on {year}-12-31: an in-year progress figure, not the "
            "year's result{note_en}{times_en}",
        ),
    },
)

STALE_TEXT = rule(
    code="Q014",
    fix_zh="把预计的说法改为实际结果：何时完成，或未完成及原因。",
    name="stale-text",
    kind="stale_text",
    severity=Severity.WARNING,
    family="quality",
    title_zh="过时的计划性表述",
    title_en="Future-tense sentence already overtaken by the report's date",
    message_zh="“{quote}”仍以将来时表述，但{deadline}在报告日期{date}之前已经过去，"
    "应写明实际结果（是否按期完成）",
    message_en="'{quote}' is still in the future tense, but {deadline} had passed by the "
    "report's date {date}: state what actually happened",
    what="Finds 预计/计划/将于/拟于 … <date> sentences whose date lies before the report's "
    "own date (a day without a year is read in the evaluated year).",
    why="A sentence like 预计…前完工 in a year-end report was copied from a mid-year draft; "
    "the reader cannot tell whether the work was done.",
    example=(
        "某镇人民政府2023年度部门整体支出绩效评价报告\n"
        "一、项目实施情况\n"
        "道路硬化工程目前已经完成90%，预计在12月20日前可全部完工。\n"
        "某镇人民政府\n"
        "2024年3月29日\n"
    ),
    counterexample=(
        "某镇人民政府2023年度部门整体支出绩效评价报告\n"
        "一、项目实施情况\n"
        "道路硬化工程已于2023年12月20日全部完工并通过验收。\n"
        "某镇人民政府\n"
        "2024年3月29日\n"
    ),
    fix="Replace the forecast with the outcome: completed on which date, or not and why.",
    variants={
        "no_date": (
            "“{quote}”仍以将来时表述，但{deadline}在评价年度结束前已经到期；年度报告应写明"
            "实际结果（报告未落款日期，按年度结束判断）",
            "'{quote}' is still in the future tense though {deadline} fell within the evaluated "
            "year; a year-end report should state the outcome (the report is undated, so the "
            "year end was used)",
        ),
    },
)

UNEXPLAINED_PROBLEM = rule(
    code="Q015",
    fix_zh="写明问题的规模（金额、比例）、原因和已采取或将采取的措施。",
    name="unexplained-problem",
    kind="unexplained_problem",
    severity=Severity.INFO,
    family="quality",
    title_zh="问题只列标题，未说明金额、原因或措施",
    title_en="Problem stated without amount, cause or measure",
    message_zh="“{quote}”只有一句话，没有说明金额、影响、原因或改进措施（同一部分的其他问题都有展开）",
    message_en="'{quote}' is a single line with no amount, effect, cause or measure (the other "
    "problems in the same section are explained)",
    what="In a problems section (存在问题…), finds a numbered item that is a bare line with no "
    "figure, when its sibling items are explained.",
    why="Rules ask the report to 分析透彻: each problem needs its size, cause and a measure.",
    example=(
        "六、存在的主要问题和原因\n"
        "1.招商引资力度不够，现有产业转型升级步伐不快。一是对外宣传力度不够，二是财力有限，"
        "全年招商引资到位资金仅1200万元，比上年减少15%。\n"
        "2.社会治理离群众期待还有差距。一是禁毒工作打击力度不够，二是吸毒人员管控难度较大，"
        "全年新发现吸毒人员3人。\n"
        "3.公用经费和项目经费存在缺口。\n"
        "七、改进措施和建议\n"
        "加大招商力度。\n"
    ),
    counterexample=(
        "六、存在的主要问题和原因\n"
        "1.招商引资力度不够，现有产业转型升级步伐不快。一是对外宣传力度不够，二是财力有限，"
        "全年招商引资到位资金仅1200万元，比上年减少15%。\n"
        "2.社会治理离群众期待还有差距。一是禁毒工作打击力度不够，二是吸毒人员管控难度较大，"
        "全年新发现吸毒人员3人。\n"
        "3.公用经费和项目经费存在缺口，全年缺口约35万元，原因是上级补助减少。\n"
        "七、改进措施和建议\n"
        "加大招商力度。\n"
    ),
    fix="Give the size of the problem (amount, share), the cause, and the measure taken.",
)


# ---------------------------------------------------------------- Q010 empty sections

_NEEDS_TEXT = lazy(r"问题|原因|建议|措施|说明|结论|分析|整改|改进|意见|不足")
_TOPIC = lazy(r"情况|问题|建议|措施|分析|目标|结论|说明|概况|评价|原因|职责|任务|指标")
# A section the template asks for only if there is something to say: 无 answers it.
_OPTIONAL = lazy(r"^[\s\d.、()（）一二三四五六七八九十]*其他")
_ONLY_NONE = lazy(r"^[\s:：]*(?:无|暂无|没有|无。|暂无。)[\s。.；;]*$")


def _children(doc: Document, s: Section) -> list[Section]:
    secs = sections(doc)
    starts = doc.cached("section_starts", lambda d: [t.start for t in sections(d)])
    return secs[bisect.bisect_right(starts, s.start) : bisect.bisect_left(starts, s.end)]


# A heading marked classified in brackets: its content is withheld from the published text.
_CLASSIFIED = lazy(r"[(（]\s*(?:涉密|保密|涉及国家秘密|密)\s*[)）]")


@check(EMPTY_SECTION)
def empty_sections(doc: Document) -> Iterator[Hit]:
    yield from _announced_nothing(doc)
    yield from _blank_form_fields(doc)
    fields = _prompt_fields(doc)
    prompted = {f.label[0] for f in fields}
    if fields:
        # One cause (the form's narrative fields left as its prompts), one finding: every field
        # and its prompt are spans of it, the first field's prompt quoted.
        quote = doc.norm[fields[0].prompt[0] : fields[0].prompt[1]]
        data: dict[str, object] = {
            "title": fields[0].title,
            "what_zh": f"只留有填写提示“{quote}”，实际未填写",
            "what_en": "holds only the form's fill-in prompt: it was never written",
        }
        if len(fields) > 1:
            data = {
                "title": "、".join(g.title for g in fields),
                "what_zh": f"均只留有填写提示（如“{quote}”），实际未填写",
                "what_en": "each hold only the form's fill-in prompt: they were never written",
                "count": len(fields),
            }
        yield EMPTY_SECTION.hit(
            [span for g in fields for span in (g.label, g.prompt)],
            data,
            severity=Severity.WARNING,
        )
    norm = doc.norm
    nones: list[tuple[str, tuple[int, int]]] = []  # sections that say only 无
    for s in sections(doc):
        if s.style == "annex" or rx.search(r"附件|附表", s.title):
            continue
        if _CLASSIFIED.search(s.title):
            continue  # a section marked classified (人员情况（涉密）) is left empty on purpose
        if _children(doc, s) or s.start in prompted:
            continue
        body = norm[s.body_start : s.end]
        if _ONLY_NONE.match(body) and body.strip():
            if not _NEEDS_TEXT.search(s.title) or _OPTIONAL.match(s.title):
                continue  # "100万以上项目：无" states a fact; "其他需要说明的问题：无" may be none
            m = rx.search(r"\S", body)
            assert m is not None
            nones.append((s.title, (s.start, s.body_start + m.start() + len(body.strip()))))
        elif not body.strip():
            if (
                s.level > 2
                or not _TOPIC.search(s.title)
                or doc.norm[s.title_end : s.title_end + 1] == "。"
            ):
                continue  # short list items are headings without a body by design
            nxt = next((t for t in sections(doc) if t.start >= s.end), None)
            if nxt is not None and nxt.level > s.level:
                continue
            yield EMPTY_SECTION.hit(
                [(s.start, s.title_end)],
                {"title": s.title, "what_zh": "下没有任何内容", "what_en": "has no content"},
                severity=Severity.WARNING,
            )
    if len(nones) == 1:
        yield EMPTY_SECTION.hit(
            [nones[0][1]],
            {"title": nones[0][0], "what_zh": "下只写了“无”", "what_en": "says only 无 (none)"},
        )
    elif nones:
        # one cause (the analysis sections answered with 无), one finding with every span
        yield EMPTY_SECTION.hit(
            [span for _t, span in nones],
            {
                "title": "、".join(t for t, _s in nones),
                "what_zh": "均只写了“无”",
                "what_en": "each say only 无 (none)",
                "count": len(nones),
            },
        )


# "…绩效目标如下：" at the end of a paragraph, and the section ends there.
_ANNOUNCES = lazy(r"[^。；;\n]{2,40}?如下\s*[:：]\s*$")


# A form's narrative field: 项目实施内容及过程概述, 评价结论, 存在问题, 改进措施.
_FIELD_LABEL = lazy(r"(?:概述|结论|问题|措施|建议|说明|完成情况|原因分析)$")


def _blank_form_fields(doc: Document) -> Iterator[Hit]:
    """A form flattened one cell per line whose narrative field is followed by an empty cell
    and then the next field: the field was left blank."""
    from reviewer.checks.quality_forms import cells, is_header_cell

    cs = cells(doc)
    for i in range(len(cs) - 2):
        label, blank, after = cs[i], cs[i + 1], cs[i + 2]
        if blank.text or not after.text or not label.text or len(label.text) > 24:
            continue
        if not _FIELD_LABEL.search(label.text) or is_header_cell(label.text):
            continue
        if i > 0 and not cs[i - 1].text and i + 3 < len(cs) and not cs[i + 3].text:
            continue  # cells alternating with empty ones: the empty cell is a separator
        lines = [doc.line_at(c.start).index for c in (label, blank, after)]
        if len(set(lines)) < 3:
            continue  # a row on one line: trailing empty cells are padding, not a blank field
        yield EMPTY_SECTION.hit(
            [(label.start, label.end)],
            {
                "title": label.text,
                "what_zh": "后的填写栏为空",
                "what_en": "is followed by an empty cell",
            },
            severity=Severity.WARNING,
        )


_WHOLE_REPORT_INTRO = lazy(r"(?:报告|通报|汇报|综述|总结)如下")


def _announced_nothing(doc: Document) -> Iterator[Hit]:
    """A sentence that announces a list (…如下：) directly followed by a heading that is not
    under it: the list was never written."""
    secs = sections(doc)
    for line in doc.lines:
        # The pattern needs 如下: most lines are passed over without running it.
        m = _ANNOUNCES.search(line.text) if "如下" in line.text else None
        if m is None:
            continue
        lines = doc.lines
        nxt = next((lines[k] for k in range(line.index + 1, len(lines)) if lines[k].stripped), None)
        if nxt is None:
            continue  # the text ends here: a cut page, not a missing list
        at = nxt.start + (len(nxt.text) - len(nxt.text.lstrip()))
        heading = next((s for s in secs if s.start == at), None)
        if heading is None:
            continue
        here = section_path(doc, line.start)
        if not here or _WHOLE_REPORT_INTRO.search(m.group()):
            continue  # 现将…报告如下: the report's own sections follow
        if heading.level > here[-1].level:
            continue  # the list comes as subsections
        lo = line.start + m.start()
        yield EMPTY_SECTION.hit(
            [(lo, line.start + m.end())],
            {
                "title": m.group().strip(),
                "what_zh": "之后紧接下一个标题，所说的内容没有列出",
                "what_en": "is followed at once by the next heading: what it announces is "
                "never given",
            },
            severity=Severity.WARNING,
        )


# ---------------------------------------------------------------- Q011 duplicate headings


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


# ---------------------------------------------------------------- Q012 template residue

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
_BRACKET_SLOT = lazy(
    r"[\[【<《(（]\s*(?:单位名称|部门名称|项目名称|填写|请填写|请输入|此处|日期|年份|金额)\s*[\]】>》)）]"
)
_INSTRUCTION = lazy(
    r"[(（](?:根据|请|此处|可|参照|按照|如有|若有|注[:：])[^()（）\n]{2,30}?"
    r"(?:填写|描述|说明|填报|列示|删除|选填|可选|包括[^()（）\n]{0,20})[)）]"
)
# A form's prompts: a word limit, an invitation to attach a table, a modal writing order.
_FORM_PROMPT = lazy(
    r"[(（][^()（）\n]{0,12}?(?:\d+|[一二三四五六七八九十百千]+)\s*字(?:以内|以下|左右|内)?[)）]"
    r"|[(（](?:可|请|需|须|应)另?附(?:表|页|件|图|说明|相关材料)[^()（）\n]{0,8}[)）]"
    r"|[(（](?:可|请|须|需|应)[^()（）\n]{0,16}?(?:填写|填报|说明|反映|列示|列明|描述|阐述|简述|"
    r"概述|表格|列表)[^()（）\n]{0,8}[)）]"
)
# A cell or line that is a fill-in order: 请填写…, 请根据…填报 (no full stop: not prose).
_PLEASE_FILL = lazy(
    r"^\s*请(?:在此处?|根据|按照|对照|结合)?[^。\n|\t]{0,20}?(?:填写|填报|填列|勾选)[^。\n|\t]{0,20}$"
)


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


def _context(norm: str, a: int, b: int) -> str:
    lo, hi = max(0, a - 6), min(len(norm), b + 6)
    left = norm[lo:a].split("\n")[-1]
    right = norm[b:hi].split("\n")[0]
    return (left + norm[a:b] + right).strip()


_INSTRUCTION_VERB = lazy(r"说明|分析|简述|概述|描述|阐述|填写|填报|列明|列示|提出|反映")
_NOTE_LIST = lazy(r"^\s*注|[;；。]\s*\d{1,2}[.、]")


def _cell(norm: str, a: int, b: int) -> tuple[int, int]:
    """The table cell (or line) around [a, b), stripped."""
    lo = max(norm.rfind("\n", 0, a), norm.rfind("|", 0, a), norm.rfind("\t", 0, a)) + 1
    ends = [i for i in (norm.find("\n", b), norm.find("|", b), norm.find("\t", b)) if i != -1]
    hi = min(ends) if ends else len(norm)
    while lo < a and norm[lo] in " \t":
        lo += 1
    while hi > b and norm[hi - 1] in " \t":
        hi -= 1
    return lo, hi


def _prompt(doc: Document, a: int, b: int) -> tuple[int, int, bool] | None:
    """The prompt around the bracket at [a, b): (start, end, stands in place of content), or
    None for a form's printed notes (注：1.…；2.…)."""
    norm = doc.norm
    lo, hi = _cell(norm, a, b)
    lead = norm[lo:a]
    if _NOTE_LIST.search(norm[lo:hi]):
        return None  # the form's own notes under a table, printed with every copy
    heading = any(s.start == lo for s in sections(doc))
    if lead.strip() and len(lead) <= 80 and _INSTRUCTION_VERB.search(lead) and not heading:
        # the whole cell is the instruction: the content was never written
        whole = not norm[b:hi].strip(" 。.;；")
        return lo, b, whole or _followed_by_heading(doc, b)
    return a, b, _followed_by_heading(doc, b)


def _followed_by_heading(doc: Document, b: int) -> bool:
    """Nothing follows the prompt on its line, and the next text is a heading."""
    norm = doc.norm
    eol = norm.find("\n", b)
    eol = len(norm) if eol == -1 else eol
    if norm[b:eol].strip(" \t。.:：|"):
        return False
    nxt = rx.search(r"\S", norm[eol:])
    if nxt is None:
        return False  # the text ends here: a cut page, not a missing section
    at = eol + nxt.start()
    return any(s.start == at for s in sections(doc))


def _residue_hits(doc: Document) -> Iterator[tuple[str, Hit]]:
    norm = doc.norm
    lo, hi = title_region(doc)
    # The words are looked for in titles only: a text without any has no line to read.
    lines = doc.lines if _TEMPLATE_WORD.search(norm) else []
    title_lines = [ln for ln in lines if lo <= ln.start < hi and ln.stripped]
    heading_spans = [(s.start, s.title_end) for s in sections(doc)]
    span_starts = [a for a, _ in heading_spans]
    reach = list(itertools.accumulate((b for _, b in heading_spans), max))  # furthest end so far
    blurbs = [ln.text for ln in lines if _SITE_BLURB.search(ln.text)]
    for ln in lines:
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
    masks = [(m.start(), m.end()) for m in _STARS.finditer(norm)]
    masks = [(a, b) for a, b in masks if not _bold_pair(norm, a, b)]
    masks += [(m.start(), m.end()) for m in _MASKED_FIGURE.finditer(norm)]
    for a, b in sorted(masks):
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
        (_BRACKET_SLOT, "是未填写的占位栏", "is an unfilled slot"),
        (_INSTRUCTION, "是模板的填写说明", "is a fill-in instruction of the template"),
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
    filled = {p.prompt for p in _prompt_fields(doc)}
    for qa, qb, empty in _form_prompts(doc):
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


def _blank_fields(doc: Document) -> Iterator[tuple[str, int, int]]:
    """Cover and form-head fields left blank: (label, start, end of the blank field). A cover
    line "label:" counts when the next line is another filled "label:value" (so its value is
    not on the next line); a labelled date counts when it has no figures at all; a form head's
    unit or project field when every other cell of its row is empty."""
    norm = doc.norm
    filled = [ln for ln in doc.lines if ln.stripped]
    for i, ln in enumerate(filled[:-1]):
        last = ln.stripped[-1]  # a cover label ends in a colon, a form head's row in a |
        m = _COVER_LABEL.match(ln.text) if last in ":：" else None
        if m and _COVER_FILLED.match(filled[i + 1].text):
            yield m.group("label"), ln.start + m.start("label"), ln.start + m.end()
            continue
        m = _HEAD_FIELD.match(ln.text) if last == "|" else None
        if m:
            yield m.group("label"), ln.start + m.start("label"), ln.end
    for m in _BLANK_DATE.finditer(norm):
        yield m.group("label"), m.start(), m.end()


def _form_prompts(doc: Document) -> list[tuple[int, int, bool]]:
    """Every form prompt left in the text: (start, end, stands in place of content)."""

    def build(d: Document) -> list[tuple[int, int, bool]]:
        norm = d.norm
        prompts = [(m.start(), m.end()) for m in _FORM_PROMPT.finditer(norm)]
        for ln in d.lines if "请" in norm else ():  # every cell prompt opens with it
            for cell in rx.split(r"[|\t]", ln.text):
                if cell.strip() and _PLEASE_FILL.match(cell):
                    off = ln.start + ln.text.index(cell) + (len(cell) - len(cell.lstrip()))
                    prompts.append((off, off + len(cell.strip())))
        out: list[tuple[int, int, bool]] = []
        for a, b in sorted(prompts):
            if (
                any(x <= a < y for x, y, _ in out)
                or _BRACKET_SLOT.fullmatch(norm[a:b])
                or (_INSTRUCTION.fullmatch(norm[a:b]))
            ):
                continue
            found = _prompt(d, a, b) if norm[a] in "(（" else (a, b, True)
            if found is not None:
                out.append(found)
        return out

    result: list[tuple[int, int, bool]] = doc.cached("form_prompts", build)
    return result


class _PromptField(NamedTuple):
    """A heading or form field whose only content is the form's fill-in prompt."""

    title: str
    label: tuple[int, int]
    prompt: tuple[int, int]


# A label before a prompt on its line: a short title, no sentence in it.
_LABEL_TEXT = lazy(r"^[^。，,；;：:|\t]{2,16}$")


def _prompt_fields(doc: Document) -> list[_PromptField]:
    """Fields left holding only their prompt: a short label with the prompt after it on its line
    and nothing else before the next heading (摘要（2000字以内）), or a narrative field's label
    cell (评价结论, 存在问题) followed by a cell that is only the prompt."""
    from reviewer.checks.quality_forms import cells, is_header_cell

    def build(d: Document) -> list[_PromptField]:
        norm = d.norm
        out: list[_PromptField] = []
        cs = cells(d)
        starts = [c.start for c in cs]
        for qa, qb, empty in _form_prompts(d):
            if not empty:
                continue
            line = d.line_at(qa)
            lead = norm[line.start : qa]
            label = lead.strip()
            if label and norm[qa] in "(（":
                if "|" in lead or "\t" in lead or not _LABEL_TEXT.match(label):
                    continue
                if norm[qb : line.end].strip(" \t。.:：|") or not _followed_by_heading(d, qb):
                    continue
                lo = line.start + (len(lead) - len(lead.lstrip()))
                sec = next((s for s in sections(d) if s.start == lo), None)
                if sec is not None and sec.title_start < qa:
                    label = norm[sec.title_start : qa].strip()  # without its numbering
                out.append(_PromptField(label, (lo, qa), (qa, qb)))
                continue
            k = bisect.bisect_left(starts, qa)
            if k == 0 or k >= len(cs) or cs[k].start != qa:
                continue  # the prompt is not a whole cell
            prev = cs[k - 1]
            if not prev.text or len(prev.text) > 24 or is_header_cell(prev.text):
                continue
            if not _FIELD_LABEL.search(prev.text):
                continue
            out.append(_PromptField(prev.text, (prev.start, prev.end), (qa, qb)))
        return out

    result: list[_PromptField] = doc.cached("prompt_fields", build)
    return result


@check(TEMPLATE_RESIDUE)
def template_residue(doc: Document) -> Iterator[Hit]:
    keyed = [
        (k, h)
        for k, h in _residue_hits(doc)
        if not is_chrome(doc.line_at(h.spans[0][0]).text)  # the web page's 索引号, not the report
    ]
    causes = {id(h): k for k, h in keyed}
    yield from grouped((h for _, h in keyed), lambda h: causes[id(h)])


# ---------------------------------------------------------------- Q013 date before year end


def _fmt_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@check(DATE_BEFORE_YEAR_END)
def date_before_year_end(doc: Document) -> Iterator[Hit]:
    year = stated_year(doc)
    if is_interim(doc):
        return
    if year is None:
        # no title or opening sentence states the year (a page cut above its title): the year
        # the text names most often stands for it, for cut-offs that write their year, as info
        guess = evaluated_year(doc)
        if guess is None:
            return
        if _one_year(doc, guess):
            # the text names no other year (cited documents aside): its page's dates are read
            for value, lo, hi, label in _page_dates(doc):
                if value.year == guess:
                    yield _page_date_hit(guess, value, lo, hi, label, guessed=True)
                    break
        yield from grouped(_cutoffs(doc, guess, guessed=True), lambda h: h.data["date"])
        return
    title = report_title(doc)
    for d in report_dates(doc):
        if d.value.year == year:
            spans = [(d.start, d.end)]
            if title is not None:
                spans.append((title[0], title[1]))
            yield DATE_BEFORE_YEAR_END.hit(
                spans, {"year": year, "date": _fmt_date(d.value), "times_zh": "", "times_en": ""}
            )
    seen = {d.value for d in report_dates(doc) if d.value.year == year}
    for value, lo, hi in _run_signatures(doc):
        if value.year != year or value in seen:
            continue
        seen.add(value)
        spans = [(lo, hi)]
        if title is not None:
            spans.append((title[0], title[1]))
        yield DATE_BEFORE_YEAR_END.hit(
            spans, {"year": year, "date": _fmt_date(value), "times_zh": "", "times_en": ""}
        )
    for value, lo, hi, label in _page_dates(doc):
        if value.year == year and value not in seen:
            seen.add(value)
            yield _page_date_hit(year, value, lo, hi, label)
    yield from grouped(_cutoffs(doc, year), lambda h: h.data["date"])


# The web page's record of when the document was made (政府信息公开 metadata): 生成日期
# 2022-10-25, 成文日期：2023年4月27日 (traditional and glossed mirrors folded). Not 发布日期: the
# page's publication date is not read as the report's (tests/test_quality_forms.py).
_PAGE_DATE = lazy(
    r"(?P<label>生成|成文)(?:日期|时间)[\s:：|]*"
    r"(?P<y>20\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})"
)


def _page_date_hit(
    year: int, value: date, lo: int, hi: int, label: str, *, guessed: bool = False
) -> Hit:
    return DATE_BEFORE_YEAR_END.hit(
        [(lo, hi)],
        {
            "year": year,
            "date": _fmt_date(value),
            "label": label,
            "note_zh": "（报告未写明评价年度，文中只提到这一年份）" if guessed else "",
            "note_en": " (the report states no evaluated year; it names no other)"
            if guessed
            else "",
        },
        severity=Severity.INFO,
        variant="page_date",
    )


# A cited document's title or number (《…2021年…》, 〔2021〕268号): its year is not the report's.
_CITED_YEAR = lazy(r"《[^》\n]{0,80}》|[〔\[(（]\s*20\d{2}\s*[〕\])）]")


def _one_year(doc: Document, year: int) -> bool:
    """Whether every year the text names outside cited documents is `year`."""
    bare = _CITED_YEAR.sub(" ", doc.norm)
    return all(int(y) == year for y in rx.findall(r"(?<!\d)(20\d{2})(?!\d)", bare))


def _page_dates(doc: Document) -> Iterator[tuple[date, int, int, str]]:
    """A page's metadata dates, each with its line's span: a document generated or published
    before the evaluated year closed cannot hold the year's final figures."""
    for line in doc.lines:
        if "日期" not in line.text and "时间" not in line.text and "時間" not in line.text:
            continue
        for m in _PAGE_DATE.finditer(fold(line.text)):
            try:
                value = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            yield value, line.start, line.end, m.group("label") + "日期"


# A signature run together with the text around it (a flattened page): the unit's name and
# the date between the annex label and the next form's title.
_RUN_SIGNATURE = lazy(
    r"(?<=[表告件\s])(?P<unit>[\u4e00-\u9fff]{2,20}(?:局|委|办|府|中心|院|校|所|站|镇|乡|街道|部))"
    r"(?P<date>(?P<y>20\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日)"
    r"(?=[\u4e00-\u9fff(（]{0,20}?(?:自评表|评价表|报告|附件|附表)|\s*$)"
)


def _run_signatures(doc: Document) -> Iterator[tuple[date, int, int]]:
    """A signature run together with the text of a flattened page (not a line of its own,
    which `report_dates` reads): the unit's name and the date, then the next form's title."""
    norm = doc.norm
    for m in _RUN_SIGNATURE.finditer(norm):
        if len(doc.line_at(m.start()).stripped) <= 40:
            continue
        try:
            value = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        yield value, m.start("unit"), m.end()


# 截至11月底, 截止到2023年10月, 截至2023年11月30日; 1-10月, 1至11月.
_CUTOFF = lazy(
    r"(?:截至|截止到|截止至|截至到|截止)\s*(?:(?P<y>20\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月"
    r"(?:\s*(?P<d>\d{1,2})\s*[日号])?(?P<end>底|末)?"
    r"|(?<![\d.])(?:(?P<y2>20\d{2})\s*年\s*)?1\s*(?:-|—|－|~|～|至|到)\s*(?P<m2>\d{1,2})\s*月(?:份)?"
)
_CUTOFF_TOPIC = lazy(
    r"支出|执行|拨付|支付|到位|使用|决算|结余|结转|完成|实现|达到|兑现|发放|资金|万元|%"
)
# The same without the bare unit words: what makes the figure one of the funds' progress.
_CUTOFF_PROGRESS = lazy(
    r"支出|执行|拨付|支付|到位|使用|决算|结余|结转|完成|实现|达到|兑现|发放|资金"
)
# A toll of the event the funds answer (受灾面积, 经济损失, 病例): dated when it was counted, not
# a progress figure of the year.
_EVENT_TOLL = lazy(r"受灾|成灾|绝收|灾情|受损|损失|倒塌|发病|病例|确诊|感染")


def _cutoffs(doc: Document, year: int, *, guessed: bool = False) -> Iterator[Hit]:
    """Cut-offs inside the year; with a guessed year (not stated by the report), only those
    that write the year, each an info."""
    norm = doc.norm
    for m in _CUTOFF.finditer(norm):
        y = m.group("y") or m.group("y2")
        month = int(m.group("m") or m.group("m2"))
        day = int(m.group("d")) if m.group("d") else None
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        explicit = y is not None
        if guessed and not explicit:
            continue
        if explicit and int(y) != year:
            continue  # another year's period: last year's balance, this year's rectification
        if month == 12 and (day is None or day >= 31):
            continue  # the year end itself
        if not explicit and month < 6:
            continue  # 截至3月底 in a report written the next spring may be the next year
        if m.group("m2") and month < 2:
            continue
        sent = _sentence_span(norm, m.start(), m.end())
        if guessed and _guess_unsure(norm, sent, m.start(), m.end(), year, (month, day or 0)):
            continue
        rest = norm[m.end() : sent[1]]
        if not _CUTOFF_TOPIC.search(rest):
            continue
        if not _CUTOFF_PROGRESS.search(rest) and _EVENT_TOLL.search(rest):
            continue  # 截至8月31日，受灾面积…，经济损失9121万元: the disaster's count date
        if rx.search(r"预计|计划|将|拟|力争", norm[sent[0] : m.start()]):
            continue  # a forecast, not a measurement
        when = f"{year}年{month}月" + (f"{day}日" if day else ("底" if m.group("end") else ""))
        if m.group("m2"):
            when = f"{year}年{month}月底"
        lo, hi = sent
        quote = norm[lo:hi].strip()
        if len(quote) > 50:
            quote = quote[:49] + "…"
        yield DATE_BEFORE_YEAR_END.hit(
            [(lo, hi)],
            {
                "year": year,
                "date": when,
                "quote": quote,
                "note_zh": "（报告未写明评价年度，按文中最常提到的年份理解）"
                if guessed
                else ("" if explicit else "（原文未写年份，按评价年度理解）"),
                "note_en": " (the report states no evaluated year; read as the year it names most)"
                if guessed
                else ("" if explicit else " (no year is written; read as the evaluated year)"),
            },
            variant="cutoff",
            severity=Severity.WARNING if explicit and not guessed else Severity.INFO,
        )


_DATED = lazy(r"(20\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def _guess_unsure(
    norm: str, sent: tuple[int, int], a: int, b: int, year: int, when: tuple[int, int]
) -> bool:
    """With a guessed year, a cut-off is not read when its sentence names an earlier year (the
    money of a past year counted now: 截至2022年7月底，2021年…资金到位…) or when the text holds
    another date of that year at or after it (the report itself was written then, perhaps as
    an in-year report)."""
    if any(int(y) < year for y in rx.findall(r"(20\d{2})\s*年", norm[sent[0] : sent[1]])):
        return True
    for d in _DATED.finditer(norm):
        if a <= d.start() < b or int(d.group(1)) != year:
            continue
        if (int(d.group(2)), int(d.group(3) or 0)) >= when:
            return True
    return False


def _sentence_span(norm: str, a: int, b: int) -> tuple[int, int]:
    lo = max(norm.rfind(ch, 0, a) for ch in "。；;\n") + 1
    ends = [i for i in (norm.find(ch, b) for ch in "。；;\n") if i != -1]
    hi = min(ends) + 1 if ends else len(norm)
    while lo < a and norm[lo] in " \t":
        lo += 1
    if hi > 0 and norm[hi - 1] == "\n":
        hi -= 1
    return lo, hi


# ---------------------------------------------------------------- Q014 stale text

_FUTURE = lazy(
    r"(?:预计|计划|将于|拟于|争取|力争|有望|预期|计划于|拟在|将在)[^。；;\n]{0,12}?"
    r"(?:(?P<y>20\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?"
    r"(?:底|末|中旬|下旬|上旬)?\s*(?:前|之前|以前|底前)?"
    r"[^。；;\n]{0,16}?(?:完成|完工|竣工|建成|投入使用|投用|到位|实施|启动|开工|验收|办结|拨付|支付)"
)


def _deadline(y: int, m: int, d: int | None) -> date | None:
    try:
        if d is not None:
            return date(y, m, d)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    except ValueError:
        return None


@check(STALE_TEXT)
def stale_text(doc: Document) -> Iterator[Hit]:
    year = stated_year(doc)
    rd = report_date(doc)
    if is_interim(doc):
        return
    for m in _FUTURE.finditer(doc.norm):
        y = int(m.group("y")) if m.group("y") else year
        if y is None:
            continue
        dl = _deadline(y, int(m.group("m")), int(m.group("d")) if m.group("d") else None)
        if dl is None:
            continue
        deadline = _fmt_date(dl) if m.group("d") else f"{dl.year}年{dl.month}月"
        if rd is not None and rd.value.year >= (year or 0):
            if dl < rd.value:
                yield STALE_TEXT.hit(
                    [(m.start(), m.end()), (rd.start, rd.end)],
                    {"quote": m.group(), "deadline": deadline, "date": _fmt_date(rd.value)},
                )
        elif rd is None and year is not None and dl <= date(year, 12, 31) and dl.year == year:
            yield STALE_TEXT.hit(
                [(m.start(), m.end())],
                {"quote": m.group(), "deadline": deadline},
                variant="no_date",
                severity=Severity.INFO,
            )


# ---------------------------------------------------------------- Q015 unexplained problems

_PROBLEMS = lazy(r"问题|不足")


@check(UNEXPLAINED_PROBLEM)
def unexplained_problems(doc: Document) -> Iterator[Hit]:
    secs = sections(doc)
    for p in secs:
        if not _PROBLEMS.search(p.title) or rx.search(r"措施|建议|整改|改进", p.title):
            continue
        kids = [
            s
            for s in secs
            if p.start < s.start < p.end
            and s.level == min((t.level for t in secs if p.start < t.start < p.end), default=99)
        ]
        if len(kids) < 2:
            continue

        def substance(s: Section) -> int:
            return len(doc.norm[s.body_start : s.end].strip())

        explained = [s for s in kids if substance(s) >= 20]
        if not explained:
            continue
        for s in kids:
            if substance(s) > 0 or rx.search(r"\d", s.title):
                continue
            lo, hi = s.start, s.title_end
            end = doc.norm.find("\n", hi)
            hi = end if end != -1 and end < s.end else s.end
            text = doc.norm[lo:hi].strip()
            yield UNEXPLAINED_PROBLEM.hit([(lo, lo + len(text))], {"quote": text})
