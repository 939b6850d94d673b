"""Indicator statements: a name, a comparator, a value and a unit, read as a target or an actual.

Prose forms read here (all on the normalized text):

- ``医保参保率≥90%``, ``医保参保率为80%``, ``满意度在90%以上``, ``发放资料超过2000份``,
  ``三公经费控制≤9.64万元``, ``中心组1次/月``, ``走访20次/1100人次`` (two values, one name);
- distributive lists: ``A，B，C均≥95%``, ``A、B均为100%`` (a 、-group is split only when every
  piece is itself an indicator name: ``安全生产、秸秆禁烧、森林防火宣传覆盖率`` stays one name);
- rankings: ``排名全县前10`` (target ``top``), ``排名全县第12名`` (actual ``rank``);
- qualitative ``资金使用规范性——规范``.

A value is a statement only when the clause ends right after it (a comma, a full stop, a
bracket, the end of the line): ``全镇14个村（社区）巩固…`` is a modifier, not a statement.

Indicator tables (header cells such as 年度指标值/目标值 and 实际完成值/完成值) are read by
`table_indicators`; prose inside a detected table is not read twice.

The role of a statement comes, in this order, from an explicit marker next to the value
(目标值 / 实际完成值), from the innermost heading that names a role (绩效目标, 指标值, 计划 →
target; 完成情况, 实现情况, 绩效情况 … → actual), and from the comparator (a symbol such as
≥ or a word such as 不低于 outside a results section reads as a target).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.vocabulary import (
    AFTER,
    AFTER_ALT,
    DISTRIBUTIVE,
    EQ,
    GE,
    GT,
    LE,
    LT,
    QUAL,
    RANK,
    SYMBOL,
    TARGET_MARKS,
    TOP,
    WORDS,
)
from reviewer.document.document import Document
from reviewer.document.tables import Cell, Table
from reviewer.numbers import Quantity, find_quantities
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
_TARGET_MARK = lazy(
    r"(?:年度|全年|本年|今年)?(?:指标值|目标值|预期值|计划值|预期目标|目标|计划|预期)(?:数)?$"
)
_ACTUAL_MARK = lazy(r"(?:实际完成值|实际完成数|实际完成|实际值|完成值|实际数|实际)$")
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


# --------------------------------------------------------------------------- prose


@dataclass
class _Tail:
    comparator: str
    words: list[str]
    start: int  # where the comparator/filler words begin (end of the name)


def _read_tail(norm: str, lo: int, hi: int) -> _Tail:
    """Strip comparator and filler words from the end of norm[lo:hi]."""
    pos = hi
    comp = EQ
    words: list[str] = []
    while pos > lo:
        while pos > lo and norm[pos - 1] in " \t":
            pos -= 1
        for word, code in _BEFORE_BY_LAST.get(norm[pos - 1], ()) if pos > lo else ():
            if pos - len(word) >= lo and norm[pos - len(word) : pos] == word:
                words.append(word)
                if code is not None and comp == EQ:
                    comp = code
                pos -= len(word)
                break
        else:
            break
    return _Tail(comp, words, pos)


_PER = lazy(r"/([\u4e00-\u9fff]{1,2})(?=$|[^\u4e00-\u9fff])")


def _boundary_after(norm: str, pos: int, end: int) -> tuple[int, str | None, bool] | None:
    """After a value: (end of the statement, bound comparator, compound '/N' follows)."""
    per = None
    m = _PER.match(norm, pos, end)  # in place: a slice to `end` per value was quadratic
    if m:
        pos = m.end()
    bound = None
    m2 = _AFTER.match(norm, pos, end)
    if m2:
        bound = _AFTER_COMP.get(m2.group(1))
        if m2.group(1) == "左右":
            return None  # an approximation is not a checkable statement
        pos = m2.end()
    nxt = norm[pos : pos + 1] if pos < end else ""
    if nxt == "/" and rx.match(r"/\d", norm[pos : pos + 2]):
        return pos, bound, True
    if nxt not in _VALUE_END and not (pos >= end):
        return None
    del per
    return pos, bound, False


def _unit_of(q: Quantity, norm: str, value_end: int) -> str:
    m = rx.match(r"/([\u4e00-\u9fff]{1,2})", norm[q.end : value_end])
    return f"{q.unit}/{m.group(1)}" if m else q.unit


def _clause_start(norm: str, lo: int, hi: int) -> int:
    last = lo
    for m in _CLAUSE.finditer(norm, lo, hi):
        last = m.end()
    return last


def _prev_names(norm: str, lo: int, clause_start: int) -> list[tuple[int, int]]:
    """Bare names before a distributive value: 'A，B，C均≥95%' -> A, B (C is the clause's own)."""
    out: list[tuple[int, int]] = []
    pos = clause_start
    while pos > lo:
        sep = pos - 1
        if norm[sep] not in "，,":
            break
        j = sep
        while j > lo and norm[j - 1] not in '，,：:（()）。；;\n"':
            j -= 1
        s, e = _clean_name(norm, j, sep)
        text = norm[s:e]
        if not _valid_name(text) or any(
            w in text for w, _ in _BEFORE if len(w) > 1 and w != "分别"
        ):
            break
        if rx.search(r"[≥≤<>=]", text):
            break
        out.append((s, e))
        pos = j
    out.reverse()
    return out


def _strip_marker(norm: str, ns: int, ne: int) -> tuple[str | None, tuple[int, int] | None]:
    """Split a role marker off the end of a name: '医保参保率目标值' -> (TARGET, '医保参保率')."""
    text = norm[ns:ne]
    explicit = None
    m = _ACTUAL_MARK.search(text)
    if m:
        explicit = ACTUAL
    else:
        m = _TARGET_MARK.search(text)
        if m:
            explicit = TARGET
    if m is None:
        return None, (ns, ne)
    ns2, ne2 = _clean_name(norm, ns, ns + m.start())
    return explicit, ((ns2, ne2) if ne2 > ns2 else None)


def _colon_name(norm: str, lo: int, value_start: int) -> list[tuple[int, int]]:
    """'医保参保率：≥90%': the name is the clause before the colon."""
    j = value_start
    while j > lo and norm[j - 1] in " \t":
        j -= 1
    # only comparator/filler/marker words may stand between the colon and the value
    k = j
    while k > lo and norm[k - 1] not in "：:":
        k -= 1
    between = norm[k:j].strip()
    if k <= lo or (
        between and not (_TARGET_MARK.fullmatch(between) or _ACTUAL_MARK.fullmatch(between))
    ):
        return []
    colon = k - 1
    cs = max(_clause_start(norm, lo, colon), lo)
    ns, ne = _clean_name(norm, cs, colon)
    return [(ns, ne)] if ne > ns else []


def _prose(doc: Document, skip: list[tuple[int, int]]) -> list[Indicator]:
    norm = doc.norm
    out: list[Indicator] = []
    pos = 0
    bounds = [m.start() for m in _PROSE_SENTENCE.finditer(norm)] + [len(norm)]
    for sent_end in bounds:
        if norm.count("|", pos, sent_end) >= 2:
            pos = sent_end + 1
            continue  # a '|'-separated table row: read by the table reader, not as prose
        if sent_end > pos and not any(s <= pos < e for s, e in skip):
            out.extend(_sentence(doc, pos, sent_end))
            out.extend(_qualitative(doc, pos, sent_end))
        pos = sent_end + 1
    return out


def _sentence(doc: Document, s: int, e: int) -> list[Indicator]:
    norm = doc.norm
    out: list[Indicator] = []
    prev_end = s
    prev_names: list[tuple[int, int]] = []
    prev_dist = False
    prev_explicit: str | None = None
    prev_stmt_start: int | None = None
    compound = False
    for q in find_quantities(norm, s, e):
        if q.start < prev_end:
            continue
        dim = q.dimension
        if dim == "score":
            continue
        after = _boundary_after(norm, q.end, e)
        if after is None:
            # Not a statement's value (an enumerator "2.", a modifier "14个村"): a name that
            # runs over it holds a digit and is rejected, so the start need not move.
            compound = False
            continue
        value_end, bound, next_compound = after
        is_compound = compound and norm[prev_end : q.start].strip() == "/"
        stmt_start = None
        if is_compound:
            names, dist = list(prev_names), prev_dist
            comp, words, tail_start = EQ, [], q.start
            explicit = prev_explicit
            stmt_start = prev_stmt_start
        else:
            cs = max(_clause_start(norm, prev_end, q.start), prev_end)
            tail = _read_tail(norm, cs, q.start)
            comp, words, tail_start = tail.comparator, tail.words, tail.start
            if "分别" in words:
                prev_end, compound = value_end, False
                continue
            dist = any(w in _DISTRIBUTIVE for w in words)
            ns, ne = _clean_name(norm, cs, tail_start)
            # Explicit role markers: 目标值95%，实际完成85%; 满意度：目标95%；实际：93%.
            explicit, nm = _strip_marker(norm, ns, ne) if ne > ns else (None, None)
            clause_at = _clean_name(norm, cs, tail_start)[0]
            if nm is None:
                colon = _colon_name(norm, prev_end, tail_start)
                if colon:
                    e2, nm = _strip_marker(norm, *colon[0])
                    explicit = explicit or e2
                    clause_at = colon[0][0]
            if nm is None and explicit and prev_names:
                names = list(prev_names)
                stmt_start = clause_at
            else:
                names = [nm] if nm else []
        # Rankings: 排名全县前10 / 排名第12名.
        rank = None
        if names and not is_compound:
            ns, ne = names[-1]
            if norm[ne - 1 : ne] in ("前", "第") and _RANK_WORD.search(norm[ns:ne]):
                rank = TOP if norm[ne - 1] == "前" else RANK
                names[-1] = (ns, ne - 1)
        if rank is None and dim == "bare":
            prev_end, compound = value_end, False
            continue
        if rank is not None and dim not in ("bare", "count"):
            prev_end, compound = value_end, False
            continue
        if rank is not None and dim == "count" and q.count_unit not in ("名", "位"):
            prev_end, compound = value_end, False
            continue
        if dist and names and not is_compound and stmt_start is None:
            ns0, _ = names[0]
            names = _prev_names(norm, s, ns0 if ns0 > s else s) + names
            # the 、-group split of every name
        if not names:
            prev_end, compound = value_end, False
            continue
        split: list[tuple[int, int]] = []
        for ns, ne in names:
            split.extend(_split_group(norm, ns, ne) if dist else [(ns, ne)])
        names = [(a, b) for a, b in split if _valid_name(norm[a:b])]
        if not names:
            prev_end, compound = value_end, False
            continue
        if bound is not None and comp == EQ:
            comp = bound
        if rank is not None:
            comp = rank
        role = _role(doc, q.start, words, explicit, comp)
        unit = "名" if rank else _unit_of(q, norm, value_end)
        multi = len(names) > 1 and stmt_start is None
        for ns, ne in names:
            name = norm[ns:ne]
            out.append(
                Indicator(
                    name=name,
                    key=name_key(name),
                    comparator=comp,
                    value=q.value,
                    unit=unit,
                    role=role,
                    start=ns if stmt_start is None else stmt_start,
                    end=value_end,
                    name_start=ns,
                    name_end=ne,
                    value_start=tail_start,
                    value_end=value_end,
                    quantity=q,
                    distributive=multi,
                    explicit_role=explicit is not None,
                )
            )
        prev_names, prev_dist = names, multi
        prev_explicit, prev_stmt_start = explicit, stmt_start
        prev_end = value_end
        compound = next_compound
    return out


def _role(doc: Document, offset: int, words: list[str], explicit: str | None, comp: str) -> str:
    if explicit:
        return explicit
    sec = section_role(doc, offset)
    if sec:
        return sec
    if comp == TOP or any(w in _TARGET_WORDS for w in words):
        return TARGET
    return UNKNOWN


def _qualitative(doc: Document, s: int, e: int) -> list[Indicator]:
    norm = doc.norm
    out: list[Indicator] = []
    if norm.find("—", s, e) < 0:
        return out  # every such statement holds a dash: no scan of the sentence
    for m in _QUAL.finditer(norm, s, e):
        cs = _clause_start(norm, s, m.start("name") + 1)
        cs = max(cs, m.start("name"))
        ns, ne = _clean_name(norm, cs, m.end("name"))
        name = norm[ns:ne]
        val = m.group("val").strip()
        if not _valid_name(name) or not val:
            continue
        role = section_role(doc, m.start()) or UNKNOWN
        out.append(
            Indicator(
                name=name,
                key=name_key(name),
                comparator=QUAL,
                value=None,
                unit="",
                role=role,
                start=ns,
                end=m.end("val"),
                name_start=ns,
                name_end=ne,
                value_start=m.start("val"),
                value_end=m.end("val"),
                text_value=val,
            )
        )
    return out


# --------------------------------------------------------------------------- tables

_ACTUAL_COL = lazy(r"实际完成值|实际完成|完成值|实际值|实际完成情况|实际")
_TARGET_COL = lazy(r"年度指标值|指标值|目标值|预期值|计划值|年度目标|预期目标|目标")
_NAME_COLS = [lazy(p) for p in (r"三级指标", r"指标名称", r"绩效指标", r"二级指标", r"指标")]


def _columns(header: list[Cell]) -> tuple[int | None, int | None, int | None]:
    """(name column, target column, actual column) of an indicator table header."""
    target = actual = None
    for i, c in enumerate(header):
        t = rx.sub(r"\s", "", c.text)
        if actual is None and _ACTUAL_COL.search(t):
            actual = i
        elif target is None and _TARGET_COL.search(t):
            target = i
    name = None
    for pat in _NAME_COLS:
        for i, c in enumerate(header):
            if i in (target, actual):
                continue
            if pat.search(rx.sub(r"\s", "", c.text)):
                name = i
                break
        if name is not None:
            break
    return name, target, actual


def parse_value(
    doc: Document, start: int, end: int
) -> tuple[str, Quantity | None, int, int] | None:
    """Read one cell's value: ('≥'-code, quantity, value start, value end), or None."""
    norm = doc.norm
    qs = [q for q in find_quantities(norm, start, end) if q.dimension != "score"]
    if len(qs) != 1:
        return None
    q = qs[0]
    tail = _read_tail(norm, start, q.start)
    lead = norm[start : tail.start].strip()
    comp = tail.comparator
    m = _AFTER.match(norm, q.end, end)
    vend = q.end
    if m:
        if m.group(1) == "左右":
            return None
        if comp == EQ:
            comp = _AFTER_COMP[m.group(1)]
        vend = m.end()
    if lead.endswith("前") and (q.dimension == "bare" or q.count_unit in ("名", "位")):
        return TOP, q, start, vend
    if lead.endswith("第") and (q.dimension == "bare" or q.count_unit in ("名", "位")):
        return RANK, q, start, vend
    if lead or q.dimension == "bare":
        return None
    if norm[vend:end].strip() not in ("", "/") and not rx.fullmatch(
        r"/[\u4e00-\u9fff]{1,2}\s*", norm[vend:end]
    ):
        return None
    return comp, q, tail.start, end if norm[vend:end].strip() else vend


def table_indicators(doc: Document, table: Table) -> list[Indicator]:
    """Targets and actuals of an indicator table (one pair per row with a name)."""
    name_col, target_col, actual_col = _columns(table.header)
    if name_col is None or (target_col is None and actual_col is None):
        return []
    out: list[Indicator] = []
    for row in table.rows:
        if name_col >= len(row):
            continue
        nc = row[name_col]
        ns, ne = _clean_name(doc.norm, nc.start, nc.end)
        name = doc.norm[ns:ne] if ne > ns else nc.text.strip()
        if not _valid_name(name):
            continue
        for col, role in ((target_col, TARGET), (actual_col, ACTUAL)):
            if col is None or col >= len(row):
                continue
            cell = row[col]
            got = parse_value(doc, cell.start, cell.end)
            if got is None:
                continue
            comp, q, vs, ve = got
            if q is None:
                continue
            rank = comp in (TOP, RANK)
            out.append(
                Indicator(
                    name=name,
                    key=name_key(name),
                    comparator=comp,
                    value=q.value,
                    unit="名" if rank else _unit_of(q, doc.norm, ve),
                    role=role,
                    start=cell.start,
                    end=cell.end,
                    name_start=ns,
                    name_end=ne,
                    value_start=vs,
                    value_end=ve,
                    quantity=q,
                    source="table",
                    explicit_role=True,
                )
            )
    return out


class WordedRow(NamedTuple):
    """A row of an indicator table whose target and actual cells are not both figures."""

    name: str
    name_start: int
    name_end: int
    target: Cell
    actual: Cell


def worded_rows(doc: Document) -> list[WordedRow]:
    """Rows of indicator tables with a name, a target cell and an actual cell, as text: read by
    the qualitative comparisons (及时 / 未能及时), which decide on words only."""
    from reviewer.document.tables import tables

    out: list[WordedRow] = []
    for table in tables(doc):
        name_col, target_col, actual_col = _columns(table.header)
        if name_col is None or target_col is None or actual_col is None:
            continue
        for row in table.rows:
            if max(name_col, target_col, actual_col) >= len(row):
                continue
            nc = row[name_col]
            ns, ne = _clean_name(doc.norm, nc.start, nc.end)
            name = doc.norm[ns:ne] if ne > ns else nc.text.strip()
            if _valid_name(name):
                out.append(WordedRow(name, ns, ne, row[target_col], row[actual_col]))
    return out


# --------------------------------------------------------------------------- API


def indicators(doc: Document) -> list[Indicator]:
    """Every indicator statement of the report, prose and tables, in text order (cached)."""
    return doc.cached("indicators", _extract)


def _extract(doc: Document) -> list[Indicator]:
    from reviewer.document.tables import tables

    found: list[Indicator] = []
    skip: list[tuple[int, int]] = []
    for t in tables(doc):
        got = table_indicators(doc, t)
        if got:
            found.extend(got)
            skip.append((t.start, t.end))
    # Indicator blocks of self-evaluation forms (ragged, one cell per line, run together):
    # rows the table reader did not already read.
    from reviewer.claims.indicator_forms import form_indicators, indicator_blocks

    read = {(i.name_start, i.role) for i in found}
    found.extend(i for i in form_indicators(doc) if (i.name_start, i.role) not in read)
    skip.extend((b.start, b.end) for b in indicator_blocks(doc))
    prose = [i for i in _prose(doc, skip) if not any(s <= i.start < e for s, e in skip)]
    found.extend(prose)
    found.sort(key=lambda i: (i.start, i.name_start))
    return found


def targets(doc: Document) -> list[Indicator]:
    return [i for i in indicators(doc) if i.role == TARGET]


def actuals(doc: Document) -> list[Indicator]:
    return [i for i in indicators(doc) if i.role == ACTUAL]


def units_agree(a: Indicator, b: Indicator) -> bool:
    return a.unit_key == b.unit_key


def pairs(doc: Document) -> list[tuple[Indicator, Indicator]]:
    """(target, actual) pairs of the same indicator, matched by name and unit (cached)."""
    return doc.cached("indicator_pairs", _pair)


def _pair(doc: Document) -> list[tuple[Indicator, Indicator]]:
    tgts = [t for t in targets(doc) if t.comparator != QUAL]
    named = _NameIndex(tgts)
    out: list[tuple[Indicator, Indicator]] = []
    for a in actuals(doc):
        if a.comparator == QUAL or a.comparator == TOP:
            continue
        best: list[tuple[int, int, Indicator]] = []
        for t in named.candidates(a.key):
            if t.source == "table" and a.source == "table" and t.name_start != a.name_start:
                continue  # in a table, a row's target goes with the same row's actual
            if not _rank_compatible(t, a) and not units_agree(t, a):
                continue
            score = same_indicator(t.key, a.key)
            if score:
                best.append((score, -abs(a.start - t.start), t))
        if not best:
            continue
        best.sort(key=lambda x: (x[0], x[1]), reverse=True)
        top = best[0]
        rivals = [b for b in best if b[0] == top[0] and b[2].key == top[2].key]
        if len({(_effective(b[2]), b[2].base) for b in rivals}) > 1:
            continue  # the same indicator has two different targets: ambiguous
        out.append((top[2], a))
    return out


class _NameIndex:
    """The targets whose key `same_indicator` can match with a given key, in their order.

    A match is the same key, or one key inside the other (four characters or more): then the
    longer key holds the shorter one's first four characters. Looking those up replaces a
    comparison of every actual with every target.
    """

    def __init__(self, tgts: list[Indicator]) -> None:
        self.tgts = tgts
        self.exact: dict[str, list[int]] = {}
        self.grams: dict[str, list[int]] = {}  # every 4 characters of a key -> targets
        self.heads: dict[str, list[int]] = {}  # the first 4 characters of a key -> targets
        for i, t in enumerate(tgts):
            self.exact.setdefault(t.key, []).append(i)
            if len(t.key) >= 4:
                self.heads.setdefault(t.key[:4], []).append(i)
                for g in {t.key[k : k + 4] for k in range(len(t.key) - 3)}:
                    self.grams.setdefault(g, []).append(i)

    def candidates(self, key: str) -> list[Indicator]:
        found = set(self.exact.get(key, ()))
        if len(key) >= 4:
            found.update(self.grams.get(key[:4], ()))  # a longer key holding this one
            for k in range(len(key) - 3):
                found.update(self.heads.get(key[k : k + 4], ()))  # a shorter key inside it
        return [self.tgts[i] for i in sorted(found)]


def _effective(t: Indicator) -> str:
    """The comparator a target means: '=' is '≥' (or '≤' for lower-is-better names)."""
    if t.comparator == EQ:
        return LE if t.lower_is_better else GE
    return t.comparator


def _rank_compatible(t: Indicator, a: Indicator) -> bool:
    return t.comparator == TOP and a.comparator == RANK


def short_bound(target: Indicator, actual: Indicator) -> bool:
    """The actual is stated only as a bound that stops short of the target (`>70%` against
    `>80%`, `88.32%及以上` against `≥95%`): `met` cannot decide, since the true value may lie
    anywhere beyond the bound, but the report's own figure does not show the target was met.

    Only a bound on the same side as the target counts: an actual `≥70%` against `≤80%` says
    nothing about either outcome and is left alone, like every case `met` decides."""
    if met(target, actual) is not None:
        return False
    tc, ac = target.comparator, actual.comparator
    v, a = target.base, actual.base
    if v is None or a is None or tc in (TOP, RANK, QUAL):
        return False
    if tc == EQ:
        tc = LE if target.lower_is_better else GE
    if tc in (GE, GT) and ac in (GE, GT):
        return a < v or (a == v and tc == GT and ac == GE)
    if tc in (LE, LT) and ac in (LE, LT):
        return a > v or (a == v and tc == LT and ac == LE)
    return False


def met(target: Indicator, actual: Indicator) -> bool | None:
    """True when the actual meets the target, False when it certainly misses, None unknown."""
    tc, ac = target.comparator, actual.comparator
    v, a = target.base, actual.base
    if v is None or a is None or tc == QUAL:
        return None
    if tc == TOP:
        return a <= v if ac == RANK else None
    if tc == EQ:
        tc = LE if target.lower_is_better else GE
    # The actual may itself be a bound ("达95%以上"): decide only when the bound settles it.
    lo = a if ac in (EQ, GE, GT) else None
    hi = a if ac in (EQ, LE, LT) else None
    strict_lo = ac == GT
    strict_hi = ac == LT
    if tc == GE:
        if lo is not None and lo >= v:
            return True
        if hi is not None and (hi < v or (strict_hi and hi <= v)):
            return False
        return None
    if tc == GT:
        if lo is not None and (lo > v or (strict_lo and lo >= v)):
            return True
        if hi is not None and hi <= v:
            return False
        return None
    if tc == LE:
        if hi is not None and hi <= v:
            return True
        if lo is not None and (lo > v or (strict_lo and lo >= v)):
            return False
        return None
    if tc == LT:
        if hi is not None and (hi < v or (strict_hi and hi <= v)):
            return True
        if lo is not None and lo >= v:
            return False
        return None
    return None


# --------------------------------------------------------------------------- rank admissions

_ADMIT = lazy(
    r"(?:排名|排位|名次|排序)[^。；;，,]{0,12}?(?:未能|未|没有|没能|尚未|不够|不太|不)[^。；;，,]{0,3}?"
    r"(?:靠前|进入|达到|达标|进|实现|理想|提升|前列)"
    r"|(?:未能|未|没有|没能|尚未)(?:进入|进|挤进|跻身|排进|排入|位列)[^。；;，,]{0,10}?前"
)
_SCOPE = lazy(r"全(?:县|市|区|省|州|旗|国|镇|乡)|县内|市内|区内|省内")


class Admission(NamedTuple):
    """A results sentence admitting a ranking target was not reached."""

    target: Indicator
    start: int  # the admitting clause
    end: int


def rank_admissions(doc: Document) -> list[Admission]:
    """Ranking targets (前N) that the report itself says were not reached (cached)."""
    return doc.cached("rank_admissions", _admissions)


def _subject(t: Indicator) -> str:
    """The ranked thing: the name before 排名/进入…, without quotes ("秀美桃源")."""
    m = _RANK_WORD.search(t.name)
    subject = t.name[: m.start()] if m else t.name
    return rx.sub(r"[\s\"'“”]", "", subject)


def _admissions(doc: Document) -> list[Admission]:
    norm = doc.norm
    rank_targets = [t for t in targets(doc) if t.comparator == TOP]
    if not rank_targets:
        return []
    out: list[Admission] = []
    for m in _ADMIT.finditer(norm):
        if section_role(doc, m.start()) == TARGET:
            continue
        s = max((x.end() for x in _SENTENCE.finditer(norm, 0, m.start())), default=0)
        e_m = _SENTENCE.search(norm, m.end())
        e = e_m.start() if e_m else len(norm)
        sentence = rx.sub(r"[\s\"'“”]", "", norm[s:e])
        chosen = None
        for t in rank_targets:
            subj = _subject(t)
            if len(subj) >= 2 and subj in sentence:
                chosen = t
                break
        if chosen is None and len(rank_targets) == 1:
            t = rank_targets[0]
            scope_t = _SCOPE.search(t.name)
            scope_s = _SCOPE.search(norm[s:e])
            if scope_t and scope_s and scope_t.group() == scope_s.group():
                chosen = t
        if chosen is None:
            continue
        cs = _clause_start(norm, s, m.start())
        while cs < m.start() and norm[cs] in " \t":
            cs += 1
        out.append(Admission(chosen, cs, m.end()))
    return out
