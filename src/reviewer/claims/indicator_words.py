"""The words of indicator statements: roles, comparator and filler words, clause and heading
markers, the `Indicator` record, name keys and the role a heading gives (see `indicators`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.vocabulary import (
    AFTER,
    AFTER_ALT,
    DISTRIBUTIVE,
    EQ,
    QUAL,
    RANK,
    SYMBOL,
    TARGET_MARKS,
    TOP,
    WORDS,
)
from reviewer.document.document import Document
from reviewer.numbers import Quantity
from reviewer.regex import lazy

TARGET = "target"
ACTUAL = "actual"
UNKNOWN = "unknown"

# Comparator words before a value, longest first. `None` marks a filler (为, 达, 均 ...): the
# one table is `claims/vocabulary.py`.
_BEFORE: list[tuple[str, str | None]] = sorted(
    ((w.word, w.code) for w in WORDS), key=lambda t: len(t[0]), reverse=True
)
# The same words by their last character, longest first as above: `_read_tail` tries only the
# words that can end where it stands.
_BEFORE_BY_LAST: dict[str, list[tuple[str, str | None]]] = {}
for _word, _code in _BEFORE:
    _BEFORE_BY_LAST.setdefault(_word[-1], []).append((_word, _code))
_DISTRIBUTIVE = DISTRIBUTIVE
# Words after a value that make it a bound.
_AFTER = lazy(rf"\s*(?:及|或)?({AFTER_ALT})")
_AFTER_COMP = {k: v for k, v in AFTER.items() if v is not None}
# Comparators that read as a target when the section does not say otherwise.
_TARGET_WORDS = TARGET_MARKS

# Clause boundaries inside a sentence (a comma between digits is a thousands separator).
_CLAUSE = lazy(r"(?<!\d),|,(?!\d{3}(?!\d))|[，：:（()）；;|]")
_SENTENCE = lazy(r"[。；;！？!?\n\r]")
_PROSE_SENTENCE = lazy(r"[。！？!?\n\r]")
# What may follow a statement's value.
_VALUE_END = set("，,。；;：:、（()）\n\r!！?？|") | {""}
_LEAD = lazy(
    r"(?:\s|、|\[[^\]]{0,40}\]|第?[一二三四五六七八九十]+[、.]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）][、.]?"
    r"|\d{1,2}[、.](?!\d)|[①-⑳]|其中|另外|同时|并且|以及|而且|且|并|但是|但|和|及|即|包括|"
    r"一是|二是|三是|四是|五是|六是|七是|八是|九是|十是|\"|')+"
)
_YEAR = lazy(r"^(?:\d{4}|本|今|上|去)年(?:度)?(?:末|底|初)?")
_CJK = lazy(r"[\u4e00-\u9fff]")
# Markers of the role right before a value (after comparator words are stripped).
# A year word may lead either marker: 年初指标值 / 年初任务数 (the target set at the start of the
# year), 全年实际完成值 / 全年完成值 (what the year achieved).
_TARGET_MARK = lazy(
    r"(?:年初|年度|全年|本年|今年)?"
    r"(?:指标值|目标值|预期值|计划值|预期目标|目标|计划|预期|任务数|任务量)(?:数)?$"
)
_ACTUAL_MARK = lazy(
    r"(?:(?:全年|年度|本年|年末|年底)?(?:实际完成值|实际完成数|实际完成|实际值|完成值|完成数|实际数|实际)"
    r"|(?:全年|年度|本年)完成)$"
)
# A heading names targets or results; results win when both appear ("绩效目标完成情况").
_RESULTS_HEAD = lazy(
    r"完成情况|实现情况|实现程度|完成程度|实际完成|绩效情况|完成值|实施效果|取得的?成效|工作成效|"
    r"主要成效|履职成效|实施情况|执行情况|目标完成|指标完成|总体完成"
)
_TARGET_HEAD = lazy(r"目标|指标值|计划")
# The last character of a complete indicator name, used to split 、-groups.
_NAME_SUFFIX = set("率度数量性额费比值积人户次")
_RANK_WORD = lazy(r"排名|排位|名次|位列|位居|进入|跻身|排在|列入|排")
_QUAL = lazy(r"(?P<name>[^，,；;。：:\n—]{2,30}?)\s*——+\s*(?P<val>[^，,；;。:：\n\d—]{1,12})")

# Names read as "lower is better" (costs, incidents, control ratios).
LOWER_BETTER = lazy(
    r"成本|费用|经费|支出|开支|事故|发生率|发生数|投诉|差错|失误|违规|违纪|违法|案件|事件|"
    r"调整率|结余|变动率|偏差|误差|超支|欠款|负债|能耗|排放|死亡|伤亡|损失|时长|时间|天数|周期|"
    r"用时|控制率|控制数|控制额|控制|发案|上访|信访量|空置"
)
# 控制 of a health or safety outcome is an achievement, higher is better: 高血压随访控制数 counts
# patients whose blood pressure is under control, unlike 在职人员控制率 or 三公经费控制数.
_OUTCOME_CONTROL = lazy(r"(?:随访|血压|血糖|病情|疫情|症状)控制")


def lower_is_better(name: str) -> bool:
    """Whether a smaller value is the better one for an indicator of this name."""
    return bool(LOWER_BETTER.search(_OUTCOME_CONTROL.sub("", name)))


class Indicator(NamedTuple):
    """One indicator statement: `name comparator value unit`, as a target or an actual."""

    name: str
    key: str  # normalized name, for pairing
    comparator: str  # GE, LE, GT, LT, EQ, TOP, RANK, QUAL
    value: Decimal | None  # in the written unit (85 for 85%, 9.64 for 9.64万元)
    unit: str  # "%", "万元", "份", "次/月", "名" (rankings), "" (qualitative)
    role: str  # TARGET, ACTUAL, UNKNOWN
    start: int  # the statement: name start ...
    end: int  # ... to value end
    name_start: int
    name_end: int
    value_start: int
    value_end: int
    quantity: Quantity | None = None
    text_value: str = ""  # qualitative value ("规范")
    source: str = "prose"  # prose / table
    distributive: bool = False  # one of several names sharing a value ("A，B均≥95%")
    explicit_role: bool = False  # the role was stated next to the value

    @property
    def base(self) -> Decimal | None:
        """Value in base units (yuan for money, percent points, counts, rank positions)."""
        if self.quantity is not None and self.comparator not in (TOP, RANK):
            return self.quantity.base
        return self.value

    @property
    def dimension(self) -> str:
        if self.comparator in (TOP, RANK):
            return "rank"
        if self.comparator == QUAL or self.quantity is None:
            return "qual"
        return self.quantity.dimension

    @property
    def unit_key(self) -> str:
        """What must agree for two statements to measure the same thing."""
        dim = self.dimension
        if dim in ("money", "percent", "rank", "qual"):
            return dim
        assert self.quantity is not None
        per = self.unit.split("/", 1)[1] if "/" in self.unit else ""
        return f"count:{self.quantity.count_unit}/{per}"

    @property
    def lower_is_better(self) -> bool:
        return lower_is_better(self.name)

    def spans(self) -> list[tuple[int, int]]:
        """The claim's offsets: the whole statement, or name then value for a shared value."""
        if self.distributive:
            return [(self.name_start, self.name_end), (self.value_start, self.value_end)]
        return [(self.start, self.end)]

    def shown(self) -> str:
        """The value as a reviewer writes it: '≥95%', '前10', '80%', '——规范'."""
        if self.comparator == QUAL:
            return self.text_value
        if self.value is None:
            return ""
        from reviewer.numbers import fmt

        num = fmt(self.value)
        if self.comparator == TOP:
            return f"前{num}名"
        if self.comparator == RANK:
            return f"第{num}名"
        sym = "" if self.comparator == EQ else SYMBOL[self.comparator]
        return f"{sym}{num}{self.unit}"


