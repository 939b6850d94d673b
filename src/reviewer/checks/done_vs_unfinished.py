"""A claim of completion, and elsewhere in the same report a state that is not complete.

Two readings, each a pair of sentences the report cannot both mean:

* money: "林业改革资金…已全面拨付使用" and, of a part of the funds, "当年未使用，预算执行率0%":
  the money is said to be all paid and used while a part was not used at all. A warning, unless
  the sentence of the unused part gives a reason (then the report explains itself: silent).
* works: "各项指标均已按时按量完成" (or 已竣工, 全面完成, 基本完成) and "项目暂未完工" /
  "建设中的项目…" / "正在施工": the works are said done while the report describes them as
  still being built. Boilerplate about projects under construction is common in fund-management
  paragraphs, so this reading is an info.

The works reading stays silent where Q126 (completion-claim-vs-unfinished) already sets a
completion claim against 未完工/未竣工; it adds the other claims (已完工, 均已按时按量完成) and
states (正在施工, 在建项目, 建设中的项目). Neither reading takes a sentence that holds both
sides ("已完成的项目及时报账，建设中的项目预留资金" describes a mix, not a contradiction), a
negated or hypothetical state (不存在未完工, 如有未使用), nor a claim that is a plan (计划、确保、
力争…全部完成).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.checks.quality_common import Sentence, clip, sentences
from reviewer.checks.quality_completion import completion_vs_unfinished
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.forms import fold, folds_to_itself
from reviewer.models import Severity
from reviewer.regex import lazy

DONE_VS_UNFINISHED = rule(
    code="Q130",
    fix_zh="核实资金和建设的实际状态：未使用、未完工的部分如实说明金额、进度和原因，"
    "删除或改正“全部”“均已完成”等与之不符的表述。",
    name="done-vs-unfinished",
    kind="contradiction",
    severity=Severity.WARNING,
    family="quality",
    title_zh="称已全部完成，别处又称未完成",
    title_en="Said complete, while elsewhere the report says it is not",
    message_zh="报告称“{claim}”，但又称“{state}”：两处表述相互矛盾，请核实实际状态并说明原因",
    message_en="The report says '{claim}', but also '{state}': the two statements contradict "
    "each other; check the actual state and explain",
    variants={
        "works": (
            "报告称“{claim}”，但又称“{state}”：既说已经完成，又说仍在建设或尚未完工，"
            "请核实项目实际进度（若为套用的管理表述，请删除）",
            "The report says '{claim}', but also '{state}': the works are said done and still "
            "being built; check the actual progress (and drop the wording if it is boilerplate)",
        ),
    },
    what="Pairs a claim of completion with a statement of an unfinished state elsewhere in the "
    "report. Money: a claim that the funds were paid or used in full (全部/全额/全面 + 拨付, "
    "支付, 使用, 支出, 执行) and a sentence saying some funds were not used or paid in the year "
    "(当年未使用, 未拨付, 执行率0%) with no reason beside it: a warning. Works: a claim that the "
    "works or outputs are done (已竣工, 已完工, 均已完成, 全面完成, 基本完成) and a sentence "
    "describing them as unfinished (暂未完工, 尚在施工, 建设中的项目, 在建项目; not 尚未竣工, "
    "which finished works may await): an "
    "info, silent where Q126 already reports the works. A sentence holding both sides, a "
    "negated or hypothetical state, and a planned completion are not read.",
    why="Both statements cannot hold of the same money or works: either the completion is "
    "overstated or the unfinished part is left unexplained, and a reviewer asks which.",
    example="2.项目资金执行情况\n林业改革资金共120万元，已全面拨付使用。\n"
    "其中天然商品林管护补助资金30万元，当年未使用，预算执行率0%。",
    counterexample="2.项目资金执行情况\n林业改革资金共120万元，已全面拨付使用。\n"
    "其中天然商品林管护补助资金30万元，因任务次年下达，当年未使用，预算执行率0%。",
    fix="Check the actual state: give the amount, progress and reason of what is unused or "
    "unfinished, and drop or correct the 'all done' wording that contradicts it.",
)

_MONEY_CLAIM = lazy(
    r"(?<!没有)(?<!未)(?<!不)(?:全部|全额|全面|足额)(?:拨付|支付|使用|支出|执行)(?:使用|完毕|到位)?"
)
_MONEY_UNUSED = lazy(
    r"(?<![无不没])(?:当年|全年|本年|年内|均|仍|尚)?未(?:使用|支出|拨付|支付)(?=[，,。；;]|$)"
    r"|执行率(?:为|仅为?|是)?\s*0(?:\.0+)?\s*%"
)
_WORKS_CLAIM = lazy(
    r"(?<![未没不])(?:已|均已|已经|全部|全面)(?:竣工|完工|建成)"
    r"|(?:均已|已全部|全面|全部|基本)(?:按时按量|按期|按计划)?完成(?![^，,。；;]{0,4}(?:报账|拨付|支付))"
)
# Not 尚未竣工 or 未验收: works finished (完工) may await their acceptance (竣工验收).
_WORKS_UNFINISHED = lazy(
    r"(?:暂|尚|仍|还)未(?:完工|建成|完成建设|完成施工)|(?:正在|尚在|仍在|还在)(?:施工|建设)"
    r"|建设中的项目|在建项目|(?<![无不没])未完工"
)
# What every match of the two state patterns holds, whatever stands around it: a sentence can
# state no such state unless the (folded) text holds one of these somewhere.
_MONEY_UNUSED_CORE = lazy(r"未(?:使用|支出|拨付|支付)|执行率")
_WORKS_UNFINISHED_CORE = lazy(
    r"未(?:完工|建成|完成建设|完成施工)|在(?:施工|建设)|建设中的项目|在建项目"
)
_NEGATED = lazy(r"(?:无|没有|不存在|不涉及|如有|若有|如存在|若存在)[^，,。；;]{0,4}$")
_FUTURE = lazy(r"下一步|今后|明年|下年度|下一年度|将继续|继续加强|进一步加强")
_PLAN = lazy(r"计划|预计|确保|力争|争取|将于|拟|要求|目标")
_REASON = lazy(r"原因|由于|因为|因[^此]|导致|结转|次年|下年|滞后|延期")


Folded = list[tuple[Sentence, str]]  # each sentence with its folded text (fold() once)
Found = tuple[Sentence, int, int]  # a sentence and the match's offsets in its text


def _first(sents: Folded, claim_rx: re.Pattern[str]) -> Found | None:
    for s, text in sents:
        m = claim_rx.search(text)
        if m is None or _PLAN.search(text[: m.start()]):
            continue
        return s, m.start(), m.end()
    return None


def _states(sents: Folded, state_rx: re.Pattern[str]) -> Iterator[tuple[Found, str]]:
    for s, text in sents:
        if _FUTURE.search(text):
            continue  # next year's plans (下一步加强在建项目管理) describe no state of this year
        for m in state_rx.finditer(text):
            if _NEGATED.search(text[: m.start()]):
                continue
            yield (s, m.start(), m.end()), text
            break


def _pair(
    sents: Folded,
    claim_rx: re.Pattern[str],
    state_rx: re.Pattern[str],
    *,
    reasons_silence: bool,
) -> tuple[Found, Found] | None:
    # The claim is looked for in the sentences that state no such state: the same sentences
    # whichever state it is paired with, so they are found once (linear in the sentences).
    claim = _first([(s, t) for s, t in sents if not state_rx.search(t)], claim_rx)
    if claim is None:
        return None
    for state, text in _states(sents, state_rx):
        if reasons_silence and _REASON.search(text):
            continue
        return claim, state
    return None


_CLAUSE_END = lazy(r"[，,；;。]")
_SHORT = 12


def _clause(found: Found, n: int = 40) -> str:
    """The clause of the sentence that holds the match (with the clause before it when it is
    short: a bare "已全面拨付使用" takes the clause naming its fund), clipped to n characters."""
    s, a, b = found
    text = s.text
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, a)]
    close = _CLAUSE_END.search(text, b)
    hi = close.start() if close else len(text)
    lo = ends[-1] if ends else 0
    if hi - lo < _SHORT and ends:
        lo = ends[-2] if len(ends) >= 2 else 0
    return clip(text[lo:hi], n)


@check(DONE_VS_UNFINISHED)
def done_vs_unfinished(doc: Document) -> Iterator[Hit]:
    same = folds_to_itself(doc)
    folded = doc.norm if same else fold(doc.norm)
    money_may, works_may = _MONEY_UNUSED_CORE.search(folded), _WORKS_UNFINISHED_CORE.search(folded)
    if not money_may and not works_may:
        return  # no sentence can state money unused or works unfinished
    sents = [(s, s.text if same else fold(s.text)) for s in sentences(doc)]
    money = _pair(sents, _MONEY_CLAIM, _MONEY_UNUSED, reasons_silence=True) if money_may else None
    if money is not None:
        claim, state = money
        yield DONE_VS_UNFINISHED.hit(
            [(claim[0].start, claim[0].end), (state[0].start, state[0].end)],
            {"claim": _clause(claim), "state": _clause(state)},
        )
    if next(iter(completion_vs_unfinished(doc)), None) is not None:
        return  # Q126 reports the works' contradiction (a completion claim against 未完工)
    if not works_may:
        return
    works = _pair(sents, _WORKS_CLAIM, _WORKS_UNFINISHED, reasons_silence=False)
    if works is not None:
        claim, state = works
        yield DONE_VS_UNFINISHED.hit(
            [(claim[0].start, claim[0].end), (state[0].start, state[0].end)],
            {"claim": _clause(claim), "state": _clause(state)},
            severity=Severity.INFO,
            variant="works",
        )
