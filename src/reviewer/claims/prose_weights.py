"""Section weights written in a sentence, not a form: "产出指标50分、效益指标30分、满意度指标10分，
合计90分", "绩效指标分值：产出指标(50分)，效益指标(30分)，满意度(10分)，预算执行率(10分)".

A sentence (up to 。 or a line break) is read when it names two or more first-level parts of a
framework with a weight in points — 产出 / 效益 / 满意度 / 预算执行(率), or a department's 决策 /
投入 / 过程 / 效果 — or two or more second-level dimensions (数量 / 质量 / 时效 / 成本指标 …), each
at most once, and no other first-level part. Its stated total is a 合计 / 共计 / 总分 / 满分 N分
after the last part, or a 总分 / 满分 N分 before the first that opens the list (…，其中 / 分别为 /
：). A sentence about scores (得分, 扣分, 自评分) is no list of weights; a list closed by 等 is not
whole; a part named twice or a 绩效指标 part over its own sections leaves the sentence unread.

`rule` marks a sentence that states a requirement (统一设置为, 原则上, 规定, 要求, 应当, or a
cited document number such as 财预〔2020〕10号) rather than the weights used: the split a form's
note or a cited rule requires.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.document import Document
from reviewer.numbers import parse_decimal
from reviewer.regex import lazy

OUT, EFF, SAT, BUDGET = "产出", "效益", "满意度", "预算执行"
DECIDE, INPUT, PROCESS, EFFECT = "决策", "投入", "过程", "效果"
FIRST_LEVEL = (BUDGET, DECIDE, INPUT, PROCESS, OUT, EFF, EFFECT, SAT)

_NUM = r"(?P<w>\d{1,3}(?:\.\d+)?)"
# A part, then its weight: 产出指标50分, 效益指标(30分), 满意度指标分值为10分, 预算执行率占10分.
# 产出/效益/满意度/预算执行 may stand without 指标; 决策/投入/过程/效果 and the second-level
# dimensions only with it (投入50分, 质量10分 say other things as often as not).
_PART = lazy(
    r"(?P<name>产出|效益|(?:服务对象)?满意度|预算(?:资金)?执行(?:率|情况)?"
    r"|(?:决策|投入|过程|效果|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响)"
    r"(?=指标))"
    r"(?P<ind>指标)?[^\S\n]*(?:的)?(?:分值|权重|满分|赋分|总分)?[^\S\n]*"
    r"(?:为|占|设为|设置为|是|:|：)?[^\S\n]*[(（]?[^\S\n]*" + _NUM + r"[^\S\n]*分(?!值)"
    r"[^\S\n]*[)）]?"
)
_SECOND = ("数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "可持续影响")
_TOTAL_AFTER = lazy(
    r"(?:合计|共计|总计|总分|满分|总分值|共|累计)[^\S\n]*(?:分值)?[^\S\n]*(?:为|是|达)?[^\S\n]*"
    + _NUM
    + r"[^\S\n]*分"
)
_TOTAL_BEFORE = lazy(
    r"(?:总分|满分|总分值|合计|共计)[^\S\n]*(?:为|是)?[^\S\n]*" + _NUM + r"[^\S\n]*分[^\S\n]*"
    r"[(（]?[^\S\n]*[，,：:]?[^\S\n]*(?:其中|分别为|包括|具体为|含)[^\S\n]*[：:，,]?[^\S\n]*$"
)
_SCORES = lazy(r"得分|扣分|扣除|自评分|评分为|得\s*\d|实得")
_PARENT = lazy(r"绩效指标[^\S\n]*[(（]?[^\S\n]*\d{1,3}(?:\.\d+)?[^\S\n]*分")
_RULE = lazy(r"统一设置|统一设定|统一为|原则上|规定|要求|应当|应为|须|一般为|〔\d{4}〕\d+号")
_SENTENCE = lazy(r"[^。\n]+")
_UNREAD_PART = lazy(r"各|指标|满意度|预算|产出|效益|决策|过程|投入|效果")
_NAMED = lazy(r"分值|权重|赋分|设置|设定|分配|指标体系")
_MARKED = lazy(r"分值|权重|满分|赋分|设置|设定|指标体系")
_TAIL = 16  # the reach of a total after the list


class Weight(NamedTuple):
    key: str  # the part's key (产出, 预算执行, 数量 …)
    value: Decimal
    start: int
    end: int


class ProseWeights(NamedTuple):
    parts: list[Weight]
    total: Weight | None  # the total the sentence states (key "合计")
    rule: bool  # the sentence states a requirement, not the weights used
    start: int  # the sentence
    end: int
    marked: bool = False  # the sentence says its figures are weights (分值, 权重, 满分, 设置 …)
    named: bool = False  # …before its first part, in words other than 满分 (分值, 权重, 设置 …)

    def keys(self) -> set[str]:
        return {p.key for p in self.parts}


def _key(name: str) -> str:
    if name.startswith("预算"):
        return BUDGET
    if "满意度" in name:
        return SAT
    return name


def prose_weights(doc: Document) -> list[ProseWeights]:
    """Every sentence of `doc` that lists section weights (cached)."""
    return doc.cached("prose_weights", _find)


def _find(doc: Document) -> list[ProseWeights]:
    norm = doc.norm
    if "分" not in norm or not _PART.search(norm):
        return []
    out: list[ProseWeights] = []
    for sent in _SENTENCE.finditer(norm):
        text = sent.group()
        if "分" not in text or not _PART.search(text):
            continue
        got = _read(text, sent.start())
        if got is not None:
            out.append(got)
    return out


def _read(text: str, base: int) -> ProseWeights | None:
    matches = list(_PART.finditer(text))
    if len(matches) < 2:
        return None
    if _SCORES.search(text, 0, matches[-1].end() + _TAIL):
        return None  # scores, not weights (a clause after the list may speak of scores)
    parts: list[Weight] = []
    for m in matches:
        value = parse_decimal(m.group("w"))
        if value is None:
            return None
        parts.append(Weight(_key(m.group("name")), value, base + m.start("w"), base + m.end("w")))
    keys = [p.key for p in parts]
    if len(set(keys)) != len(keys):
        return None  # a part named twice: two lists, or a list and its explanation
    second = [k in _SECOND for k in keys]
    if any(second) and not all(second):
        return None  # both levels in one sentence: the sums nest
    if not any(second) and _PARENT.search(text):
        return None  # 绩效指标(90分) over its sections: the parts nest
    first, last = matches[0], matches[-1]
    for gap in range(len(matches) - 1):
        between = text[matches[gap].end() : matches[gap + 1].start()]
        if len(between) > 12 or rx.search(r"\d", between):
            return None  # the parts are not one list
    total = _total(text, base, first.start(), last.end())
    if total is False:
        return None
    stop = len(text)  # the list runs to its total after it, or to the sentence's end
    if isinstance(total, Weight) and total.start > base + last.end():
        stop = total.start - base
    if _UNREAD_PART.search(text, last.end(), stop):
        return None  # a part the list names without a weight of its own (…及预算执行率各10分)
    return ProseWeights(
        parts,
        total if isinstance(total, Weight) else None,
        bool(_RULE.search(text)),
        base,
        base + len(text),
        bool(_MARKED.search(text)),
        bool(_NAMED.search(text, 0, first.start())),
    )


def _total(text: str, base: int, first: int, last: int) -> Weight | bool | None:
    """The total stated after the last part or before the first one; False when the list is
    not whole (closed by 等)."""
    after = text[last:]
    if rx.match(r"[^\S\n]*等", after):
        return False
    m = _TOTAL_AFTER.search(after)
    if m is not None and not rx.search(r"\d", after[: m.start()]) and m.start() <= _TAIL:
        value = parse_decimal(m.group("w"))
        if value is not None:
            at = base + last + m.start("w")
            return Weight("合计", value, at, at + len(m.group("w")))
    b = _TOTAL_BEFORE.search(text[:first])
    if b is not None:
        value = parse_decimal(b.group("w"))
        if value is not None:
            return Weight("合计", value, base + b.start("w"), base + b.end("w"))
    return None
