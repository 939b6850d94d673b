"""Report quality, a goal, budget or sentence carried over without a word: an annual goal that
keeps a deadline already past in the year evaluated (a 2023 goal to pay 在2022年12月31日前), a
form whose year's budget was cut to a fraction of the opening budget with no reason given
anywhere, a project report whose funds sentence states the investment of another project, and
a unit named with the party prefix 中共 though no party committee is in its name (中共某县档案馆:
the managing party office's template name)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.report import report_title, stated_year
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import fmt
from reviewer.regex import lazy

PAST_GOAL_DEADLINE = rule(
    code="Q176",
    fix_zh="按评价年度重新设定年度目标及其完成时限，不要沿用上一年度的目标文字。",
    name="goal-deadline-before-year",
    kind="stale_text",
    severity=Severity.WARNING,
    family="quality",
    title_zh="年度目标的完成时限早于评价年度",
    title_en="An annual goal whose deadline falls before the year evaluated",
    message_zh="本报告评价{year}年度，但年度目标“{quote}”要求在{deadline}前完成，时限早于评价年度，"
    "疑为沿用{dy}年的目标",
    message_en="The report evaluates {year}, but the annual goal '{quote}' sets a deadline "
    "({deadline}) before that year: likely the {dy} goal carried over",
    what="Reads the year evaluated (the title, or a form head such as 自评表(2023年度)) and, "
    "in the text after a goal heading or label (年度总体目标, 年度目标, 绩效目标, 预期目标) up "
    "to the next completion part, a deadline (在2022年12月31日前, 2022年底前) in an earlier "
    "year. A goal that also names the year evaluated or a later one (a multi-year project's "
    "milestones, 提前下达2023年资金), a results heading (绩效目标完成情况), a status date "
    "(截至2022年12月31日), a date qualifying a noun (管护2022年底前建成的工程), a deadline "
    "outside a goal and one Q026 already reads (指标 2021年11月30日前) stay silent.",
    why="An annual goal whose deadline passed before the year began cannot be this year's goal: "
    "the goal was copied from the year before, so the year's result is judged against nothing.",
    example=(
        "项目支出绩效自评表\n(2023年度)\n年度总体目标\n"
        "1.在2022年12月31日前至少给120人发放补贴。2.全面了解居民收入状况。\n"
        "全年执行数1.96万元。\n"
    ),
    counterexample=(
        "项目支出绩效自评表\n(2023年度)\n年度总体目标\n"
        "1.在2023年12月31日前至少给120人发放补贴。截至2022年12月31日已发放100人。\n"
    ),
    fix="Set the year's goal and its deadline for the year evaluated.",
)

BUDGET_CUT_UNEXPLAINED = rule(
    code="Q177",
    fix_zh="说明全年预算较年初预算大幅调减的原因（政策调整、资金收回等），并说明对目标完成的影响。",
    name="budget-cut-unexplained",
    kind="unexplained_problem",
    severity=Severity.WARNING,
    family="quality",
    title_zh="全年预算较年初大幅调减，未说明原因",
    title_en="The year's budget cut far below the opening budget with no reason given",
    message_zh="资金行“{quote}”：全年预算数{full}仅为年初预算数{opening}的{share}%，"
    "全文未说明调减原因",
    message_en="Funds row '{quote}': the year's budget {full} is only {share}% of the opening "
    "budget {opening}, and the report gives no reason for the cut",
    what="Reads a self-evaluation form's funds row (年度资金总额, 资金总额, 合计) under a header "
    "naming 年初预算数 then 全年预算数, its first two figures being the opening and the year's "
    "budget, and finds the year's budget at or below half the opening one while no word in the "
    "report explains a change of budget (调整, 调减, 核减, 压减, 收回, 结转, 原因…). A smaller "
    "cut, a rise, and a cut the report explains stay silent.",
    why="A budget cut by half or more changes what the goal can buy; a self-evaluation that "
    "reports the goal met in full without saying why the money fell leaves the reader unable "
    "to tell whether the goal or the budget is wrong.",
    example=(
        "资金来源 年初预算数 全年预算数 全年执行数 分值权重 执行率 得分\n"
        "年度资金总额 5.28 1.96 1.96 10 100.00% 10\n"
        "年度总体目标：给120人发放补贴，已全部完成。\n"
    ),
    counterexample=(
        "资金来源 年初预算数 全年预算数 全年执行数 分值权重 执行率 得分\n"
        "年度资金总额 5.28 1.96 1.96 10 100.00% 10\n"
        "因上级政策调整，年中收回资金3.32万元。\n"
    ),
    fix="State why the budget fell and what it did to the goal.",
)

OTHER_PROJECT_FUNDS = rule(
    code="Q181",
    fix_zh="核对资金情况中的项目名称和金额，改为本项目（报告标题所列项目）的投资和资金安排。",
    name="funds-of-another-project",
    kind="copy_paste",
    severity=Severity.WARNING,
    family="quality",
    title_zh="资金表述中出现另一个项目的名称",
    title_en="A funds sentence naming another project",
    message_zh="本报告评价“{title}”，但“{quote}”说的是“{other}”的投资，两者名称没有共同的"
    "实质词，疑为从其他项目报告复制的文字",
    message_en="The report evaluates '{title}', but '{quote}' states the investment of "
    "'{other}', a project whose name shares no distinctive word with it: likely copied from "
    "another project's report",
    what="In a project report (its title names a …项目 or …工程), reads the sentences that "
    "state a named project's investment or funds (X工程项目估算投资2082.48万元, X项目总投资…, "
    "X项目资金…万元) and compares the name with the title's project: after its leading place "
    "names (天津市东丽区) and words every project name has (工程, 项目, 建设, 改造, "
    "新建…) are set aside, no two-character word of the named project appears in the title. A "
    "sub-project or the title project under a shorter name (通村公路硬化工程 in a 农村公路建设"
    "项目 report), and a project the text relates to the one evaluated (配套, 一期, 子项目, "
    "本项目…) stay silent.",
    why="A funds sentence about another project gives the wrong investment for the project "
    "evaluated, and shows the text was copied from another report without being checked.",
    example=(
        "天津市东丽湖新建光辉路工程项目2020年度绩效自评报告\n"
        "一、绩效目标分解下达情况\n东丽区雨污分流改造工程项目估算投资2082.48万元,"
        "区财政安排资金700万元。\n"
    ),
    counterexample=(
        "天津市东丽湖新建光辉路工程项目2020年度绩效自评报告\n"
        "一、绩效目标分解下达情况\n东丽湖新建光辉路工程项目估算投资2082.48万元,"
        "区财政安排资金700万元。\n"
    ),
    fix="State the evaluated project's own investment and funds.",
)

PARTY_PREFIX_ON_UNIT = rule(
    code="Q182",
    fix_zh="按单位的规范全称书写（如“某县档案馆”），“中共”只冠于党的委员会及其工作部门的名称。",
    name="party-prefix-on-unit-name",
    kind="copy_paste",
    severity=Severity.INFO,
    family="quality",
    title_zh="单位名称前误加“中共”",
    title_en="A unit's name with the party prefix 中共 but no party body",
    message_zh="“{quote}”在地名后直接接单位（{unit}），名称中没有党委、党组或支部：“中共”只冠于党的"
    "委员会及其工作部门、党组织的名称，疑为套用了主管党委部门的模板",
    message_en="'{quote}' puts the party prefix 中共 before a place and a unit ({unit}) with no "
    "party committee, 党组 or branch in the name: 中共 only heads the names of party committees, "
    "their offices and party organisations; likely the managing party office's template",
    what="Finds 中共 followed by a place (…省, …市, …县, …区, …镇) and directly a unit (…馆, …局, "
    "…院, …所, …中心, …站, …队) when the name (the Chinese run after 中共) holds no 委, 党组, "
    "支部 or 总支. Party bodies and their offices (中共某县委办公室, 中共某县委党校, 中共某县财政局"
    "党组, 中共某镇委员会, 中共某县人民医院委员会) and documents (中共中央国务院关于…) stay "
    "silent.",
    why="A unit's name is how the report says who is accountable; a party prefix on a "
    "government-side unit (a 事业单位 such as an archive) is a name no such unit has, and shows "
    "a heading copied from another unit's template.",
    example="附件6 中共寻甸回族彝族自治县档案馆2024年项目预算、决算明细表\n"
    "寻甸回族彝族自治县档案馆属于县委办公室管理的正科级事业单位。",
    counterexample="附件6 寻甸回族彝族自治县档案馆2024年项目预算、决算明细表\n"
    "寻甸回族彝族自治县档案馆属于中共寻甸回族彝族自治县委办公室管理的正科级事业单位。",
    fix="Write the unit's own full name; keep 中共 for party committees and their offices.",
)

# ---- Q176 ----
_FORM_YEAR = lazy(r"自评表\s*[（(]\s*(?P<y>20\d{2})\s*年度?\s*[)）]")
_GOAL_HEAD = lazy(r"年度总体目标|年度绩效目标|年度目标|总体目标|绩效目标|预期目标")
_DEADLINE = lazy(
    r"(?P<d>(?P<y>20\d{2})\s*年(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?|底|末)\s*(?:前|之前|以前))"
)
# Where the goal's text ends: its completion part (完成情况, 实际完成, 截至…) or a results heading.
_GOAL_END = lazy(r"完成情况|实际完成|完成值|截至|截止|自评得分|绩效指标")
_GOAL_REACH = 300
# A numbered heading opening a line (二、…, (三)…): the goal's part has ended.
_NEXT_HEADING = lazy(
    r"\n[ \t]*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])"
)
_COMPLETION_AFTER = lazy(r"\s*(?:的)?(?:完成|实现|执行|达成)")
# A date qualifying a noun: 2023年12月31日前建成的(工程), 2022年底前已纳入的(对象).
_MODIFIER_AFTER = lazy(r"\s*(?:已经|已)?[\u4e00-\u9fff]{1,4}的")
# Any year in the goal's text: a goal that names the year evaluated or a later one (2023年完成建设,
# 提前下达2023年资金) has milestones or a notice date before it, not a stale deadline.
_ANY_YEAR = lazy(r"(?<!\d)(20\d{2})\s*年")


def _year(doc: Document) -> int | None:
    year = stated_year(doc)
    if year is not None:
        return year
    years = {int(m.group("y")) for m in _FORM_YEAR.finditer(doc.norm)}
    return years.pop() if len(years) == 1 else None


def _goal_text(norm: str, at: int) -> tuple[int, int] | None:
    """The goal text around the deadline at `at`: from the end of the line of the last goal
    heading before it (within reach) to the next completion part; None outside a goal. A
    heading that names the goal's completion (绩效目标完成情况) opens results, not a goal."""
    heads = [
        h
        for h in _GOAL_HEAD.finditer(norm, max(0, at - _GOAL_REACH), at)
        if not _COMPLETION_AFTER.match(norm, h.end())
        and norm.rfind("《", 0, h.start()) <= norm.rfind("》", 0, h.start())  # no cited title
    ]
    if not heads:
        return None
    head = heads[-1]
    line_end = norm.find("\n", head.end())
    lo = head.end() if line_end < 0 or line_end > at else line_end
    if _GOAL_END.search(norm, lo, at) or _NEXT_HEADING.search(norm, lo, at):
        return None  # a completion part or another heading stands between goal and date
    end = _GOAL_END.search(norm, at, at + _GOAL_REACH)
    return lo, end.start() if end else min(len(norm), at + _GOAL_REACH)


