"""Report quality, the goal copied as its result (Q208): a form's 预期目标 / 实际完成情况 block
whose completion column repeats the goal's numbered items word for word (1.坚持…推进普法 next to
1.坚持…推进普法): no result is reported, only the goal again."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

GOAL_AS_ACTUAL = rule(
    code="Q208",
    fix_zh="在实际完成情况栏写明本年实际完成的数量、质量、时效和效果，不要照抄预期目标。",
    name="goal-as-actual",
    kind="missing_actuals",
    severity=Severity.WARNING,
    family="quality",
    title_zh="实际完成情况照抄预期目标",
    title_en="The completion column repeats the goal",
    message_zh="预期目标与实际完成情况中的第{items}项文字完全相同（“{quote}”），"
    "实际完成情况只是照抄了目标，没有报告任何完成结果",
    message_en="The goal and completion columns hold item(s) {items} word for word ('{quote}'): "
    "the completion column copies the goal and reports no result",
    what="After a form's 预期目标 label followed by its completion label (实际完成情况, "
    "实际完成值), finds a numbered item (1.…, 2、…) whose first 15 characters, with no "
    "figure among them, stand again under the same number within 400 characters: the "
    "completion cell repeats the goal cell. An item with a figure (a quantified target met "
    "exactly: 完成培训12期) and items that differ stay silent. One block is one finding.",
    why="A completion column that copies the goal reports nothing; the indicator's score has "
    "no result behind it.",
    example="预期目标 实际完成情况 1.深入宣传贯彻法治思想，切实抓好重点法律普及工作 "
    "1.深入宣传贯彻法治思想，切实抓好重点法律普及工作\n",
    counterexample="预期目标 实际完成情况 1.深入宣传贯彻法治思想，切实抓好重点法律普及工作 "
    "1.开展法治宣传活动46场，发放资料1.2万份\n",
    fix="Report this year's results (quantity, quality, time, effect) in the completion column.",
)

_LABEL = lazy(r"预期目标[\s|]{0,6}(?:全年)?实际完成(?:情况|值)")
_ITEM = lazy(r"(?<![\d.])(?P<n>\d{1,2})\s*[.、．]\s*(?P<text>[^\d\n|]{15})")
_WINDOW = 2500
_NEAR = 400


@check(GOAL_AS_ACTUAL)
def goal_as_actual(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    norm = doc.norm
    for label in _LABEL.finditer(text):
        items = [
            (m.group("n"), rx.sub(r"\s", "", m.group("text")), m.start(), m.end())
            for m in _ITEM.finditer(text, label.end(), min(len(text), label.end() + _WINDOW))
        ]
        spans: list[tuple[int, int]] = []
        numbers: list[str] = []
        quote = ""
        for i, (n, words, lo, hi) in enumerate(items):
            for n2, words2, lo2, hi2 in items[i + 1 :]:
                if lo2 - lo > _NEAR:
                    break
                if n == n2 and words == words2 and n not in numbers:
                    numbers.append(n)
                    spans += [(lo2, hi2), (lo, hi)]
                    quote = quote or norm[lo:hi]
        if spans:
            yield GOAL_AS_ACTUAL.hit(
                spans, {"items": "、".join(numbers), "quote": " ".join(quote.split())}
            )
