"""`--previous`: a report against last year's report of the same unit (rules Y001–Y004).

Each comparison is shown firing on a pair of reports written for it, and staying silent on its
near misses: a target raised, a goal reworded, a problem that is new, a figure that agrees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.models import Finding
from reviewer.previous import check_pair
from tests.test_cli import invoke

HEAD = "甲县文旅局{year}年度部门整体支出绩效自评报告\n"


def pair(last_body: str, this_body: str, code: str) -> list[Finding]:
    last = ("last.txt", HEAD.format(year=2023) + last_body)
    this = ("this.txt", HEAD.format(year=2024) + this_body)
    return [f for f in check_pair(last, this).findings if f.code == code]


GOAL = "二、绩效目标\n全面完成年度文化惠民演出任务，提升公共文化服务水平，丰富群众精神文化生活。\n"


def test_a_goal_kept_word_for_word_is_a_warning() -> None:
    (f,) = pair(GOAL, GOAL, "Y001")
    assert f.severity.value == "warning"
    assert f.spans[0].line == 3 and f.data["other"] == "last.txt" and f.data["other_line"] == 3


def test_a_goal_that_only_changes_its_year_is_still_unchanged() -> None:
    last = "二、绩效目标\n2023年全面完成文化惠民演出任务，提升公共文化服务水平，丰富群众生活。\n"
    this = last.replace("2023年", "2024年")
    assert len(pair(last, this, "Y001")) == 1


def test_a_reworded_goal_is_silent() -> None:
    this = GOAL.replace("全面完成年度文化惠民演出任务", "完成120场文化惠民演出和8场非遗展演")
    assert pair(GOAL, this, "Y001") == []


def test_the_same_sentence_outside_the_goals_section_is_not_a_goal() -> None:
    other = GOAL.replace("二、绩效目标", "二、工作开展情况")
    assert pair(other, other, "Y001") == []


RESULTS = "三、绩效指标完成情况\n送戏下乡场次实际完成72场；投诉率实际为2%。\n"


def test_a_target_below_last_years_actual_is_lowered() -> None:
    this = "二、绩效目标\n送戏下乡场次≥60场。\n"
    (f,) = pair(RESULTS, this, "Y002")
    assert f.spans[0].text == "送戏下乡场次≥60场"
    assert f.data["actual"] == "72场" and f.data["target"] == "≥60场"


@pytest.mark.parametrize("target", ["送戏下乡场次≥75场", "送戏下乡场次≥72场"])
def test_a_target_raised_or_kept_at_last_years_actual_is_silent(target: str) -> None:
    assert pair(RESULTS, f"二、绩效目标\n{target}。\n", "Y002") == []


def test_where_less_is_better_a_target_above_last_years_actual_is_lowered() -> None:
    assert len(pair(RESULTS, "二、绩效目标\n投诉率≤5%。\n", "Y002")) == 1
    assert pair(RESULTS, "二、绩效目标\n投诉率≤1%。\n", "Y002") == []


def test_another_unit_of_measure_is_not_compared() -> None:
    assert pair(RESULTS, "二、绩效目标\n送戏下乡场次≥60%。\n", "Y002") == []


def test_a_target_kept_from_last_year_is_info_and_a_changed_one_silent() -> None:
    last = "二、绩效目标\n群众满意度≥90%。\n"
    (f,) = pair(last, last, "Y001")
    assert f.severity.value == "info" and "群众满意度" in f.message
    assert pair(last, "二、绩效目标\n群众满意度≥95%。\n", "Y001") == []


def test_a_target_both_kept_and_below_last_years_actual_is_reported_once_as_lowered() -> None:
    last = "二、绩效目标\n送戏下乡场次≥60场。\n" + RESULTS
    this = "二、绩效目标\n送戏下乡场次≥60场。\n"
    assert len(pair(last, this, "Y002")) == 1
    assert pair(last, this, "Y001") == []


PROBLEMS = "四、存在的问题\n部分项目前期论证不充分，资金拨付进度滞后于计划。\n"


def test_a_problem_listed_again_is_repeated() -> None:
    (f,) = pair(PROBLEMS, PROBLEMS, "Y003")
    assert f.spans[0].line == 3 and "相同" in f.message


def test_a_problem_listed_again_with_other_figures_is_still_repeated() -> None:
    last = "四、存在的问题\n资金拨付进度滞后于计划，年底结余资金达到35万元，项目前期论证不充分。\n"
    this = last.replace("35万元", "48万元")
    assert len(pair(last, this, "Y003")) == 1


def test_a_new_problem_is_silent() -> None:
    this = "四、存在的问题\n基层文化队伍人员不足，专业人才较为缺乏。\n"
    assert pair(PROBLEMS, this, "Y003") == []


def test_last_years_problem_under_rectification_is_not_a_repeat() -> None:
    this = "四、上年问题整改情况\n部分项目前期论证不充分，资金拨付进度滞后于计划。\n"
    assert pair(PROBLEMS, this, "Y003") == []


FIGURES = "一、部门概况\n本年收入850万元，本年支出820万元。\n"


def test_last_years_figure_that_disagrees_with_last_years_report() -> None:
    (f,) = pair(FIGURES, "一、部门概况\n本年支出880万元，上年支出800万元。\n", "Y004")
    assert f.spans[0].text == "上年支出800万元"
    assert f.data["other_value"] == "820万元" and f.data["diff"] == "20万元"


def test_a_figure_labelled_with_last_years_date_is_last_years() -> None:
    this = "一、部门概况\n2024年决算支出880万元，2023年决算支出790万元。\n"
    (f,) = pair(FIGURES, this, "Y004")
    assert f.spans[0].text == "2023年决算支出790万元" and f.data["diff"] == "30万元"


@pytest.mark.parametrize(
    "this",
    [
        "本年支出880万元，上年支出820万元。",
        "2024年决算支出880万元，2023年决算支出820万元。",  # agrees
        "本年支出880万元，上年支出820.3万元。",  # within the rounding of 820万元
        "本年收入900万元，上年支出比上年收入少30万元。",  # a change, not a figure
        "本年支出880万元，上年结转20万元。",  # a carry-over, not last year's spending
    ],
)
def test_figures_that_agree_or_are_not_last_years_are_silent(this: str) -> None:
    assert pair(FIGURES, f"一、部门概况\n{this}\n", "Y004") == []


def test_last_years_report_giving_two_values_is_not_a_reference() -> None:
    last = "一、部门概况\n本年支出820万元。\n五、其他\n本年支出850万元。\n"
    assert pair(last, "一、部门概况\n上年支出800万元。\n", "Y004") == []


# ---------------------------------------------------------------- the command line


def write(path: Path, unit: str, year: int, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{unit}{year}年度部门整体支出绩效自评报告\n{body}", encoding="utf-8")


def test_cli_matches_last_years_reports_by_unit_and_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(Path("old/wl.txt"), "甲县文旅局", 2023, PROBLEMS)
    write(Path("old/wl-2022.txt"), "甲县文旅局", 2022, GOAL)
    write(Path("old/sl.txt"), "甲县水利局", 2023, GOAL)
    write(Path("new/wl.txt"), "甲县文旅局", 2024, PROBLEMS + GOAL)
    write(Path("new/jy.txt"), "甲县教育局", 2024, PROBLEMS + GOAL)
    out = invoke("check", "new", "--previous", "old", "-f", "json", "--select", "Y")
    assert out.exit_code == 0, out.output
    reports = {r["path"]: r for r in json.loads(out.stdout)["reports"]}
    wl, jy = reports["new/wl.txt"], reports["new/jy.txt"]
    assert wl["meta"]["previous"] == "old/wl.txt"  # same unit, year before; not 2022's
    assert [f["code"] for f in wl["findings"]] == ["Y003"]  # the goal was 2022's, not 2023's
    assert "previous" not in jy["meta"] and jy["findings"] == []  # no report of its own unit


def test_cli_takes_one_file_as_last_years_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(Path("old.txt"), "甲县文旅局", 2023, PROBLEMS)
    write(Path("new.txt"), "甲县文旅局", 2024, PROBLEMS)
    out = invoke("check", "new.txt", "--previous", "old.txt", "--select", "Y")
    assert out.exit_code == 0 and "Y003" in out.stdout and "old.txt" in out.stdout
    quiet = invoke("check", "new.txt", "--previous", "old.txt", "--ignore", "Y")
    assert "Y003" not in quiet.stdout
    without = invoke("check", "new.txt", "--select", "Y")
    assert "Y003" not in without.stdout


def test_cli_refuses_a_missing_previous(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(Path("new.txt"), "甲县文旅局", 2024, PROBLEMS)
    out = invoke("check", "new.txt", "--previous", "nowhere")
    assert out.exit_code == 2 and "nowhere" in out.output


def test_review_takes_previous_too_and_a_directory_can_be_its_own_previous(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "REVIEWER_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    write(Path("all/wl-2023.txt"), "甲县文旅局", 2023, PROBLEMS)
    write(Path("all/wl-2024.txt"), "甲县文旅局", 2024, PROBLEMS)
    out = invoke("review", "all", "--previous", "all", "-f", "json", "--select", "Y")
    assert out.exit_code == 0, out.output
    reports = {r["path"]: r for r in json.loads(out.stdout)["reports"]}
    assert [f["code"] for f in reports["all/wl-2024.txt"]["findings"]] == ["Y003"]
    assert reports["all/wl-2023.txt"]["findings"] == []  # its own last year is not there
