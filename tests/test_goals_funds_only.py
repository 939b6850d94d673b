"""Q002's funds-only goals section, extended: traditional characters with pinyin glosses, a unit's
goals-and-tasks heading, amounts in 万 without 元, rates of the funds, document numbers and dates,
and figures reported as done — each with a near miss where a goal or a target may stand."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

TAIL = "\n三、绩效自评结论\n项目自评得分95分。\n四、存在的问题\n资金拨付偏慢。\n"


def q2(text: str):
    return [f for f in review_text(text + TAIL, select=["Q002"]) if "只写了资金数额" in f.message]


def test_glossed_traditional_goals_section_holding_funds_and_results() -> None:
    text = (
        "一、績(jī)效目標(biāo)分解下達(dá)情況\n"
        "(一)下達(dá)育秧項(xiàng)目預(yù)算和績效目標(biāo)情況。2023年下達(dá)預(yù)算資金1465万(wàn)元。"
        "2023年完成支付784.685万(wàn)元,預(yù)算執(zhí)行率53.6%。"
        "通過(guò)實(shí)施該項(xiàng)目,補貼農(nóng)機(jī)具200余臺(tái),加快了育秧發(fā)展。\n"
    )
    [f] = q2(text)
    assert f.severity == Severity.INFO
    assert any("(一)下達" in sp.text for sp in f.spans)  # the sub-heading that promised goals


def test_unit_goals_and_tasks_heading_over_budget_figures() -> None:
    text = (
        "一、部门概况\n本局负责全区生态环境保护工作。\n"
        "二、本部门履职总体目标、工作任务\n"
        "1.部门预算收入\n2021年部门预算收入1250万元。\n"
        "2.部门预算支出\n2021年部门预算支出1250万元,其中基本支出922万元,项目支出328万元。\n"
    )
    [f] = q2(text)
    assert f.spans[0].text.startswith("二、本部门履职总体目标")


def test_a_figure_framed_as_a_target_keeps_it_silent() -> None:
    # 计划 … 1300米 and 预计 … 2万元 are goals with a value: not a funds-only section
    plan = (
        "一、绩效目标分解下达情况\n我镇计划实施排水沟工程,新建排水沟1300米,安排项目资金56万元。\n"
    )
    income = "一、绩效目标分解下达情况\n安排资金80万元。项目实施后预计年收入租金2万元。\n"
    assert q2(plan) == [] and q2(income) == []


def test_a_figure_not_reported_as_done_may_be_the_target() -> None:
    # 用于…发展节水灌溉1.2万亩: no 了/已/实际 — the quantity may be the goal itself
    text = "一、绩效目标分解下达情况\n下达资金1785万元,用于发展高效节水灌溉1.2万亩。\n"
    assert q2(text) == []


def test_a_goal_given_after_a_label_is_stated() -> None:
    text = (
        "一、省内资金安排、分解下达预算和绩效目标情况\n省级下达资金804万元。"
        "年度总体目标:提升困难群众生活保障水平。\n"
    )
    assert q2(text) == []
