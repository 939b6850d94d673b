"""Report quality: money paid out well short of the money received, with no word on the rest (Q121).

"2023年共下达补助资金246.2万元" in one sentence and "全年共完成发放补助资金141.8万元" in the next
(or the next but one): 104.4万元 — 42 % of the funds — is neither spent nor accounted for, and the
report states no rate and gives no reason. A reviewer asks where the rest went.

Read:

* the funds received: a sentence whose verb is 下达, 到位, 拨付到 or 收到 (simplified or
  traditional) followed, in the same clause, by one money amount;
* the money paid out: a later sentence, at most `_REACH` characters on, whose verb is 发放, 支出,
  支付 or 拨付 (完成发放, 实际支出 …) followed by one money amount in the same unit (安排 and 使用
  name a use of part of the funds, not the funds or their payout);
* paid ÷ received below `_SHORT`, and nowhere in the report a rate of the pair (支付率 or
  执行率 with a percent), nor any word on the rest: 结余, 结转, 剩余, 未发放, 尚未, 待支付, 原因,
  由于, 滞后 … (simplified or traditional).

Also a stated execution or payment rate below 50 % ("全年执行数33.78万元,执行率为33.78%") in a
prose sentence, in a report with no word on the rest: the gap is stated as a rate and left
unexplained all the same (variant `rate`). A target's rate (目标, 指标值, 不低于 … before it) and a
form's row are not read.

Info: the report may account for the rest in a part not published.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from decimal import Decimal

from reviewer import regex as rx
from reviewer.checks.goal_forms import _TONES, GLOSS
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.report import report_title
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_money, find_quantities, fmt
from reviewer.regex import lazy

PAYOUT_UNEXPLAINED = rule(
    code="Q121",
    fix_zh="说明未发放（未支付）资金的金额、原因和后续安排（结转、收回或下年发放），并列出执行率。",
    name="payout-short-unexplained",
    kind="unexplained_problem",
    severity=Severity.INFO,
    family="quality",
    title_zh="资金发放明显少于到位数，未作说明",
    title_en="Much less paid out than received, with no word on the rest",
    message_zh="报告称收到（下达）资金 {received}，实际{verb} {paid}，仅为 {share}%；其余 {rest} "
    "去向、原因均未说明，也未列执行率",
    message_en="The report received {received} and paid out {paid}, only {share}%; the remaining "
    "{rest} is not accounted for and no rate or reason is given",
    what="A sentence stating the funds received (下达, 到位, 拨付到, 收到 … one money amount) "
    "followed within a few sentences by the money paid out (发放, 支出, 支付, 拨付 … one "
    "amount in the same unit) that is below 80 % of it, in a report that states no payment or "
    "execution rate and has no word on the rest (结余, 结转, 剩余, 未发放, 尚未, 待支付, 原因, "
    "由于 …, in simplified or traditional characters). Also, in such a report, a stated "
    "execution or payment rate below 50 % in a prose sentence that is not a target's.",
    why="Money received but not paid out is either carried over, returned or idle; a report "
    "that leaves the gap unexplained hides the main execution problem of the year.",
    example="1、资金到位情况。2023年共下达补助资金246.2万元。\n"
    "2、资金执行情况。2023年共完成发放补助资金141.8万元。",
    counterexample="1、资金到位情况。2023年共下达补助资金246.2万元。\n"
    "2、资金执行情况。2023年共完成发放补助资金141.8万元，剩余104.4万元结转下年发放。",
    fix="State how much was not paid out, why, and what happens to it (carried over, returned, "
    "paid next year), with the execution rate.",
    variants={
        "rate": (
            "报告称{name}仅为 {rate}，其余 {rest}% 的资金去向和未执行的原因均未说明",
            "The report states {name} of only {rate}; where the other {rest}% of the funds went "
            "and why they were not spent is not said",
        ),
    },
)


def _g(*words: str) -> str:
    """An alternation of `words`, each character a class of its simplified and traditional forms
    (`[发發]`), each optionally followed by a pinyin gloss (發(fā)放 on a mirrored page)."""
    out = []
    for w in words:
        parts = rx.findall(r"\[[^\]]+\]|.", w)
        out.append("".join(f"{c}{GLOSS}?" for c in parts))
    return "|".join(out)


# Not 安排 nor 使用: "安排X万元用于…", "使用X万元…" name a use of part of the funds.
_RECEIVED = lazy(_g("下[达達]", "到位", "[拨撥]付到", "收到"))
_PAID = lazy(rf"(?P<verb>{_g('[发發]放', '支出', '支付', '[拨撥]付')})")
# A bracket opens the amount's parts, unless it is a pinyin gloss (下達(dá)) of a mirrored page.
_CLAUSE_END = lazy(rf"[，,；;。\n]|[(（](?![a-z{_TONES}]+[)）])|其中")
_SENTENCE_END = lazy(r"[。\n]")
_RATE = lazy(_g("[支执執发發拨撥使][付行放用]率"))
# The lookahead (the words' first characters) lets the search skip ahead; it changes no match.
_EXPLAINED = lazy(
    "(?=[结結剩未尚待原由滞滯缓緩退收上])(?:"
    + _g(
        "[结結][余餘转轉存]",
        "剩[余餘下]",
        "[结結]余",
        "未[发發拨撥支使兑兌]",
        "尚未",
        "待[支发發拨撥]",
        "原因",
        "由[于於]",
        "[滞滯]后",
        "[滞滯]後",
        "[缓緩]慢",
        "退回",
        "收回",
        "上[缴繳]",
    )
    + ")"
)
_REACH = 400
_SHORT = Decimal("0.8")
# A stated execution or payment rate: 执行率为33.78%, 资金支付率 45%.
_LOW_RATE = lazy(
    rf"(?P<name>{_g('[执執]行率', '支付率', '[拨撥]付率', '支出率')})[ \t]*"
    r"(?:[为為是达達:：][ \t]*)?(?P<num>\d{1,2}(?:\.\d+)?)[ \t]*[%％]"
)
# A stated rate is read only below one half: more than half the funds unspent needs a word
# whatever the report's date; a rate of 60-80 % measured mid-year (目前, 截至5月底) may not.
_LOW = Decimal(50)
_TARGET_BEFORE = lazy(r"目标|指标值|预期|计划|要求|不低于|不少于|达到|≥|确保|力争")


def _clause_amount(norm: str, verb_end: int, hi: int) -> Quantity | None:
    """The one money amount of the clause the verb opens (before the next comma, or a bracket
    or 其中 opening its parts)."""
    end = _CLAUSE_END.search(norm, verb_end, hi)
    money = find_money(norm, verb_end, end.start() if end else hi)
    return money[0] if len(money) == 1 else None


class _Brackets:
    """Whether a point is inside an open bracket of its line (a part of an amount stated before
    it), for points given in increasing order: the brackets are counted from the last point
    on, not from the line's start each time (a long line without a break stays linear)."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.at = 0
        self.depth = 0  # opened minus closed, from the line's start to `at`

    def inside(self, at: int) -> bool:
        norm, since = self.norm, self.at
        line_break = norm.rfind("\n", since, at)
        if line_break >= 0:
            since, self.depth = line_break + 1, 0
        head = norm[since:at]
        self.depth += head.count("(") + head.count("（") - head.count(")") - head.count("）")
        self.at = at
        return self.depth > 0


