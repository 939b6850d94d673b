"""Report quality, a document received or passed on before it was issued: a dated receipt of a
cited document whose number carries a later year (2012年6月14日,收到《…》(财建〔2022〕153号))."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

BEFORE_ISSUED = rule(
    code="Q149",
    fix_zh="核对收到或下达文件的日期，改正年份（文件文号中的年份即发文年份）。",
    name="received-before-issued",
    kind="contradiction",
    severity=Severity.WARNING,
    family="quality",
    title_zh="收到或下达文件的日期早于文件的发文年份",
    title_en="A document received or passed on before the year it was issued",
    message_zh="“{quote}”：{year}年就{verb}了文号为〔{doc_year}〕的文件，早于其发文年份，日期有误",
    message_en="'{quote}': a document numbered 〔{doc_year}〕 was {verb_en} in {year}, before the "
    "year it was issued; the date is wrong",
    what="Finds a dated clause (2012年6月14日, 2021年8月) followed in the same sentence by "
    "收到/接到 (received) or 印发/下达/转发/下发 (passed on) and a cited document whose number "
    "carries a later year (〔2022〕153号): a document cannot be received or passed on before the "
    "year in its own number. A receipt is a warning; the other verbs, whose date may belong "
    "to another step, are info. The year of the funds in a title (提前下达2023年…) is not read: "
    "funds are often handed down the year before.",
    why="A wrong year in the chronology of the funds makes the timeline of allocation and use "
    "impossible to check.",
    example="2012年6月14日,广西收到《财政部关于下达2022年服务业发展资金预算的通知》(财建〔2022〕153号)。",
    counterexample="2022年6月14日,广西收到《财政部关于提前下达2023年服务业发展资金预算的通知》"
    "(财建〔2022〕153号)。",
    fix="Check the date of receipt or hand-down and correct its year (a document number's year "
    "is the year of issue).",
    variants={
        "passed": (
            "“{quote}”：{year}年就{verb}了文号为〔{doc_year}〕的文件，早于其发文年份，请核对日期",
            "'{quote}': a document numbered 〔{doc_year}〕 was {verb_en} in {year}, before the "
            "year it was issued; check the date",
        ),
    },
)

_DATED_RECEIPT = lazy(
    r"(?P<y>(?:19|20)\d\d)\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    r"[^。；;\n]{0,30}?(?P<verb>收到|接到|印发|下达|转发|下发)"
    r"[^。；;\n]{0,120}?[〔\[【(（](?P<d>20\d\d)[〕\]】)）]"
)
_VERB_EN = {
    "收到": "received",
    "接到": "received",
    "印发": "issued on",
    "下达": "passed on",
    "转发": "forwarded",
    "下发": "passed on",
}


@check(BEFORE_ISSUED)
def received_before_issued(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for m in _DATED_RECEIPT.finditer(norm):
        year, doc_year = int(m.group("y")), int(m.group("d"))
        if doc_year <= year:
            continue
        verb = m.group("verb")
        received = verb in ("收到", "接到")
        quote = norm[m.start() : min(m.end("verb") + 12, m.end())]
        yield BEFORE_ISSUED.hit(
            [(m.start(), m.end("verb")), (m.start("d"), m.end("d"))],
            {
                "quote": quote,
                "year": year,
                "doc_year": doc_year,
                "verb": verb,
                "verb_en": _VERB_EN[verb],
            },
            severity=None if received else Severity.INFO,
            variant=None if received else "passed",
        )
