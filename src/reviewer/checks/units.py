"""A 万元 unit note over amounts that are plainly in 元.

Forms head their funds block "项目资金（万元）" or note "单位：万元", then fill it with figures
copied from an accounting system in 元: "145000000.00" would be 1.45 万亿元 for a town's project. A
figure with eight or more digits before the decimal point under a 万元 note reads as at least
1,000 亿元 (warning); seven digits, 100 亿元 (info: a large province may spend that much). A
figure the report also states in 万元 (its value ÷ 10,000) settles it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.checks.registry import Hit, check, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import find_quantities, fmt
from reviewer.regex import lazy

UNIT_HEADER_MISMATCH = rule(
    code="Q040",
    fix_zh="核对表中金额的单位：若为元，请改正表头单位或将金额折算为万元。",
    name="unit-header-mismatch",
    kind="unit_mismatch",
    severity=Severity.WARNING,
    family="quality",
    title_zh="金额单位与表头不符",
    title_en="Amounts under a 万元 header look like 元",
    message_zh="“{header}”注明单位为万元，其下金额 {raw} 按万元为 {as_yi}亿元，"
    "按元为 {as_wan}万元，更可能以元为单位{note_zh}（此块共 {n} 个此类金额）",
    message_en="'{header}' says 万元, but {raw} below it would be {as_yi} 亿元 in 万元 and "
    "{as_wan} 万元 in 元: it is more likely in 元{note_en} ({n} such amounts in this block)",
    what="Reads the block under a 万元 unit note (项目资金（万元）, 单位：万元) and flags figures "
    "with seven or more digits before the decimal point, which in 万元 would be 100 亿元 or more.",
    why="An amount read in the wrong unit is off by 10,000; every rate or total built on it, "
    "and any reader comparing it with the prose, goes wrong.",
    example="项目资金（万元） 年初预算数 全年预算数 全年执行数\n年度资金总额 145000000.00 "
    "145000000.00 145000000.00",
    counterexample="项目资金（万元） 年初预算数 全年预算数 全年执行数\n年度资金总额 14500.00 "
    "14500.00 14500.00",
    fix="Check the unit of the amounts: if they are in 元, correct the header or convert them "
    "to 万元.",
)

_WAN_HEADER = lazy(r"(?:金额)?单位[ \t]*[:：][ \t]*万元|[(（][ \t]*万元[ \t]*[)）]")
_OTHER_HEADER = lazy(
    r"(?:金额)?单位[ \t]*[:：][ \t]*(?:元|亿元|千元)|[(（][ \t]*(?:元|亿元|千元)[ \t]*[)）]"
)
# Seven or more integer digits, cents optional; glued figures ("145000000.00145000000.00") split
# after their two decimals.
_BIG = lazy(
    r"(?:(?<![\d.\-/A-Za-z:：#])|(?<=\.\d\d))\d{7,}"
    r"(?:\.\d{2}(?![\-/A-Za-z])|(?![\d.\-/A-Za-z]))"
)
# Not an amount: a date (20240325), a mobile number, a code.
_NOT_AMOUNT = lazy(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])|1[3-9]\d{9}")
_BLOCK_LINES = 15


@check(UNIT_HEADER_MISMATCH)
def unit_header_mismatch(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if not _WAN_HEADER.search(norm):
        return
    lines = doc.lines
    wan_amounts = {
        q.base for q in find_quantities(norm) if q.unit == "万元" and q.base >= 10_000 * 100
    }
    done: set[int] = set()
    for header in _WAN_HEADER.finditer(norm):
        i = doc.line_col(header.start())[0] - 1
        if i in done:
            continue  # one block per header line
        done.add(i)
        ln = lines[i]
        block_end = ln.end
        for nxt in lines[i + 1 : i + 1 + _BLOCK_LINES]:
            if _WAN_HEADER.search(norm, nxt.start, nxt.end) or _OTHER_HEADER.search(
                norm, nxt.start, nxt.end
            ):
                break
            if not nxt.text.strip():
                break
            block_end = nxt.end
        big = [
            m
            for m in _BIG.finditer(norm, header.end(), block_end)
            if not _amount_with_unit(norm, m.end())
            and not _NOT_AMOUNT.fullmatch(m.group())
            and not _glued(norm, m.start(), m.end())
        ]
        if not big:
            continue
        first = max(big, key=lambda m: len(m.group().split(".")[0]))
        value = Decimal(first.group())
        digits = len(first.group().split(".")[0])
        in_prose = value in wan_amounts
        severity = Severity.WARNING if digits >= 8 or in_prose else Severity.INFO
        note_zh = note_en = ""
        if in_prose:
            note_zh = f"（报告另处写作 {fmt(value / 10000)}万元）"
            note_en = f" (the report states {fmt(value / 10000)} 万元 elsewhere)"
        yield UNIT_HEADER_MISMATCH.hit(
            [(first.start(), first.end()), (header.start(), header.end())],
            {
                "header": doc.text[ln.start : header.end()].strip()[-30:],
                "raw": first.group(),
                "as_yi": fmt((value / 10_000).quantize(Decimal("0.01"))),
                "as_wan": fmt((value / 10_000).quantize(Decimal("0.01"))),
                "n": len(big),
                "note_zh": note_zh,
                "note_en": note_en,
            },
            severity=severity,
        )


# A figure that is not an amount by its neighbours: a phone number after its label (联系电话
# 6613535), digits run into a date (16300011月: the 11 is the month).
_PHONE_LABEL = lazy(r"(?:电话|手机|传真|座机|联系方式|Tel|TEL)[^\d\n]{0,6}$")
_DATE_AFTER = lazy(r"[年月日号]")


_PHONE_WORD = lazy(r"电话|手机|传真|座机|联系方式")
# How far a cover's cells run together may carry a phone number from its label.
_PHONE_REACH = 60


def _glued(norm: str, start: int, end: int) -> bool:
    """Whether the figure norm[start:end] is glued to a neighbour that makes it no amount."""
    if _PHONE_LABEL.search(norm, max(0, start - 12), start):
        return True
    whole = "." not in norm[start:end]
    if whole and end - start <= 8:
        # a landline-length whole number (7-8 digits) with a phone label near it on its line:
        # cover cells run together (项目负责人 … 6613535 … 联系电话) detach a number from its label
        lo = max(norm.rfind("\n", 0, start) + 1, start - _PHONE_REACH)
        hi = norm.find("\n", end)
        hi = min(hi if hi >= 0 else len(norm), end + _PHONE_REACH)
        if _PHONE_WORD.search(norm, lo, hi):
            return True
    return whole and bool(_DATE_AFTER.match(norm, end))


def _amount_with_unit(norm: str, end: int) -> bool:
    """A figure with its own unit written after it (元, 万元, 人 …) is not read by the header."""
    after = norm[end : end + 3].lstrip()
    return bool(after) and after[0] in "元万亿千%人个户次"


SMALL_FUND_AMOUNT = rule(
    code="Q041",
    fix_zh="核对该金额的单位：若为万元，请补写“万”；若确为元，请说明。",
    name="fund-amount-in-yuan-too-small",
    kind="unit_mismatch",
    severity=Severity.WARNING,
    family="quality",
    title_zh="项目资金以元计却不足百元，疑漏写“万”",
    title_en="A fund amount in 元 under 100: most likely 万元 with 万 left out",
    message_zh="“{quote}”作为项目资金只有 {value}元，明显偏小，疑为“{value}万元”漏写“万”"
    "（按万元为 {as_yuan}元）；请核对单位",
    message_en="'{quote}' gives the funds as {value} 元, far too little for a project: most "
    "likely {value} 万元 with 万 left out ({as_yuan} 元)",
    what="Reads amounts written in 元 (not 万元 or 亿元) below 100 whose own clause names the "
    "funds of the project (资金, 经费, 预算, 拨款, 配套, 下达, 到位, 投入, and what was spent: "
    "执行数, 支出数, 决算数, 实际支出); a per-head or "
    "per-unit amount (人均, 每人, 标准, 单价, 元/人), a balance or a saving (结余, 节约, 利息) "
    "stays silent.",
    why="A project's funds are thousands of 元 at least; 3.6元 for a project is 3.6万元 with the "
    "万 lost, and every rate or per-head figure built on it is off by 10,000.",
    example="春节慰问经费项目市级资金配套3.6元，全部到位并使用完毕。",
    counterexample="慰问标准每人3.6元，资金结余0.36元。",
    fix="Check the unit: add 万 if the amount is in 万元, or say why the funds are so small.",
)

# The clause before an amount names the project's funds.
_FUNDS_WORD = lazy(r"资金|经费|预算|拨款|配套|下达|到位|投入|总额|执行数|支出数|决算数|实际支出")
# A per-head or per-unit amount, a balance, a saving or interest: small amounts in 元 are normal.
_NOT_FUNDS = lazy(r"人均|每|标准|单价|单位成本|结余|剩余|余额|节约|节支|利息|差额|尾数|尾差|手续费")
_CLAUSE_START = lazy(r"[，,。；;：:\n（(]")
_FUNDS_REACH = 16
_SMALL = Decimal(100)


@check(SMALL_FUND_AMOUNT)
def small_fund_amount(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for q in find_quantities(norm):
        if q.unit != "元" or q.value >= _SMALL or q.value <= 0:
            continue
        if norm[q.end : q.end + 1] in "/每":
            continue  # 3.6元/人
        lo = max(0, q.start - _FUNDS_REACH)
        start = max((m.end() for m in _CLAUSE_START.finditer(norm, lo, q.start)), default=lo)
        clause = norm[start : q.start]
        if not _FUNDS_WORD.search(clause) or _NOT_FUNDS.search(clause):
            continue
        yield SMALL_FUND_AMOUNT.hit(
            [(start, q.end)],
            {"quote": norm[start : q.end], "value": fmt(q.value), "as_yuan": fmt(q.value * 10_000)},
        )
