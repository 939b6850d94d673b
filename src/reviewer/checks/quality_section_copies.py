"""Report quality, a section pasted into its sibling: the same long sentence, without a figure,
written word for word under two sibling headings of one level ((一)中央下达… and (二)省内…):
two parts meant to describe different funds or years describe them with one text."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.quality_common import sentences
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.sections import Section, section_path
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

SECTION_COPY = rule(
    code="Q112",
    fix_zh="按各部分的实际内容分别撰写；确属相同的内容，注明“同上”或合并说明。",
    name="section-copy",
    kind="copy_paste",
    severity=Severity.INFO,
    family="quality",
    title_zh="两个并列部分的内容逐字相同",
    title_en="Two sibling sections share a sentence word for word",
    message_zh="“{quote}”在“{first}”和“{second}”下逐字重复{more_zh}，两部分本应分别说明"
    "各自的资金或目标，疑为复制粘贴",
    message_en="'{quote}' is written word for word under both '{first}' and '{second}'"
    "{more_en}: parts meant to describe different funds or goals share one text, likely a "
    "paste",
    what="Finds a sentence of 30 or more characters with no figure that stands word for word "
    "(quotation marks and spaces aside) under two sibling headings of the same level with "
    "different titles; one finding per pair of sections, with every shared sentence.",
    why="Sibling parts (central and provincial funds, two projects, two years) describe "
    "different things; a text pasted from one into the other says nothing about the second.",
    example="(一)中央资金情况\n此款资金主要用于城乡低保、特困供养、临时救助及流浪乞讨人员救助补助支出。\n"
    "(二)省级资金情况\n此款资金主要用于城乡低保、特困供养、临时救助及流浪乞讨人员救助补助支出。\n",
    counterexample="(一)中央资金情况\n此款资金主要用于城乡低保、特困供养、临时救助及流浪乞讨人员救助补助支出。\n"
    "(二)省级资金情况\n此款资金主要用于困难残疾人生活补贴、重度残疾人护理补贴及孤儿基本生活保障支出。\n",
    fix="Describe each part on its own; where the content really is the same, say so once.",
)

_MIN_CHARS = 30
_IGNORED = lazy(r"[\s“”\"'‘’「」『』]+")
_DIGIT = lazy(r"\d")
_CJK = lazy(r"[\u4e00-\u9fff]")


def _leaf(doc: Document, offset: int) -> Section | None:
    path = section_path(doc, offset)
    return path[-1] if path else None


@check(SECTION_COPY)
def section_copy(doc: Document) -> Iterator[Hit]:
    seen: dict[str, tuple[int, int, Section | None]] = {}
    pairs: dict[tuple[int, int], list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    secs: dict[int, Section] = {}
    for s in sentences(doc):
        text = s.text
        if len(text) < _MIN_CHARS or _DIGIT.search(text):
            continue
        key = _IGNORED.sub("", text).rstrip("。；;")
        if len(_CJK.findall(key)) < _MIN_CHARS:
            continue
        sec = _leaf(doc, s.start)
        if key not in seen:
            seen[key] = (s.start, s.end, sec)
            continue
        a0, a1, first = seen[key]
        if first is None or sec is None or first.start == sec.start:
            continue
        if first.level != sec.level or first.title == sec.title:
            continue
        if _parent_start(doc, first) != _parent_start(doc, sec):
            continue  # not siblings
        secs[first.start], secs[sec.start] = first, sec
        pairs.setdefault((first.start, sec.start), []).append(((a0, a1), (s.start, s.end)))
    norm = doc.norm
    for (fa, fb), shared in pairs.items():
        first, second = secs[fa], secs[fb]
        spans = [span for pair in shared for span in pair]
        quote = norm[shared[0][0][0] : shared[0][0][1]]
        more = len(shared) - 1
        yield SECTION_COPY.hit(
            spans,
            {
                "quote": quote if len(quote) <= 40 else quote[:39] + "…",
                "first": first.title,
                "second": second.title,
                "more_zh": f"（另有{more}句同样重复）" if more else "",
                "more_en": f" ({more} more sentence(s) likewise)" if more else "",
            },
        )


def _parent_start(doc: Document, s: Section) -> int:
    path = section_path(doc, s.start)
    return path[-2].start if len(path) >= 2 else -1