@check(PAST_GOAL_DEADLINE)
def past_goal_deadline(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "前" not in norm or "目标" not in norm:
        return
    year = _year(doc)
    if year is None:
        return
    judged: set[int] = set()
    for m in _DEADLINE.finditer(norm):
        dy = int(m.group("y"))
        if dy >= year:
            continue
        if rx.search(r"(?:指标|目标)[\s\d:：|]{0,4}$", norm[max(0, m.start() - 8) : m.start()]):
            continue  # Q026 reads a deadline right after 指标/目标
        if rx.search(r"截至|截止", norm[max(0, m.start() - 4) : m.start()]):
            continue  # a status date, not a deadline
        if _MODIFIER_AFTER.match(norm, m.end()):
            continue  # 2023年底前建成的工程: which works exist, not the goal's deadline
        goal = _goal_text(norm, m.start())
        if goal is None or goal[0] in judged:
            continue
        lo, hi = goal
        if any(int(y.group(1)) >= year for y in _ANY_YEAR.finditer(norm, lo, hi)):
            continue  # a multi-year goal's milestones: the year itself is named there too
        judged.add(lo)
        # the sentence holding the deadline
        s_lo = max(norm.rfind(c, lo, m.start()) for c in "。；;\n") + 1
        s_lo = max(s_lo, lo)
        ends = [i for i in (norm.find(c, m.end(), hi) for c in "。；;\n") if i >= 0]
        s_hi = min(ends) if ends else hi
        while s_lo < m.start() and (norm[s_lo].isspace() or norm[s_lo] in "0123456789.、"):
            s_lo += 1
        quote = norm[s_lo:s_hi].strip()
        yield PAST_GOAL_DEADLINE.hit(
            [(s_lo, s_lo + len(quote))],
            {
                "year": year,
                "dy": dy,
                "deadline": m.group("d").rstrip("之以前"),
                "quote": quote if len(quote) <= 60 else quote[:60] + "…",
            },
        )


# ---- Q177 ----
_BUDGET_HEADER = lazy(r"年初预算数?[^\n]{0,12}?全年预算数?")
_FUNDS_ROW = lazy(
    r"^[ \t|]*(?P<label>年度资金总额|资金总额|合计|总计)[ \t|:：]*(?:[(（]万元[)）])?[ \t|]*"
    r"(?P<a>\d+(?:,\d{3})*(?:\.\d+)?)[ \t|]+(?P<b>\d+(?:,\d{3})*(?:\.\d+)?)(?=[ \t|])"
)
# Words that account for a change of budget. 原因 and 偏差 alone are not among them: the form's
# own column (偏差原因分析及改进措施) and the template's heading carry them in every report.
_REASON_WORD = lazy(
    r"调整|调减|调剂|核减|压减|收回|追减|下调|削减|缩减|结转|上缴|退回|变更|未足额|未到位|"
    r"(?:预算|资金|经费)[^。；;\n]{0,6}减少"
)


def _dec(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


@check(BUDGET_CUT_UNEXPLAINED)
def budget_cut_unexplained(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    header = _BUDGET_HEADER.search(norm)
    if header is None or _REASON_WORD.search(norm):
        return
    for ln in doc.lines:
        if ln.start < header.end():
            continue
        m = _FUNDS_ROW.match(ln.text)
        if m is None:
            continue
        a, b = _dec(m.group("a")), _dec(m.group("b"))
        if a is None or b is None or a <= 0 or b <= 0 or b * 2 > a:
            return  # the first funds row decides
        lo = ln.start + m.start("label")
        hi = ln.start + len(ln.text.rstrip())
        share = (b / a * 100).quantize(Decimal("0.1"))
        yield BUDGET_CUT_UNEXPLAINED.hit(
            [(lo, hi)],
            {
                "quote": norm[lo:hi],
                "opening": fmt(a),
                "full": fmt(b),
                "share": str(share),
            },
        )
        return


# ---- Q181 ----
_PROJECT_FUNDS = lazy(
    r"(?P<name>[\u4e00-\u9fff()（）\-—]{4,40}?(?:工程|项目))(?:项目)?"
    r"(?:估算|概算|预算|计划|批复)?总?(?:投资|资金)(?:总额|为|约|共计)?\s*\d"
)
_PROJECT_WORD = lazy(r"(?=工程|项目)")
# Words every project name has: they say nothing about which project it is.
_GENERIC = (
    "工程",
    "程项",
    "项目",
    "建设",
    "新建",
    "改造",
    "改建",
    "扩建",
    "提升",
    "维修",
    "专项",
    "资金",
    "年度",
)
# Leading place names: at most one of each level (天津市东丽区, 滨海新区, 某县某镇).
_PLACE = lazy(
    r"(?:[\u4e00-\u9fff]{2,3}省)?(?:[\u4e00-\u9fff]{2,3}(?:市|州|盟))?"
    r"(?:[\u4e00-\u9fff]{2,3}(?:区|县|旗))?(?:[\u4e00-\u9fff]{2,3}(?:镇|乡|街道))?"
)


def _distinct_words(name: str) -> set[str]:
    """The name's two-character words after its leading place names (one of each level: 省,
    市, 区/县, 镇/乡), generic project words, years and bracketed parts aside."""
    name = rx.sub(r"[(（][^)）]*[)）]|\d+\s*年度?|\d+", "", name)
    place = _PLACE.match(name)
    core = name[place.end() :] if place else name
    return {core[i : i + 2] for i in range(len(core) - 1)} - set(_GENERIC)


# A verb of handing funds down, raising, paying or spending them (or the contract they are paid
# under): the words before 项目资金 then tell how the money came or went (财政下达项目资金, 按合同
# 支付项目资金), they do not name a project. A project's name is a noun phrase, never such a clause.
_ALLOCATION = lazy(
    r"下达|下拨|拨付|划拨|安排|争取|筹集|落实|到位|共计|累计"
    r"|支付|付款|兑付|结算|报账|使用|用于|投入|收到|发放|合同"
)
# Words that relate a named project to the one evaluated (its parent, a phase, a part).
_RELATED = lazy(r"配套|子项目|组成部分|一期|二期|三期|分期|标段|包括|其中|隶属|依托|同步|本项目")


@check(OTHER_PROJECT_FUNDS)
def other_project_funds(doc: Document) -> Iterator[Hit]:
    title = report_title(doc)
    if title is None or not rx.search(r"项目|工程", title[2]):
        return
    norm = doc.norm
    title_text = title[2]  # its bracketed part may be the project's name: 报告(云龙…项目)
    for m in rx.finditer_near(_PROJECT_FUNDS, norm, _PROJECT_WORD, 40):
        if m.start() < title[1]:
            continue
        lo = max(norm.rfind(c, 0, m.start("name")) for c in "，,。；;：:\n") + 1
        if lo > m.start("name"):
            continue
        name = norm[lo : m.end("name")].strip()
        if _ALLOCATION.search(name):
            continue  # "市财政共计下达单位市级项目资金60万元": funds handed down, no project's name
        words = _distinct_words(name)
        if len(words) < 2 or any(w in title_text for w in words):
            continue
        end = norm.find("。", m.end())
        sentence = norm[norm.rfind("。", 0, lo) + 1 : end if end >= 0 else len(norm)]
        if _RELATED.search(sentence):
            continue  # 本项目是…的配套工程: a related project named as such
        hi = min(
            (i for i in (norm.find(c, m.end()) for c in "，,。；;\n") if i >= 0),
            default=len(norm),
        )
        yield OTHER_PROJECT_FUNDS.hit(
            [(lo, hi), (title[0], title[1])],
            {"title": title[2], "quote": norm[lo:hi], "other": name},
        )
        return


# ---- Q182 ----
_PARTY_NAME = lazy(r"中共(?P<name>[\u4e00-\u9fff]{3,24})")
_PARTY_BODY = lazy(r"委|党组|支部|总支")
_PLACE_UNIT = lazy(
    r"^[\u4e00-\u9fff]{1,12}?(?:省|市|州|盟|县|縣|区|區|旗|镇|鎮|乡|鄉)"
    r"(?P<unit>[\u4e00-\u9fff]{1,10}?(?:馆|館|局|院|所|中心|站|队|隊))"
)


@check(PARTY_PREFIX_ON_UNIT)
def party_prefix_on_unit(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "中共" not in norm:
        return
    seen: set[str] = set()
    for m in _PARTY_NAME.finditer(norm):
        name = m.group("name")
        if _PARTY_BODY.search(name):
            continue  # a party committee, its office, a 党组 or a branch
        unit = _PLACE_UNIT.match(name)
        if unit is None:
            continue  # 中共中央国务院关于…: a document's issuers, no place and unit
        quote = "中共" + name[: unit.end()]
        if quote in seen:
            continue
        seen.add(quote)
        yield PARTY_PREFIX_ON_UNIT.hit(
            [(m.start(), m.start() + len(quote))], {"quote": quote, "unit": unit.group("unit")}
        )
