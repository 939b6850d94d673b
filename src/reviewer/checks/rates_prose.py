"""Payment rates read against the figures of the sentences that follow them.

A report often states "项目资金拨付率100%。" in a sentence of its own and gives the money in the
next one: "截至6月已拨付资金100.6万元". R020 recomputes such a rate when the same paragraph names
the paid amount with the rate's own verb (拨付率 ↔ 已拨付, 支付率 ↔ 已支付 …) and the base is
unambiguous: one total in those sentences, or the rate's subject ("XX工程项目") stated with one
amount elsewhere in the report.

An execution rate stated after its own figures ("下达资金149.63万元，实际发放107.78万元，执行率
72.03%") is R001's when R001 judges it; otherwise R020 reads the one base and the one amount
spent before it in its sentence.

R021 computes execution from the report's one budget and one spending amount when no rate is
stated, and warns when it is below 60 % beside "暂无问题"-style wording with no reason given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.rates import rate_mismatch_hits
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.claims.vocabulary import LOWER_BOUND_MARKS_ALT
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import Quantity, find_money, fmt, half_digit
from reviewer.regex import lazy

PAID_RATE_CONTRADICTED = rule(
    code="R020",
    fix_zh="按已支付（拨付）金额与应付总额重算该比率，或说明比率所依据的口径和时点。",
    name="paid-rate-contradicted",
    kind="rate_mismatch",
    severity=Severity.WARNING,
    family="rates",
    title_zh="比率与同段金额不符",
    title_en="Stated rate contradicted by the amounts that follow",
    message_zh="报告称{name}{stated}，同段{paid_label}{paid}，{base_label}{base}："
    "{paid_v} ÷ {base_v} = {computed}%，不等于 {stated}",
    message_en="The report states {name} {stated}; the text that follows gives {paid} paid of "
    "{base}: {paid_v} / {base_v} = {computed}%, not {stated}",
    what="A payment rate (拨付率, 支付率, 执行率, 到位率, 发放率) stated in a sentence without "
    "figures, when the next sentences of the paragraph give the amount paid with the same verb "
    "(已拨付, 已支付 …) and one base: a total in those sentences, or the rate's subject stated "
    "with one amount elsewhere in the report; or an execution rate R001 does not judge, after "
    "one base (资金共/合计/下达 …) and one amount spent (发放, 拨付, 支出 …) in its own sentence. "
    "Warns when paid ÷ base is not the stated rate.",
    why="A rate the report's own next sentence contradicts is either stale or wrong, and it is "
    "usually the figure the score is built on.",
    example="一、资金情况\n武安镇文化公园工程项目资金140万元。\n"
    "二、目标完成\n(1)武安镇文化公园工程项目资金拨付率100%。截至6月已拨付资金100.6万元。",
    counterexample="一、资金情况\n武安镇文化公园工程项目资金140万元。\n"
    "二、目标完成\n(1)武安镇文化公园工程项目资金拨付率100%。截至6月已支付工程款100.6万元。",
    fix="Recompute the rate from the amount paid and the amount due, or say which basis and date "
    "the rate refers to.",
)

# The stated rate: "…资金拨付率100%", "拨付率为100%", "支付率达到 98.5%".
_RATE = lazy(
    r"(?P<name>(?:资金|经费|款项?)?(?P<verb>拨付|支付|执行|到位|发放)率)[ \t]*"
    r"(?:为|是|达到|达|:)?[ \t]*(?P<num>\d{1,3}(?:\.\d+)?)[ \t]*%"
)
# The paid amount must carry the rate's own verb (执行 also reads 支出), in its own clause.
_PAID = r"(?:已|累计|共|实际)[\u4e00-\u9fff]{0,3}?(?:%s)(?:了)?[\u4e00-\u9fff]{0,6}?$"
_PAID_BEFORE = {
    "拨付": lazy(_PAID % "拨付"),
    "支付": lazy(_PAID % "支付"),
    "执行": lazy(_PAID % "执行|支出"),
    "到位": lazy(_PAID % "到位"),
    "发放": lazy(_PAID % "发放"),
}
# What an execution rate's spending may be called: any verb that moves the money on.
_PAID_ANY = lazy(_PAID % "拨付|支付|支出|执行|发放|使用")
# An amount required of the unit ("地方应配套20971万元", "应拨付资金") is the base of an execution
# rate; the amount that actually arrived or was matched ("实际配套到位资金104880.14万元") is what
# was executed. An excess stated beside them (超规模配套, 超额) is neither: the rate is actual ÷
# required, not the excess ÷ required.
_REQUIRED_VERBS = r"配套|拨付|支付|到位|发放|安排|投入|落实"
_REQUIRED = lazy(rf"应(?:{_REQUIRED_VERBS})(?:资金|金额|经费)?(?:为|是|共|:)?[ \t]*$")
_REQUIRED_WORD = lazy(rf"(?:应|计划|预计)(?:{_REQUIRED_VERBS})")
_ACTUAL_MATCHED = lazy(
    r"(?:实际|已)[一-鿿]{0,3}?(?:配套|到位|落实)[一-鿿]{0,4}?(?:为|是|:)?[ \t]*$"
)
# A clause that opens with the spending verb ("拨付使用资金6.46万元").
_SPENT_LEAD = lazy(r"\s*(?:拨付|支付|支出|执行|发放|使用)(?:使用|支出)?(?:资金|金额|经费)?\s*$")
# A clause that ends in the amount spent named as such ("我局项目执行金额2856.63万元").
_SPENT_TAIL = lazy(r"(?:执行|支出|使用)(?:金额|数)\s*(?:为|是|达|:|：)?\s*$")
_BASE_BEFORE = lazy(
    r"(?:总投资|总额|预算|下达|安排|计划投资|合同(?:价|金额)?|中标价|应付|资金|共计|合计)"
    r"(?:资金|金额|总额|数)?(?:为|是|共|:)?[ \t]*$"
)
# A budget as adjusted during the year (全年预算数, 调整后预算), which an execution rate is
# computed on, as against the budget at the year's start (年初预算).
_ADJUSTED_BASE = lazy(r"全年预算|调整后|调整预算|变更后")
_OPENING_BASE = lazy(r"年初")
# A paid, spent or left-over amount is never the base.
_NOT_BASE = lazy(r"已|拨付|支付|支出|执行|到位|发放|使用|结余|结转|剩余|余额|其中")
# An expenditure budget named as such ("批复支出预算1824.15万元") is a base, not a spent amount.
_SPEND_BUDGET = lazy(r"(?:支出预算|预算支出)(?:数|资金|总额)?(?:为|是|共|:)?[ \t]*$")
_SPENT_WORDS = lazy(r"已|实际|执行|完成|决算|累计")
# An amount planned to arrive or be paid ("计划到位资金", "应拨付"): the base of that rate.
_PLANNED = lazy(
    r"(?:计划|应|预计)(?:到位|拨付|支付|发放)(?:资金|金额|数|总额)?(?:为|是|共|:)?[ \t]*$"
)
# A budget of income (收入预算, 预算安排收入) is no base of a spending rate: a rate pairs with the
# budget of its own kind, spending with the expenditure budget.
_INCOME = lazy(r"收入")


def _is_base(clause: str, verb: str) -> bool:
    """Whether the clause before an amount names it as the base of a rate of this verb."""
    if verb != "到位" and _INCOME.search(clause):
        return False
    if _SPEND_BUDGET.search(clause) and not _SPENT_WORDS.search(clause):
        return True
    if _PLANNED.search(clause) and not rx.search(r"已|实际|累计", clause):
        return True  # "计划到位资金500万元": what should arrive, the base of 到位率
    return bool(_BASE_BEFORE.search(clause)) and not _NOT_BASE.search(clause)


_TARGET_WORDS = lazy(rf"目标|指标值|预期|计划|要求|应当|应|确保|力争|{LOWER_BOUND_MARKS_ALT}")
# A clause of purpose ("为了实现年初绩效目标"), up to its comma.
_PURPOSE = lazy(r"为了?(?:实现|完成|达到|确保)[^，,。；;:：]*")
_DONE_HEADING = lazy(r"完成情况|完成值|实现情况|执行情况|实际完成")
_SUBJECT_JOIN = lazy(
    r"(?:项目)?(?:资金|经费|总投资|投资|总额|预算|金额)?(?:总额|共计|合计)?(?:为|是|:)?[ \t]*"
)
_LEAD = lazy(r"[ \t]*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）.、]|[①-⑳])*[ \t]*")


class _Amount(NamedTuple):
    q: Quantity
    label: str


def _rate_bases(bases: list[_Amount]) -> list[_Amount]:
    """The bases an execution rate is computed on: when the year's adjusted budget
    (全年预算数) stands beside the opening one (年初预算), the adjusted one."""
    adjusted = [b for b in bases if _ADJUSTED_BASE.search(b.label)]
    if adjusted and any(_OPENING_BASE.search(b.label) for b in bases if b not in adjusted):
        return adjusted
    return bases


def _sentence_bounds(norm: str, pos: int) -> tuple[int, int]:
    line = norm.rfind("\n", 0, pos) + 1
    s = max(line, max(norm.rfind(ch, line, pos) for ch in "。；;") + 1)
    # the stops are looked for up to the line's end only (a text without ； is not read to its
    # end for each rate)
    eol = norm.find("\n", pos)
    hi = len(norm) if eol < 0 else eol
    ends = [i for i in (norm.find(ch, pos, hi) for ch in "。；;") if i >= 0]
    return s, min(ends) if ends else hi


def _clause_before(norm: str, q: Quantity, floor: int) -> str:
    s = max([floor] + [norm.rfind(ch, floor, q.start) + 1 for ch in "，,、:："])
    return norm[s : q.start]


def _subject(norm: str, s: int, name_start: int) -> tuple[int, str]:
    """The thing the rate is about, between the clause start and the rate's name."""
    c = max([s] + [norm.rfind(ch, s, name_start) + 1 for ch in "，,:："])
    lead = _LEAD.match(norm, c, name_start)
    c = lead.end() if lead else c
    return c, norm[c:name_start].strip()


