"""Report quality, items of a list read against their siblings: a task or goal item that names
only who assigned it (任务1:区委区政府下达的绩效考核个性指标任务), an indicator line with no
result among indicator lines that each close on one (时效指标:按时完成建设,随项目进度把控 among
…,已完成), and indicator rows whose target and result cells are the same direction word
(…同比2022年销量显著提高显著提高)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

TASK_BY_SOURCE = rule(
    code="Q179",
    fix_zh="写明任务的具体内容和要达到的数量、质量或时间要求，而不是只写任务由谁下达。",
    name="task-named-by-source",
    kind="vague_target",
    severity=Severity.INFO,
    family="quality",
    title_zh="任务只写了下达来源，没有内容",
    title_en="A task named only by who assigned it",
    message_zh="“{quote}”只说明任务由谁下达，没有写出任务内容和要求（共{n}项），无法判断是否完成",
    message_en="'{quote}' only says who assigned the task, not what it is or what it requires "
    "({n} item(s)); completion cannot be judged",
    what="Finds a labelled task or goal item (任务1:…, 目标2:…) whose whole text is its "
    "source and a generic noun: an issuer, 下达/交办/布置/部署的, then at most a few words and "
    "任务, 指标 or 目标 (区委区政府下达的绩效考核个性指标任务). An item that states content after "
    "the source (上级下达的造林任务1200亩, 完成上级下达的农村公路建设任务) stays silent.",
    why="A task defined by its issuer alone sets nothing the year's work can be judged against; "
    "the reader has to find the issuer's list to know what was meant.",
    example="年度主要工作内容 | 任务1:区委区政府下达的绩效考核个性指标任务 任务2:上级团委下达的"
    "主要考核任务 任务3:推进共青团改革 |",
    counterexample="年度主要工作内容 | 任务1:完成上级下达的造林任务1200亩 任务2:推进共青团改革 |",
    fix="State each task's content and the quantity, quality or date it requires.",
)

INDICATOR_WITHOUT_RESULT = rule(
    code="Q180",
    fix_zh="在该指标后写明实际完成值或完成情况（如“已于11月完工”），与其他指标一致。",
    name="indicator-line-without-result",
    kind="missing_actuals",
    severity=Severity.INFO,
    family="quality",
    title_zh="指标完成情况中有一项未写结果",
    title_en="An indicator line with no result among lines that give one",
    message_zh="“{quote}”没有写出完成结果，而同一组的其他{k}项指标都写明了结果（如“{sibling}”）",
    message_en="'{quote}' states no result, while the other {k} indicator lines of the same list "
    "each close on one (such as '{sibling}')",
    what="Reads consecutive indicator lines written in prose (数量指标:…, 质量指标:…, 时效指标:…, "
    "社会效益指标:…), three or more, and finds one whose last clause carries no result (no "
    "完成/达到/实现 verdict, no figure) while at least two of the others close on a verdict "
    "(…,已完成; …,未达到; …,基本完成). A list of targets, whose lines close on figures or "
    "directions and none on a verdict (数量指标:培训100人; 社会效益指标:提升群众素质), stays "
    "silent.",
    why="A line that restates the indicator and leaves out its result reads as met along with "
    "the others; the reader cannot tell whether that indicator was achieved.",
    example="数量指标:完成道路建设491米,已完成;\n质量指标:确保天桥质量,已完成;\n"
    "时效指标:按时完成建设,随项目进度把控;\n社会效益指标:方便周边居民出行,已完成。",
    counterexample="数量指标:完成道路建设491米,已完成;\n质量指标:确保天桥质量,已完成;\n"
    "时效指标:按时完成建设,已于11月完工;\n社会效益指标:方便周边居民出行,已完成。",
    fix="Give the result of that indicator as for the others.",
)

DIRECTION_AS_TARGET_AND_RESULT = rule(
    code="Q183",
    fix_zh="为该指标设定可衡量的目标值（如“销量同比增长≥5%”），并填写实际完成的数值。",
    name="direction-as-target-and-result",
    kind="vague_target",
    severity=Severity.INFO,
    family="quality",
    title_zh="指标的目标值和完成值都只写了方向词",
    title_en="Indicator rows whose target and result are the same direction word",
    message_zh="“{quote}”的年度指标值和全年完成值都写作“{word}”，没有数值或比较符，无法判断是否完成"
    "（共{n}行）",
    message_en="'{quote}': the target and the result are both '{word}', with no figure or "
    "comparator, so completion cannot be judged ({n} row(s))",
    what="Reads indicator rows whose cells run together (no separator between them) and finds a "
    "row that ends with one direction phrase twice (显著提高显著提高, 有所提升有所提升): the "
    "target cell and the result cell hold the same direction word and no figure. One finding "
    "for the report, with every such row. A row ending in figures (100%100%), a direction "
    "followed by a different result (显著提高已完成) and pipe tables (Q001 reads their cells) "
    "stay silent.",
    why="A target written as a direction cannot be scored, and a result that repeats it says "
    "nothing about what was achieved.",
    example="效益指标经济效益指标拓展彩票销售渠道,提升彩票销售量同比2022年销量显著提高显著提高\n"
    "社会效益指标提升彩票销量,筹集更多彩票公益金同比2022年销量显著提高显著提高\n",
    counterexample="质量指标验收合格率100%100%\n"
    "效益指标经济效益指标销量同比增长≥5%增长8%\n"
    "社会效益指标公益金筹集显著提高已完成\n",
    fix="Set a measurable target (销量同比增长≥5%) and report the figure achieved.",
)

# ---- Q179 ----
_TASK_LABEL = lazy(r"(?:任务|目标)\s*\d{1,2}\s*[:：]")
_BY_SOURCE = lazy(
    r"^\s*[\u4e00-\u9fff、]{2,12}?(?:下达|交办|布置|部署|安排)的?[\u4e00-\u9fff]{0,10}?"
    r"(?:任务|指标|目标)\s*[;；,，。]?\s*$"
)


def _items(norm: str) -> Iterator[tuple[int, int]]:
    """Labelled items (任务1:…): from each label's end to the next label, the line's end or the
    cell's end."""
    labels = list(_TASK_LABEL.finditer(norm))
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(norm)
        for stop in ("\n", "|"):
            at = norm.find(stop, m.end(), end)
            if at >= 0:
                end = at
        yield m.start(), end