def _sentence_ends(norm: str) -> list[int]:
    """Offsets of every sentence end (。 or a line break), in order."""
    return [m.start() for m in _SENTENCE_END.finditer(norm)]


def _sentence_end(ends: list[int], at: int, default: int) -> int:
    """The first sentence end at or after `at` (what `_SENTENCE_END.search(norm, at)` finds),
    looked up rather than searched for: one paragraph may run on for a megabyte."""
    i = bisect.bisect_left(ends, at)
    return ends[i] if i < len(ends) else default


# Words naming the funds a project had (拨入资金, 到位资金, 预算 …) in the sentence of a payment.
_OWN_FUNDS = lazy(_g("[拨撥]入", "[拨撥]款", "到位", "下[达達]", "安排", "预算", "預算"))


def _own_funds(norm: str, paid: Quantity) -> bool:
    """Whether the payment's own sentence names, before it, funds at least as large as it: the
    payment is then of those funds (one project of several), not of the amount received
    earlier."""
    start = norm.rfind("。", 0, paid.start) + 1
    start = max(start, norm.rfind("\n", 0, paid.start) + 1)
    for m in _OWN_FUNDS.finditer(norm, start, paid.start):
        own = _clause_amount(norm, m.end(), paid.start)
        if own is not None and own.unit == paid.unit and own.base >= paid.base:
            return True
    return False