def _subject_amount(norm: str, subject: str, skip: tuple[int, int]) -> Quantity | None:
    """The one amount the report gives its subject elsewhere ("XX项目资金140万元")."""
    if len(subject) < 4 or rx.search(r"\d|[,，、。]", subject):
        return None
    found: list[Quantity] = []
    i = norm.find(subject)
    while i >= 0:
        end = i + len(subject)
        if not skip[0] <= i < skip[1]:
            j = _SUBJECT_JOIN.match(norm, end)
            at = j.end() if j else end
            qs = [q for q in find_money(norm, at, min(len(norm), at + 20)) if q.start == at]
            found.extend(qs[:1])
        i = norm.find(subject, end)
    values = {q.base for q in found}
    return found[0] if len(values) == 1 else None


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _is_target(doc: Document, s: int, name_start: int, num_start: int) -> bool:
    """Target wording in the rate's clause, or before it ("资金目标：") outside a 完成情况 part."""
    norm = doc.norm
    clause, _ = _subject(norm, s, name_start)
    if _TARGET_WORDS.search(norm, clause, num_start):
        return True
    # "为了实现年初绩效目标，…，执行率87.43%": a clause saying what the work was for names a
    # target, it does not state the rate as one; nor does an amount required (应配套 A万元).
    before = _REQUIRED_WORD.sub(_blank, _PURPOSE.sub(_blank, norm[s:clause]))
    if not _TARGET_WORDS.search(before):
        return False
    line_no, _ = doc.line_col(s)
    above = doc.lines[max(0, line_no - 4) : line_no - 1]
    return not any(_DONE_HEADING.search(ln.text) for ln in above)


