"""S009 section weights vs the form's own note, S010 section weights vs 100, S025 section weights
vs the indicator part they make up, S011 a section vs its rows."""

from __future__ import annotations

import pytest

from reviewer.checks.registry import RULES
from tests.helpers import review_text

NOTE = (
    "注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分。"
)

RUN = (
    "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: 20 20 20 {budget} 100% {budget} 其中:本年财政拨款 20 20 20 上年结转资金 其他资金 "
    "年度总体目标 完成 绩效指标 一级指标 二级指标 三级指标 分值 得分 "
    "产出指标({out}分) 数量指标 安装水标尺 10 ≥266米 ≥266米 10 "
    "效益指标({eff}分) 社会效益指标 群众生产生活条件改善状况 10 显著提升 显著提升 10 "
    "满意度指标(10分) 服务对象满意度指标 户满意度 10 ≥95% ≥95% 10 总分 100 100 {note}\n"
)

CELLS = (
    "产出指标(50分)\n\n数量指标\n\n完成任务数\n\n{out_w}\n\n{out_w}\n\n"
    "效益指标(30分)\n\n社会效益\n\n受益程度\n\n30\n\n30\n\n"
    "满意度指标(10分)\n\n满意度\n\n10\n\n10\n\n{note}\n"
)


def codes(text: str) -> list[str]:
    return [f.code for f in review_text(text, select=["S009", "S010", "S011", "S025"])]


def test_headers_against_the_note_in_a_run_together_form() -> None:
    found = review_text(RUN.format(budget="10", out="70", eff="20", note=NOTE), select=["S009"])
    assert [f.code for f in found] == ["S009"]
    assert "产出 70、效益 20" in found[0].message and "产出 50、效益 30" in found[0].message
    assert codes(RUN.format(budget="10", out="50", eff="30", note=NOTE)) == []


def test_no_note_no_split_assumed() -> None:
    assert codes(RUN.format(budget="10", out="60", eff="20", note="")) == []
    # A note that only mentions the sections, without stating a rule, is not a split.
    mention = "注：产出指标70分、效益指标20分、满意度指标10分见上表。"
    assert "S009" not in codes(RUN.format(budget="10", out="70", eff="20", note=mention))


def test_sections_against_100_with_the_funds_weight() -> None:
    found = review_text(RUN.format(budget="20", out="50", eff="30", note=""), select=["S010"])
    assert [f.code for f in found] == ["S010"] and "20 + 50 + 30 + 10 = 110" in found[0].message
    assert codes(RUN.format(budget="10", out="50", eff="30", note="")) == []


def test_an_unreadable_funds_weight_leaves_the_sum_unchecked() -> None:
    text = RUN.format(budget="10", out="60", eff="20", note="").replace(
        "20 20 20 10 100% 10", "20201010100%10"
    )
    assert codes(text) == []


def test_cell_per_line_sections_without_budget_part_are_not_summed() -> None:
    assert codes(CELLS.format(out_w="50", note="")) == []  # no budget part: not summed
    assert codes(CELLS.format(out_w="50", note=NOTE)) == []  # matches the note


def test_two_forms_are_two_groups() -> None:
    one = RUN.format(budget="10", out="50", eff="30", note=NOTE)
    two = RUN.format(budget="10", out="60", eff="20", note=NOTE)
    found = review_text(one + "\n附件2\n" + two, select=["S009"])
    assert len(found) == 1 and "产出 60" in found[0].message


# A run-together preview of a form: header words broken by spaces, the indicator part weighted
# (年度绩效目标(80分)) and its sections weighted under it.
PREVIEW = (
    "预算执行 情况(万元) (20 分) 一级指标 年度财政 资金总额 预算数 (A) 执行数(B) 285.84 285.84 "
    "三级指标 年初目标值 (A) 实际完成值 (B) 得分 服务外包 20000 23333.56 10 二级指标 数量指标 "
    "年度 绩效 目标 (80 分) 产出指标 ({out} 分) 时效指标 效益指标 ({eff} 分) {sat}总分 质量指标\n"
)


def test_sections_adding_up_to_more_than_their_part() -> None:
    found = review_text(PREVIEW.format(out=60, eff=40, sat=""), select=["S025", "S010"])
    assert [f.code for f in found] == ["S025"]  # 20 + 80 = 100: the parts themselves agree
    assert "“年度绩效目标”标明 80 分" in found[0].message and "60 + 40 = 100" in found[0].message
    assert codes(PREVIEW.format(out=50, eff=30, sat="")) == []


def test_sections_short_of_their_part_are_judged_only_when_all_three_state_a_weight() -> None:
    # 50 + 20 = 70 < 80: 满意度 is not weighted in a header, it may make up the rest.
    assert codes(PREVIEW.format(out=50, eff=20, sat="满意度指标 ")) == []
    found = review_text(PREVIEW.format(out=50, eff=20, sat="满意度指标(5分) "), select=["S025"])
    assert [f.code for f in found] == ["S025"] and "50 + 20 + 5 = 75" in found[0].message
    assert codes(PREVIEW.format(out=50, eff=20, sat="满意度指标(10分) ")) == []


def test_a_part_without_its_sections_weighted_is_not_judged() -> None:
    # Near miss: only 产出 is weighted; nothing says what the other sections are worth.
    assert codes(PREVIEW.format(out=90, eff="", sat="").replace("效益指标 ( 分)", "效益指标")) == []


@pytest.mark.parametrize("code", ["S009", "S010", "S011", "S025"])
def test_rule_example_and_counterexample(code: str) -> None:
    r = RULES[code]
    assert code in codes(r.example)
    assert r.counterexample and code not in codes(r.counterexample)


RAGGED = """一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |
产出指标(50分) | 数量指标 | 培训人数 | {w1} | 20 |
| 质量指标 | 考核通过率 | 20 | 20 |
| 时效指标 | 完成及时 | 10 | 10 |
效益指标(30分) | 社会效益 | 就业率 | 30 | 25 |
{end}"""


def test_a_section_against_the_weights_of_its_rows() -> None:
    (f,) = review_text(RAGGED.format(w1="15", end="合计 | 95 | 90 |\n"), select=["S011"])
    assert "产出指标(50分)" in f.message and "15 + 20 + 10 = 45" in f.message
    assert codes(RAGGED.format(w1="20", end="合计 | 100 | 95 |\n")) == []
    # The 合计 row closes the last section: 效益指标(30分) over 20 + 5.
    text = RAGGED.format(w1="20", end="| 可持续影响 | 长效管理 | 5 | 5 |\n合计 | 95 | 90 |\n")
    text = text.replace("| 30 | 25 |", "| 20 | 15 |")
    found = review_text(text, select=["S011"])
    assert [f.data["section"] for f in found] == ["效益指标(30分)"]
    assert "20 + 5 = 25" in found[0].message


def test_a_section_the_table_does_not_close_is_not_judged() -> None:
    # 效益指标(30分) runs to the end of the table: its rows may go on beyond it.
    text = RAGGED.format(w1="20", end="").replace("| 30 | 25 |", "| 20 | 20 |")
    assert codes(text) == []


def test_subtotal_rows_are_not_counted_twice() -> None:
    text = """| 一级指标 | 指标 | 分值 | 得分 |
|---|---|---|---|
| 产出指标(50分) | 数量指标 | 30 | 30 |
| | 培训人数 | 20 | 20 |
| | 验收学校 | 10 | 10 |
| | 质量指标 | 20 | 20 |
| 效益指标(50分) | 就业率 | 50 | 45 |
| 合计 | | 100 | 95 |
"""
    assert codes(text) == []
