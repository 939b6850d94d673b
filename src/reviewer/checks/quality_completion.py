"""Report quality, completion claimed while the report says the works are unfinished (Q126).

"本项目总体绩效目标为治理水土流失面积1429.39hm…20xx年实际基本完成。" and, two paragraphs on,
"(2)质量指标。项目暂未完工。": the report claims the goal met and says the project is not
finished. Q126 reads:

* the claim: 基本完成, 全面完成, 全部完成, 均已完成, 圆满完成 — not negated (未全部完成,
  没有全面完成 are admissions, not claims);
* the admission: 未完工 or 未竣工 (暂未, 尚未, 仍未 …) — not negated (不存在未完工, 无未竣工);
* both in the report, the claim first quoted, the admission as evidence.

A warning when the claim is whole (全面, 全部, 均已, 圆满); info for 基本完成, which leaves room
for unfinished works but still needs the admission reconciled with it.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.quality_common import clip, stop_span
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

COMPLETION_VS_UNFINISHED = rule(
    code="Q126",
    fix_zh="核实项目实际进度：未完工的，不应称目标已完成，应写明完成比例、未完工原因和预计完工时间。",
    name="completion-claim-vs-unfinished",
    kind="contradiction",
    severity=Severity.WARNING,
    family="quality",
    title_zh="称目标已完成，又称项目未完工",
    title_en="Completion claimed while the report says the works are unfinished",
    message_zh="报告称“{claim}”，但又称“{admission}”：完成情况与项目进度相互矛盾，应写明实际完成比例"
    "和未完工原因",
    message_en="The report claims '{claim}' yet says '{admission}': the completion claimed and the "
    "project's progress contradict each other; state the share done and why the works are "
    "unfinished",
    what="A completion claim (基本完成, 全面完成, 全部完成, 均已完成, 圆满完成, not negated) in a "
    "report that also says the works are unfinished (暂未完工, 尚未竣工 …, not negated). A "
    "warning for a whole claim; info for 基本完成. Without such works, the goals or tasks "
    "claimed met (年初绩效目标基本完成) while another sentence admits planned work not done or "
    "behind (工作计划未开展, 工程尚未开工, 进展缓慢, 进度滞后; not negated, not a later year's "
    "work): an info. Read in traditional characters too.",
    why="A goal reported met while the project is not finished overstates the result; the "
    "score and the indicator values built on it are in doubt.",
    example="二、绩效目标完成情况\n治理水土流失面积1429.39hm，目标全部完成。\n(2)质量指标。项目暂未完工。\n",
    counterexample="二、绩效目标完成情况\n治理水土流失面积1429.39hm，目标全部完成。\n"
    "(2)质量指标。项目已完工并通过验收，不存在未完工工程。\n",
    fix="Check the real progress: do not call the goal met while the works are unfinished; give "
    "the share done, the cause and the expected completion date.",
)

_CLAIM = lazy(
    r"(?P<neg>未|没有|尚未|不能|无法|不|难以)?(?P<claim>基本完成|全面完成|全部完成|均已完成|圆满完成)"
)
_ADMISSION = lazy(
    r"(?P<neg>不存在|无|没有|未发现|杜绝)?[^。；;，,\n]{0,4}?"
    r"(?P<adm>(?:暂|尚|仍|还|均|目前)?未(?:完工|竣工))"
)
# Every admission holds 未完工 / 未竣工 at most this far after its start (a negation of up to
# three characters, four others, 目前): the pattern is tried only that near them.
_ADMISSION_ANCHOR = lazy(r"(?=未(?:完工|竣工))")
_ADMISSION_REACH = 10
_STOPS = "。；;\n"


# The goals claimed met (年初绩效目标基本完成, 年度任务全部完成), and planned work admitted not done
# or behind (一些工作计划未开展, 项目进展缓慢), not negated (不存在…未开展的情况).
_GOAL_CLAIM = lazy(
    r"(?:目标|任务)[^。；;，,\n]{0,8}?(?<![未没不法以])(?P<claim>基本完成|全面完成|全部完成|均已完成|"
    r"圆满完成)"
)
_WORK_UNDONE = lazy(
    r"(?P<adm>(?:计划|工作|项目|任务|工程)[^。；;，,\n]{0,6}?(?:未开展|未实施|未启动|未完成|未能完成|"
    r"未开工)|(?:进展|进度|推进)(?:缓慢|滞后))"
)
_WORK_UNDONE_ANCHOR = lazy(r"(?=未开展|未实施|未启动|未完成|未能完成|未开工|缓慢|滞后)")
_NEXT_YEAR = lazy(r"下一?年度?|明年|下一步|拟建|拟于|计划于|将于")
_NEGATED = lazy(r"(?:不存在|没有|无|未发现|杜绝)[^。；;，,\n]{0,6}$")


def _goals_vs_work_undone(doc: Document) -> Iterator[Hit]:
    """The goals claimed met while the report admits planned work not done or behind: an info
    (基本完成 may allow for a little; the reader should be told what was not done)."""
    norm = doc.norm
    claim = next((m for m in _GOAL_CLAIM.finditer(norm)), None)
    if claim is None:
        return
    undone = rx.finditer_near(_WORK_UNDONE, norm, _WORK_UNDONE_ANCHOR, 12)
    admission = next(
        (m for m in undone if not _NEGATED.search(norm, max(0, m.start() - 10), m.start())),
        None,
    )
    if admission is None:
        return
    c_lo, c_hi = stop_span(norm, _STOPS, claim.start(), claim.end())
    a_lo, a_hi = stop_span(norm, _STOPS, admission.start("adm"), admission.end("adm"))
    if c_lo == a_lo:
        return  # one sentence holds both: it says which part is not done
    if _NEXT_YEAR.search(norm, a_lo, a_hi):
        return  # 下一年度新建项目尚未开工: work of a later year, not this year's goals
    yield COMPLETION_VS_UNFINISHED.hit(
        [(c_lo, c_hi), (a_lo, a_hi)],
        {"claim": clip(norm[c_lo:c_hi], 50), "admission": clip(norm[a_lo:a_hi], 50)},
        severity=Severity.INFO,
    )


@check(COMPLETION_VS_UNFINISHED)
def completion_vs_unfinished(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    admissions = rx.finditer_near(_ADMISSION, norm, _ADMISSION_ANCHOR, _ADMISSION_REACH)
    admission = next((m for m in admissions if not m.group("neg")), None)
    if admission is None:
        yield from _goals_vs_work_undone(doc)
        return
    claim = next((m for m in _CLAIM.finditer(norm) if not m.group("neg")), None)
    if claim is None:
        return
    c_lo, c_hi = stop_span(norm, _STOPS, claim.start("claim"), claim.end("claim"))
    a_lo, a_hi = stop_span(norm, _STOPS, admission.start("adm"), admission.end("adm"))
    whole = claim.group("claim") != "基本完成"
    yield COMPLETION_VS_UNFINISHED.hit(
        [(c_lo, c_hi), (a_lo, a_hi)],
        {
            "claim": clip(norm[c_lo:c_hi], 50),
            "admission": clip(norm[a_lo:a_hi], 50),
        },
        severity=Severity.WARNING if whole else Severity.INFO,
    )