def _first_item(norm: str, paid: Quantity, end: int, received: Quantity) -> bool:
    """Whether the payment opens a list of spending items in its sentence (支出物资采购3万元，
    宣传费2万元，劳务费5万元) that together reach the amount received: a part, not the total."""
    items = [q for q in find_money(norm, paid.start, end) if q.unit == paid.unit]
    return len(items) > 1 and sum(q.base for q in items) >= _SHORT * received.base


@check(PAYOUT_UNEXPLAINED)
def payout_unexplained(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if _EXPLAINED.search(norm):
        return
    yield from _low_rates(doc)
    if _RATE.search(norm):
        return
    seen: set[int] = set()
    brackets = _Brackets(norm)
    ends: list[int] | None = None  # found on first need
    for r in _RECEIVED.finditer(norm):
        if brackets.inside(r.start()):
            continue
        if ends is None:
            ends = _sentence_ends(norm)
        s_end = _sentence_end(ends, r.end(), len(norm))
        received = _clause_amount(norm, r.end(), s_end)
        if received is None or received.base <= 0:
            continue
        for p in _PAID.finditer(norm, s_end, min(len(norm), s_end + _REACH)):
            p_end = _sentence_end(ends, p.end(), len(norm))
            paid = _clause_amount(norm, p.end(), p_end)
            if paid is None or paid.unit != received.unit or paid.start in seen:
                continue
            seen.add(paid.start)
            if _own_funds(norm, paid):
                break  # "该项目财政拨入资金30万元，…支出资金30万元": paid of its own funds
            if _first_item(norm, paid, p_end, received):
                break  # "累计支出采购费3万元，宣传费2万元，劳务费5万元": the first of the items
            share = paid.base / received.base
            if share >= _SHORT or share <= 0:
                break
            yield PAYOUT_UNEXPLAINED.hit(
                [(paid.start, paid.end), (received.start, received.end)],
                {
                    "received": f"{fmt(received.value)}{received.unit}",
                    "paid": f"{fmt(paid.value)}{paid.unit}",
                    "verb": rx.sub(GLOSS, "", p.group("verb")),
                    "share": fmt((share * 100).quantize(Decimal("0.1"))),
                    "rest": f"{fmt(received.value - paid.value)}{received.unit}",
                },
            )
            break


UNPAID_COUNTED_AS_USED = rule(
    code="Q122",
    fix_zh="已使用（支出）资金只计实际支付的金额；待支付的合同款等应单列为未支付或结转，并相应调整执行率。",
    name="unpaid-counted-as-used",
    kind="contradiction",
    severity=Severity.WARNING,
    family="quality",
    title_zh="将待支付款计入已使用资金",
    title_en="Money still to be paid counted as used",
    message_zh="“{quote}”：报告所称{verb}的资金中含有{unpaid} {amount}，"
    "尚未支付的款项不是已使用的资金，执行数和执行率因此偏高",
    message_en="'{quote}': the money the report calls {verb_en} includes {amount} still to be paid "
    "({unpaid}); money not paid out is not used, so the spending and its rate are overstated",
    what="An amount the report calls used, spent or paid (已使用, 已支出, 已支付, 实际支出 …) "
    "whose own bracketed breakdown includes (含, 包括) an amount still to be paid (待支付, 未支付, "
    "尚未支付, 应付未付 …) in the same sentence.",
    why="Execution is money paid out; counting contract payments that are still due as used "
    "inflates the execution rate and hides money that is in fact unspent.",
    example="截至2024年末，项目资金已使用3694.81万元，其中中央资金996.57万元(含信息化项目待支付合同款"
    "143.68万元)，地方资金2698.24万元。",
    counterexample="截至2024年末，项目资金已使用3551.13万元，其中中央资金852.89万元，地方资金2698.24万元；"
    "信息化项目另有待支付合同款143.68万元。",
    fix="Count as used only what was paid; state amounts still due separately as unpaid or carried "
    "over, and adjust the execution rate.",
)

_USED = lazy(r"(?P<verb>已使用|已支出|已支付|已拨付|实际支出|实际使用|实际支付)")
_UNPAID_PART = lazy(
    r"[(（]\s*(?:含|包括|其中[:：]?)[^)）。；;\n]{0,40}?"
    r"(?P<unpaid>待支付|未支付|尚未支付|待拨付|应付未付|尚未拨付)[^)）。；;\n]{0,20}?"
    r"(?P<amt>\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元))"
)
_VERB_EN = {
    "已使用": "used",
    "已支出": "spent",
    "已支付": "paid",
    "已拨付": "paid out",
    "实际支出": "actually spent",
    "实际使用": "actually used",
    "实际支付": "actually paid",
}


@check(UNPAID_COUNTED_AS_USED)
def unpaid_counted_as_used(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    ends: list[int] | None = None  # found on first need
    for v in _USED.finditer(norm):
        if ends is None:
            ends = _sentence_ends(norm)
        hi = _sentence_end(ends, v.end(), len(norm))
        for semi in ("；", ";"):
            cut = norm.find(semi, v.end(), hi)
            if cut != -1:
                hi = cut
        m = _UNPAID_PART.search(norm, v.end(), hi)
        if m is None:
            continue
        lo = m.start() + 1
        close = m.end()
        yield UNPAID_COUNTED_AS_USED.hit(
            [(lo, close), (v.start(), v.end())],
            {
                "quote": norm[lo:close],
                "verb": v.group("verb"),
                "verb_en": _VERB_EN[v.group("verb")],
                "unpaid": m.group("unpaid"),
                "amount": m.group("amt"),
            },
        )


PROJECT_AS_BASIC = rule(
    code="Q123",
    fix_zh="说明项目资金为何全部列为人员经费和公用经费；项目资金应按项目用途支出，"
    "挤占项目资金弥补基本支出的应整改。",
    name="project-funds-as-basic-spending",
    kind="contradiction",
    severity=Severity.WARNING,
    family="quality",
    title_zh="项目资金全部列为人员经费和公用经费",
    title_en="A project's whole funds reported as personnel and running costs",
    message_zh="项目资金 {total} 被全部列为{personnel} {a} + {public} {b} = {sum}，"
    "即基本支出的两类，与项目报告所述用途不符（项目资金不应用于人员和日常公用开支）",
    message_en="The project's funds of {total} are reported entirely as personnel costs {a} plus "
    "running costs {b} = {sum}, the two classes of basic spending: that contradicts a project's "
    "stated use (project funds are not for staff and day-to-day running costs)",
    what="In a project report (its title names a 项目 and no 部门整体/整体支出), a sentence that "
    "splits spending into 人员经费 (人员费用, 人员支出) and 公用经费 (公用支出, 公用费用) whose "
    "two amounts add up exactly to the project's funds stated elsewhere in the report.",
    why="Personnel and running costs are a unit's basic spending; a project whose whole money "
    "went there was either used to fill the unit's basic budget or is described wrongly, and "
    "its outputs cannot be judged against its funds.",
    example="2016年学生资助专项项目绩效评价报告\n一、资金情况\n项目批复资金350万元已全部到位。"
    "全部资金用于减免学费，人员费用207.33万元，公用支出142.67万元。",
    counterexample="2016年学生资助专项项目绩效评价报告\n一、资金情况\n项目批复资金350万元已全部到位。"
    "全部资金用于减免学费，其中劳务费用7.33万元，学费减免342.67万元。",
    fix="Explain why the project's funds were booked as personnel and running costs; project "
    "money belongs to the project's purpose, and money diverted to basic spending needs "
    "correcting.",
)

_PERSONNEL = lazy(
    r"(?P<p>人员(?:经费|费用|支出))[^，,。；;\n\d]{0,6}?(?P<a>\d[\d,]*(?:\.\d+)?\s*万?元)"
)
_PUBLIC = lazy(
    r"(?P<q>公用(?:经费|支出|费用))[^，,。；;\n\d]{0,6}?(?P<b>\d[\d,]*(?:\.\d+)?\s*万?元)"
)
_PROJECT_TITLE = lazy(r"项目")
# A money amount with a bare 万 (资金350万已全部到位): not a count in 万 (万人, 万户, 万亩 …).
_BARE_WAN = lazy(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)万(?![元人户次个件名所项亩株吨册张套台辆米余多])")
_WHOLE_UNIT = lazy(r"部门整体|整体支出|单位整体|部门预算|部门决算")


@check(PROJECT_AS_BASIC)
def project_as_basic(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    found = list(_PERSONNEL.finditer(norm))
    if not found:
        return
    title = report_title(doc)
    if title is None or not _PROJECT_TITLE.search(title[2]) or _WHOLE_UNIT.search(norm):
        return
    ends = _sentence_ends(norm)
    for pm in found:
        end = _sentence_end(ends, pm.end(), len(norm))
        qm = _PUBLIC.search(norm, pm.end(), min(end, pm.end() + 40))
        if qm is None:
            continue
        (a,) = find_quantities(norm, pm.start("a"), pm.end("a")) or (None,)
        (b,) = find_quantities(norm, qm.start("b"), qm.end("b")) or (None,)
        if a is None or b is None or a.dimension != "money" or b.dimension != "money":
            continue
        got = a.base + b.base
        slack = a.half_unit + b.half_unit
        totals = [
            (q.start, q.end)
            for q in find_money(norm, 0, len(norm))
            if q.start not in (a.start, b.start) and abs(q.base - got) <= slack
        ]
        totals += [
            (w.start(), w.end())
            for w in _BARE_WAN.finditer(norm)
            if abs(Decimal(w.group(1).replace(",", "")) * 10000 - got) <= slack
        ]
        if not totals:
            continue
        lo, hi = totals[0]
        yield PROJECT_AS_BASIC.hit(
            [(pm.start(), qm.end()), (lo, hi)],
            {
                "total": norm[lo:hi],
                "personnel": pm.group("p"),
                "public": qm.group("q"),
                "a": a.raw,
                "b": b.raw,
                "sum": f"{fmt(got / a.scale)}{a.unit}",
            },
        )


def _low_rates(doc: Document) -> Iterator[Hit]:
    """The first execution or payment rate below `_SHORT` stated in a prose sentence, not as a
    target, in a report with no word on the rest (the caller checked that)."""
    norm = doc.norm
    for m in _LOW_RATE.finditer(norm):
        line_start = norm.rfind("\n", 0, m.start()) + 1
        line_end = norm.find("\n", m.end())
        if "|" in norm[line_start : line_end if line_end >= 0 else len(norm)]:
            continue  # a form's row: the form rules read it
        clause_start = max(norm.rfind(c, line_start, m.start()) for c in "，,；;。") + 1
        if _TARGET_BEFORE.search(norm, clause_start, m.start()):
            continue
        value = Decimal(m.group("num"))
        if value >= _LOW or value <= 0:
            continue
        yield PAYOUT_UNEXPLAINED.hit(
            [(m.start(), m.end())],
            {
                "name": rx.sub(GLOSS, "", m.group("name")),
                "rate": f"{m.group('num')}%",
                "rest": fmt(100 - value),
            },
            variant="rate",
        )
        return