@check(TASK_BY_SOURCE)
def task_by_source(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "下达" not in norm and "交办" not in norm and "布置" not in norm and "部署" not in norm:
        return
    spans = []
    for lo, hi in _items(norm):
        label = _TASK_LABEL.match(norm, lo)
        body = norm[label.end() if label else lo : hi]
        if _BY_SOURCE.match(body):
            spans.append((lo, lo + len(norm[lo:hi].rstrip(" \t;；,，。"))))
    if spans:
        a, b = spans[0]
        yield TASK_BY_SOURCE.hit(spans, {"quote": norm[a:b], "n": len(spans)})


# ---- Q180 ----
_INDICATOR_LINE = lazy(
    r"^[ \t]*(?:[(（]?\d{1,2}[)）.、]\s*)?(?P<label>[\u4e00-\u9fff]{0,6}指标)\s*[:：]\s*"
    r"(?P<body>[^\n]{2,120}?)[ \t;；,，。]*$",
    re.M,
)
# A line that closes on a verdict (…,已完成; …,未达到; …,基本完成): a results list, not targets.
_VERDICT = lazy(r"已|未|(?:全部|基本|如期|按期|按时)?(?:完成|完工|竣工|达标|实现)$")
# Anything that could be a result in the odd line's last clause: a verdict word or a figure.
_RESULT = lazy(r"完成|达到|达成|实现|完工|竣工|落实|合格|满意|达标|未|已|\d")


def _last_clause(body: str) -> str:
    parts = [p for p in rx.split(r"[,，;；]", body) if p.strip()]
    return parts[-1].strip() if parts else body.strip()


@check(INDICATOR_WITHOUT_RESULT)
def indicator_without_result(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "指标" not in norm:
        return
    run: list[re.Match[str]] = []
    prev_end = -1
    groups: list[list[re.Match[str]]] = []
    for m in _INDICATOR_LINE.finditer(norm):
        gap = norm[prev_end : m.start()].strip() if prev_end >= 0 else ""
        # a short heading between two lines (2.效益指标完成情况分析。) keeps the list going across
        # the parts of one completion analysis; prose or many lines between them end it
        if run and (len(gap) > 30 or norm.count("\n", prev_end, m.start()) > 4):
            groups.append(run)
            run = []
        run.append(m)
        prev_end = m.end()
    if run:
        groups.append(run)
    for g in groups:
        if len(g) < 3:
            continue
        with_result = [m for m in g if _VERDICT.search(_last_clause(m.group("body")))]
        without = [m for m in g if not _RESULT.search(_last_clause(m.group("body")))]
        if len(without) != 1 or len(with_result) < 2:
            continue
        m = without[0]
        lo = m.start("label")
        hi = m.end("body")
        sib = with_result[0]
        yield INDICATOR_WITHOUT_RESULT.hit(
            [(lo, hi), (sib.start("label"), sib.end("body"))],
            {
                "quote": norm[lo:hi],
                "k": len(with_result),
                "sibling": norm[sib.start("label") : sib.end("body")],
            },
        )


# ---- Q183 ----
_DIRECTION = (
    r"(?:显著|明显|大幅|稳步|持续|不断|进一步|有所|逐步|有效|普遍|全面|较大|大大)?"
    r"(?:提高|提升|改善|增强|增加|降低|减少|下降|好转|优化|加强)"
)
_DOUBLED_DIRECTION = lazy(rf"(?P<w>{_DIRECTION})\s*(?P=w)[ \t]*$")
_DIRECTION_ENDS = tuple("高升善强加低少降转化")


@check(DIRECTION_AS_TARGET_AND_RESULT)
def direction_as_target_and_result(doc: Document) -> Iterator[Hit]:
    spans: list[tuple[int, int]] = []
    word = ""
    for ln in doc.lines:
        text = ln.text.rstrip()
        if not text.endswith(_DIRECTION_ENDS) or "|" in text or "指标" not in text:
            continue
        m = _DOUBLED_DIRECTION.search(text)
        if m is None:
            continue
        lo = ln.start + (len(text) - len(text.lstrip()))
        spans.append((lo, ln.start + len(text)))
        word = word or m.group("w")
    if spans:
        a, b = spans[0]
        yield DIRECTION_AS_TARGET_AND_RESULT.hit(
            spans, {"quote": doc.norm[a:b], "word": word, "n": len(spans)}
        )
