"""Which text holds the year's goals: a plan period's aims above the year's quantified targets
are no vague annual target (Q001), and a goals section that lists its goals in words after an
announcing word states goals (Q002 stays silent; Q001 judges them)."""

from __future__ import annotations

import pytest

from tests.helpers import review_text


def q(text: str, code: str):
    return review_text(text, select=[code])


_TABLE = (
    "2021年，部门职责目标如下:\n"
    "指标分类 | 指标 | 目标值 |\n"
    "应急救援 | 备灾仓库物资完好率 | 100% |\n"
    "应急救护 | 救护师资培训合格人数 | ≥300人 |\n"
)


@pytest.mark.parametrize(
    "lead",
    [
        "“十四五”时期,本会事业发展的主要目标是:",
        "2021—2025年，全省红十字事业发展的主要目标是：",
        "规划期内，我单位的发展目标是：",
    ],
)
def test_a_plan_periods_aims_above_the_years_quantified_targets_are_not_vague(lead: str) -> None:
    text = (
        "(三)部门整体绩效目标\n"
        f"{lead}(1)应急救援能力显著增强;(2)应急救护能力大幅提升;(3)人道救助能力明显提高。\n"
        + _TABLE
        + "(四)绩效目标完成情况\n全部完成。\n"
    )
    assert q(text, "Q001") == []


def test_the_same_aims_as_the_years_goals_are_vague() -> None:
    text = (
        "(三)部门整体绩效目标\n"
        "2021年度主要目标是:(1)应急救援能力显著增强;(2)应急救护能力大幅提升;(3)人道救助能力明显提高。\n"
        + _TABLE
        + "(四)绩效目标完成情况\n全部完成。\n"
    )
    assert q(text, "Q001")


def test_a_plan_period_without_quantified_targets_is_still_judged() -> None:
    text = (
        "二、年度绩效目标\n"
        "“十四五”时期主要目标是:应急救护能力大幅提升;人道救助能力明显提高。\n"
        "三、绩效目标完成情况\n全部完成。\n"
    )
    assert q(text, "Q001")


_FUNDS_ONLY = (
    "一、绩效目标分解下达情况\n"
    "(一)中央下达预算和绩效目标情况\n"
    "2022年收到中央补助资金15150.00万元,全部补助到各级政府,其中省级支出489.00万元,"
    "各州市14661.00万元。\n"
    "(二)省内分解下达预算和绩效目标情况\n"
    "2022年地方应配套20971.00万元,实际配套到位资金20971.00万元。{goals}\n"
    "二、绩效目标完成情况分析\n"
    "1.项目资金到位情况分析。项目资金及时、足额拨付到位。\n"
)


@pytest.mark.parametrize(
    "goals",
    [
        "我省制定了省内绩效目标,主要包括:资金配套、下达;确保储备粮利费支出需要;服务对象满意度等分项绩效指标。",
        "省内绩效目标包含：资金及时下达；储备粮轮换费用保障。",
    ],
)
def test_goals_listed_in_words_after_an_announcing_word_are_goals(goals: str) -> None:
    assert q(_FUNDS_ONLY.format(goals=goals), "Q002") == []


def test_a_goals_section_with_the_funds_alone_is_still_reported() -> None:
    assert q(_FUNDS_ONLY.format(goals=""), "Q002")
