"""A count of funded recipients against the list of recipients the report gives.

"补助王家庄村2万元、新路4万元、武家三组2万元、大汉坝村2万元" lists four recipients of one
sum (10万元); "10万元…主要用于补助3个村" elsewhere counts three. C004 reads every list of
two or more named recipients, each with its amount (…、…, one sentence), and every sentence
that counts the recipients of an amount (用于补助N个村, 安排N个乡镇, N个单位); when the
count's own sentence states an amount equal to the list's sum, the two describe the same
funds, and the count must be the number of items listed.

Silent when the counted sentence states no amount, when its amount is not the list's sum
(another allocation), or when the count equals the items listed. A warning: the list may hold
a recipient that is not of the counted kind (a 社区 among 村), which the report should then say.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.quality_common import stop_span
from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import find_money, find_quantities, fmt
from reviewer.regex import lazy

FUNDED_COUNT_MISMATCH = rule(
    code="C004",
    fix_zh="核对受补助对象的个数：所称个数应与列出的受补助对象（及其金额）一致；"
    "如列出的对象中有不属于该类的，请说明。",
    name="funded-count-vs-list",
    kind="count_mismatch",
    severity=Severity.WARNING,
    family="counts",
    title_zh="受补助对象个数与所列对象不符",
    title_en="A count of funded recipients the report's own list contradicts",
    message_zh="报告称“{claim}”，但同一笔资金{total}列出的受补助对象有 {k} 个（{items}），"
    "合计 {sum}，与所称 {n} 个不符",
    message_en="The report says '{claim}', but it lists {k} recipients of the same {total} "
    "({items}), {sum} in all, not {n}",
    what="Reads lists of two or more named recipients each with its amount "
    "(补助A村2万元、B村4万元…) and sentences that count the recipients of an amount "
    "(资金10万元用于补助3个村); when the counted sentence's amount equals the list's sum, "
    "compares the count with the items listed.",
    why="The count and the list describe the same money; when they differ, a recipient was "
    "added or dropped without a word, or the count is wrong.",
    example="补助甲村2万元、乙村4万元、丙村2万元、丁村2万元用于环境整治。\n"
    "10万元项目经费主要用于补助3个村开展环境整治工作。",
    counterexample="补助甲村2万元、乙村4万元、丙村2万元、丁村2万元用于环境整治。\n"
    "10万元项目经费主要用于补助4个村开展环境整治工作。",
    fix="Correct the count, or say which listed recipient is not of the counted kind.",
)

# A recipient with its amount: a name (no digits, no clause marks) right before 2万元.
_ITEM = lazy(r"(?P<name>[\u4e00-\u9fff]{2,20}?)(?P<amt>\d+(?:\.\d+)?\s*(?:万元|亿元|元))")
# A count of recipients: 补助3个村, 安排5个乡镇, 分配给4个单位.
_COUNT = lazy(
    r"(?:补助|安排|分配给?|下达(?:给|到)?|覆盖|支持|用于)[^。；;\n\d]{0,6}?"
    r"(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})个"
    r"(?P<noun>行政村|村|乡镇|乡|镇|社区|单位|学校|医院|企业|合作社|街道)"
)
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}
# The verb a list opens with is no part of its first recipient's name.
_LEAD = lazy(r"^(?:补助|安排|分配给?|下达(?:给|到)?|拨付(?:给)?|其中)")
_SENTENCE_END = "。；;\n"


# Not `numbers.parse_chinese_int`: of the 1,110 numerals _COUNT can capture (one to three of
# 一…九十), 110 read differently — it rejects 十十 or 十二三 ("twelve or thirteen"), which this
# reads as 10 and 12 — so switching would change findings.
def _cn(n: str) -> int:
    if n.isdigit():
        return int(n)
    if n == "十":
        return 10
    if n.startswith("十"):
        return 10 + _CN_DIGITS.get(n[1], 0)
    if "十" in n:
        tens, _, ones = n.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(n, -1)


def _lists(norm: str) -> Iterator[tuple[list[tuple[str, Decimal, int, int]], int, int]]:
    """Runs of two or more recipient items joined by 、 within one sentence."""
    run: list[tuple[str, Decimal, int, int]] = []
    last_end = -1
    for m in _ITEM.finditer(norm):
        amt = find_quantities(norm, m.start("amt"), m.end("amt"))
        if not amt or amt[0].dimension != "money":
            continue
        q = amt[0]
        joined = run and norm[last_end : m.start()].strip() == "、"
        if run and not joined:
            if len(run) >= 2:
                yield run, run[0][2], run[-1][3]
            run = []
        run.append((m.group("name"), q.base, m.start(), q.end))
        last_end = q.end
    if len(run) >= 2:
        yield run, run[0][2], run[-1][3]


@check(FUNDED_COUNT_MISMATCH)
def funded_count_vs_list(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "个" not in norm or "、" not in norm:
        return
    lists = list(_lists(norm))
    if not lists:
        return
    for c in _COUNT.finditer(norm):
        n = _cn(c.group("n"))
        if n < 1:
            continue
        s_lo, s_hi = stop_span(norm, _SENTENCE_END, c.start())
        money = find_money(norm, s_lo, s_hi)
        for items, l_lo, l_hi in lists:
            if l_lo <= c.start() < l_hi or len(items) == n:
                continue
            total = sum((b for _, b, _, _ in items), Decimal(0))
            same = next(
                (
                    q
                    for q in money
                    if abs(q.base - total) <= q.half_unit and not l_lo <= q.start < l_hi
                ),
                None,
            )
            if same is None:
                continue
            shown = "、".join(_LEAD.sub("", name) for name, _, _, _ in items[:4])
            yield FUNDED_COUNT_MISMATCH.hit(
                [(c.start(), c.end()), (l_lo, l_hi), (same.start, same.end)],
                {
                    "claim": norm[c.start() : c.end()],
                    "total": same.raw,
                    "k": len(items),
                    "items": shown + ("等" if len(items) > 4 else ""),
                    "sum": f"{fmt(total / 10000)}万元",
                    "n": n,
                },
            )
            break
