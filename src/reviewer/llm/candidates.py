"""Candidates for the model's judgement, picked deterministically.

A small model cannot search a whole report for contradictions, so Python picks the places and
the model answers one narrow question about each. Generators:

* `state`: one clause says a thing is done or gone (消除, 杜绝, 全部完成, 全覆盖…) and another
  clause says the same thing still exists or is unfinished (存在, 仍有, 尚未, 未完成…), the
  subject (two to four characters) written right after both markers; plain evidence when the
  second clause gives a figure for it (目前存在旱厕249户);
* `figure`: the same count (value and unit, e.g. 106座) in a clause saying it was done
  (完成, 建成, 新建) and in a sentence saying it is not yet (预计…完工, 已完成90%, 正在): plain,
  unless that sentence plans more of the work (计划, 下一步, 再建设…: the model judges);
* `claim`: a sweeping claim (全面完成, 圆满完成, 100%实现, 均已达到…) with a figure nearby (the
  rules let such claims pass) and, within two sentences, a shortfall (未完成, 未达到, 低于,
  滞后, 完成N% with N < 100); plain when the shortfall is stated outright (未完成/未达到/未达标).

Each candidate carries its two passages as spans: what the finding points at is Python's,
never a quote the model made up.
"""

from __future__ import annotations

from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.quality_common import Sentence, goal_titled_sections, sentences
from reviewer.document import Document
from reviewer.numbers import find_quantities
from reviewer.regex import lazy

MAX_CANDIDATES = 6

_ABSOLUTE = lazy(
    r"(?:基本|全面|彻底|全部|已经|已)?(?:消除|杜绝|根除|清零|全覆盖|全部完成|全面完成)(?:了)?"
)
_REMAINING = lazy(r"(?:目前|仍然|仍|还|尚)?(?:存在|仍有|尚有|还有|剩余|未完成|尚未完成|未消除)")
_DONE = lazy(r"完成|建成|新建|竣工|实现")
_PENDING = lazy(
    r"预计|正在|尚未|未完成|在建|推进中|即将|(?:已经|已|目前)?完成(?:了)?(?:\d{1,2}(?:\.\d+)?)%"
)
_SWEEPING = lazy(
    r"(?:全面|圆满|全部|100%|百分之百)(?:地)?(?:完成|实现|达成)"
    r"|(?:均已|均)(?:完成|实现|达到|达标)"
)
_SHORTFALL = lazy(r"未完成|未达到|未达标|未实现|低于|滞后|缓慢|偏低|不足|差距")
_PLAIN_SHORTFALL = lazy(r"未完成|未达到|未达标|未实现")
# The second passage speaks of an earlier time (before the work): no conflict with "done now".
_EARLIER = lazy(r"上年|去年|上一年|此前|以前|原有|整治前|改造前|实施前|过去")
# The second passage plans more of the same work (a later year's plan): not "the done work is
# still pending" for sure, so the figure candidate is not plain evidence; the model judges it.
_PLAN = lazy(r"计划|拟|下一步|再建设|再新建|再新增")
_INTENT = lazy(r"(?:确保|力争|争取|计划|预计|将|要|努力|推动|以期|必须)[^。；;，,\n]{0,4}$")
_CLAUSE_END = lazy(r"[，,；;。！？!?\n]")
_CJK = lazy(r"[\u4e00-\u9fff]")
_GENERIC = {"问题", "工作", "情况", "全镇", "全县", "全市", "任务", "目标", "项目", "我们", "进行"}


class Candidate(NamedTuple):
    generator: str  # state | figure | claim
    kind: str  # contradiction | unsupported_claim
    first: tuple[int, int]  # the passage the finding points at
    second: tuple[int, int]  # the passage that conflicts with it
    subject: str
    plain: bool  # the evidence is plain enough to stand without the model's verdict
    question: str


