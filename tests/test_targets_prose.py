"""A time target the report's prose says was missed: G010."""

from __future__ import annotations

import pytest

from reviewer.models import Severity
from tests.helpers import review_text


def g(text: str):
    return [f for f in review_text(text, select=["G010"]) if f.code == "G010"]


def test_an_unfinished_project_under_the_time_indicator_is_a_missed_target() -> None:
    [f] = g(
        "1.产出指标完成情况分析。\n(2)质量指标。项目暂未完工。\n(3)时效指标。该项目暂未完工。\n"
    )
    assert f.severity == Severity.WARNING and f.kind == "target_not_met"
    assert [s.text for s in f.spans] == ["该项目暂未完工", "(3)时效指标。"]


@pytest.mark.parametrize(
    "text",
    [
        "3.时效指标：因征地问题，工程延期至次年6月完工。\n",
        "③时效指标完成情况。部分村道尚未竣工。\n",
        "（三）时效指标\n受雨季影响，项目未能按计划完成，进度滞后。\n",  # the statement on the next line
    ],
)
def test_late_or_postponed_work_in_any_numbering_is_a_missed_target(text: str) -> None:
    assert len(g(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "(3)时效指标。该项目已按期完工，无延期。\n",
        "(3)时效指标。项目于2020年5月20日开工建设，2020年6月20日完工，未出现延期。\n",
        "(3)时效指标。各项工作均按时完成，不存在逾期情况。\n",
        "(3)时效指标。资金拨付及时率100%，没有滞后。\n",
        # a miss under another indicator is not a time target's
        "(2)质量指标。项目暂未完工。\n(3)时效指标。按期完成。\n",
        # a table row: the indicator table's columns judge it
        "时效指标 | 完工时间 | 2023年12月 | 未完工 | 5 | 3 |\n",
    ],
)
def test_on_time_or_negated_statements_stay_silent(text: str) -> None:
    assert g(text) == []
