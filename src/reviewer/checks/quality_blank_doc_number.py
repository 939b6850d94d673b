"""Report quality, a document number left blank (Q200): an issuer's number whose serial or year
was never filled in (永财绩〔2024〕 号, 财预〔 〕12号, 湛财评[2018] 号) — the template's or the
draft's number kept where the notice's own number belongs."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.quality_common import grouped
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.report import is_chrome
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

BLANK_DOC_NUMBER = rule(
    code="Q200",
    fix_zh="补全所引文件的文号（年份和序号），或删去未确定的文号。",
    name="blank-document-number",
    kind="template_residue",
    severity=Severity.INFO,
    family="quality",
    title_zh="文号的年份或序号空缺",
    title_en="A document number with its year or serial left blank",
    message_zh="文号“{quote}”的{part_zh}空缺，是未填写的占位{times_zh}，所引文件无法查证",
    message_en="The document number '{quote}' has its {part_en} left blank, a placeholder never "
    "filled in{times_en}; the document cited cannot be traced",
    what="Finds an issuer's document number (an issuer's short name, then the year in 〔〕, [], "
    "【】 or (), then the serial and 号) whose serial is missing (〔2024〕 号, [2018]号, "
    "〔2024〕第 号) or whose year bracket is empty (〔 〕12号, 〔　〕　号), in simplified or "
    "traditional characters (號). A number written in full (〔2024〕 12号, [2024]5号, "
    "〔2022〕第15号), a number without an issuer (2024年第3号公告) and the web page's own "
    "索引号/文件编号 lines stay silent. One blank number is one finding with its count.",
    why="A number left blank shows the text was copied from a template or a draft and not "
    "finished; the notice the report answers cannot be looked up.",
    example="根据《关于开展绩效自评工作的通知》（永财绩〔2024〕 号）要求开展自评。",
    counterexample="根据《关于开展绩效自评工作的通知》（永财绩〔2024〕12号）要求开展自评。",
    fix="Fill in the cited document's year and serial, or drop a number not yet known.",
)

# An issuer's short name (up to five characters: 永财绩, 湛财评, 财预), a bracketed year or an
# empty bracket, then the serial (perhaps blank) and 号 — read on the simplified twin.
_NUMBER = lazy(
    r"(?<=[\u4e00-\u9fff])(?P<open>[〔\[［【(（])[ \t\u3000]*(?P<year>(?:19|20)\d{2})?"
    r"[ \t\u3000]*[〕\]］】)）][ \t\u3000]*(?:第[ \t\u3000]*)?(?P<serial>\d{1,5})?[ \t\u3000]*号"
)

# Words that cite a document, standing before the issuer's name: 根据, 依据, 按照, 参照, 见.
_CITING = lazy(r"(?:根据|依据|按照|参照|依照|遵照|详见|见)")


@check(BLANK_DOC_NUMBER)
def blank_doc_number(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    norm = doc.norm
    hits = []
    for m in _NUMBER.finditer(text):
        year, serial = m.group("year"), m.group("serial")
        if year and serial:
            continue
        if is_chrome(doc.line_at(m.start()).text):
            continue  # the web page's 索引号 or 文件编号, not the report's citation
        lo = m.start()
        while lo > 0 and lo > m.start() - 5 and "\u4e00" <= text[lo - 1] <= "\u9fff":
            lo -= 1  # the issuer's name: its characters right before the bracket
        lead = _CITING.match(text, lo, m.start())
        if lead is not None:
            lo = lead.end()  # 根据永财绩〔…: the citing verb is no part of the issuer
        if not year and not serial:
            part = ("年份和序号", "year and serial")
        elif not year:
            part = ("年份", "year")
        else:
            part = ("序号", "serial")
        quote = norm[lo : m.end()]
        hits.append(
            BLANK_DOC_NUMBER.hit(
                [(lo, m.end())],
                {"quote": quote, "part_zh": part[0], "part_en": part[1], "key": m.group()},
            )
        )
    yield from grouped(hits, lambda h: h.data["key"])