def _matches(stated: Decimal, decimals: int, lo: Decimal, hi: Decimal, slack: Decimal) -> bool:
    h = half_digit(decimals)
    return hi >= stated - h - slack and lo <= stated + 2 * h + slack


@check(PAID_RATE_CONTRADICTED)
def paid_rate_contradicted(doc: Document) -> Iterator[Hit | Relation]:
    norm = doc.norm
    r001 = rate_mismatch_hits(doc)
    for m in _RATE.finditer(norm):
        s, e = _sentence_bounds(norm, m.start())
        own = bool(find_money(norm, s, e))
        if _is_target(doc, s, m.start("name"), m.start("num")):
            continue  # a target is no claim
        if own and m.group("verb") == "执行":
            # An execution rate after its own figures ("下达资金149.63万元，实际发放107.78万元，
            # 执行率72.03%"): R001 judges it when it reads the report's budget facts; else the
            # amounts before the rate in its sentence, paid with any spending verb.
            if any(_overlaps(h, m.start("name"), m.end()) for h in r001):
                continue
            hit = _own_execution(doc, m, s)
            if hit is not None:
                yield hit
            continue
        line_end = norm.find("\n", e)
        line_end = len(norm) if line_end < 0 else line_end
        # The next two sentences of the paragraph, up to the next rate statement.
        follow_end, n, pos = e, 0, e
        while n < 2 and pos < line_end:
            _, f_end = _sentence_bounds(norm, pos + 1)
            nxt = _RATE.search(norm, pos + 1, min(f_end, line_end))
            if nxt:
                break
            follow_end, pos, n = min(f_end, line_end), f_end, n + 1
        if follow_end <= e and not own:
            continue
        # Figures in the rate's own sentence count too (R001 does not read 拨付率, 到位率 …).
        start = s if own else e
        paid_rx = _PAID_BEFORE[m.group("verb")]
        paid: list[_Amount] = []
        bases: list[_Amount] = []
        for q in find_money(norm, start, max(follow_end, e)):
            clause = _clause_before(norm, q, start)
            if paid_rx.search(clause):
                paid.append(_Amount(q, clause))
            elif _is_base(clause, m.group("verb")):
                bases.append(_Amount(q, clause))
        if len({a.q.base for a in paid}) != 1:
            continue
        bases = _rate_bases(bases)
        base_q: Quantity | None = None
        base_label = ""
        if len({a.q.base for a in bases}) == 1:
            base_q, base_label = bases[0].q, bases[0].label.strip()
        elif not bases:
            _, subject = _subject(norm, s, m.start("name"))
            base_q = _subject_amount(norm, subject, (s, e))
            base_label = f"“{subject}”"
        if base_q is None or base_q.base <= 0:
            continue
        hit = _judge(doc, m, paid[0], base_q, base_label)
        if hit is not None:
            yield hit


