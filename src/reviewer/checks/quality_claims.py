"""Report quality, claims: satisfaction and achievement claims with nothing behind them, a
sentence copied with its figures into the wrong section, and broken numbers."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.quality_common import comparator_targets, sentence_at, sentences
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import section_path
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import find_quantities, parse_chinese_int
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
    message_zh="“{quote}”{what_zh}",
    message_en="'{quote}' {what_en}",
    what="Finds a satisfaction claimed as a grade (满意度为优秀/较高) with no rate, sample or "
    "method in the sentence, and a sweeping '100% achieved / all goals met' claim in a report "
    "that states no indicator target anywhere. Conservative: a rate, a count or any "
    "comparator target in the report silences the second pattern.",
    why="Reviewers accept a result only with its evidence: a satisfaction rate with the number "
    "of people asked, or the indicators that were met.",
    example="满意度为优秀; 各项绩效目标均已按照预算达到100%实现",
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
    example="（一）收入：2023年财政拨款预算收入1282.33万元，一般公共预算拨款收入1008.65万元；… "
    "（二）支出：2023年支出预算1282.33万元，一般公共预算拨款收入1008.65万元；…",
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
    message_zh="“{quote}”{what_zh}，读者无法理解其含义，请补全",
    message_en="'{quote}' {what_en}; the reader cannot tell what it means",
    what="Finds numbers written in a form that cannot be read: a count unit directly followed "
    "by a percent sign (12个%), or a digit doubled by the same Chinese numeral (3三个).",
    why="Broken phrases usually come from editing slips and hide a missing object or figure.",
    example="严格执行12个%",
    fix="Rewrite the phrase with the figure and what it counts.",
)


# ---------------------------------------------------------------- Q020 unsupported claims

# Within one line (a flattened table's next cell is not a grade), and a whole word: the 满意 of
# 满意度 is not a grade.
_SATISFACTION = lazy(
    r"满意(?:度|率)[^。；;，,\n\d]{0,6}?(?:为|是|达到|评价为|均为|属于)?[ \t]*"
    r"[\"'“]?(?P<grade>优秀|良好|较高|很高|高|满意|较好|好)(?![度率])[\"'”]?"
)
_EVIDENCE = lazy(r"\d|问卷|样本|抽样|受访|调查对象")
_SWEEPING = lazy(
    r"(?:各项|所有|全部|全年)(?:绩效)?(?:目标|指标|任务)[^。；;\n]{0,20}?"
    r"(?:100%|百分之百|全部|均已|均|全面)[^。；;\n]{0,12}?(?:实现|完成|达成|达标|达到(?![\d百]))"
)


@check(UNSUPPORTED_CLAIM)
def unsupported_claims(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for m in _SATISFACTION.finditer(norm):
        sent = sentence_at(doc, m.start())
        if sent is None or _EVIDENCE.search(sent.text):
            continue
        yield UNSUPPORTED_CLAIM.hit(
            [(m.start(), m.end())],
            {
                "quote": m.group(),
                "what_zh": "只给出等级性评价，没有满意度百分比、调查方式或样本数量，无法核实",
                "what_en": "gives a grade only: no satisfaction rate, survey method or sample "
                "size, so it cannot be verified",
            },
        )
    if comparator_targets(norm) or rx.search(
        r"实际完成值\s*[为:：]?\s*\d|目标值\s*[为:：]?\s*\d", norm
    ):
        return
    for m in _SWEEPING.finditer(norm):
        yield UNSUPPORTED_CLAIM.hit(
            [(m.start(), m.end())],
            {
                "quote": m.group(),
                "what_zh": "是全面完成的结论，但报告没有列出任何指标的目标值和实际值来支撑它",
                "what_en": "claims full achievement, but the report lists no indicator with a "
                "target and an actual value to support it",
            },
        )


# ---------------------------------------------------------------- Q021 copy-paste


@check(COPY_PASTE)
def copy_paste(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    seen: list[tuple[tuple[str, ...], int, int, int | None]] = []
    for s in sentences(doc):
        qs = [q for q in find_quantities(norm, s.start, s.end) if q.dimension == "money"]
        if len(qs) < 3:
            continue
        key = tuple(f"{q.base.normalize():f}" for q in qs)
        path = section_path(doc, s.start)
        sec = path[-1].start if path else None
        for other_key, a, b, other_sec in seen:
            if other_key != key or other_sec == sec:
                continue
            here = norm[s.start : s.end]
            there = norm[a:b]
            income_under_spending = (
                "支出" in here[:20] and "收入" in here and "收入" in there and "支出" not in there
            )
            yield COPY_PASTE.hit(
                [(s.start, s.end), (a, b)],
                {
                    "quote": _clip(here, 40),
                    "other": _clip(there, 40),
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
        seen.append((key, s.start, s.end, sec))


def _clip(text: str, n: int) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------- Q022 garbled numbers

_UNIT_PERCENT = lazy(r"(?<!\d)\d+(?:\.\d+)?\s*(?:个|项|人|次|户|名|家|件)\s*%")
_DOUBLED = lazy(
    r"(?<![\d.])(?P<d>[1-9])(?P<c>[一二两三四五六七八九])(?=个|名|项|家|所|座|户|人|次|条)"
)


@check(GARBLED_NUMBER)
def garbled_numbers(doc: Document) -> Iterator[Hit]:
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
