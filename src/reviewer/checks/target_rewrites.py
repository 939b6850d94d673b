"""Concrete rewrites of vague targets, proposed by the rules (Q001's `data.rewrite`).

A vague target names an indicator and a direction only (满意度显著提升, 效果明显). The rules
propose a measurable target from an indicator-type table, taking figures from the report itself
wherever it states them, never inventing a figure about the report:

- satisfaction (…满意度): ≥90%, with how it is surveyed;
- coverage (覆盖率, 参保率, 普及率, other rates): ≥ the rate the report states for it (last
  year's value preferred), else "not below last year's value";
- timeliness (及时率, 合格率, 达标率, 验收…): =100% by the end of the evaluated year;
- quantity (数量, 人数, 次数, 面积…): ≥ the figure the report states, in its unit;
- cost (成本, 经费, 费用, 资金…): ≤ the year's budget line of the report;
- other (效率, 质量, 水平, 收入, 增长…): +N% on last year, N and the base year to be stated.

`is_measurable()` is the test every rewrite (the rules' or a model's) must pass: a comparator
with a number and a unit, or a completion date, and no direction word standing in for a value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.facts import BUDGET, FULL, OPENING, current, facts
from reviewer.claims.report import evaluated_year
from reviewer.document import Document
from reviewer.numbers import Quantity, find_quantities, fmt
from reviewer.regex import lazy


class Proposal(NamedTuple):
    """A measurable target for one vague indicator."""

    indicator: str  # the indicator's name as written
    target: str  # the target as written (the vague words)
    kind: str  # satisfaction | coverage | timeliness | quantity | cost | other
    rewrite: str  # the proposed target, e.g. 群众满意度≥90%（年末问卷调查…）
    basis_zh: str  # where its figure comes from
    basis_en: str
    measurable: bool  # whether `rewrite` passes `is_measurable` (a template may not)

    def as_data(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "target": self.target,
            "type": self.kind,
            "rewrite": self.rewrite,
            "basis": self.basis_zh,
            "measurable": self.measurable,
        }


_SATISFACTION = lazy(r"满意")
_TIMELY = lazy(r"及时|合格|准确|规范|完好|验收|达标|办结|按时|按期|时效|安全|完成")
_COVERAGE = lazy(r"覆盖|参保|普及|入学|接种|知晓|使用|利用|参与|受益|巩固|入园|就业")
_COST = lazy(r"成本|费用|经费|资金|支出|投入|造价|单价|补助|补贴|金额")
_QUANTITY = lazy(r"数量|个数|次数|人数|户数|场次|件数|项数|人次|面积|长度|里程|规模|(?<!指)数$")
_RATE = lazy(r"率$|比例$|比重$|占比$")
# Words that end a vague clause: the indicator's name stands before them.
_TRAILING = lazy(
    r"(?:都|均|将|得到|有|有所|有一定|一定|明显|显著|进一步|持续|逐步|不断|稳步|普遍|大幅|全面|"
    r"有效|较好|良好|的)*"
    r"(?:提升|提高|改善|增强|增加|加强|降低|减少|下降|好转|优化|保障|明显|显著|有效|达标)$"
)
_PREVIOUS = lazy(r"上年|去年|上一年|上年度")
# Quantities that improve by falling: a pollutant's concentration, incidents, complaints, losses.
_FALLS = lazy(
    r"浓度|排放|污染|发生率|发病|事故|投诉|死亡|伤亡|损失|违法|违规|案件|上访|信访|超标|"
    r"差错|误差|故障|能耗|耗能|空置|闲置|积压|拖欠|欠款|不合格|返贫|致贫|辍学"
)
_REDUCTION = lazy(r"减少|下降|降低|削减|压减|减排|降幅|减幅|控制率")
_LEADING = lazy(r"^(?:持续|不断|进一步|逐步|稳步|全面|有效)?(?:提升|提高|改善|增强|加强|优化)")


def indicator_name(text: str) -> str:
    """The indicator a vague clause is about: '群众满意度普遍提升' -> '群众满意度'."""
    name = text.strip().strip("“”\"'")
    cut = _TRAILING.sub("", name)
    return (cut or name).strip(" ，,、：:")


def _kind(name: str) -> str:
    if _SATISFACTION.search(name):
        return "satisfaction"
    rate = bool(_RATE.search(name)) or name.endswith(("度", "性"))
    if rate and _COVERAGE.search(name):
        return "coverage"
    if rate and _TIMELY.search(name):
        return "timeliness"
    if _COST.search(name) and not rate:
        return "cost"
    if _QUANTITY.search(name):
        return "quantity"
    if rate and name.endswith("率"):
        return "coverage"
    if _TIMELY.search(name) or rx.search(r"开展|运行|运转|落实|实施", name):
        return "timeliness"
    return "other"


def _key(name: str) -> str:
    """The name's tail, the part reports repeat: '城乡居民医保参保率' -> '医保参保率'."""
    core = _LEADING.sub("", name)
    return core[-5:] if len(core) > 5 else core


