"""Money said to be paid (spent, received) in full, and a smaller amount paid stated nearby.

"乡村振兴衔接资金2179万元目前已全部拨付" in one paragraph and "项目资金共2179万元，…已完成拨付
2113.63万元" in the next describe the same money twice: either it was all paid or it was not.
The claim (全部/全额/足额 + 拨付, 支付, 到位, 支出, 使用, 发放, 兑付) is read with the money figure
of its clause; a statement "已(完成)拨付 Y万元" with a verb of the same kind, within a few
paragraphs, whose paragraph also states the claimed amount X (the same fund), and with Y below
X beyond rounding, is the contradiction. A stated cut-off date ("截至12月8日") may explain it,
so the finding is a warning and names the date.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.amounts import rounding
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_money, fmt
from reviewer.regex import lazy

ALL_PAID_BUT_PARTIAL = rule(
    code="D002",
    fix_zh="核实资金实际拨付（支出、到位）金额，删除“全部”“全额”等表述或更正金额，并注明统计截止日期。",
    name="all-paid-but-partial",
    kind="contradiction",
    severity=Severity.WARNING,
    family="consistency",
    title_zh="称资金已全部拨付，别处金额却不足",
    title_en="Money said to be paid in full, while a smaller amount paid is stated nearby",
    message_zh="称{amount}“{claim}”，但第{other_line}行称{verb}{paid}（占 {share}%）{note}",
    message_en="The report says {amount} was {claim_en} in full, but line {other_line} states "
    "{paid} {verb_en} ({share}%){note_en}",
    what="Reads a claim that an amount was paid, spent or received in full (全部拨付, 全额到位, "
    "足额支出 …) and looks, within a few paragraphs, for a statement of the amount actually "
    "paid (已拨付 Y万元) in a paragraph that names the same amount; Y below it contradicts the "
    "claim.",
    why="'All paid' is a claim reviewers check against the execution figures; a report that "
    "also gives a smaller paid amount needs one of the two corrected or the date explained.",
    example="乡村振兴衔接资金2179万元目前已全部拨付。\n项目资金共2179万元，截止12月8日，"
    "已完成拨付2113.63万元。",
    counterexample="乡村振兴衔接资金2179万元目前已全部拨付。\n项目资金共2179万元，"
    "已完成拨付2179万元，执行率100%。",
    fix="Check the amount actually paid; drop 全部/全额 or correct the figure, and give the "
    "cut-off date of each figure.",
)

_ALL_CLAIM = lazy(
    r"(?:全部|全额|足额)(?:拨付到位|拨付|支付|兑付|发放|到位|支出|使用|执行)(?:完毕)?"
)
_PAID = lazy(
    r"(?:已(?:完成|经)?|累计|实际)(拨付|支付|兑付|发放|到位|支出|使用|执行)(?:资金|金额)?"
    r"(?:为|达|共计?)?\s*$"
)
_KINDS = {
    "拨付": "pay",
    "支付": "pay",
    "兑付": "pay",
    "发放": "pay",
    "到位": "arrive",
    "支出": "spend",
    "使用": "spend",
    "执行": "spend",
}
_DATE = lazy(r"(?:截止|截至|截止到|截至到)[^，,。；;]{2,14}?(?:日|月底|月末|底)")
_WINDOW = 3  # paragraphs after (and before) the claim


class _Para(NamedTuple):
    start: int
    end: int


def _paragraphs(norm: str) -> list[_Para]:
    out: list[_Para] = []
    pos = 0
    while pos < len(norm):
        end = norm.find("\n", pos)
        end = len(norm) if end < 0 else end
        if norm[pos:end].strip():
            out.append(_Para(pos, end))
        pos = end + 1
    return out


def _verb_kind(text: str) -> str:
    return next((k for v, k in _KINDS.items() if v in text), "")


def _claimed(norm: str, para: _Para) -> Iterator[tuple[Quantity, str, tuple[int, int]]]:
    """(amount, verb kind, claim span) for each 'paid in full' claim of a paragraph."""
    for m in _ALL_CLAIM.finditer(norm, para.start, para.end):
        s = max(para.start, max(norm.rfind(c, para.start, m.start()) for c in "。；;") + 1)
        before = [q for q in find_money(norm, s, m.start()) if m.start() - q.end <= 20]
        after = [q for q in find_money(norm, m.end(), min(para.end, m.end() + 6))]
        amounts = before[-1:] or after[:1]
        if amounts:
            yield amounts[0], _verb_kind(m.group()), (m.start(), m.end())


@check(ALL_PAID_BUT_PARTIAL)
def all_paid(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    claims = [m.start() for m in _ALL_CLAIM.finditer(norm)]  # a claim never spans a line
    if not claims:
        return
    paras = _paragraphs(norm)
    starts = [p.start for p in paras]
    # Only the paragraphs holding a claim are read (one search of the text, not one a line).
    for i in sorted({bisect.bisect_right(starts, pos) - 1 for pos in claims}):
        para = paras[i]
        for amount, kind, claim in _claimed(norm, para):
            if not kind:
                continue
            for other in paras[max(0, i - _WINDOW) : i + _WINDOW + 1]:
                hit = _against(doc, amount, kind, claim, other)
                if hit is not None:
                    yield hit
                    break


def _against(
    doc: Document, amount: Quantity, kind: str, claim: tuple[int, int], para: _Para
) -> Hit | None:
    norm = doc.norm
    figures = find_money(norm, para.start, para.end)
    tol = doc.tolerances.extra("money")
    same_fund = [
        q
        for q in figures
        if q.start != amount.start and abs(q.base - amount.base) <= rounding([q, amount]) + tol
    ]
    if not same_fund:
        return None
    paid = []
    for q in figures:
        m = _PAID.search(norm, max(para.start, q.start - 16), q.start)
        if m is not None and _KINDS[m.group(1)] == kind and q not in same_fund:
            paid.append((q, m))
    if len(paid) != 1:
        return None  # "已拨付县直500万元，已拨付乡镇1679万元": parts of the whole, not a shortfall
    for q, m in paid:
        if rx.search(r"其中|包括|分别", norm[max(para.start, q.start - 30) : m.start()]):
            continue  # a part of the amount, not all that was paid
        if amount.base - q.base <= rounding([q, amount]) + tol:
            continue
        if claim[0] <= q.start < claim[1] + 10:
            continue
        sentence_start = max(norm.rfind(c, para.start, q.start) for c in "。；;\n") + 1
        date = _DATE.search(norm, max(para.start, sentence_start), q.start)
        line, _ = doc.line_col(q.start)
        return ALL_PAID_BUT_PARTIAL.hit(
            [(amount.start, claim[1]), (m.start(), q.end)],
            {
                "amount": amount.raw.replace(" ", ""),
                "claim": norm[claim[0] : claim[1]],
                "claim_en": {"pay": "paid", "arrive": "received", "spend": "spent"}[kind],
                "verb": m.group().strip(),
                "verb_en": {"pay": "paid", "arrive": "received", "spend": "spent"}[kind],
                "paid": q.raw.replace(" ", ""),
                "share": fmt(q.base / amount.base * 100, 2),
                "other_line": line,
                "note": f"；后者为“{date.group()}”的数，若其后已拨付完毕请注明" if date else "",
                "note_en": f"; the latter is as of '{date.group()}'" if date else "",
            },
        )
    return None
