"""Pairing: each actual with its indicator's target (by name and unit), and the ranking targets
the report itself admits were not reached.
"""

from __future__ import annotations

from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.indicator_prose import _clause_start
from reviewer.claims.indicator_words import (
    _RANK_WORD,
    _SENTENCE,
    TARGET,
    Indicator,
    same_indicator,
    section_role,
)
from reviewer.claims.vocabulary import (
    EQ,
    GE,
    LE,
    QUAL,
    RANK,
    TOP,
)
from reviewer.document.document import Document
from reviewer.regex import lazy


def units_agree(a: Indicator, b: Indicator) -> bool:
    return a.unit_key == b.unit_key


def pairs(doc: Document) -> list[tuple[Indicator, Indicator]]:
    """(target, actual) pairs of the same indicator, matched by name and unit (cached)."""
    return doc.cached("indicator_pairs", _pair)


# A pinyin gloss a web mirror prints after a character (預(yù)算): the name read after it is
# only the tail of the indicator's name.
_GLOSS_BEFORE = lazy(r"[(（][a-zA-Z\u00e0-\u00fc\u0101-\u01dc]{1,7}[)）]$")


def cut_by_gloss(doc: Document, ind: Indicator) -> bool:
    """Does the indicator's name start right after a pinyin gloss (a name cut short)?"""
    return bool(_GLOSS_BEFORE.search(doc.norm, max(0, ind.name_start - 9), ind.name_start))


def _pair(doc: Document) -> list[tuple[Indicator, Indicator]]:
    from reviewer.claims.indicators import actuals, targets

    tgts = [t for t in targets(doc) if t.comparator != QUAL and not cut_by_gloss(doc, t)]
    named = _NameIndex(tgts)
    out: list[tuple[Indicator, Indicator]] = []
    for a in actuals(doc):
        if a.comparator == QUAL or a.comparator == TOP or cut_by_gloss(doc, a):
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
    from reviewer.claims.indicators import targets

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
