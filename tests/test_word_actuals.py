"""An indicator whose result is words saying it is not done, with no reason: G016."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

HEAD = "二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施\n"


def g(text: str):
    return [f for f in review_text(text, select=["G016"]) if f.code == "G016"]


def test_a_figure_target_with_an_unfinished_result_and_no_reason() -> None:
    [f] = g(HEAD + "数量指标 | 新建全民健身中心数量 | 1 | 建设中 | |||\n")
    assert (f.kind, f.severity) == ("target_not_met", Severity.WARNING)
    assert f.spans[0].text == "新建全民健身中心数量 | 1 | 建设中"
    assert "目标 1" in f.message and "“建设中”" in f.message
    # other words, units, comparators and a tab layout
    for row in (
        "数量指标 | 改造老旧小区 | ≥3个 | 推进中 |\n",
        "数量指标 | 新建污水管网 | 12.5公里 | 尚未完工 | \n",
        "数量指标\t村级活动场所\t5个\t正在施工\t\n",
    ):
        head = HEAD.replace(" | ", "\t") if "\t" in row else HEAD
        assert len(g(head + row)) == 1, row


def test_a_reason_a_done_result_or_a_target_in_words_stays_silent() -> None:
    assert (
        g(HEAD + "数量指标 | 新建全民健身中心数量 | 1 | 建设中 | 土地报批延后，2024年竣工\n") == []
    )
    assert g(HEAD + "数量指标 | 新建全民健身中心数量 | 1 | 已完成 |\n") == []
    assert g(HEAD + "数量指标 | 新建全民健身中心数量 | 1 | 1 |\n") == []
    assert g(HEAD + "时效指标 | 完工时间 | 按期完成 | 建设中 |\n") == []


def test_without_a_reason_column_or_far_from_its_header_it_stays_silent() -> None:
    no_reason = "二级指标 | 三级指标 | 指标值 | 全年实际完成值\n"
    assert g(no_reason + "数量指标 | 新建全民健身中心数量 | 1 | 建设中 |\n") == []
    far = HEAD + "".join(f"说明第{i}行\n" for i in range(15))
    assert g(far + "数量指标 | 新建全民健身中心数量 | 1 | 建设中 |\n") == []
