"""Report quality, structure and text: empty and duplicated sections, template residue, a report
dated before its year closed, mid-year sentences left in, problems stated without substance."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from datetime import date

from reviewer import regex as rx
from reviewer.checks.quality_common import (
    evaluated_year,
    is_interim,
    report_date,
    report_dates,
    report_title,
    title_region,
)
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import Section, section_path, sections
from reviewer.document import Document
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
    "in a section that should carry analysis (问题, 原因, 建议, 措施, 说明, 结论…).",
    why="An empty 建议 or 原因分析 section is a template slot left unfilled; reviewers read it "
    "as a report written to the form rather than to the facts.",
    example="八、有关建议\\n无",
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
    example="(一)项目进度不均衡 … (二)项目进度不均衡",
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
    fix_zh="删除模板标题、填写说明和占位符。",
    name="template-residue",
    kind="template_residue",
    severity=Severity.WARNING,
    family="quality",
    title_zh="残留模板文字或占位符",
    title_en="Template text or placeholder left in",
    message_zh="“{quote}”{what_zh}，应替换为本单位的实际内容",
    message_en="'{quote}' {what_en}; replace it with the unit's own content",
    what="Finds a template's own words left in the report: 范本/模板/样本 in a title line, "
    "placeholders such as ××, XX, 20XX年, [单位名称], and fill-in instructions in brackets "
    "(（根据…填写）, （请…）).",
    why="Template residue shows the report was not finished or not read before submission.",
    example="县级部门整体绩效自评报告范本",
    fix="Delete the template's title, instructions and placeholders.",
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
    "stand-alone date line; flags a date on or before 31 December of the evaluated year. "
    "Mid-year and monitoring reports (半年, 监控) are skipped.",
    why="A whole-year self-evaluation needs the year's final accounts; a date inside the year "
    "means either the figures are estimates or the date is wrong.",
    example="2024年部门整体支出绩效评价报告 … 2024年12月26日",
    fix="Correct the date, or mark figures that are estimates and update them with the 决算.",
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
    example="目前已经完成90%，预计在12月20日前可全部完工 (report dated 2024年3月29日)",
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
    example="4.公用经费和项目经费存在缺口。",
    fix="Give the size of the problem (amount, share), the cause, and the measure taken.",
)


# ---------------------------------------------------------------- Q010 empty sections

_NEEDS_TEXT = lazy(r"问题|原因|建议|措施|说明|结论|分析|整改|改进|意见|不足")
_TOPIC = lazy(r"情况|问题|建议|措施|分析|目标|结论|说明|概况|评价|原因|职责|任务|指标")
_ONLY_NONE = lazy(r"^[\s:：]*(?:无|暂无|没有|无。|暂无。)[\s。.；;]*$")


def _children(doc: Document, s: Section) -> list[Section]:
    secs = sections(doc)
    starts = doc.cached("section_starts", lambda d: [t.start for t in sections(d)])
    return secs[bisect.bisect_right(starts, s.start) : bisect.bisect_left(starts, s.end)]


@check(EMPTY_SECTION)
def empty_sections(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for s in sections(doc):
        if s.style == "annex" or rx.search(r"附件|附表", s.title):
            continue
        if _children(doc, s):
            continue
        body = norm[s.body_start : s.end]
        if _ONLY_NONE.match(body) and body.strip():
            if not _NEEDS_TEXT.search(s.title):
                continue  # "100万以上项目：无" states a fact
            m = rx.search(r"\S", body)
            assert m is not None
            lo = s.start
            hi = s.body_start + m.start() + len(body.strip())
            yield EMPTY_SECTION.hit(
                [(lo, hi)],
                {"title": s.title, "what_zh": "下只写了“无”", "what_en": "says only 无 (none)"},
            )
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
_PLACEHOLDER = lazy(
    r"(?<![A-Za-z])(?:20[Xx]{2}|[Xx]{2,}|×{2,}|[*＊]{2,}|○{2,}|〇{2,}|□{2,}|_{4,})(?![A-Za-z])"
)
_BRACKET_SLOT = lazy(
    r"[\[【<《(（]\s*(?:单位名称|部门名称|项目名称|填写|请填写|请输入|此处|日期|年份|金额)\s*[\]】>》)）]"
)
_INSTRUCTION = lazy(
    r"[(（](?:根据|请|此处|可|参照|按照|如有|若有|注[:：])[^()（）\n]{2,30}?"
    r"(?:填写|描述|说明|填报|列示|删除|选填|可选|包括[^()（）\n]{0,20})[)）]"
)


@check(TEMPLATE_RESIDUE)
def template_residue(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    lo, hi = title_region(doc)
    title_lines = [ln for ln in doc.lines if lo <= ln.start < hi and ln.text.strip()]
    heading_spans = [(s.start, s.title_end) for s in sections(doc)]
    span_starts = [a for a, _ in heading_spans]
    reach = list(itertools.accumulate((b for _, b in heading_spans), max))  # furthest end so far
    for ln in doc.lines:
        t = ln.text.strip()
        if not t:
            continue
        k = bisect.bisect_right(span_starts, ln.start) - 1  # spans with a <= ln.start: [0, k]
        is_title = ln in title_lines or (k >= 0 and reach[k] > ln.start)
        m = _TEMPLATE_WORD.search(ln.text)
        if m and is_title and "。" not in t and len(t) <= 60:
            off = ln.start + ln.text.index(t)
            yield TEMPLATE_RESIDUE.hit(
                [(off, off + len(t))],
                {
                    "quote": t,
                    "what_zh": f"含“{m.group()}”字样，是模板的标题或说明",
                    "what_en": f"contains '{m.group()}': the template's own title or note",
                },
            )
    for m in _PLACEHOLDER.finditer(norm):
        a, b = max(0, m.start() - 6), min(len(norm), m.end() + 6)
        ctx = norm[a:b].split("\n")[-1] if "\n" in norm[a : m.start()] else norm[a:b]
        yield TEMPLATE_RESIDUE.hit(
            [(m.start(), m.end())],
            {
                "quote": ctx.strip(),
                "what_zh": f"中的“{m.group()}”是未填写的占位符",
                "what_en": f"holds the placeholder '{m.group()}'",
            },
        )
    for pat, zh, en in (
        (_BRACKET_SLOT, "是未填写的占位栏", "is an unfilled slot"),
        (_INSTRUCTION, "是模板的填写说明", "is a fill-in instruction of the template"),
    ):
        for m in pat.finditer(norm):
            yield TEMPLATE_RESIDUE.hit(
                [(m.start(), m.end())], {"quote": m.group(), "what_zh": zh, "what_en": en}
            )


# ---------------------------------------------------------------- Q013 date before year end


def _fmt_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@check(DATE_BEFORE_YEAR_END)
def date_before_year_end(doc: Document) -> Iterator[Hit]:
    year = evaluated_year(doc)
    if year is None or is_interim(doc):
        return
    title = report_title(doc)
    for d in report_dates(doc):
        if d.value.year == year:
            spans = [(d.start, d.end)]
            if title is not None:
                spans.append((title[0], title[1]))
            yield DATE_BEFORE_YEAR_END.hit(spans, {"year": year, "date": _fmt_date(d.value)})


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
    year = evaluated_year(doc)
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
