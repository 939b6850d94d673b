"""Report quality, claims: satisfaction and achievement claims with nothing behind them, a
sentence copied with its figures into the wrong section, and broken numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.checks.quality_common import clip, grouped, sentence_at, sentences
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import section_path, sections
from reviewer.claims.selfscore import self_scores
from reviewer.claims.vocabulary import BOUND_ALT
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.numbers import find_money, parse_chinese_int
from reviewer.regex import lazy

UNSUPPORTED_CLAIM = rule(
    code="Q020",
    fix_zh="给出支撑该结论的调查（方式、样本量、满意率）或指标数值。",
    name="unsupported-claim",
    kind="unsupported_claim",
    severity=Severity.WARNING,
    family="quality",
    title_zh="结论性表述缺少数据支撑",
    title_en="Claim with no figures behind it",
    message_zh="“{quote}”{what_zh}{times_zh}",
    message_en="'{quote}' {what_en}{times_en}",
    what="Finds a satisfaction claimed as a grade (满意度为优秀/较高) with no rate, sample or "
    "method in the sentence; a sweeping claim that goals or tasks were met in full (各项目标"
    "均已实现, 全面完成/圆满完成/全部完成…任务, 100%实现, 指标…超额完成) with no figure in its "
    "sentence or "
    "the sentences next to it; and a grade (自评结果为优秀) in a report that states no "
    "self-score. A figure nearby (a count, an amount, a rate, a comparator target) silences "
    "it, but not a count that names the claimed tasks themselves (5项民生实事、8个重点项目等年度"
    "考核指标超额完成); claims are read in traditional characters too. Also a performance "
    "section that is one figure-free phrase run into the next numbered "
    "heading (四、…绩效情况保证了…五、…); an achievements entry (取得的成绩, 主要成效) whose "
    "passage gives no figure at "
    "all, years aside; and a satisfaction rate stated as a result in prose "
    "(受益群众满意度100%) in a report that nowhere names a survey, sample or method (info). "
    "One finding per repeated quote.",
    why="Reviewers accept a result only with its evidence: a satisfaction rate with the number "
    "of people asked, or the indicators that were met.",
    example="满意度为优秀; 各项绩效目标均已按照预算达到100%实现; 圆满完成了全年各项工作任务",
    counterexample="全面完成粮食生产目标任务，其中高产田水稻产量达1292.5斤/亩；抽样调查420户，"
    "满意度为96%，评价为优秀",
    fix="Give the survey (method, sample size, rate) or the indicator values behind the claim.",
)

COPY_PASTE = rule(
    code="Q021",
    fix_zh="支出部分应写本部分自己的数据（基本支出/项目支出、决算数），不要重复收入部分的句子。",
    name="copy-paste",
    kind="copy_paste",
    severity=Severity.WARNING,
    family="quality",
    title_zh="疑似复制粘贴：与前文同一组数字重复",
    title_en="Likely copy-paste: a sentence repeats an earlier one's figures",
    message_zh="“{quote}”与前文“{other}”的 {n} 个金额完全相同（{figures}）{note_zh}",
    message_en="'{quote}' repeats all {n} amounts of the earlier '{other}' ({figures}){note_en}",
    what="Finds a sentence whose money figures (three or more) are exactly those of an earlier "
    "sentence in another section, e.g. the spending paragraph repeating the income paragraph.",
    why="Income and spending rarely split into identical parts; identical figures with "
    "income labels under a spending heading mean the spending breakdown was never written.",
    example=(
        "（一）收入情况\n"
        "2023年财政拨款预算收入1282.33万元，一般公共预算拨款收入1008.65万元，"
        "政府性基金预算拨款收入273.68万元。\n"
        "（二）支出情况\n"
        "2023年支出预算1282.33万元，一般公共预算拨款收入1008.65万元，"
        "政府性基金预算拨款收入273.68万元。\n"
    ),
    counterexample=(
        "（一）收入情况\n"
        "2023年财政拨款预算收入1282.33万元，一般公共预算拨款收入1008.65万元，"
        "政府性基金预算拨款收入273.68万元。\n"
        "（二）支出情况\n"
        "2023年支出预算1282.33万元，其中基本支出906.12万元，项目支出376.21万元。\n"
    ),
    fix="Write the spending section with its own figures (基本支出/项目支出, 决算数).",
)

GARBLED_NUMBER = rule(
    code="Q022",
    fix_zh="补全语句，写明数字及其计量对象。",
    name="garbled-number",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="数字表述残缺或错乱",
    title_en="Broken number",
    message_zh="“{quote}”{what_zh}，读者无法理解其含义，请补全{times_zh}",
    message_en="'{quote}' {what_en}; the reader cannot tell what it means{times_en}",
    what="Finds numbers written in a form that cannot be read: a count unit directly followed "
    "by a percent sign (12个%), a digit doubled by the same Chinese numeral (3三个), or a "
    "percent sign right after a verb with its figure lost (覆盖率达%，). A table's unit cell "
    "(执行率%) is not one.",
    why="Broken phrases usually come from editing slips and hide a missing object or figure.",
    example="严格执行12个%",
    counterexample="完成率12%，建立了3个污水处理池，共十三个村。",
    fix="Rewrite the phrase with the figure and what it counts.",
)

DOC_NUMBER = rule(
    code="Q023",
    fix_zh="按公文格式书写文号，年份用六角括号括起，如“财预〔2021〕12号”。",
    name="doc-number-brackets",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="文件文号缺少年份括号",
    title_en="Document number without the brackets around its year",
    message_zh="文号“{quote}”缺少年份的六角括号（或只剩半边），年份与序号连在一起难以辨认，"
    "应为“{fixed}”{times_zh}",
    message_en="Document number '{quote}' lost the brackets around its year, so year and "
    "serial run together; it most likely reads '{fixed}'{times_en}",
    what="Finds an issuing-office code (财预, 湘财绩, 办发…) followed directly by a year and a "
    "serial number and 号 with no bracket between them (财预202112号) or only one half of it "
    "(财务发〔20226号), and shows the likely "
    "intended form (财预〔2021〕12号). Only prefixes that read as a document code qualify: "
    "a figure such as 第202112号 or 共20207号 is left alone.",
    why="Copying from PDF or web pages drops the 〔〕 brackets; the number then cannot be "
    "looked up, and the reader cannot tell year from serial.",
    example="根据《关于开展绩效自评的通知》（湘财绩20207号）要求",
    counterexample="根据湘财绩〔2020〕7号要求，编号第202112号，门牌20207号，共202112号",
    fix="Write document numbers with the year in brackets: 财预〔2021〕12号.",
)


# ---------------------------------------------------------------- Q020 unsupported claims

# Within one line (a flattened table's next cell is not a grade), and a whole word: the 满意 of
# 满意度 is not a grade, nor the 高 of 提高/升高 (a direction).
_SATISFACTION = lazy(
    r"满意(?:度|率)[^。；;，,\n\d|\t]{0,6}?(?:为|是|达到|评价为|均为|属于)?[ \t]*"
    r"[\"'“]?(?P<grade>优秀|良好|较高|很高|(?<![提升])高|满意|较好|好)(?![度率])[\"'”]?"
)
_EVIDENCE = lazy(
    r"\d+(?:\.\d+)?\s*(?:%|‰|分|人|户|份|名|个|次|家)|"
    rf"(?:{BOUND_ALT})\s*\d|问卷|样本|抽样|受访|调查对象"
)
_SWEEPING = lazy(
    r"(?:各项|所有|全部|全年)(?:绩效)?(?:目标|指标|任务)[^。；;\n]{0,20}?"
    r"(?:100%|百分之百|全部|均已|均|全面)[^。；;\n]{0,12}?(?:实现|完成|达成|达标|达到(?![\d百]))"
    r"|(?:全面|圆满|全部|100%|百分之百)(?:地)?(?:完成|实现|达成)(?:了)?[^。；;，,\n]{0,12}?"
    r"(?:目标任务|工作任务|目标|任务|指标)(?!(?:任务)?的)"
    r"|(?:目标|任务|指标)(?:任务)?(?:均已|均|已|已经)?(?:全部|全面|圆满|100%|百分之百){1,2}(?:地)?"
    r"(?:完成|实现|达成|达标)(?![\d的])"
    # over-fulfilment asserted: 各项考核指标绝大部分超额完成, 超额完成了年度目标任务
    r"|(?:目标|任务|指标)(?:任务)?[^。；;，,\n]{0,6}?超额(?:完成|实现)(?![\d的])"
    r"|超额(?:完成|实现)(?:了)?[^。；;，,\n]{0,12}?(?:目标任务|工作任务|目标|任务|指标)(?!(?:任务)?的)"
)
# A goal or a wish, not a claim: 确保全面完成…, 力争圆满完成…
_INTENT = lazy(
    r"(?:确保|力争|争取|计划|预计|将|要|为|努力|推动|以期|必须|才能|能够)[^。；;，,\n]{0,4}$"
)
# The overall grade claimed in words: 自评结果为优秀, 评价等级为"优".
_GRADE_CLAIM = lazy(
    r"(?:自评|评价|考核|绩效)(?:结果|等级|等次|结论)[^。；;，,\n\d]{0,4}?[为是:：]\s*[\"'“]?(?:优秀|优)"
    r"(?![秀良\w])[\"'”]?"
)
# A performance section run together with its one-phrase body and the next numbered heading
# (a flattened page): 四、预算支出绩效情况保证了学校的正常运转五、存在的问题…
_THIN_RESULTS = lazy(
    r"[一二三四五六七八九十]{1,2}、[^、。\n|]{0,12}?(?:绩效(?:情况|分析|表现)|实施成效|取得的成效)"
    r"[^\d。；;\n|]{4,40}?(?=[一二三四五六七八九十]{1,2}、)"
)
# A form's or report's achievements entry, on a line of its own: 年度部门(单位)总体运行情况及取得的
# 成绩, 主要成效, 工作成效.
_ACHIEVEMENTS_LABEL = lazy(r"(?:取得的|主要)(?:成绩|成效)|工作成效|实施成效|取得成效")
_LABEL_LINE = lazy(r"^[^。，,；;:：|]{2,40}$")
_YEAR_TEXT = lazy(r"20\d{2}\s*年度?")
_ANY_DIGIT = lazy(r"\d")


def _achievements_without_figures(doc: Document) -> Iterator[tuple[int, int]]:
    """The first paragraph of an achievements entry whose passage (up to the next heading or
    label line) states no figure at all, years aside, and makes no sweeping claim already
    reported on its own."""
    if not _ACHIEVEMENTS_LABEL.search(doc.norm):
        return  # no achievements label anywhere: no line to read
    heads = {s.start for s in sections(doc)}
    lines = [ln for ln in doc.lines if ln.stripped]
    for i, ln in enumerate(lines[:-1]):
        label = ln.stripped
        if not _ACHIEVEMENTS_LABEL.search(label) or not _LABEL_LINE.match(label):
            continue
        body: list[str] = []
        for nxt in lines[i + 1 : i + 4]:
            text = nxt.stripped
            at = nxt.start + nxt.text.index(text)
            if at in heads or _LABEL_LINE.match(text):
                break
            body.append(text)
        passage = "".join(body)
        if len(passage) < 20 or _ANY_DIGIT.search(_YEAR_TEXT.sub("", passage)):
            continue
        if _SWEEPING.search(passage):
            continue  # the sweeping claim is the finding
        nxt = lines[i + 1]
        lo = nxt.start + len(nxt.text) - len(nxt.text.lstrip())
        yield lo, lo + len(nxt.stripped)


# A satisfaction rate stated as a result: 受益群众满意度100%, 使牧民满意度达到95%以上 (a comparator
# before the figure makes it a target).
_SATISFACTION_RATE = lazy(
    r"[^\s，,。；;:：、|]{0,8}满意(?:度|率)\s*(?:达到了?|达|为|是|在)?\s*\d{2,3}(?:\.\d+)?\s*[%％]"
    r"(?:以上)?"
)
# The same rate written as a form row's target with a comparator (服务对象满意度 ≥90% 98%): read
# only when the row's actual follows it.
_SATISFACTION_BOUNDED = lazy(
    rf"[^\s，,。；;:：、|]{{0,8}}满意(?:度|率)\s*(?:{BOUND_ALT})\s*\d{{2,3}}(?:\.\d+)?\s*[%％]"
)
# A form row's actual right after its target (服务对象满意度 90% 100% 10 10): the row's result is
# the second rate, not the first.
_ACTUAL_AFTER = lazy(r"[ \t]+(?P<actual>\d{1,3}(?:\.\d+)?\s*[%％])(?![\d.])")
_TARGET_WORDS = lazy(r"目标|预期|指标值|计划|要求")
# A text that opens on a page number (—23—, - 23 -, 第23页): a page from inside a document, whose
# earlier pages may say how satisfaction was measured.
_OPENS_MID_DOCUMENT = lazy(r"\s*(?:[—–-]+\s*\d{1,3}\s*[—–-]+|第\s*\d{1,3}\s*页)\s*\n")
# Anything about how satisfaction was measured, anywhere in the report.
_SURVEY = lazy(
    r"问卷|调查|调研|走访|抽样|抽查|样本|测评|访谈|回访|座谈|征求意见|电话(?:询问|访问|调查)"
)
# Figures that back a claim: a quantity with its unit, a percentage, a comparator target, a score.
_FIGURE = lazy(
    rf"(?:{BOUND_ALT})\s*\d|"
    r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:%|‰|万元|亿元|元|个|人次|人|次|户|份|座|亩|公里|千米|米|吨|项|"
    r"家|所|件|场|台|套|处|名|村|批|斤|天|小时|平方米|立方米|㎡|盏|条|篇|期|册|分)"
)


# An effect indicator's result given with its points (5.社会效益指标(自评得分40分):有效降低…): the
# statement after the colon, to the end of its sentence.
_SCORED_EFFECT = lazy(
    r"(?:经济|社会|生态|可持续影响|可持续)效益?指标\s*[(（]\s*(?:自评)?得分\s*"
    r"(?P<pts>\d+(?:\.\d+)?)\s*分\s*[)）]\s*[:：]\s*(?P<body>[^。\n|]{8,120})"
)


def _clip40(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


# The claim's subject closing a list with 等 (…、10个投资工程包等年度考核指标), and a count in
# that list naming items, not preceded by a verb that would make it a result (完成12个…).
_SUBJECT_LIST_END = lazy(r"等[^，,。；;、\d]{0,10}$")
_SUBJECT_COUNT = lazy(
    r"(?<![成建设施训放造展实助入])\d+\s*[项个类批件][^、，,。；;\d等]{1,12}(?=、|等)"
)


def _nearby(doc: Document, start: int, end: int) -> str:
    """The claim's sentence (without the claim itself) with the sentence before and the two
    after it: where a report puts the figures behind a claim (其中…, a list after a colon)."""
    sents = sentences(doc)
    k = next((i for i, x in enumerate(sents) if x.start <= start < x.end), None)
    if k is None:
        return ""
    here = sents[k]
    before = doc.norm[here.start : start]
    if _SUBJECT_LIST_END.search(before):
        # 7项为民办实事项目、10个投资工程包等年度考核指标超额完成: the counts name what was to be
        # done (the claim's subject), not what was achieved
        before = _SUBJECT_COUNT.sub(" ", before)
    parts = [before, " ", doc.norm[end : here.end]]
    item = _ITEM_START.match(doc.norm, doc.norm.rfind("\n", 0, here.start) + 1)
    for j in (k - 1, k + 1, k + 2):
        if not 0 <= j < len(sents):
            continue
        other = sents[j]
        if item is not None and _sibling_item(doc, here.start, other.start):
            continue  # 4.满意度指标完成情况:…94%: a sibling item's figures are its own indicator's
        parts.append(other.text)
    joined = " ".join(parts)
    if item is None and not _INDICATOR_LABEL.match(
        doc.norm, doc.norm.rfind("\n", 0, here.start) + 1
    ):
        return joined  # a conclusion's score sums up figures given elsewhere in the report
    # an indicator's own item: its score is the verdict, not the evidence (3.效益指标完成情况:
    # 各项指标全面完成,绩效自评得分30分)
    return _SCORE.sub(" ", joined)


# A numbered item opening its line (3.效益指标完成情况:, (二)产出指标), and a score given in points.
_ITEM_START = lazy(r"[ \t]*(?:[(（]?\d{1,2}[)）.．、](?!\d)|[(（][一二三四五六七八九十]{1,2}[)）])")
_INDICATOR_LABEL = lazy(r"[ \t]*[^\n，,。；;:：]{0,12}指标(?:完成情况)?\s*[:：]")
_SCORE = lazy(
    r"(?:自评|绩效自评|该项|本项|此项|合计)?(?:得分|得满分|满分|扣分|分值)\s*[为是:：]?\s*"
    r"\d+(?:\.\d+)?\s*分"
)


def _sibling_item(doc: Document, here: int, other: int) -> bool:
    """Whether the sentence at `other` lies on another line that opens with a numbered item,
    as the claim's line does: a sibling item reporting another indicator."""
    norm = doc.norm
    line_here = norm.rfind("\n", 0, here) + 1
    line_other = norm.rfind("\n", 0, other) + 1
    if line_here == line_other:
        return False
    return _ITEM_START.match(norm, line_other) is not None