def _stated(
    doc: Document, name: str, dimension: str, skip: tuple[int, int]
) -> tuple[Quantity, bool] | None:
    """A figure the report states for this indicator elsewhere (its name then, within a few
    characters, a figure of `dimension`); True when it is labelled as last year's."""
    key = _key(name)
    if len(key) < 2:
        return None
    norm = doc.norm
    found: tuple[Quantity, bool] | None = None
    at = norm.find(key)
    while at >= 0:
        end = at + len(key)
        nxt = norm.find(key, end)
        if skip[0] <= at < skip[1]:
            at = nxt
            continue
        line_end = norm.find("\n", end)
        hi = min(end + 16, line_end if line_end >= 0 else len(norm))
        qs = [q for q in find_quantities(norm, end, hi) if q.dimension == dimension]
        at = nxt
        if not qs:
            continue
        prev = bool(_PREVIOUS.search(norm[max(0, end - len(key) - 12) : qs[0].end]))
        if found is None or (prev and not found[1]):
            found = (qs[0], prev)
    return found


def _budget(doc: Document) -> Quantity | None:
    for kind in (FULL, OPENING, BUDGET):
        items = [f for f in current(doc, facts(doc)) if f.kind == kind and f.topic == "dept"]
        if items:
            return items[0].quantity
    return None


def propose(doc: Document, name: str, target: str, span: tuple[int, int]) -> Proposal:
    """The rules' rewrite of the vague target `target` of indicator `name` (found at `span`)."""
    kind = _kind(name)
    year = evaluated_year(doc)
    by = f"{year}年12月31日前" if year else "年度终了前"
    if kind == "satisfaction":
        return Proposal(
            name, target, kind,
            f"{name}≥90%（年末问卷调查，写明调查对象、有效样本数和调查方式）",
            "满意度指标的通行标准（≥90%），调查方式需写明",
            "the usual standard for satisfaction (≥90%), with how it is surveyed",
            True,
        )  # fmt: skip
    # 事故减少率, 排放削减量: a measure of the fall itself improves by rising
    falls = bool(_FALLS.search(name)) and not _REDUCTION.search(name)
    if kind == "timeliness" and falls and not _RATE.search(name):
        kind = "other"  # 安全事故起数: a count to bring down, not a task done on time
    if kind in ("coverage", "timeliness") and falls:  # 事故发生率: not 安全 done on time
        kind = "coverage"
    if kind == "timeliness":
        shown = (
            name
            if _RATE.search(name) or name.endswith(("度", "性"))
            else (f"{name}（年度任务完成率）")
        )
        return Proposal(
            name, target, kind, f"{shown}=100%（{by}）",
            "时效、质量类指标按全部按期完成设定", "time and quality indicators: all, on time",
            True,
        )  # fmt: skip
    if kind == "coverage" and falls:
        return Proposal(
            name, target, kind, f"{name}不高于上年实际值（写明上年数值，如“≤上年的N%”）",
            "该指标越低越好，以上年实际值为上限", "lower is better: last year's value as ceiling",
            False,
        )  # fmt: skip
    if kind == "coverage":
        got = _stated(doc, name, "percent", span)
        if got is not None:
            q, prev = got
            where = "上年值" if prev else "报告所载数值"
            return Proposal(
                name, target, kind, f"{name}≥{fmt(q.value)}%（{where}）",
                f"取报告所载“{doc.norm[max(0, q.start - 8) : q.end].strip()}”",
                f"the figure the report states: {q.raw}", True,
            )  # fmt: skip
        return Proposal(
            name, target, kind, f"{name}不低于上年实际值（写明上年数值，如“≥上年的N%”）",
            "报告未载该指标数值，以上年实际值为基期", "no figure in the report: last year's value",
            False,
        )  # fmt: skip
    if kind == "quantity" and falls:
        return Proposal(
            name, target, kind, f"{name}≤上年实际数（写明上年数值和计量单位）",
            "该指标越低越好，以上年实际数为上限", "lower is better: last year's count as ceiling",
            False,
        )  # fmt: skip
    if kind == "quantity":
        got = _stated(doc, name, "count", span)
        if got is not None:
            q, _prev = got
            return Proposal(
                name, target, kind, f"{name}≥{fmt(q.value)}{q.unit}",
                f"取报告所载“{doc.norm[max(0, q.start - 8) : q.end].strip()}”",
                f"the figure the report states: {q.raw}", True,
            )  # fmt: skip
        return Proposal(
            name, target, kind, f"{name}≥年度计划数（写明数值和计量单位）",
            "报告未载该指标数值，以年度计划数为目标", "no figure in the report: the year's plan",
            False,
        )  # fmt: skip
    if kind == "cost":
        budget = _budget(doc)
        if budget is not None:
            return Proposal(
                name, target, kind, f"{name}≤{fmt(budget.value)}{budget.unit}（年度预算）",
                f"不超过报告所载年度预算{budget.raw}", f"within the year's budget {budget.raw}",
                True,
            )  # fmt: skip
        return Proposal(
            name, target, kind, f"{name}≤年度预算数（写明金额）",
            "报告未载预算数，以年度预算为上限", "no budget figure in the report", False,
        )  # fmt: skip
    if falls:
        return Proposal(
            name, target, kind,
            f"{_LEADING.sub('', name) or name}较上年降低N%（写明上年基期值和N）",
            "该指标越低越好；无法从报告取得基期数值，需写明上年基期值和降低幅度",
            "lower is better; no base figure in the report: state last year's value and the fall",
            False,
        )  # fmt: skip
    return Proposal(
        name, target, kind, f"{_LEADING.sub('', name) or name}较上年提高N%（写明上年基期值和N）",
        "无法从报告取得基期数值，需写明上年基期值和提高幅度",
        "no base figure in the report: state last year's value and the increase",
        False,
    )  # fmt: skip


