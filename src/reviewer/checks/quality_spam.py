"""Report quality, spam in the text: a mirror site that replaced words of the report (often the
unit's or the county's name) with a gambling site's name (澳门…_欧洲杯足球网-【投注官网平台】). Read
only where two or more distinct gambling-site words stand within a few characters of each other,
so a lottery fund's 彩票投注站 or a police report's 打击赌博 is never read."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.quality_common import grouped
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.document.script import simplified
from reviewer.models import Severity
from reviewer.regex import lazy

SPAM_TEXT = rule(
    code="Q113",
    fix_zh="从原发布机关的网站取得报告原文，核对被替换的单位名称和文字。",
    name="spam-text",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="正文被插入赌博网站广告文字",
    title_en="Gambling-site spam inserted into the text",
    message_zh="“{quote}”是赌博网站的广告文字，不是报告原文（常见于转载镜像站，替换了单位或地名）"
    "{times_zh}，被评价的单位无法确认，请以原发布机关的版本为准",
    message_en="'{quote}' is a gambling site's spam, not the report's text (mirror sites put it in "
    "place of the unit's or place's name){times_en}; the unit evaluated cannot be identified "
    "from this copy",
    what="Finds two or more distinct gambling-site words (投注, 博彩, 娱乐城, 百家乐, 足球网, "
    "官网平台, 真人娱乐, 老虎机, 澳门金沙, 太阳城, 葡京, and slot-game brands: pg电子, 电子游艺, "
    "财神) within 12 characters of each other; "
    "repeats are reported once with every place. A single such word (彩票投注站, 打击赌博) "
    "stays silent.",
    why="A copy whose unit or place names were replaced by spam cannot be attributed or "
    "checked against the unit's own figures.",
    example="澳门金沙城中心_欧洲杯足球网-【投注官网平台】2022年度林业改革发展资金绩效自评报告\n",
    counterexample="2022年度福利彩票公益金绩效自评报告：全县彩票投注站56个，资金足额到位。\n",
    fix="Take the report from the issuing office's own site and restore the replaced names.",
)

_WORD = lazy(
    r"投注|博彩|娱乐城|百家乐|足球网|官网平台|真人娱乐|老虎机|澳门金沙|太阳城|葡京|"
    r"(?i:pg)电子|电子游艺|财神"  # slot-game brands: pg电子…财神 (a PG slot's name)
)
_NEAR = 12


@check(SPAM_TEXT)
def spam_text(doc: Document) -> Iterator[Hit]:
    text = simplified(doc)
    norm = doc.norm
    hits = []
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        if len({w for _, _, w in run}) >= 2:
            lo, hi = run[0][0], run[-1][1]
            if hi < len(norm) and norm[hi] in "】]）)":
                hi += 1  # the bracket that closes the spam name
            hits.append(SPAM_TEXT.hit([(lo, hi)], {"quote": norm[lo:hi]}))

    for m in _WORD.finditer(text):
        if run and m.start() - run[-1][1] > _NEAR:
            close()
            run = []
        run.append((m.start(), m.end(), m.group()))
    if run:
        close()
    yield from grouped(hits, lambda h: "spam")