def _satisfaction_rates(norm: str) -> list[tuple[re.Match[str], re.Match[str] | None]]:
    """Satisfaction rates stated as a result, each with the actual that follows it when it is a
    form row's target (服务对象满意度 90% 100%); a target written with a comparator counts only
    with its actual."""
    found: list[tuple[re.Match[str], re.Match[str] | None]] = []
    for m in _SATISFACTION_RATE.finditer(norm):
        found.append((m, _ACTUAL_AFTER.match(norm, m.end())))
    for m in _SATISFACTION_BOUNDED.finditer(norm):
        actual = _ACTUAL_AFTER.match(norm, m.end())
        if actual is not None:
            found.append((m, actual))
    found.sort(key=lambda pair: pair[0].start())
    return found


@check(UNSUPPORTED_CLAIM)
def unsupported_claims(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    # the claims are read on the text in simplified characters (same offsets), quoted as written
    text = simplified(doc)
    hits: list[Hit] = []
    for m in _SATISFACTION.finditer(text):
        sent = sentence_at(doc, m.start())
        if sent is None or _EVIDENCE.search(sent.text):
            continue
        hits.append(
            UNSUPPORTED_CLAIM.hit(
                [(m.start(), m.end())],
                {
                    "quote": norm[m.start() : m.end()],
                    "what_zh": "只给出等级性评价，没有满意度百分比、调查方式或样本数量，无法核实",
                    "what_en": "gives a grade only: no satisfaction rate, survey method or sample "
                    "size, so it cannot be verified",
                },
            )
        )
    for m in _SWEEPING.finditer(text):
        if _INTENT.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        if _FIGURE.search(_nearby(doc, m.start(), m.end())):
            continue  # the figures stand next to the claim
        hits.append(
            UNSUPPORTED_CLAIM.hit(
                [(m.start(), m.end())],
                {
                    "quote": norm[m.start() : m.end()],
                    "what_zh": "是全面完成的结论，但本句及前后文没有给出任何完成数据"
                    "（指标的目标值、实际值或数量）来支撑它",
                    "what_en": "claims full achievement, but neither the sentence nor its "
                    "neighbours give any figure (an indicator's target, actual or a count) to "
                    "support it",
                },
            )
        )
    for m in _THIN_RESULTS.finditer(norm):
        hits.append(
            UNSUPPORTED_CLAIM.hit(
                [(m.start(), m.end())],
                {
                    "quote": m.group(),
                    "what_zh": "：绩效情况一节只有这一句话，没有任何指标或数据，下一个标题紧随其后",
                    "what_en": ": the performance section is this one phrase, with no indicator "
                    "or figure, and the next heading follows at once",
                },
            )
        )
    for m in _SCORED_EFFECT.finditer(norm):
        body = m.group("body")
        if _FIGURE.search(_YEAR_TEXT.sub("", body)) or float(m.group("pts")) <= 0:
            continue
        hits.append(
            UNSUPPORTED_CLAIM.hit(
                [(m.start(), m.end("body"))],
                {
                    "quote": _clip40(norm[m.start() : m.end("body")]),
                    "what_zh": f"给效益指标打了{m.group('pts')}分，但所述效益没有任何数据"
                    "（数量、比率或对比）支撑，得分无从核实",
                    "what_en": f"scores an effect indicator {m.group('pts')} points, but the "
                    "effect is stated with no figure (a count, a rate or a comparison) behind it",
                },
            )
        )
    for lo, hi in _achievements_without_figures(doc):
        hits.append(
            UNSUPPORTED_CLAIM.hit(
                [(lo, hi)],
                {
                    "quote": norm[lo:hi] if hi - lo <= 40 else norm[lo : lo + 39] + "…",
                    "what_zh": "写在“取得的成绩/成效”栏，但整段没有任何数据（数量、金额或比率），"
                    "成效无从核实",
                    "what_en": "stands under the achievements entry, but the whole passage gives "
                    "no figure (a count, an amount or a rate) to verify it",
                },
            )
        )
    if not _SURVEY.search(norm) and not _OPENS_MID_DOCUMENT.match(norm):
        for m, actual in _satisfaction_rates(norm):
            line = doc.line_at(m.start())
            if "|" in line.text or "\t" in line.text:
                continue  # an indicator table's cell: the form has its own columns
            before = norm[max(line.start, m.start() - 12) : m.start()]
            lead = norm[max(line.start, m.start() - 12) : m.end()]
            if _INTENT.search(before) or (actual is None and _TARGET_WORDS.search(lead)):
                continue  # a target, not a result
            # a row's target followed by its actual: the actual is the result judged (the quote
            # shows the target too)
            spans = [(m.start(), m.end())]
            if actual is not None:
                spans = [(actual.start("actual"), actual.end("actual"))]
            end = actual.end("actual") if actual is not None else m.end()
            hits.append(
                UNSUPPORTED_CLAIM.hit(
                    spans,
                    {
                        "quote": norm[m.start() : end],
                        "what_zh": "给出了满意度，但全文没有说明调查方式、样本数量或调查对象，"
                        "这一比例无从核实",
                        "what_en": "states a satisfaction rate, but nowhere does the report say "
                        "how it was surveyed, how many were asked or whom, so the rate cannot "
                        "be verified",
                    },
                    severity=Severity.INFO,
                )
            )
    if not self_scores(doc):
        for m in _GRADE_CLAIM.finditer(text):
            if _FIGURE.search(_nearby(doc, m.start(), m.end())):
                continue
            hits.append(
                UNSUPPORTED_CLAIM.hit(
                    [(m.start(), m.end())],
                    {
                        "quote": norm[m.start() : m.end()],
                        "what_zh": "是评价等级，但报告没有给出自评得分，本句及前后文也没有分数"
                        "或指标数据，等级无从核对",
                        "what_en": "states a grade, but the report gives no self-score and "
                        "nothing near it gives a score or indicator figure, so the grade "
                        "cannot be checked",
                    },
                )
            )
    hits.sort(key=lambda h: h.spans[0][0])
    yield from grouped(hits, lambda h: h.data["quote"])


# ---------------------------------------------------------------- Q021 copy-paste


@check(COPY_PASTE)
def copy_paste(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    # Earlier sentences by their figures: a sentence is compared with those of the same figures
    # only (a scan of every earlier sentence grew with the square of a report's sentences).
    seen: dict[tuple[str, ...], list[tuple[int, int, int | None]]] = {}
    for s in sentences(doc):
        # Every money unit ends in 元: a sentence with fewer than three holds no three amounts.
        if norm.count("元", s.start, s.end) < 3:
            continue
        qs = find_money(norm, s.start, s.end)
        if len(qs) < 3:
            continue
        key = tuple(f"{q.base.normalize():f}" for q in qs)
        path = section_path(doc, s.start)
        sec = path[-1].start if path else None
        same = seen.setdefault(key, [])
        for a, b, other_sec in same:
            if other_sec == sec:
                continue
            here = norm[s.start : s.end]
            there = norm[a:b]
            income_under_spending = (
                "支出" in here[:20] and "收入" in here and "收入" in there and "支出" not in there
            )
            yield COPY_PASTE.hit(
                [(s.start, s.end), (a, b)],
                {
                    "quote": clip(here, 40),
                    "other": clip(there, 40),
                    "n": len(qs),
                    "figures": "、".join(q.raw.strip() for q in qs[:5]),
                    "note_zh": "；本句谈支出，却沿用了收入的分项和措辞，支出的实际构成未给出"
                    if income_under_spending
                    else "",
                    "note_en": "; it speaks of spending but keeps the income items and wording, "
                    "so the spending breakdown is never given"
                    if income_under_spending
                    else "",
                },
            )
            break
        same.append((s.start, s.end, sec))


# ---------------------------------------------------------------- Q022 garbled numbers

_UNIT_PERCENT = lazy(r"(?<!\d)\d+(?:\.\d+)?\s*(?:个|项|人|次|户|名|家|件)\s*%")
# A percent sign whose figure was lost: 覆盖率达%，及时率为%。 (a verb, then % and a stop; a
# table's unit cell 执行率% follows a noun, not a verb)
_LOST_FIGURE = lazy(
    r"(?<=[\u4e00-\u9fff])(?:达到|达|为|是)[ \t]*%(?=[ \t]*(?:[，,。；;、)]|$))", re.M
)
_DOUBLED = lazy(
    r"(?<![\d.])(?P<d>[1-9])(?P<c>[一二两三四五六七八九])(?=个|名|项|家|所|座|户|人|次|条)"
)


@check(GARBLED_NUMBER)
def garbled_numbers(doc: Document) -> Iterator[Hit]:
    # one cause, one finding: the same slip written twice, or every percent with its figure lost
    yield from grouped(_garbled(doc), lambda h: h.data.get("cause") or h.data["quote"])


def _garbled(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for m in _UNIT_PERCENT.finditer(norm):
        lo = max(norm.rfind("，", 0, m.start()), norm.rfind("。", 0, m.start()), m.start() - 8)
        yield GARBLED_NUMBER.hit(
            [(lo + 1 if lo >= m.start() - 8 and norm[lo] in "，。" else m.start(), m.end())],
            {
                "quote": norm[max(lo + 1, m.start() - 8) : m.end()],
                "what_zh": "把计数单位和百分号连在一起，缺少被计量的对象",
                "what_en": "joins a count unit and a percent sign; what is counted is missing",
            },
        )
    for m in _LOST_FIGURE.finditer(norm):
        lo = max(norm.rfind(c, 0, m.start()) for c in "，,。；;\n") + 1
        lo = max(lo, m.start() - 12)
        yield GARBLED_NUMBER.hit(
            [(lo, m.end())],
            {
                "quote": norm[lo : m.end()],
                "cause": "lost_figure",
                "what_zh": "百分号前缺少数字，比率的数值丢失了",
                "what_en": "has a percent sign with no figure before it: the rate's value is lost",
            },
        )
    for m in _DOUBLED.finditer(norm):
        if int(m.group("d")) != parse_chinese_int(m.group("c")):
            continue
        yield GARBLED_NUMBER.hit(
            [(m.start(), m.end() + 1)],
            {
                "quote": norm[m.start() : m.end() + 1],
                "what_zh": "同一个数字用阿拉伯数字和汉字各写了一遍",
                "what_en": "writes the same number twice, as a digit and as a Chinese numeral",
            },
        )


# ---------------------------------------------------------------- Q023 document numbers

# An office code (two to eight Chinese characters, one of them marking an issuing office or a
# document series), then the year and the serial run together, then 号.
_BARE_DOC_NUMBER = lazy(
    r"(?<![\u4e00-\u9fff])(?P<code>[\u4e00-\u9fff]{1,7}(?:财|发|办|函|字|预|绩|政|规|综|农|教|"
    r"建|社|资|电|便|指|委|党|人|审|监|督|通|令))\s*(?P<open>[〔\[(［])?\s*"
    r"(?P<year>(?:19|20)\d{2})\s*(?P<close>[〕\])］])?\s*(?P<serial>[1-9]\d{0,3})\s*号"
)
_OPEN = "（(《〈[ ,，、;；:：\t\n"
_LEAD_VERB = lazy(
    r"^(?:依据|根据|按照|参照|执行|落实|印发|转发|下发|收到|文号|文件|以及|和|及|与)+"
)
_NOT_CODE = lazy(r"^(?:第|共|计|编号|门牌|序号|合计|累计)|(?:路|街|号楼)$")


@check(DOC_NUMBER)
def doc_number_brackets(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    hits: list[Hit] = []
    for m in _BARE_DOC_NUMBER.finditer(norm):
        start, code = m.start(), m.group("code")
        lead = _LEAD_VERB.match(code)
        if lead:
            start, code = start + lead.end(), code[lead.end() :]
        elif start > 0 and norm[start - 1] not in _OPEN:
            continue  # inside a run of words: not a document code
        if len(code) < 2 or _NOT_CODE.search(code):
            continue
        if not 1990 <= int(m.group("year")) <= 2039:
            continue
        if m.group("open") and m.group("close"):
            continue  # written properly
        quote = norm[start : m.end()]
        fixed = f"{code}〔{m.group('year')}〕{m.group('serial')}号"
        hits.append(DOC_NUMBER.hit([(start, m.end())], {"quote": quote, "fixed": fixed}))
    yield from grouped(hits, lambda h: h.data["quote"])
