"""Indicator statements read from prose sentences (the forms listed in `indicators`)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from reviewer import regex as rx
from reviewer.claims.indicator_words import (
    _ACTUAL_MARK,
    _AFTER,
    _AFTER_COMP,
    _BEFORE,
    _BEFORE_BY_LAST,
    _CLAUSE,
    _DISTRIBUTIVE,
    _PROSE_SENTENCE,
    _QUAL,
    _RANK_WORD,
    _TARGET_MARK,
    _TARGET_WORDS,
    _VALUE_END,
    ACTUAL,
    TARGET,
    UNKNOWN,
    Indicator,
    _clean_name,
    _split_group,
    _valid_name,
    name_key,
    section_role,
)
from reviewer.claims.vocabulary import (
    EQ,
    QUAL,
    RANK,
    TOP,
)
from reviewer.document.document import Document
from reviewer.numbers import Quantity, find_quantities
from reviewer.regex import lazy

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


def covered(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset lies in one of `spans` ([start, end) each), by bisection over their
    union: a test per sentence against every table would grow with tables × sentences."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(sp for sp in spans if sp[1] > sp[0]):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < ends[i]

    return inside


def _prose(doc: Document, skip: list[tuple[int, int]]) -> list[Indicator]:
    norm = doc.norm
    out: list[Indicator] = []
    pos = 0
    bounds = [m.start() for m in _PROSE_SENTENCE.finditer(norm)] + [len(norm)]
    skipped = covered(skip)
    # (a text without a | or a dash is not searched for them sentence by sentence)
    bars, dashes = "|" in norm, "—" in norm
    for sent_end in bounds:
        if bars and norm.count("|", pos, sent_end) >= 2:
            pos = sent_end + 1
            continue  # a '|'-separated table row: read by the table reader, not as prose
        if sent_end > pos and not skipped(pos):
            out.extend(_sentence(doc, pos, sent_end))
            if dashes:
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
    found = find_quantities(norm, s, e)
    for q in found:
        if q.unit and q.dimension not in ("bare", "score"):  # (no unit: a bare number)
            break
    else:
        if norm.find("前", s, e) < 0 and norm.find("第", s, e) < 0:
            # A score states nothing here, and a bare number only a ranking (前10, 第12): with
            # neither word in the sentence, none of its figures is a statement (a table cell,
            # a line of labels and numbers), and the sentence is not read figure by figure.
            return out
    for q in found:
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
        if dim == "bare" and norm.find("前", s, q.start) < 0 and norm.find("第", s, q.start) < 0:
            # A bare number states something only as a ranking (排名前10, 第12), whose name,
            # read below, ends in 前 or 第 within the sentence before the number: with neither
            # there, the statement is skipped as below, without reading its clause first.
            prev_end, compound = value_end, False
            continue
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