def _clause(norm: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around `pos`, within [lo, hi)."""
    a = pos
    while a > lo and not _CLAUSE_END.match(norm[a - 1]):
        a -= 1
    m = _CLAUSE_END.search(norm, pos, hi)
    b = m.start() if m else hi
    return a, b


def _subjects(norm: str, start: int) -> list[str]:
    """Two to four Chinese characters right after a marker (skipping 了/的), longest first."""
    i = start
    while i < len(norm) and norm[i] in "了的":
        i += 1
    run = ""
    while i < len(norm) and len(run) < 4 and _CJK.match(norm[i]):
        run += norm[i]
        i += 1
    return [run[:n] for n in range(len(run), 1, -1) if run[:n] not in _GENERIC]


def _state(doc: Document, sents: list[Sentence]) -> list[Candidate]:
    norm = doc.norm
    out: list[Candidate] = []
    remaining = [
        (m, s)
        for s in sents
        if not _EARLIER.search(s.text)
        for m in _REMAINING.finditer(norm, s.start, s.end)
    ]
    for s in sents:
        for m in _ABSOLUTE.finditer(norm, s.start, s.end):
            if _INTENT.search(norm[max(s.start, m.start() - 8) : m.start()]):
                continue
            for subject in _subjects(norm, m.end()):
                hit = None
                for r, t in remaining:
                    if t is s:
                        continue
                    after = norm[r.end() : min(t.end, r.end() + 6)]
                    k = after.find(subject)
                    if k < 0:
                        continue
                    hit = (r, t, r.end() + k + len(subject))
                    break
                if hit is None:
                    continue
                r, t, subj_end = hit
                figure = any(
                    q.unit and q.dimension == "count"
                    for q in find_quantities(norm, subj_end, min(t.end, subj_end + 8))
                )
                out.append(
                    Candidate(
                        "state",
                        "contradiction",
                        _clause(norm, m.start(), s.start, s.end),
                        _clause(norm, r.start(), t.start, t.end),
                        subject,
                        figure,
                        "甲说什么已经消除或完成？乙说什么仍然存在或没有完成？"
                        "二者是同一事物时，两段是否矛盾？",
                    )
                )
                break
    return out


def _figure(doc: Document, sents: list[Sentence]) -> list[Candidate]:
    norm = doc.norm
    out: list[Candidate] = []
    pending = [s for s in sents if _PENDING.search(s.text) and not _EARLIER.search(s.text)]
    if not pending:
        return out
    goals = [(g.body_start, g.end) for g in goal_titled_sections(doc)]
    for s in sents:
        if any(a <= s.start < b for a, b in goals):
            continue  # a target, not a claim that something was done
        for q in find_quantities(norm, s.start, s.end):
            if q.dimension != "count" or q.value < 2 or q.unit in ("年", "月", "日"):
                continue
            lo, hi = _clause(norm, q.start, s.start, s.end)
            if not _DONE.search(norm[lo:hi]) or _PENDING.search(norm[lo:hi]):
                continue
            for t in pending:
                if t is s:
                    continue
                same = [
                    x
                    for x in find_quantities(norm, t.start, t.end)
                    if x.value == q.value and x.unit == q.unit
                ]
                if not same:
                    continue
                p = _PENDING.search(norm, t.start, t.end)
                assert p is not None
                out.append(
                    Candidate(
                        "figure",
                        "contradiction",
                        (lo, hi),
                        (t.start, t.end),
                        q.raw,
                        not _PLAN.search(t.text),
                        f"甲说本年已完成的“{q.raw}”，乙说的“{q.raw}”是甲中这一批还没有完成，"
                        "还是以后计划新做的另一批？是同一批才算矛盾。",
                    )
                )
                break
    return out


def _claim(doc: Document, sents: list[Sentence]) -> list[Candidate]:
    norm = doc.norm
    out: list[Candidate] = []
    for i, s in enumerate(sents):
        m = _SWEEPING.search(s.text)
        if m is None or _INTENT.search(s.text[max(0, m.start() - 8) : m.start()]):
            continue
        near = sents[max(0, i - 2) : i + 3]
        if not any(find_quantities(norm, x.start, x.end) for x in near):
            continue  # no figure at all: the rules' unsupported_claim (Q020) covers it
        for t in near:
            if t is s:
                continue
            short = _SHORTFALL.search(t.text)
            partial = [
                q
                for q in find_quantities(norm, t.start, t.end)
                if q.unit == "%" and q.value < 100 and rx.search(r"完成|达到|实现", t.text)
            ]
            if short is None and not partial:
                continue
            out.append(
                Candidate(
                    "claim",
                    "unsupported_claim",
                    (s.start + m.start(), s.end),
                    (t.start, t.end),
                    m.group(),
                    bool(_PLAIN_SHORTFALL.search(t.text)),
                    f"甲称“{m.group()}”。乙是否说明本年有目标、任务或指标没有完成或没有达到？"
                    "只是比上年低或支出减少不算。",
                )
            )
            break
    return out


def candidates(doc: Document) -> list[Candidate]:
    """All candidates of the report, plain ones first, at most MAX_CANDIDATES, one per first
    passage."""
    sents = sentences(doc)
    found = [*_state(doc, sents), *_figure(doc, sents), *_claim(doc, sents)]
    seen: set[tuple[int, int]] = set()
    out: list[Candidate] = []
    for c in sorted(found, key=lambda c: (not c.plain, c.first)):
        if c.first in seen:
            continue
        seen.add(c.first)
        out.append(c)
    return out[:MAX_CANDIDATES]
