"""Q130: a claim of completion set against an unfinished state stated elsewhere in the report.

Money: all paid/used, and a part not used in the year. Works: all done, and works still being
built. Texts written for the test; each reading has near misses that must stay silent."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def q(text: str) -> list:
    return list(review_text(text, select=["Q130"]))


MONEY = (
    "2.项目资金执行情况\n"
    "农业发展资金共80万元，已全部拨付使用。\n"
    "其中农机补贴资金20万元，当年未使用，预算执行率0%。\n"
)


def test_all_used_and_a_part_unused_is_a_warning_on_both_sentences() -> None:
    (f,) = q(MONEY)
    assert f.severity == Severity.WARNING
    assert f.spans[0].text.startswith("农业发展资金共80万元")
    assert f.spans[1].text.startswith("其中农机补贴资金20万元")
    assert "已全部拨付使用" in f.message and "当年未使用" in f.message


def test_a_rate_of_zero_is_an_unused_part() -> None:
    text = MONEY.replace("当年未使用，预算执行率0%", "预算执行率为0%")
    assert len(q(text)) == 1


def test_money_near_misses() -> None:
    # a reason beside the unused part: the report explains itself
    assert q(MONEY.replace("当年未使用", "因任务次年下达，当年未使用")) == []
    # the claim negated
    assert q(MONEY.replace("已全部拨付使用", "没有全部拨付使用")) == []
    # a planned, not a stated, full use
    assert q(MONEY.replace("已全部拨付使用", "计划年底前全部拨付使用")) == []
    # nothing unused: the negation of the unused state
    assert q(MONEY.replace("当年未使用，预算执行率0%", "不存在资金未使用")) == []
    # 未使用 not closing its clause (未使用的资金…) states no unused part
    assert q(MONEY.replace("当年未使用，预算执行率0%", "未使用资金已按规定结转")) == []
    # a zero rate that is 0.5 %, or 100 %
    assert q(MONEY.replace("当年未使用，预算执行率0%", "预算执行率0.5%")) == []
    assert q(MONEY.replace("当年未使用，预算执行率0%", "预算执行率100%")) == []


WORKS = (
    "1.产出指标完成情况\n"
    "项目各项产出指标均已按时按量完成，新建冷库10个。\n"
    "3.资金管理情况\n"
    "资金专款专用，在建项目按进度拨付资金。\n"
)


def test_works_done_and_still_being_built_is_an_info() -> None:
    (f,) = q(WORKS)
    assert f.severity == Severity.INFO
    assert f.spans[0].text.startswith("项目各项产出指标均已按时按量完成")
    assert f.spans[1].text.startswith("资金专款专用")


def test_works_near_misses() -> None:
    # one sentence naming both the finished and the unfinished projects: a mix, not a contradiction
    mix = "已完成的项目及时报账，在建项目按进度拨付资金。\n项目管理规范。\n"
    assert q(mix) == []
    # no projects under construction
    assert q(WORKS.replace("在建项目按进度拨付资金", "不存在在建项目")) == []
    # completion only planned
    assert q(WORKS.replace("均已按时按量完成", "确保年底前全部完成")) == []
    # completion of the payment, not of the works
    assert q(WORKS.replace("均已按时按量完成，新建冷库10个", "资金全部完成拨付")) == []
    # no claim of completion at all
    assert q(WORKS.replace("均已按时按量完成", "正在推进")) == []


def test_works_still_under_construction_in_other_words() -> None:
    text = WORKS.replace("在建项目按进度拨付资金", "其中2号冷库尚在施工")
    assert len(q(text)) == 1


def test_finished_works_awaiting_acceptance_are_no_contradiction() -> None:
    # 完工 (built) and 尚未竣工验收 (acceptance pending) can both hold
    text = "项目已全部完工。\n项目尚未竣工验收，资金按合同支付。\n"
    assert q(text) == []


def test_next_years_plans_describe_no_unfinished_state() -> None:
    text = WORKS.replace(
        "资金专款专用，在建项目按进度拨付资金。", "下一步将加强在建项目的资金管理。"
    )
    assert q(text) == []
    # the same words as a statement of this year
    assert (
        len(q(WORKS.replace("资金专款专用，在建项目按进度拨付资金。", "加强在建项目的资金管理。")))
        == 1
    )


def test_the_works_reading_leaves_a_completion_claim_against_unfinished_works_to_q126() -> None:
    text = "(1)数量指标。2023年实际基本完成。\n(2)质量指标。项目暂未完工。\n"
    assert q(text) == []
    assert len(list(review_text(text, select=["Q126"]))) == 1