# --------------------------------------------------------------------------- names


def name_key(name: str) -> str:
    """Normalize a name for pairing: no spaces, quotes, brackets, leading year, 的."""
    s = rx.sub(r"[\s\"'“”‘’「」《》<>【】\[\]()（）]", "", name)
    s = _YEAR.sub("", s)
    return s.replace("的", "")


def same_indicator(a: str, b: str) -> int:
    """How well two keys name the same indicator: 2 exact, 1 containment, 0 no."""
    if not a or not b:
        return 0
    if a == b:
        return 2
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and short in long_ and len(short) / len(long_) >= 0.6:
        return 1
    return 0


def _clean_name(norm: str, start: int, end: int) -> tuple[int, int]:
    """Trim leading numbering/connectives and surrounding spaces from norm[start:end]."""
    m = _LEAD.match(norm, start, end)
    if m:
        start = m.end()
    while start < end and norm[start] in " \t\"'":
        start += 1
    while end > start and norm[end - 1] in " \t\"'的":
        end -= 1
    return start, end


def _valid_name(name: str) -> bool:
    if len(_CJK.findall(name)) < 2 or len(name) > 40:
        return False
    if name.startswith(("占", "比", "较", "同比", "环比", "相比")):
        return False
    return not rx.search(r"\d", _YEAR.sub("", name))


def _split_group(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split 'A、B、C' into names when every piece is a whole indicator name."""
    parts: list[tuple[int, int]] = []
    pos = start
    for m in rx.finditer("、", norm[start:end]):
        parts.append((pos, start + m.start()))
        pos = start + m.end()
    parts.append((pos, end))
    if len(parts) > 1 and all(
        e > s and norm[e - 1] in _NAME_SUFFIX and len(_CJK.findall(norm[s:e])) >= 2
        for s, e in parts
    ):
        return parts
    return [(start, end)]


# --------------------------------------------------------------------------- roles


def section_role(doc: Document, offset: int) -> str | None:
    """TARGET or ACTUAL when the innermost heading naming a role says so, else None."""
    from reviewer.claims.sections import section_path

    for sec in reversed(section_path(doc, offset)):
        title = rx.split(r"[。：:；;]", sec.title, maxsplit=1)[0]
        if _RESULTS_HEAD.search(title):
            return ACTUAL
        if _TARGET_HEAD.search(title):
            return TARGET
    return None
