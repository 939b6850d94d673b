"""Report quality, sections without content: a heading with nothing under it or only 无, a form's
field left blank or holding only its prompt, a list announced and never given (Q010), and a
problem stated as a bare line while the problems beside it are explained (Q015)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.form_prompts import (
    FIELD_LABEL,
    prompt_fields,
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
    what="Finds a heading followed by nothing before the next heading, or by 无/暂无 alone (or "
    "a form's not-applicable mark: /, —, 略), "
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
# The same answer as a form's not-applicable mark or an omission: /, —, ——, 略, (略).
_ONLY_MARK = lazy(r"^[\s:：]*(?:[/／]|[—–-]{1,2}|[(（]?略[)）]?)[\s。.；;]*$")


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
    fields = prompt_fields(doc)
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
    nones: list[tuple[str, tuple[int, int]]] = []  # sections that say only 无 (or /, —, 略)
    marks: list[str] = []  # what each of them says
    for s in sections(doc):
        if s.style == "annex" or rx.search(r"附件|附表", s.title):
            continue
        if _CLASSIFIED.search(s.title):
            continue  # a section marked classified (人员情况（涉密）) is left empty on purpose
        if _children(doc, s) or s.start in prompted:
            continue
        body = norm[s.body_start : s.end]
        if (_ONLY_NONE.match(body) or _ONLY_MARK.match(body)) and body.strip():
            if not _NEEDS_TEXT.search(s.title) or _OPTIONAL.match(s.title):
                continue  # "100万以上项目：无" states a fact; "其他需要说明的问题：无" may be none
            m = rx.search(r"\S", body)
            assert m is not None
            nones.append((s.title, (s.start, s.body_start + m.start() + len(body.strip()))))
            marks.append(body.strip(" \t\n:：。.；;"))
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
        mark = marks[0]
        none = mark in ("无", "暂无", "没有")
        yield EMPTY_SECTION.hit(
            [nones[0][1]],
            {
                "title": nones[0][0],
                "what_zh": "下只写了“无”" if none else f"下只写了“{mark}”",
                "what_en": "says only 无 (none)" if none else f"says only '{mark}'",
            },
        )
    elif nones:
        # one cause (the analysis sections answered with 无), one finding with every span
        yield EMPTY_SECTION.hit(
            [span for _t, span in nones],
            {
                "title": "、".join(t for t, _s in nones),
                "what_zh": "均只写了“无”"
                if all(k in ("无", "暂无", "没有") for k in marks)
                else "均只写了" + "".join(f"“{k}”" for k in dict.fromkeys(marks)),
                "what_en": "each say only 无 (none)"
                if all(k in ("无", "暂无", "没有") for k in marks)
                else "each say only " + ", ".join(f"'{k}'" for k in dict.fromkeys(marks)),
                "count": len(nones),
            },
        )


# "…绩效目标如下：" at the end of a paragraph, and the section ends there.
_ANNOUNCES = lazy(r"[^。；;\n]{2,40}?如下\s*[:：]\s*$")


def _blank_form_fields(doc: Document) -> Iterator[Hit]:
    """A form flattened one cell per line whose narrative field is followed by an empty cell
    and then the next field: the field was left blank."""
    from reviewer.checks.quality_forms import cells, is_header_cell

    cs = cells(doc)
    for i in range(len(cs) - 2):
        label, blank, after = cs[i], cs[i + 1], cs[i + 2]
        if blank.text or not after.text or not label.text or len(label.text) > 24:
            continue
        if not FIELD_LABEL.search(label.text) or is_header_cell(label.text):
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