def _overlaps(hit: Hit, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in hit.spans)


def _own_execution(doc: Document, m: re.Match[str], s: int) -> Hit | Relation | None:
    """An execution rate against the one paid and the one base amount stated before it in its
    own sentence (the base, failing that, in an earlier sentence of the paragraph); silent when
    either is missing or ambiguous."""
    norm = doc.norm
    paid: list[_Amount] = []
    bases: list[_Amount] = []
    for q in find_money(norm, s, m.start("name")):
        clause = _clause_before(norm, q, s)
        if (_is_base(clause, "执行") and _SPEND_BUDGET.search(clause)) or _REQUIRED.search(clause):
            bases.append(_Amount(q, clause))
        elif (
            _ACTUAL_MATCHED.search(clause)
            or _PAID_ANY.search(clause)
            or _SPENT_LEAD.match(clause)
            or _SPENT_TAIL.search(clause)
        ):
            paid.append(_Amount(q, clause))
        elif _is_base(clause, "执行"):
            bases.append(_Amount(q, clause))
        elif "预算" in clause:
            # "其中专项资金预算800万元，执行790.4万元，执行率98.8%": a budget of the sentence
            # not read as the base; the base of the sentence before is not this rate's.
            return None
    if not bases and len(paid) == 1:
        # "项目预算149.63万元。…实际发放107.78万元，执行率72.03%": the base in an earlier sentence
        # of the paragraph, when the paragraph states one.
        line = norm.rfind("\n", 0, s) + 1
        for q in find_money(norm, line, s):
            clause = _clause_before(norm, q, max(line, norm.rfind("。", line, q.start) + 1))
            if _is_base(clause, "执行"):
                bases.append(_Amount(q, clause))
    bases = _rate_bases(bases)
    if len({a.q.base for a in paid}) != 1 or len({a.q.base for a in bases}) != 1:
        return None
    if bases[0].q.base <= 0 or bases[0].q.start > paid[0].q.start:
        return None  # the base is stated first ("下达A，已支付B，执行率C")
    return _judge(doc, m, paid[0], bases[0].q, bases[0].label.strip())


