"""A quantity indicator reported in prose with no count.

"(1)数量指标\n100%及时、足额发放在册低保、特困…救助资金，达到应保尽保、应救尽救。": a
数量指标 is by definition a count (people helped, households, sites, sessions); a result that
gives only a rate and a slogan says how completely, not how many, so the output cannot be
checked against a target or against the money. Q131 is an info on the passage under a prose
数量指标 heading (a line of its own, or the heading's own sentence: 数量指标：…) when that passage
holds no count with its unit (1200户, 3所, 十二个) at all. Indicator tables are not read: their
rows have columns of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.checks.quality_common import clip
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

QUANTITY_WITHOUT_COUNT = rule(
    code="Q131",
    fix_zh="在数量指标下写明实际完成的数量（如救助人数、户数、场次），并与年初目标值对照。",
    name="quantity-without-count",
    kind="unsupported_claim",
    severity=Severity.INFO,
    family="quality",
    title_zh="数量指标没有给出任何数量",
    title_en="A quantity indicator reported with no count",
    message_zh="“数量指标”下只写了“{quote}”，没有任何实际数量（人数、户数、个数等），"
    "完成情况无从与目标或资金核对",
    message_en="Under 'quantity indicators' the report only says '{quote}': no count (people, "
    "households, items) is given, so the output cannot be checked against its target or the "
    "money",
    what="Reads the passage under a prose quantity-indicator heading ((1)数量指标, 数量指标：…) "
    "up to the next numbered heading; when it holds no count with its unit (1200户, 3所, "
    "十二个, 50万元) — only rates and words (100%, 应保尽保) — it reports an info. Table rows "
    "(cells split by | or tabs) are not read.",
    why="A quantity indicator is a count: a rate and a slogan say how completely something was "
    "done, not how much, and a reviewer cannot set them against the target or the money spent.",
    example="(1)数量指标\n100%及时、足额发放在册低保、特困人员救助资金，达到应保尽保、应救尽救。\n"
    "(2)质量指标\n救助资金发放准确率100%。",
    counterexample="(1)数量指标\n及时、足额发放低保、特困人员救助资金，共救助1280户2150人。\n"
    "(2)质量指标\n救助资金发放准确率100%。",
    fix="Give the counts actually delivered under the quantity indicator (people, households, "
    "sessions) next to their targets.",
)

_MARK = r"(?:[(（]?\d{1,2}[)）.、]|[(（][一二三四五六七八九十]{1,3}[)）]|[①-⑳])"
_HEADING = lazy(rf"^\s*{_MARK}?\s*数量指标(?:完成情况)?(?:分析)?\s*(?:[。:：]\s*(?P<rest>\S.*))?$")
_NEXT = lazy(rf"^\s*{_MARK}|^\s*[一二三四五六七八九十]{{1,3}}、")
_COUNT = lazy(
    r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千万两]+)\s*(?:余|多)?\s*"
    r"(?:万元|亿元|元|万人|个|人次|人|次|户|份|座|亩|公里|千米|米|吨|项|家|所|件|场|台|套|处|"
    r"名|村|批|斤|天|小时|平方米|立方米|㎡|盏|条|篇|期|册|辆|张|本|间|宗|类|株|头|只|公顷|"
    r"hm|km|m²|m³|kg|部|支|幅|块|组|班|棵|床|趟|单|节|课时|学时|万)"
)
_CLAUSE = lazy(r"[，,。；;]")
_MAX_LINES = 6


@check(QUANTITY_WITHOUT_COUNT)
def quantity_without_count(doc: Document) -> Iterator[Hit]:
    lines = doc.lines
    for ln in lines:
        if "数量指标" not in ln.text:
            continue
        head = _HEADING.match(ln.text)
        if head is None:
            continue
        body: list[tuple[int, int, str]] = []
        if head.group("rest"):
            body.append((ln.start + head.start("rest"), ln.end, head.group("rest")))
        else:
            for nxt in lines[ln.index + 1 : ln.index + 1 + _MAX_LINES]:
                if not nxt.stripped:
                    continue
                if _NEXT.match(nxt.text):
                    break
                body.append((nxt.start, nxt.end, nxt.text))
        if not body:
            continue
        text = " ".join(t for _a, _b, t in body)
        if "|" in text or "\t" in text or not _CLAUSE.search(text):
            continue  # a table's cells, or a bare name: not a prose result
        if _COUNT.search(text):
            continue
        lo = body[0][0] + len(body[0][2]) - len(body[0][2].lstrip())
        yield QUANTITY_WITHOUT_COUNT.hit([(lo, body[-1][1])], {"quote": clip(text)})
