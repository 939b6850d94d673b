"""Report quality, a web site's name in the title (Q201): a mirror or a news portal that put its
own name before the report's title or in place of the unit's city (永安新闻网：…自评报告,
【…门户网】…报告, 来源：…网 …报告). The copy is not the issuing office's and its names may have
been replaced, so the unit evaluated is not certain."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.report import title_region
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

REPOST_PREFIX = rule(
    code="Q201",
    fix_zh="从原发布机关的网站取得报告原文，删去转载网站的名称，核对单位名称和地名。",
    name="repost-prefix",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="标题中夹有转载网站的名称",
    title_en="A web site's name inside the report's title",
    message_zh="标题“{quote}”中的“{site}”是转载网站的名称，不是报告原文{times_zh}；"
    "单位或地名可能已被替换，请以原发布机关的版本为准",
    message_en="The title '{quote}' holds '{site}', a web site's name, not the report's "
    "text{times_en}; the unit's or place's name may have been replaced: use the issuing "
    "office's version",
    what="Finds, in a title line of the report's opening (a line naming the 报告, up to 80 "
    "characters), a web site's name (a name ending in 网) put before a colon and the unit "
    "(…网：永安县…), in 【】 (【…网】…报告) or after 来源： (来源：…网 …报告); every "
    "place the same site name stands before a colon in the text is one finding. A network "
    "of pipes, power or roads (电网, 管网, 农网, 路网, 水网, 互联网…) and a page's "
    "信息来源 line with no title in it stay silent.",
    why="A title carrying a portal's name is a repost: the mirror may have replaced the unit's "
    "or city's name, so the report cannot be attributed or checked against the unit's own.",
    example="永安新闻网：永安县教育体育局2023年度学生资助项目支出绩效自评报告\n",
    counterexample="永安县教育体育局2023年度“互联网+教育”平台建设项目支出绩效自评报告\n"
    "信息来源：永安县人民政府网 发布时间：2024-03-20\n",
    fix="Take the report from the issuing office's own site and restore the replaced names.",
)

# A site's name: up to ten characters ending in 网, not a network of pipes, power, roads or
# the internet (电网, 管网, 互联网…).
_SITE = r"[\u4e00-\u9fffA-Za-z0-9]{1,10}?(?<![电管农水路联光热气渔球])网"
_PREFIXED = lazy(
    rf"(?P<a>{_SITE})\s*[:：](?=\s*[\u4e00-\u9fff])"
    rf"|[【\[]\s*(?P<b>{_SITE})\s*[】\]]"
    rf"|来源\s*[:：]\s*(?P<c>{_SITE})(?=\s)"
)
_REPORT = lazy(r"报告")
# A year before the site (2022年度中国体彩网:) belongs to the title, not to the name.
_YEAR_HEAD = lazy(r"^(?:\d{2,4}\s*)?(?:年度|年)")


@check(REPOST_PREFIX)
def repost_prefix(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    norm = doc.norm
    _, hi = title_region(doc)
    for line in doc.lines:
        if line.start >= hi:
            break
        body = text[line.start : line.end]
        if len(body.strip()) > 80 or not _REPORT.search(body):
            continue
        m = _PREFIXED.search(body)
        if m is None:
            continue
        key = "a" if m.group("a") else "b" if m.group("b") else "c"
        lo, end = line.start + m.start(key), line.start + m.end(key)
        head = _YEAR_HEAD.match(text, lo, end) if key == "a" else None
        if head is not None:
            lo = head.end()
        while lo < end and not ("\u4e00" <= text[lo] <= "\u9fff" or text[lo].isalnum()):
            lo += 1
        site = text[lo:end]
        if len(site) < 2:
            continue
        spans = [(line.start, line.end)]
        for other in rx.finditer(re.escape(site) + r"\s*[:：]", text):
            if not line.start <= other.start() < line.end:
                spans.append((other.start(), other.end()))
        n = len(spans)
        yield REPOST_PREFIX.hit(
            spans,
            {
                "quote": norm[line.start : line.end].strip(),
                "site": norm[lo:end],
                "count": n,
                "times_zh": f"（全文共{n}处）" if n > 1 else "",
                "times_en": f" ({n} places)" if n > 1 else "",
            },
        )
        return
