"""G040: a space-separated indicator row on its own line that misses its target, no reason."""

from __future__ import annotations

from tests.helpers import review_text

# the heading split over two lines, as flattened forms print it: no table reader reads the rows
HEAD = "一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析\n指标值 完成值\n"


def codes(text: str, code: str):
    return [f for f in review_text(text) if f.code == code]


def test_a_missed_percent_target_with_nothing_after_the_score():
    (f,) = codes(HEAD + "质量指标 指标1:设备验收合格率 100% 92% 8 7\n", "G040")
    assert (f.data["name"], f.data["target"], f.data["actual"]) == ("设备验收合格率", "100%", "92%")


def test_a_missed_count_and_a_lower_is_better_row():
    assert codes(HEAD + "数量指标 培训人数 ≥300人次 260人次 10 8\n", "G040")
    assert codes(HEAD + "成本指标 投诉率 ≤2% 3% 5 4\n", "G040")
    assert codes(HEAD + "成本指标 投诉率 ≤2% 1.5% 5 5\n", "G040") == []


def test_near_misses_are_silent():
    for row in (
        "质量指标 设备验收合格率 ≥90% 92% 8 8",  # met
        "质量指标 设备验收合格率 100% 92% 8 7 因两台设备返厂整改未通过验收",  # reason given
        "数量指标 培训人数 300人次 26% 10 8",  # different units: not one indicator's pair
        "年度资金总额 100 90 10 9",  # bare numbers: a funds row, not a target and an actual
    ):
        assert codes(HEAD + row + "\n", "G040") == [], row
    # no `分值 得分` heading: not a scored form
    assert codes("设备验收合格率 100% 92% 8 7\n", "G040") == []


def test_a_row_the_table_reader_already_reads_is_left_to_g001():
    head = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析\n"
    found = review_text(head + "质量指标 设备验收合格率 100% 92% 8 7\n")
    assert [f.code for f in found if f.code in ("G001", "G040")] == ["G001"]
