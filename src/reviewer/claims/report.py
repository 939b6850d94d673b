"""What the report says about itself: its title, and the one reading of the year it evaluates.

`stated_year` is the year the title (2024年度…报告, 2018绩效评价…) or the opening sentence
(现将2022年…绩效自评报告如下) names; `evaluated_year` is that year, or else the year the text
names most often (the later one on a tie). Every check that needs the report's year reads one of
the two: the quality checks that judge dates and stale text against the year (Q013, Q040 …)
read `stated_year` only, so that a report which never states its year draws no finding from a
guess; the arithmetic readings (growth, percentage points, which facts are this year's) and the
report's meta read `evaluated_year`.
"""

from __future__ import annotations

from collections import Counter

from reviewer import regex as rx
from reviewer.claims.sections import sections
from reviewer.document import Document
from reviewer.regex import lazy

_YEAR = lazy(r"(20\d{2})\s*年度?")


def title_region(doc: Document) -> tuple[int, int]:
    """From the start of the text to the first level-1 heading (or the first 400 characters)."""
    first = next((s.start for s in sections(doc) if s.level <= 1), None)
    end = first if first is not None else min(len(doc.norm), 400)
    return 0, min(end, 600)


def report_title(doc: Document) -> tuple[int, int, str] | None:
    """The line in the title region that names the report (…报告), if any."""
    lo, hi = title_region(doc)
    for line in doc.lines:
        if line.start >= hi:
            break
        if line.start < lo:
            continue
        t = line.text.strip()
        if len(t) <= 80 and _REPORT.search(t) and not _CHROME.search(t):
            if _NOT_TITLE.search(t):
                continue
            return line.start, line.end, t
    return None


def is_chrome(line: str) -> bool:
    """Whether a line belongs to the web page around the report (breadcrumbs, 索引号, 发布日期,
    links to other pages, a document-sharing site's 上传人/文档编号), not to the report."""
    return bool(_CHROME.search(line))


# 报告, also in traditional characters (報告) and with a web mirror's pinyin gloss: 報(bào)告.
_REPORT = lazy(r"[报報](?:[(（][a-zA-Z\u00e0-\u00fc\u0101-\u01dc]{1,7}[)）])?告")
# An opening sentence, not a title: 根据…, 现将…报告如下：
# nor the form's 报告日期 field.
_NOT_TITLE = lazy(r"^(?:根据|按照|依据|为)|如下\s*[:：]?$|^[报報]告(?:日期|时间|時間)")
# A web page's own lines: breadcrumbs, metadata, links to other pages.
_CHROME = lazy(
    r"当前位置|您的位置|现在位置|首页\s*[>＞/]|[>＞]\s*\S+\s*[>＞]|上一篇|下一篇|索引号|发布机构|"
    r"发布日期|发布时间|(?:^|\s)来源\s*[:：]|浏览[量次]?[:：]|相关(?:链接|阅读|文章)|"
    r"上传人\s*[:：]|文档编号\s*[:：]|上传时间\s*[:：]"
)


def stated_year(doc: Document) -> int | None:
    """The fiscal year the report says it evaluates, read from its title (2024年度…报告,
    2018绩效评价…), or else from the opening sentence that announces the report
    (现将2022年…绩效自评报告如下, 现已完成…2022年…自评), outside a cited document's title 《…》
    or number 〔…〕; None when neither states it."""

    def build(d: Document) -> int | None:
        title = report_title(d)
        if title is not None:
            cited_t = [(c.start(), c.end()) for c in _CITED.finditer(title[2])]
            for pat in (_YEAR, _BARE_YEAR):
                for m in pat.finditer(title[2]):
                    if not any(a <= m.start() < b for a, b in cited_t):
                        return int(m.group(1))
        opening = d.norm[: min(len(d.norm), 800)]
        cited = [(m.start(), m.end()) for m in _CITED.finditer(opening)]
        for m in _OPENING_YEAR.finditer(opening):
            if not any(a <= m.start() < b for a, b in cited):
                return int(m.group(1))
        return None

    return doc.cached("stated_year", build)


# A year written without 年 in a title: 2018绩效评价自评报告.
_BARE_YEAR = lazy(r"(?<![\d〔\[(（])(20\d{2})(?![\d〕\]）)号])")
# A cited document's title or number, whose year is not the evaluated one.
_CITED = lazy(r"《[^》]{0,80}》|[〔\[(（]\s*20\d{2}\s*[〕\])）]")
_OPENING_YEAR = lazy(
    r"(?:现将|现已完成|已完成)[^。；;\n]{0,30}?(20\d{2})\s*年度?"
    r"(?=[^。；;\n]{0,60}?(?:绩效|自评|评价)[^。；;\n]{0,20}?(?:报告|情况|工作)?(?:如下|$|[,，。]))"
)


def evaluated_year(doc: Document) -> int | None:
    """The fiscal year the report evaluates: the stated year, or else the year the text names
    most often (the later one on a tie); None when no year is written."""

    def build(d: Document) -> int | None:
        year = stated_year(d)
        if year is not None:
            return year
        years = Counter(int(y) for y in rx.findall(r"(20\d\d)年", d.norm))
        if not years:
            return None
        top = max(years.values())
        return max(y for y, n in years.items() if n == top)

    return doc.cached("evaluated_year", build)