def _judge(
    doc: Document, m: re.Match[str], paid: _Amount, base_q: Quantity, base_label: str
) -> Hit | Relation | None:
    pq = paid.q
    value = pq.base / base_q.base * 100
    lo = (pq.base - pq.half_unit) / (base_q.base + base_q.half_unit) * 100
    hi = (pq.base + pq.half_unit) / max(base_q.base - base_q.half_unit, Decimal("1e-9")) * 100
    stated = Decimal(m.group("num"))
    decimals = len(m.group("num").split(".", 1)[1]) if "." in m.group("num") else 0
    if _matches(stated, decimals, min(lo, value), max(hi, value), doc.tolerances.percent_points):
        spans = [(m.start("num"), m.end()), (pq.start, pq.end), (base_q.start, base_q.end)]
        return relation("rate", spans, f"{pq.raw} ÷ {base_q.raw} = {fmt(value, 2)}%")
    return PAID_RATE_CONTRADICTED.hit(
        [(m.start("name"), m.end()), (pq.start, pq.end), (base_q.start, base_q.end)],
        {
            "name": doc.text[m.start("name") : m.end("name")],
            "stated": f"{m.group('num')}%",
            "paid_label": paid.label.strip() or "已付",
            "paid": pq.raw,
            "base_label": base_label,
            "base": base_q.raw,
            "paid_v": fmt(pq.base / 10000),
            "base_v": fmt(base_q.base / 10000),
            "computed": fmt(value.quantize(Decimal("0.01"))),
        },
    )


LOW_EXECUTION_NO_PROBLEM = rule(
    code="R021",
    fix_zh="说明资金执行率偏低的原因及改进措施，删除“暂无问题”等与数据不符的表述。",
    name="low-execution-no-problem",
    kind="unexplained_problem",
    severity=Severity.WARNING,
    family="rates",
    title_zh="执行率明显偏低却称无问题",
    title_en="Execution far below the budget while the report says there is no problem",
    message_zh="按报告数据，执行率 = {spent} ÷ {budget} = {rate}%，远低于100%，"
    "报告未说明原因，却称“{claim}”",
    message_en="From the report's own amounts, execution = {spent} / {budget} = {rate}%, far "
    "below 100 %, yet the report says '{claim}' and gives no reason",
    what="When the report states no execution rate, computes it from its one budget amount "
    "(预算, 安排, 下达 …) and its one spending amount (支出, 执行, 使用 …); below 60 % beside "
    "wording that says there is no problem (暂无问题, 无偏差, 全部完成), it warns and quotes both.",
    why="A large unspent balance is the first thing a reviewer asks about; a report that computes "
    "no rate and declares no problem hides it.",
    example="项目共安排资金239万元。财政安排支出共计87.06万元，余款安排下年支出。"
    "存在的问题：暂无问题。",
    counterexample="项目共安排资金239万元。财政安排支出共计87.06万元，余款安排下年支出。"
    "存在的问题：部分资金未能及时支出，主要原因是工程延期。",
    fix="Explain why so much of the budget was not spent and what will be done; remove 'no "
    "problem' wording the figures contradict.",
)

