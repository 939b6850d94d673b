"""List items read against their siblings: a task named only by who assigned it (Q179) and an
indicator line with no result among lines that close on one (Q180), on fragments written for
the test, near misses silent."""

from __future__ import annotations

import pytest

from tests.helpers import review_text


def q(text: str, code: str):
    return review_text(text, select=[code])


# ---------------------------------------------------------------- Q179


@pytest.mark.parametrize(
    ("text", "n"),
    [
        (
            "年度主要工作内容 |\n任务1:区委区政府下达的绩效考核个性指标任务 "
            "任务2:上级团委下达的主要考核任务 任务3:推进共青团改革,加强思想政治引领 |\n",
            2,
        ),
        ("年度目标\n目标1：市局交办的重点工作任务。\n目标2：全年办理案件120件。\n", 1),
        ("任务1:省厅部署的年度指标\n任务2:县委县政府安排的专项任务\n", 2),
    ],
)
def test_task_items_that_name_only_their_source(text: str, n: int) -> None:
    [f] = q(text, "Q179")
    assert f.kind == "vague_target" and f.data["n"] == n and len(f.spans) == n


def test_tasks_with_content_after_their_source_stay_silent() -> None:
    text = (
        "任务1:完成上级下达的造林任务1200亩\n"
        "任务2:上级下达的农村公路建设任务,新建道路12公里\n"
        "任务3:推进共青团改革\n"
        "全面完成区委区政府下达的各项目标任务。\n"
    )
    assert q(text, "Q179") == []


# ---------------------------------------------------------------- Q180


_RESULTS = (
    "1.产出指标完成情况分析。\n\n"
    "数量指标:完成道路建设491米,已完成;\n\n"
    "质量指标:确保天桥质量,已完成;\n\n"
    "时效指标:按时完成建设,{odd};\n\n"
    "2.效益指标完成情况分析。\n\n"
    "社会效益指标:方便周边居民出行,已完成。\n"
)


@pytest.mark.parametrize("odd", ["随项目进度把控", "根据工程进度推进", "按计划执行"])
def test_an_indicator_line_with_no_result_among_lines_closing_on_a_verdict(odd: str) -> None:
    [f] = q(_RESULTS.format(odd=odd), "Q180")
    assert f.kind == "missing_actuals" and f.spans[0].text.endswith(odd) and f.data["k"] == 3


@pytest.mark.parametrize("odd", ["已于11月完工", "未按期完成", "工期8个月"])
def test_a_line_that_gives_its_result_stays_silent(odd: str) -> None:
    assert q(_RESULTS.format(odd=odd), "Q180") == []


def test_a_list_of_targets_stays_silent() -> None:
    text = (
        "二、年度绩效目标\n"
        "数量指标:培训农民100人;\n质量指标:培训合格率≥90%;\n"
        "时效指标:年底前完成;\n社会效益指标:提升群众素质。\n"
    )
    assert q(text, "Q180") == []


def test_two_lines_are_too_few_to_compare() -> None:
    text = "数量指标:完成道路建设491米,已完成;\n时效指标:随项目进度把控;\n"
    assert q(text, "Q180") == []


# ---------------------------------------------------------------- Q183


def test_run_together_rows_whose_target_and_result_are_one_direction_word() -> None:
    text = (
        "绩效指标一级指标二级指标三级指标年度指标值全年完成值\n"
        "质量指标验收合格率100%100%\n"
        "效益指标经济效益指标拓展销售渠道,提升销售量同比2022年销量显著提高显著提高\n"
        "社会效益指标群众满意程度有所提升 有所提升\n"
        "可持续影响指标长效机制明显改善明显改善\n"
    )
    [f] = q(text, "Q183")
    assert f.kind == "vague_target" and f.data["n"] == 3 and f.data["word"] == "显著提高"
    assert f.spans[1].text == "社会效益指标群众满意程度有所提升 有所提升"


def test_figures_other_results_and_pipe_cells_stay_silent() -> None:
    text = (
        "质量指标验收合格率100%100%\n"
        "效益指标经济效益指标销量同比增长≥5%增长8%\n"
        "社会效益指标公益金筹集显著提高已完成\n"
        "社会效益指标 | 服务水平 | 显著提高 | 显著提高 |\n"
        "群众生活水平显著提高，收入明显增加。\n"
        "工作效率提高提高\n"  # no indicator row: a typing slip, not a form
    )
    assert q(text, "Q183") == []