# ---------------------------------------------------------------- measurable or not

_COMPARATOR = lazy(
    r"≥|≤|>|<|=|＞|＜|＝|不低于|不少于|不高于|不超过|不大于|不小于|达到|以上|以内|以下"
)
_NUMBER_UNIT = lazy(
    r"\d+(?:\.\d+)?\s*(?:%|‰|万元|亿元|元|个|人次|人|次|户|份|座|亩|项|家|天|件|篇|场|公里|千米|"
    r"米|平方米|吨|辆|所|株|套|台|名|间|批|期|小时|日|月|年|分|万|处|条|张|本|册|村|镇)"
)
_DATE = lazy(
    r"(?:19|20)\d\d年\d{1,2}月(?:\d{1,2}日)?(?:前|之前|以前|底)|\d{1,2}月(?:底|\d{1,2}日)前"
)
_DIRECTION_ONLY = lazy(r"^[^\d]*(?:提升|提高|改善|增强|明显|显著|有效|逐步|持续|进一步)[^\d]*$")


def is_measurable(text: str) -> bool:
    """A comparator with a number and a unit, or a completion date; not a direction only."""
    t = text.replace(" ", "")
    if _DIRECTION_ONLY.match(t):
        return False
    if _DATE.search(t):
        return True
    return bool(_COMPARATOR.search(t)) and bool(_NUMBER_UNIT.search(t))


def within_budget(value: Decimal, unit: str, budget: Quantity) -> bool:
    """Whether a money figure stays within the budget line (both in yuan)."""
    from reviewer.numbers import MONEY_SCALE

    if unit not in MONEY_SCALE:
        return True
    return value * MONEY_SCALE[unit] <= budget.base


def budget_line(doc: Document) -> Quantity | None:
    """The year's budget as the report states it (for plausibility of a cost target)."""
    return _budget(doc)


def rewrite_data(doc: Document, items: list[tuple[str, str, tuple[int, int]]]) -> dict[str, object]:
    """The data a Q001 hit carries for its vague targets (indicator name, target as written,
    span): `rewrite` (all proposals, joined), `rewrites` (one record each), `rewrite_by`."""
    props = [propose(doc, name, target, span) for name, target, span in items]
    return {
        "rewrite": "；".join(p.rewrite for p in props),
        "rewrite_basis": "；".join(dict.fromkeys(p.basis_zh for p in props)),
        "rewrites": [p.as_data() for p in props],
        "rewrite_by": "rules",
    }
