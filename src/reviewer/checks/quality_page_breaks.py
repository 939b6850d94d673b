"""Report quality, a page number inside a figure or a sentence (Q206): a published text whose
page breaks were flattened into it, so a page marker stands in the middle of an amount
(预算支出910.4 / 2、7万元: 910.47万元) or of a word (资金613万元,补 / 1 / 助情况: 补助)."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

PAGE_BREAK = rule(
    code="Q206",
    fix_zh="删去混入正文的页码，把被截断的数字或词语接回原处，并对照原件核对该数值。",
    name="page-break-inside",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="页码混入数字或句子中间",
    title_en="A page number inside a figure or a sentence",
    message_zh="“{quote}”被页码“{page}”截断{what_zh}，无法确定原文",
    message_en="'{quote}' is cut by the page number '{page}'{what_en}; the original cannot be "
    "read with certainty",
    what="Finds a page marker flattened into the text: a line that ends on a figure without "
    "its unit right after a word (预算支出910.4) and a next line that opens with a page "
    "number and 、 and goes on in digits (2、7万元); or a line of running text (15 characters "
    "or more) whose last clause is one to three characters after a comma (…613万元,补), a "
    "line holding only a number (1, -1-), and a line going on in running text (助情况:…). "
    "A table written one cell per line (short cells between numbers), a bare number after a "
    "table's bar or a letter (100OOO1), and a numbered item after a full sentence stay silent.",
    why="A page number inside an amount changes the figure (910.4 or 910.47?); inside a word "
    "it breaks the sentence: the text cannot be checked without the original.",
    example="XX年度预算支出910.4\n\n2、7万元,其中人员经费580.72万元。\n",
    counterexample="年度预算支出910.47万元。\n\n2、人员经费580.72万元。\n",
    fix="Remove the page numbers from the text and check the figure against the original.",
)

_IN_FIGURE = lazy(
    r"(?<=[\u4e00-\u9fff])(?P<head>\d+(?:\.\d+)?)[ \t]*\n(?:[ \t]*\n)*[ \t]*"
    r"(?P<page>\d{1,3}、)[ \t]*(?P<tail>\d[\d.]*\s*(?:万元|亿元|元|%|[\u4e00-\u9fff]))"
)
_IN_WORD = lazy(
    r"(?<=[^\n]{15})[，,；;][ \t]*(?P<head>[\u4e00-\u9fff]{1,3})[ \t]*\n(?:[ \t]*\n)*[ \t]*"
    r"(?P<page>(?:[-—]\s*)?\d{1,3}(?:\s*[-—])?)[ \t]*\n(?:[ \t]*\n)*[ \t]*"
    r"(?P<tail>[\u4e00-\u9fff][^\n]{20,})"
)


@check(PAGE_BREAK)
def page_breaks(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for m in _IN_FIGURE.finditer(norm):
        yield PAGE_BREAK.hit(
            [(m.start("head") - 4 if m.start("head") >= 4 else 0, m.end("tail"))],
            {
                "quote": norm[max(0, m.start("head") - 4) : m.end("tail")].replace("\n", " "),
                "page": m.group("page"),
                "what_zh": "，数字被拆成两段",
                "what_en": ", the figure split in two",
            },
        )
    for m in _IN_WORD.finditer(norm):
        tail_end = m.start("tail") + min(6, len(m.group("tail")))
        yield PAGE_BREAK.hit(
            [(m.start("head"), tail_end)],
            {
                "quote": " ".join(norm[m.start("head") : tail_end].split()),
                "page": m.group("page"),
                "what_zh": "，词语被拆到两页",
                "what_en": ", a word split over two pages",
            },
        )