_BUDGET_WORDS = r"预算|安排|下达|批复|资金总额"  # not 总投资: a project may span years
_SPEND_WORDS = r"支出|执行|使用|支付"
_LAST_VERB = lazy(
    rf"(?:决算支出|实际支出|(?P<budget>预算支出|支出预算|{_BUDGET_WORDS})|{_SPEND_WORDS})"
)
_NOT_WHOLE = lazy(r"其中|包括|结余|结转|余款|剩余|未|上年|上一年|去年|比上年|同比|增加|减少")
_STATED_RATE = lazy(r"(?:执行|支出|完成|拨付|使用|支付)率|完成(?:全年|年度)?预算")
_INTERIM_CUT = lazy(r"截[至止](?:20\d\d年)?(?:[1-9]|1[01])月")
_NO_PROBLEM = lazy(
    r"(?<![未没不])(?:暂无问题|暂无明显问题|无明显问题|不存在(?:明显|突出|任何)?问题|"
    r"没有(?:发现)?(?:明显)?问题|未发现(?:明显)?问题|无偏差|没有偏差|未出现偏差|"
    r"(?:已|均已|已经)?全部完成|均已完成)"
)
_WHOLE = lazy(r"共|合计|总计|累计|全年|本年|年度|实际|总额|全部")
_REASON = lazy(r"原因(?!分析)|由于|因为|导致|滞后|延期|延迟|未能|未及时|尚未")


def _amount_label(norm: str, q: Quantity, floor: int) -> str:
    """The words before an amount, back to the previous amount or sentence end."""
    floor = max(floor, norm.rfind("\n", floor, q.start) + 1)
    s = max(floor, max(norm.rfind(ch, floor, q.start) for ch in "。；;") + 1)
    for prev in find_money(norm, max(floor, s), q.start):
        s = max(s, prev.end)
    return norm[max(s, floor) : q.start]


@check(LOW_EXECUTION_NO_PROBLEM)
def low_execution_no_problem(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if _STATED_RATE.search(norm):
        return  # a stated rate is R001's and R020's ground
    claim = _NO_PROBLEM.search(norm)
    if claim is None:
        return
    budgets: list[Quantity] = []
    spent: list[Quantity] = []
    for q in find_money(norm, 0, len(norm)):
        label = _amount_label(norm, q, 0)
        clause = label[max(label.rfind(ch) for ch in "，,:：") + 1 :]
        if _NOT_WHOLE.search(clause) or _NOT_WHOLE.search(norm, q.end, q.end + 2):
            continue
        verbs = list(_LAST_VERB.finditer(label))
        if not verbs:
            continue
        if not _WHOLE.search(label):
            continue  # "培训经费支出5万元" may be one item; a whole says 共计, 全年, 实际 …
        (budgets if verbs[-1].group("budget") else spent).append(q)
    if len({q.base for q in budgets}) != 1 or len({q.base for q in spent}) != 1:
        return
    b, sp = budgets[0], spent[0]
    if b.base <= 0 or sp.base > b.base:
        return
    s, _ = _sentence_bounds(norm, sp.start)
    if _INTERIM_CUT.search(norm, s, sp.start):
        return  # a mid-year cut-off: the year's execution is not known
    rate = sp.base / b.base * 100
    if rate >= 60:
        return
    # The report explains the gap somewhere near the spending: not our case.
    _, e = _sentence_bounds(norm, sp.end)
    if _REASON.search(norm, s, min(len(norm), e + 60)):
        return
    yield LOW_EXECUTION_NO_PROBLEM.hit(
        [(sp.start, sp.end), (b.start, b.end), (claim.start(), claim.end())],
        {
            "spent": sp.raw,
            "budget": b.raw,
            "rate": fmt(rate.quantize(Decimal("0.01"))),
            "claim": claim.group(),
        },
    )
