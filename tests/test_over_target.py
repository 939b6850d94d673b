"""R030: a completion stated as a percentage of a count target, against the counts."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def r030(text: str):
    return [f for f in review_text(text, select=["R030"]) if f.code == "R030"]


def test_an_excess_worked_out_the_wrong_way_round_is_an_error():
    [f] = r030("全年完成危房改造264户，下达任务115户，超任务43%。")
    assert f.severity == Severity.ERROR and f.kind == "rate_mismatch"
    assert f.spans[0].text == "超任务43%"
    assert [s.text for s in f.spans[1:]] == ["115户", "264户"]
    assert "115÷264 = 43.56%" in f.message and "129.57%" in f.message


def test_either_reading_of_the_percentage_reconciles_it():
    base = "全年完成危房改造264户，下达任务115户，"
    assert r030(base + "超任务130%。") == []  # the excess, rounded
    assert r030(base + "超任务129.6%。") == []
    assert r030(base + "超任务129%。") == []  # truncated
    assert r030(base + "完成任务的229.6%。") == []  # the ratio
    assert r030(base + "超额完成任务229.6%。") == []  # ratio written as 超额: a reading


def test_a_percentage_no_reading_gives_is_a_warning():
    [f] = r030("目标任务为200人，实际培训230人，超额完成任务20%。")
    assert f.severity == Severity.WARNING
    assert "15%" in f.message and "115%" in f.message
    assert r030("目标任务为200人，实际培训230人，超额完成任务15%。") == []


def test_counts_that_do_not_make_one_pair_stay_silent():
    # a part (其中…) is not the actual; two candidate actuals or targets leave it open
    assert r030("目标任务为200人，实际培训230人，其中女性120人，超额完成任务15%。") == []
    assert r030("目标任务为200人，实际培训230人和250人，超额完成任务15%。") == []
    assert r030("任务数200人，任务数180人，实际培训230人，超额完成任务20%。") == []
    # no actual at all
    assert r030("下达任务115户，超任务43%。") == []
    # an excess claimed over a target the counts do not exceed: not this pair
    assert r030("目标任务为200人，实际培训190人，超额完成任务5%。") == []


def test_the_counts_may_stand_in_another_paragraph_of_the_report():
    head = "一、基本情况\n农村危房改造任务数为115户，实际完成农村危房改造264户。\n二、绩效分析\n"
    [f] = r030(head + "由于房屋年代久远，我市实际改造数超任务43%。")
    assert f.spans[0].text == "我市实际改造数超任务43%" and "按报告数据" in f.message
    assert r030(head + "我市实际改造数超任务129.6%。") == []


def test_elsewhere_only_one_target_and_one_done_count_qualify():
    two_targets = (
        "一、基本情况\n改造任务数为115户，实际完成改造264户，培训任务数为50人。\n二、分析\n"
    )
    assert r030(two_targets + "改造数超任务43%。") == []
    two_done = "一、基本情况\n改造任务数为115户，实际完成改造264户，另完成维修30户。\n二、分析\n"
    assert r030(two_done + "改造数超任务43%。") == []


def test_a_ratio_that_names_its_target_count_is_checked_against_the_count_before_it():
    [f] = r030("培训合格学员有774人（24期），完成市级下达任务人数645人的820%。")
    assert f.spans[0].text.endswith("645人的820%") and "774÷645 = 120%" in f.message
    [g] = r030("创业培训2399人，完成市目标任务数2000人的210%。")
    assert "按同句数据" in g.message
    # 2399 ÷ 2000 = 119.95%: 120% as written
    assert r030("创业培训2399人，完成市目标任务数2000人的120%。") == []
    assert r030("城镇新增就业21347人，完成市目标任务21347人的100%。") == []
    # no count of that unit before it in the sentence (期 is another unit): nothing to judge
    assert r030("共培训120期，完成市目标任务2000人的120%。") == []


def test_the_share_of_the_target_the_count_done_is() -> None:
    # 实际完成数占年度目标任务的X%: the ratio reading, done ÷ target.
    text = "改造项目绩效目标14户，实际完成14户，实际完成数占年度目标任务的{}%。"
    assert r030(text.format(100)) == []
    (f,) = r030(text.format(150))
    assert f.severity == Severity.WARNING and "14÷14 = 100%" in f.message
    from reviewer.engine import check_text

    assert {f.status for f in check_text(text.format(100)).figures or []} == {"verified"}
    # near miss: a share of something that is not the target is not read
    assert r030("改造项目绩效目标14户，实际完成14户，占全镇农户的150%。") == []


def test_a_completion_rate_after_a_target_value_and_its_actual() -> None:
    # "目标值是N次，实际完成值为M次，目标完成率为X%": the target is the count after 目标值
    text = "当年举办交流活动数量绩效目标值是24次,实际完成值为30次,目标完成率为152%,"
    [f] = r030(text)
    assert "24" in f.message and "30" in f.message and "125%" in f.message
    assert r030(text.replace("152%", "125%")) == []


def test_the_next_indicator_with_its_own_target_is_not_read_against_the_counts() -> None:
    # the second rate belongs to the 到位率 indicator, whose own target (100%) stands before it
    text = (
        "当年举办交流活动数量绩效目标值是24次,实际完成值为30次,目标完成率为125%,,"
        "补助资金到位率绩效目标值是100%,实际完成值为100%,目标完成率为100%,"
    )
    assert r030(text) == []
    # near miss: the first rate still wrong is still found
    [f] = r030(text.replace("125%", "152%"))
    assert "152%" in f.message


def test_several_count_targets_in_a_paragraph_each_rate_reads_its_own_indicator() -> None:
    text = (
        "(3)数量目标:新建服务站数量绩效目标值是3个,实际完成值为1个,目标完成率为33%,,"
        "组织交流活动数量绩效目标值是24次,实际完成值为30次,目标完成率为152%,"
    )
    [f] = r030(text)
    assert "152%" in f.message and "24次" in f.message and "30次" in f.message
    # near miss: both rates right
    assert r030(text.replace("152%", "125%")) == []
