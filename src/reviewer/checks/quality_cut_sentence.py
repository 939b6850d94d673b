"""Report quality, a sentence cut before its amount (Q204): a total handed to the unit whose
amount was pushed past a full stop (县财政共下达我中心。公共机构节能管理维护费9万元): the sentence
ends on the receiving unit, and the next one opens with the item and its amount."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

CUT_SENTENCE = rule(
    code="Q204",
    fix_zh="删去句中多余的句号，把金额接回原句（如“县财政共下达我中心公共机构节能管理维护费9万元”）。",
    name="cut-sentence",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="句子在金额前被句号截断",
    title_en="A sentence cut by a full stop before its amount",
    message_zh="“{quote}”中句号把句子截断：“{head}”没有说下达了多少，金额落在下一句",
    message_en="'{quote}' is cut by a full stop: '{head}' does not say how much, the amount "
    "falls into the next sentence",
    what="Finds a total handed to the unit (共/合计/累计/共计 + 下达/拨付/拨入/安排 + 我/本 + the "
    "unit: 中心, 局, 单位, 院, 校…) ended by a full stop, where the next sentence opens with an "
    "item and an amount within 30 characters. A sentence that says how much (共下达我局2批资金。) "
    "or hands the funds over in full (全额下达我局。) stays silent.",
    why="A full stop inside the sentence leaves the total without its amount; the reader "
    "cannot tell whether the next sentence's amount is the total or a part.",
    example="2023年县财政共下达我局。学生资助资金480万元，已全部发放。",
    counterexample="资助资金已由县财政全额下达我局。全年支出480万元。",
    fix="Remove the stray full stop so the total carries its amount.",
)

_CUT = lazy(
    r"(?P<head>(?:共计|合计|累计|共)(?:下达|拨付|拨入|安排|拨)(?:给)?(?:我|本)"
    r"(?:中心|局|单位|院|校|所|站|部门|委|办|馆|队|会|镇|乡|街道))\s*。"
    r"(?P<next>[^。\n\d]{2,30}?\d+(?:\.\d+)?\s*(?:万元|亿元|元))"
)

_YEAR = lazy(r"\s*(?:19|20)\d{2}\s*年度?")


@check(CUT_SENTENCE)
def cut_sentence(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    norm = doc.norm
    for m in _CUT.finditer(text):
        lo = m.start("head")
        while lo > 0 and m.start("head") - lo < 12 and text[lo - 1] not in "，,。；;：:\n":
            lo -= 1  # the clause's subject: 县财政共下达我中心
        year = _YEAR.match(text, lo, m.start("head"))
        if year is not None:
            lo = year.end()  # 2023年县财政…: the year is no part of the subject
        yield CUT_SENTENCE.hit(
            [(lo, m.end("next"))],
            {"quote": norm[lo : m.end("next")], "head": norm[lo : m.end("head")]},
        )
