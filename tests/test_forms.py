"""The funds block of a self-evaluation form, in each web-flattened layout, and its checks.

Layouts: pipe rows (ragged, header on two lines, value row broken across lines), one cell per
line (double-spaced with blank cells as lines of spaces; single-spaced with empty lines; cells
closed by a lone pipe), cells run together on one line, figures with no separator, tab rows.
"""

from __future__ import annotations

import pytest

from reviewer.checks.registry import RULES, load_all
from reviewer.document import Document
from reviewer.document.forms import EXEC, FULL, OPENING, RATE, SCORE, WEIGHT, funds_blocks
from reviewer.models import Severity
from tests.helpers import review_text

load_all()


def _values(text: str) -> list[dict[str, str]]:
    (block,) = funds_blocks(Document(text=text))
    return [{k: c.text for k, c in row.values.items()} for row in block.rows]


def _codes(text: str, select: list[str]) -> list[str]:
    return [f.code for f in review_text(text, select=select)]


# ---- reading ----------------------------------------------------------------------------------

RUN = (
    "项目支出绩效自评表 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: {total} 其中:本年财政拨款 {part} 上年结转资金 其他资金 年度总体目标 预期目标\n"
)


def test_run_together_row_with_every_column_is_read() -> None:
    rows = _values(RUN.format(total="100 100 85 10 85% 8.5", part="100 100 85"))
    assert rows[0] == {
        OPENING: "100",
        FULL: "100",
        EXEC: "85",
        WEIGHT: "10",
        RATE: "85%",
        SCORE: "8.5",
    }
    assert rows[1] == {OPENING: "100", FULL: "100", EXEC: "85"}  # the money columns only
    assert rows[2] == {} and rows[3] == {}


def test_run_together_part_row_with_dashes_for_its_merged_cells() -> None:
    rows = _values(RUN.format(total="100 100 85 10 85% 8.5", part="100 100 85 —"))
    assert rows[1] == {OPENING: "100", FULL: "100", EXEC: "85"}
    # A dash among the figures leaves their columns unknown.
    (block,) = funds_blocks(Document(text=RUN.format(total="", part="100 — 85 90")))
    assert block.rows[1].unsure


def test_run_together_row_short_of_columns_is_unsure_not_guessed() -> None:
    # No percent: nothing says which columns the figures are under.
    (block,) = funds_blocks(Document(text=RUN.format(total="100 85 10 8.5", part="")))
    assert block.rows[0].values == {} and "无法确定" in block.rows[0].unsure


def test_run_together_row_short_of_columns_is_read_from_its_rate() -> None:
    # One percent: it is the 执行率 and the cell after it the 得分; the figures before it are
    # loose (every placement is tried, R003), a dash keeping its own place among them.
    (block,) = funds_blocks(Document(text=RUN.format(total="100 85 10 85% 8.5", part="")))
    row = block.rows[0]
    assert {k: c.text for k, c in row.values.items()} == {RATE: "85%", SCORE: "8.5"}
    assert [c.text for c in row.loose] == ["100", "85", "10"] and not row.unsure
    assert _codes(RUN.format(total="100 85 10 85% 8.5", part=""), ["R003", "T005"]) == []
    found = review_text(RUN.format(total="100 85 10 58% 8.5", part=""), select=["R003"])
    assert [(f.code, f.severity) for f in found] == [("R003", Severity.WARNING)]
    (block,) = funds_blocks(Document(text=RUN.format(total="100 85 — 85% —", part="")))
    assert [c.text for c in block.rows[0].loose] == ["100", "85", "—"]
    assert _codes(RUN.format(total="100 85 — 58% —", part=""), ["R003"]) == ["R003"]


def test_a_run_together_form_whose_header_follows_its_first_label() -> None:
    # Row labels printed before the header, value rows after it: each value row is cut at its
    # rate and given to the labels in order.
    form = (
        "项目资金 年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 "
        "分值 执行率 得分 65.66 65.07 10 {rate} 9 65.66 65.07 — 99% — 上年结转资金 — — "
        "其他资金 — — 预期目标\n"
    )
    (block,) = funds_blocks(Document(text=form.format(rate="99%")))
    assert block.columns == [OPENING, FULL, EXEC, WEIGHT, RATE, SCORE]
    assert [r.label.text for r in block.rows][:2] == ["年度资金总额", "其中:当年财政拨款"]
    assert [c.text for c in block.rows[1].loose] == ["65.66", "65.07", "—"]
    assert _codes(form.format(rate="99%"), ["R003", "T005"]) == []
    assert _codes(form.format(rate="91%"), ["R003"]) == ["R003"]
    # near miss: a figure written against a header key before the anchor (年初预算 数 0): the
    # header and the figures are printed out of order, which figure is which column cannot be
    # told. Nothing is read, and T005 (info) says so.
    other = form.replace("年初预算数 (万元)", "年初预算 数 0 (万元)")
    (block,) = funds_blocks(Document(text=other.format(rate="99%")))
    assert [r.values for r in block.rows] == [{}] and "年初预算 数 0" in block.rows[0].unsure
    found = review_text(other.format(rate="91%"), select=["T", "R", "S"])
    assert [(f.code, f.severity) for f in found] == [("T005", Severity.INFO)]


# A run-together form with its header after the total's label, and between them other cells of
# the form holding figures that are no values: an item number (3、一次性项目) and the weight
# written in a column's note (得分 (20 分*执行率)).
NUMBERED = (
    "项目类型 1、常年性项目 2、延续性项目 □ 预算执行 情况(万元) (20 分) 一级指标 年度财政 资金总额 "
    "项目实施单位 某中心 □ 3、一次性项目 □ 预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) "
    "{values} 三级指标 年初目标值 (A) 实际完成值 (B) 得分 服务外包在岸(万美元) 20000 23333.56 10\n"
)


def test_a_run_together_header_after_item_numbers_and_a_bracketed_weight() -> None:
    (block,) = funds_blocks(Document(text=NUMBERED.format(values="285.84 285.84 100% 20")))
    assert block.columns == [FULL, EXEC, RATE, SCORE]
    assert _values(NUMBERED.format(values="285.84 285.84 100% 20")) == [
        {FULL: "285.84", EXEC: "285.84", RATE: "100%", SCORE: "20"}
    ]
    assert _codes(NUMBERED.format(values="285.84 285.84 100% 20"), ["T", "R", "S"]) == []
    found = review_text(NUMBERED.format(values="285.84 285.84 200% 20"), select=["R003"])
    assert [f.code for f in found] == ["R003"] and "200%" in found[0].message


def test_a_run_together_row_short_of_a_figure_is_not_guessed() -> None:
    # Near miss: a value lost (285.84 once): which column it stands under is not known, so no
    # rate is computed from it and nothing is called wrong.
    (block,) = funds_blocks(Document(text=NUMBERED.format(values="285.84 200% 20")))
    assert FULL not in block.rows[0].values and EXEC not in block.rows[0].values
    assert _codes(NUMBERED.format(values="285.84 200% 20"), ["T", "R"]) == []


# A pipe row that lost its empty cells before the 执行率: three figures for four columns. Only
# the readings that reconcile the stated rate count; they all put 10 under 分值.
LOST = (
    "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |\n"
    "| 387664.62 | 387664.62 | 10 | 100% | {score} | 其中:当年财政拨款 |\n"
    "| 387664.62 | 387664.62 | — |\n"
)


def test_the_weight_of_a_row_that_lost_cells_when_every_reading_agrees() -> None:
    assert _codes(LOST.format(score="10"), ["S005"]) == []
    found = review_text(LOST.format(score="50"), select=["S005"])
    assert [f.code for f in found] == ["S005"] and "应得 10 分，报告得 50 分" in found[0].message


def test_no_weight_when_a_reading_that_holds_has_none() -> None:
    # Near miss: 10 | 10 | 10 before 100 %: 年初 / 全年 / 执行 (no 分值) holds, and so does
    # 全年 / 执行 / 分值; which one is meant is not known, so the score is not judged.
    text = LOST.format(score="50").replace("387664.62 | 387664.62 | 10 |", "10 | 10 | 10 |", 1)
    assert _codes(text, ["S005"]) == []


def test_figures_with_no_separator_are_never_split() -> None:
    (block,) = funds_blocks(Document(text=RUN.format(total="202010100.00%10", part="")))
    assert block.rows[0].values == {} and "202010100.00%10" in block.rows[0].unsure


def test_label_and_figure_written_together() -> None:
    text = RUN.format(total="", part="").replace(
        "年度资金总额: ", "年度资金总额:20 20 10 10 50% 5 "
    )
    assert _values(text)[0][RATE] == "50%"


PIPE = """项目支出绩效自评表
| 项目资金（万元） | | 年初 | 全年 | 全年 | 分值 | 执行率 | 得分 |
| | | 预算数 | 预算数 | 执行数 | | | |
| | 年度资金总额 | 100 | 120 |
| 108 | 10 | 90% | 9 |
| | 其中：本年财政拨款 | 100 | 100 | 90 | — | — | — |
| | 上年结转资金 | | 20 | 18 | — | — | — |
| | 其他资金 | | | | — | — | — |
| 年度总体目标 | 完成建设任务 |
"""


def test_pipe_header_on_two_lines_and_a_value_row_broken_across_lines() -> None:
    rows = _values(PIPE)
    assert rows[0] == {
        OPENING: "100",
        FULL: "120",
        EXEC: "108",
        WEIGHT: "10",
        RATE: "90%",
        SCORE: "9",
    }
    assert rows[2] == {FULL: "20", EXEC: "18"}  # an empty cell keeps its column
    assert review_text(PIPE, select=["T", "R", "S005"]) == []


# A Word table read back: the row above the header has as many cells (merged cells repeated as
# empties) and ends in the block's 项目资金 heading. It is another row of the form, not the top
# half of a header split over two lines.
ROW_ABOVE = """项目支出绩效自评表
|  |  | 主管部门 | 某市自然资源局 | 实施单位 | 某口岸分局 |  |  | 项目资金 (万元) |
|  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率(%) | 得分 |  |  |
| 年度资金总额 | 0 | {total} | 2.38 | 10 | 100 | 10 |  |  |
| 其中:财政拨款 | 0 | 0.58 | 0.58 | —— | 100 | —— |  |  |
| 其他资金 | 0 | 1.8 | 1.8 | —— | 100 | —— |  |  |
"""


def test_a_row_above_a_whole_header_is_not_stacked_onto_it() -> None:
    rows = _values(ROW_ABOVE.format(total="2.38"))
    assert rows[0] == {
        OPENING: "0",
        FULL: "2.38",
        EXEC: "2.38",
        WEIGHT: "10",
        RATE: "100",
        SCORE: "10",
    }
    assert review_text(ROW_ABOVE.format(total="2.38"), select=["T", "R", "S005"]) == []
    found = review_text(ROW_ABOVE.format(total="5.38"), select=["T001"])
    assert [f.code for f in found] == ["T001"] and "5.38" in found[0].message


def test_a_header_split_over_two_lines_is_still_stacked_when_the_row_above_adds_names() -> None:
    # The near miss: the upper line completes the names of the lower one (年初 over 预算数).
    assert _values(PIPE)[0][OPENING] == "100"


def test_ragged_pipe_row_whose_percent_lands_off_the_rate_column_is_checked_every_way() -> None:
    # Cells before the rate were lost: 100, 120, 10 may stand under any three of 年初预算数 /
    # 全年预算数 / 全年执行数 / 分值. Each placement gives 8.33 %, 10 %, 83.33 %, 120 % or no
    # spending at all (a rate without basis): none gives the stated 90 %, so a warning.
    text = PIPE.replace(
        "| | 年度资金总额 | 100 | 120 |\n| 108 | 10 | 90% | 9 |",
        "| | 年度资金总额 | 100 | 120 | 10 | 90% | 9 |",
    )
    found = review_text(text, select=["T005", "R003", "R004", "T001", "T004"])
    assert [f.code for f in found] == ["R003"] and found[0].severity == Severity.WARNING
    (block,) = funds_blocks(Document(text=text))
    assert {k: c.text for k, c in block.rows[0].values.items()} == {RATE: "90%", SCORE: "9"}
    assert [c.text for c in block.rows[0].loose] == ["100", "120", "10"]


def test_ragged_pipe_row_is_silent_when_one_placement_gives_the_rate() -> None:
    # 120, 108 under 全年预算数 / 全年执行数 (年初预算数 empty and lost) give the stated 90 %.
    text = PIPE.replace(
        "| | 年度资金总额 | 100 | 120 |\n| 108 | 10 | 90% | 9 |",
        "| | 年度资金总额 | 120 | 108 | 10 | 90% | 9 |",
    )
    assert review_text(text, select=["T005", "R003", "R004", "T001", "T004"]) == []


def test_ragged_part_row_with_trailing_empty_cells_and_a_pinyin_gloss() -> None:
    # A page in traditional script with pinyin glosses; the part row lost its empty 分值 cell
    # and trails empty cells. A rate of 100 % on 7.29 / 7.29 holds; 101 % does not.
    form = (
        "| 項(xiàng)目資金 (萬元) | 年初預(yù)算數(shù) | 全年預(yù)算數(shù) | 全年執(zhí)行數(shù) "
        "| 分值 | 執(zhí)行率 | 得分 | ||||\n"
        "| 年度資金總額 | 7.29 | 7.29 | 7.29 | 10.00 | 100% | 10.00 | ||||\n"
        "| 其中:當(dāng)年財政撥款 | 7.29 | 7.29 | 7.29 | {rate} | ||||||\n"
        "| 上年結(jié)轉(zhuǎn)資金 | ||||||||||\n"
        "| 其他資金 | ||||||||||\n"
    )
    codes = ["T", "R", "S005"]
    assert review_text(form.format(rate="100%"), select=codes) == []
    found = review_text(form.format(rate="101%"), select=codes)
    assert [(f.code, f.severity) for f in found] == [("R003", Severity.WARNING)]
    (block,) = funds_blocks(Document(text=form.format(rate="100%")))
    assert [r.label.text for r in block.rows][2] == "上年結(jié)轉(zhuǎn)資金"
    # The part row has no 分值 (the total row states it), so 7.29 | 7.29 | 7.92 can only be
    # 年初 / 全年 / 执行: 7.92 ÷ 7.29 is not 100 %.
    slipped = form.format(rate="100%").replace(
        "7.29 | 7.29 | 7.29 | 100% | ||||||", "7.29 | 7.29 | 7.92 | 100% | ||||||"
    )
    assert [f.code for f in review_text(slipped, select=codes)] == ["R003"]


def _status(text: str, figure: str) -> str:
    from reviewer.engine import check_text

    (fig,) = [f for f in check_text(text).figures or [] if f.text == figure]
    return fig.status


def test_a_ragged_row_whose_reconciling_placements_divide_the_same_figures_is_verified() -> None:
    # 120, 108, 10 before the rate: the placements that give 90 % (年初 or 全年 empty) all
    # divide 108 by 120, so the ledger marks the rate verified.
    text = PIPE.replace(
        "| | 年度资金总额 | 100 | 120 |\n| 108 | 10 | 90% | 9 |",
        "| | 年度资金总额 | 120 | 108 | 10 | 90% | 9 |",
    )
    assert _status(text, "90%") == "verified"
    # near miss: one placement has spending and no budget, so the rate is not verified
    silent = PIPE.replace(
        "| | 年度资金总额 | 100 | 120 |\n| 108 | 10 | 90% | 9 |",
        "| | 年度资金总额 | 120 | 10 | 90% | 9 |",
    )
    assert _status(silent, "90%") == "unverifiable"


def test_ragged_row_with_no_budget_under_some_placement_stays_silent() -> None:
    # Two figures before the rate: one placement puts them under 全年执行数 and 分值, with no
    # budget to divide by, so the rate cannot be called wrong.
    text = PIPE.replace(
        "| | 年度资金总额 | 100 | 120 |\n| 108 | 10 | 90% | 9 |",
        "| | 年度资金总额 | 120 | 10 | 90% | 9 |",
    )
    assert review_text(text, select=["R003", "R004"]) == []


CELLS_DOUBLE = (
    "项目资金\n(万元)\n\n \n\n年初\n\n预算数\n\n全年\n\n预算数\n\n全年\n\n执行数\n\n分值\n\n执行率\n\n"
    "得分\n\n年度资金总额\n\n43.2\n\n43.2\n\n{exec}\n\n10\n\n{rate}\n\n{score}\n\n"
    "其中:当年财政拨款\n\n43.2\n\n43.2\n\n{exec}\n\n \n\n      上年结转资金\n\n \n\n \n\n \n\n \n\n"
    "  其他资金\n\n \n\n \n\n \n\n \n\n年度总体目标\n"
)


def test_double_spaced_cells_with_blank_cells_as_spaces() -> None:
    rows = _values(CELLS_DOUBLE.format(exec="37.24", rate="86%", score="9"))
    assert rows[0][EXEC] == "37.24" and rows[0][SCORE] == "9"
    assert rows[1] == {OPENING: "43.2", FULL: "43.2", EXEC: "37.24"}
    # 37.24 / 43.2 = 86.2 % → 86 %; 86 % × 10 = 8.6 → 9 at whole points: nothing to say.
    assert (
        review_text(
            CELLS_DOUBLE.format(exec="37.24", rate="86%", score="9"), select=["T", "R", "S005"]
        )
        == []
    )


def test_double_spaced_cells_with_blank_cells_as_runs_of_empty_lines() -> None:
    text = CELLS_DOUBLE.format(exec="37.24", rate="86%", score="9").replace("\n \n", "\n\n")
    rows = _values(text)
    assert rows[0][SCORE] == "9" and rows[1] == {OPENING: "43.2", FULL: "43.2", EXEC: "37.24"}
    assert len(funds_blocks(Document(text=text))[0].rows) == 4


def test_double_spaced_cells_with_an_empty_spending_cell() -> None:
    text = CELLS_DOUBLE.format(exec=" ", rate="100%", score="10")
    assert _codes(text, ["R004"]) == ["R004"]
    assert EXEC not in _values(text)[0]


CELLS_PIPE = (
    "预算执行情况(10分) |\n年度预算数(万元) |\n年初预算 |\n调整后预算数 |\n预算执行数 |\n"
    "预算执行率 |\n权重 |\n得分 |\n原因 |\n总额 |\n{total}\n"
    "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因 |\n"
    "其中:财政资金 |\n{part}\n财政专户管理资金 |\n0.00 |\n0.00 |\n0.00 |\n0.00% |\n/ |\n/ |\n"
    "其他资金 |\n|\n|\n|\n|\n/ |\n/ |\n绩效指标(90分) |\n"
)


def _lines(*cells: str) -> str:
    return "\n".join(f"{c} |" if c else "|" for c in cells)


def test_cells_closed_by_a_lone_pipe_with_a_note_column() -> None:
    text = CELLS_PIPE.format(
        total=_lines("238.93", "251.89", "251.89", "100.00%", "10", "10"),
        part=_lines("238.93", "251.89", "251.89", "100.00%", "/", "/"),
    )
    rows = _values(text)
    assert rows[0] == {
        OPENING: "238.93",
        FULL: "251.89",
        EXEC: "251.89",
        RATE: "100.00%",
        WEIGHT: "10",
        SCORE: "10",
    }
    assert rows[1][RATE] == "100.00%" and len(rows) == 4
    assert review_text(text, select=["T", "R", "S005"]) == []


def test_the_rate_is_against_the_budget_the_note_names() -> None:
    # The note divides by 调整后预算数: 238.93 / 251.89 = 94.85 %. A stated 100 % matches the
    # opening budget (238.93 / 238.93): a warning naming both readings.
    text = CELLS_PIPE.format(
        total=_lines("238.93", "251.89", "238.93", "100.00%", "10", "10"),
        part=_lines("238.93", "251.89", "238.93", "", "/", "/"),
    )
    found = review_text(text, select=["R003"])
    assert [f.severity for f in found] == [Severity.WARNING] and "94.85%" in found[0].message
    # 240 / 251.89 = 95.28 %, 240 / 238.93 = 100.45 %: no reading gives 100.00 %.
    wrong = text.replace("238.93 |\n100.00%", "240.00 |\n100.00%").replace(
        "238.93 |\n |", "240.00 |\n |"
    )
    found = review_text(wrong, select=["R003"])
    assert [f.severity for f in found] == [Severity.ERROR] and "95.28%" in found[0].message


TAB = (
    "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度资金总额\t{total}\n其中：本年财政拨款\t{part}\n上年结转资金\t\t\t\t\t\t\n"
    "其他资金\t\t\t\t\t\t\n年度总体目标\t完成\n"
)


def test_tab_rows() -> None:
    text = TAB.format(total="50\t50\t50\t10\t100%\t10", part="50\t50\t50\t\t\t")
    assert _values(text)[1] == {OPENING: "50", FULL: "50", EXEC: "50"}
    assert review_text(text, select=["T", "R", "S005"]) == []


# ---- checks ------------------------------------------------------------------------------------


def test_a_total_of_zero_above_funded_parts() -> None:
    (f,) = review_text(RUN.format(total="0 0 0 10 0 0", part="90 89.974 89.974"), select=["T004"])
    assert f.severity == Severity.ERROR and "90 / 89.974 / 89.974" in f.message
    assert (
        _codes(RUN.format(total="90 89.974 89.974 10 100% 10", part="90 89.974 89.974"), ["T"])
        == []
    )


def test_an_empty_total_above_funded_parts_is_a_warning() -> None:
    text = TAB.format(total="\t\t\t10\t\t", part="50\t50\t50\t\t\t")
    (f,) = review_text(text, select=["T004"])
    assert f.severity == Severity.WARNING and "空白" in f.message


def test_total_against_its_parts() -> None:
    text = PIPE.replace("| 108 | 10 | 90% | 9 |", "| 118 | 10 | 98.33% | 9.8 |")
    (f,) = review_text(text, select=["T001"])
    assert "90 + 18 = 108" in f.message and "118" in f.message
    # Within the rounding of the figures: T002, not an error.
    near = RUN.format(total="100.1 100.1 85 10 84.92% 8.49", part="100 100 85").replace(
        "上年结转资金", "上年结转资金 0.1 0.1"
    )
    assert "T001" not in _codes(near, ["T"])


def test_rate_stated_against_the_opening_budget_is_a_warning() -> None:
    # 108 / 120 = 90 % (全年预算数); 108 / 100 = 108 %: the form names 全年预算数.
    text = PIPE.replace("| 108 | 10 | 90% | 9 |", "| 108 | 10 | 108% | 10 |")
    found = review_text(text, select=["R003"])
    assert [f.severity for f in found] == [Severity.WARNING]


def test_score_above_rate_times_weight() -> None:
    (f,) = review_text(RUN.format(total="100 100 85 10 85% 10", part="100 100 85"), select=["S005"])
    assert f.data["expected"] == "8.5" and f.severity == Severity.WARNING
    assert _codes(RUN.format(total="100 100 85 10 85% 8", part="100 100 85"), ["S005"]) == []


def test_overspending_scored_full() -> None:
    assert _codes(RUN.format(total="100 100 130 10 130% 10", part="100 100 130"), ["R005"]) == [
        "R005"
    ]
    assert _codes(
        RUN.format(total="100.00 100.00 100.40 10 100.4% 10", part="100.00 100.00 100.40"), ["R005"]
    ) == ["R005"]
    assert _codes(RUN.format(total="100 100 100 10 100% 10", part="100 100 100"), ["R005"]) == []
    assert _codes(RUN.format(total="100 100 130 10 130% 8", part="100 100 130"), ["R005"]) == []


def test_overspending_not_scored_full_and_unexplained() -> None:
    # 338.31 of 329.77 with the score cell empty: the form's figures contradict its budget
    pipe = (
        "预算资金 (万元) |\n年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
        "年度资金总额 | 329.77 | 329.77 | 338.31 | 10 | 102.59% | |\n"
        "其中:当年财政拨款 | 329.77 | 329.77 | 338.31 | — | 102.59% | — |\n"
        "上年结转资金 | — | — |\n其他资金 | — | — |\n年度总体目标 | 预期目标 | 实际完成情况 |\n"
    )
    (f,) = review_text(pipe, select=["R075"])
    assert f.severity == Severity.WARNING and f.kind == "contradiction"
    assert [s.text for s in f.spans] == ["338.31", "329.77", "102.59%"]  # the total row, once
    assert "102.59%" in f.message
    # the same in a form run together on one line, scored below full
    run = RUN.format(total="100 100 130 10 130% 8", part="100 100 130")
    assert _codes(run, ["R075"]) == ["R075"]
    # a cause named in the report's text: a top-up, a carry-over, overspending admitted
    for cause in (
        "年中追加资金30万元。",
        "执行数含上年结转资金30万元。",
        "超支部分为物价上涨所致。",
    ):
        assert _codes(run + cause + "\n", ["R075"]) == [], cause
    # within the rounding of the figures, at or below the budget: nothing to explain
    assert (
        _codes(RUN.format(total="100.0 100.0 100.04 10 100% 8", part="100 100 100"), ["R075"]) == []
    )
    assert _codes(RUN.format(total="100 100 95 10 95% 9.5", part="100 100 95"), ["R075"]) == []
    # scored in full: R005 reports it, not R075 as well
    full = RUN.format(total="100 100 130 10 130% 10", part="100 100 130")
    assert _codes(full, ["R005", "R075"]) == ["R005"]


def test_prose_with_a_total_word_is_no_form() -> None:
    text = (
        "年初预算数100万元，全年预算数120万元，全年执行数108万元。预算总额为120万元，执行率90%。\n"
    )
    assert funds_blocks(Document(text=text)) == []
    text = (
        "年初预算数100万元，全年预算数120万元，全年执行数108万元。资金总额：120万元，执行率90%。\n"
    )
    assert funds_blocks(Document(text=text)) == []
    assert review_text(text, select=["T005"]) == []


FORM_CODES = ["T004", "T005", "R003", "R004", "R005", "R075"]


@pytest.mark.parametrize("code", FORM_CODES)
def test_rule_example_fires_and_counterexample_does_not(code: str) -> None:
    r = RULES[code]
    assert code in _codes(r.example, [code])
    assert r.counterexample and code not in _codes(r.counterexample, [code])


GLUED = (
    "资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分"
    "年度资金总额:{total}其中:本年财政拨款{part}其他资金年度总体目标年初设定目标\n"
)


def test_figures_glued_to_their_labels_are_one_unsure_finding_per_form() -> None:
    # no split of 20201090.00%10 gives its own rate and score, none names an amount stated
    # elsewhere: the row stays unread (document/unglue.py)
    found = review_text(GLUED.format(total="20201090.00%10", part="2020"), select=["T", "R"])
    assert [f.code for f in found] == ["T005"]
    assert "20201090.00%10" in found[0].message and "另有 1 行" in found[0].message


def test_a_glued_row_with_one_consistent_split_is_read() -> None:
    # 20 | 20 | 10 | 100.00% | 10 is the one split whose rate and score hold: read, not T005
    text = GLUED.format(total="202010100.00%10", part="2020")
    assert _values(text)[0] == {FULL: "20", EXEC: "20", WEIGHT: "10", RATE: "100.00%", SCORE: "10"}
    found = review_text(text, select=["T", "R"])
    assert [f.code for f in found] == ["T005"]
    assert "202010100.00%10" not in found[0].message and "另有" not in found[0].message


def test_figures_glued_to_labels_but_spaced_are_read() -> None:
    text = GLUED.format(total=" 20 20 10 100.00% 10 ", part=" 20 20 ")
    assert _values(text)[0] == {FULL: "20", EXEC: "20", WEIGHT: "10", RATE: "100.00%", SCORE: "10"}
    assert review_text(text, select=["T", "R", "S005"]) == []


WEIGHT_IN_HEAD = (
    "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |\n"
    "年度财政资金总额 | 200 | {exec} | {rate} | {score} |\n"
    "年度绩效目标1 (80分) | 一级指标 | 二级指标 | 三级指标 |\n"
)


def test_the_weight_a_score_header_states() -> None:
    ok = WEIGHT_IN_HEAD.format(exec="195.5", rate="97.75%", score="19.55")
    assert review_text(ok, select=["T", "R", "S005"]) == []
    high = WEIGHT_IN_HEAD.format(exec="150", rate="75%", score="20")
    (f,) = review_text(high, select=["S005"])
    assert f.data["expected"] == "15" and f.data["weight"] == "20"


BY_NATURE = """| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 300 | 300 | 270 | 10 | 90% | 9 |
| 按收入性质分 | | | | | | |
| 一般公共预算 | 200 | 200 | 180 | | | |
| 政府性基金 | 100 | 100 | 90 | | | |
| 按支出性质分 | | | | | | |
| 基本支出 | 100 | 100 | 100 | | | |
| 项目支出 | 200 | 200 | {spent} | | | |
| 年度总体目标 | 完成 |
"""


def test_each_breakdown_adds_up_to_the_total_on_its_own() -> None:
    assert review_text(BY_NATURE.format(spent="170"), select=["T"]) == []
    (f,) = review_text(BY_NATURE.format(spent="180"), select=["T001"])
    assert "100 + 180 = 280" in f.message and "全年执行数" in f.message
    assert f.severity == Severity.ERROR


MARKDOWN = """| 项目资金（万元） | 年初预算数 | 全年预算数（调整后） | 全年执行数 | 分值 | 执行率 | 得分 |
|---|---|---|---|---|---|---|
| 年度资金总额 | 100 | 100 | 80 | 10 | {rate} | {score} |
| 其中：本年财政拨款 | 100 | 100 | 80 | — | — | — |
| 上年结转资金 | | | | — | — | — |
| 其他资金 | | | | — | — | — |
"""


def test_a_markdown_table_from_the_docx_and_pdf_loaders() -> None:
    assert review_text(MARKDOWN.format(rate="80%", score="8"), select=["T", "R", "S005"]) == []
    found = review_text(MARKDOWN.format(rate="90%", score="9"), select=["T", "R", "S005"])
    assert [f.code for f in found] == ["R003"] and "80 ÷ 100（全年预算数）= 80%" in found[0].message


DEPT_RUN = (
    "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额 300 300 270 10 90% 9 按收入性质分：财政拨款 250 250 230 其他资金 50 50 40 "
    "按支出性质分：基本支出 100 100 100 项目支出 200 200 {spent} 年度总体目标 完成\n"
)


def test_a_breakdown_heading_written_with_its_first_part() -> None:
    assert review_text(DEPT_RUN.format(spent="170"), select=["T"]) == []
    (f,) = review_text(DEPT_RUN.format(spent="160"), select=["T001"])
    assert "100 + 160 = 260" in f.message


def test_long_runs_of_empty_lines_separate_rows_not_cells() -> None:
    gap = "\n" * 11
    text = (
        f"预算执行情况(万元){gap}(20分)\n\n\n预算数(A)\n\n执行数(B)\n\n执行率(B/A)\n\n得分\n\n"
        f"(20分*执行率){gap}年度财政资金总额\n\n50\n\n10\n\n20\n\n4{gap}年度绩效目标\n\n(80分)\n"
    )
    assert _values(text)[0] == {FULL: "50", EXEC: "10", RATE: "20", SCORE: "4"}
    assert review_text(text, select=["T", "R", "S005"]) == []
    assert _codes(text.replace("\n\n4\n", "\n\n5\n"), ["S005"]) == ["S005"]


# A run-together form whose 得分 heading was printed after the rows: the header names five
# columns, each row holds six cells, amounts written with their unit, and a part row's label
# broken by a space where the page wrapped it.
SHORT_HEAD = (
    "项目支出绩效自评表 项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 "
    "预算数) 年度资金总额: {total} 其中:当年财政 拨款 {part} 得分 上年结转资金 其他资金 预期目标\n"
)


def test_a_row_longer_than_its_header_is_read_up_to_the_columns_the_header_names() -> None:
    text = SHORT_HEAD.format(
        total="620.82万元 620.82万元 580.5万元 10 93.5% 9", part="620.82万元 620.82万元 580.5万元"
    )
    (block,) = funds_blocks(Document(text=text))
    assert block.columns == [OPENING, FULL, EXEC, WEIGHT, RATE]
    assert [r.label.text.replace(" ", "") for r in block.rows[:2]] == [
        "年度资金总额:",
        "其中:当年财政拨款",
    ]
    # The percent stands where the header puts 执行率: the four cells before it are its four
    # columns; the 9 after it has no column in the header and is left unread.
    assert _values(text)[0] == {
        OPENING: "620.82万元",
        FULL: "620.82万元",
        EXEC: "580.5万元",
        WEIGHT: "10",
        RATE: "93.5%",
    }
    assert _values(text)[1] == {OPENING: "620.82万元", FULL: "620.82万元", EXEC: "580.5万元"}
    assert _codes(text, ["T", "R"]) == []
    (f,) = review_text(text.replace("93.5%", "95.3%"), select=["R003"])
    assert "580.5 ÷ 620.82" in f.message and f.severity == Severity.ERROR
    # The part row is read too: its total against the total row's.
    slip = text.replace("620.82万元 580.5万元 得分", "620.82万元 508.5万元 得分")
    found = [f.message for f in review_text(slip, select=["T001"]) if "自评表" in f.message]
    assert found and "508.5 = 508.5，报告称 580.5" in found[0]


def test_a_row_longer_than_its_header_with_its_percent_elsewhere_is_not_guessed() -> None:
    # Near miss: five cells before the percent for four columns: one of them has no column in
    # the header, which one is not known.
    text = SHORT_HEAD.format(total="620.82 620.82 580.5 10 5 93.5% 9", part="")
    (block,) = funds_blocks(Document(text=text))
    assert block.rows[0].values == {} and block.rows[0].unsure
    assert _codes(text.replace("93.5%", "95.3%"), ["R003"]) == []
    # Near miss: two percents in the row: which is the 执行率 is not known.
    text = SHORT_HEAD.format(total="620.82 620.82 580.5 10 93.5% 90%", part="")
    assert funds_blocks(Document(text=text))[0].rows[0].unsure


def test_a_label_broken_by_a_space_is_joined_only_into_a_label() -> None:
    # Near miss: two words that make no row label stay two cells; the block ends there.
    text = SHORT_HEAD.format(total="620.82 620.82 580.5 10 93.5% 9", part="1 1").replace(
        "其中:当年财政 拨款", "其中:当年财政 说明"
    )
    (block,) = funds_blocks(Document(text=text))
    assert len(block.rows) == 1


# One cell per line, single-spaced (an empty line is an empty cell): each row lost a cell
# before its 执行率, the total's 分值 among its loose figures.
CELLS_SINGLE = (
    "项目资金\n(万元)\n年初预算数\n调整预算数\n全年执行数\n分值\n执行率\n得分\n"
    "年度资金总额\n30\n30\n10\n100%\n{score}\n其中:当年财政拨款\n30\n30\n\n{rate}\n\n"
    "上年结转资金\n\n\n其他资金\n\n\n年度总体目标\n"
)


def test_a_part_row_has_no_weight_when_the_total_rows_reading_gives_it_one() -> None:
    # The total's figures 30 30 10 reconcile its 100 % only with 10 under 分值: the total states
    # the 分值, so the part row's two figures are budget and spending in every placement.
    assert _codes(CELLS_SINGLE.format(score="10", rate="100%"), ["R003"]) == []
    found = review_text(CELLS_SINGLE.format(score="10", rate="160%"), select=["R003"])
    assert [(f.code, f.severity) for f in found] == [("R003", Severity.WARNING)]
    assert "30 ÷ 30" in found[0].message
    # Near miss: a total whose figures reconcile its rate with no 分值 among them (30 30 30:
    # 年初, 全年, 执行) leaves open whether the part row's second 30 is a 分值: silent.
    text = CELLS_SINGLE.format(score="10", rate="160%").replace(
        "年度资金总额\n30\n30\n10\n", "年度资金总额\n30\n30\n30\n"
    )
    assert _codes(text, ["R003"]) == []


def test_a_dash_in_a_part_rows_empty_weight_cell_keeps_its_place() -> None:
    # The total's 65.66 65.07 10 reconcile its 99 % only with 10 under 分值, so the part row has
    # no 分值; its dash marks that empty cell, and 65.66 / 65.07 stay budget and spending.
    form = (
        "项目资金 年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 "
        "分值 执行率 得分 65.66 65.07 10 99% 9 65.66 65.07 — {rate} — 上年结转资金 — — "
        "其他资金 — — 预期目标\n"
    )
    assert _codes(form.format(rate="99%"), ["R003"]) == []
    found = review_text(form.format(rate="95%"), select=["R003"])
    assert [(f.code, f.severity) for f in found] == [("R003", Severity.WARNING)]


# A run-together form printed out of order (a figure against 年初预算 before the label): only
# the rate and the score after it follow the header's order.
SCRAMBLED = (
    "项目支出绩效自评表 年初预算 数 0 项目资金 (万元) 年度资金总额 实施单位 某卫生院 全年预算数 "
    "全年执行数 分值 执行率 得分 {row} 207.4538 — 100% — 其中:当年财政拨款 上年结转资金 其他资金\n"
)


def test_a_score_above_every_figure_that_could_be_the_weight() -> None:
    assert _codes(SCRAMBLED.format(row="0 207.4538 10 100% 10"), ["S"]) == []
    (f,) = review_text(SCRAMBLED.format(row="0 207.4538 10 100% 15"), select=["S037"])
    assert "得分 15 分" in f.message and "只有 10" in f.message and "次序已乱" in f.message
    assert [s.text for s in f.spans] == ["15", "100%", "10"]
    # At 95 % the weight 10 allows 9.5: 11 is above it; 10 is 9.5 rounded to whole points.
    assert _codes(SCRAMBLED.format(row="0 207.4538 10 95% 11"), ["S037"]) == ["S037"]
    assert _codes(SCRAMBLED.format(row="0 207.4538 10 95% 10"), ["S037"]) == []
    # Near miss: another figure before the rate could be the weight (20): 15 may be right.
    assert _codes(SCRAMBLED.format(row="20 207.4538 10 100% 15"), ["S037"]) == []
    # Near miss: no figure there can be a weight (0 and amounts above 100): nothing to compare.
    assert _codes(SCRAMBLED.format(row="0 207.4538 100% 15"), ["S037"]) == []


def test_a_row_that_lost_cells_scores_above_every_figure_that_could_be_its_weight() -> None:
    # 280 ÷ 300 is no placement's 95 %, so no reading settles the weight; 10 is the only
    # figure that can be one, and 15 is above it.
    found = review_text(RUN.format(total="300 280 10 95% 15", part=""), select=["S", "R003"])
    assert sorted(f.code for f in found) == ["R003", "S037"]
    assert _codes(RUN.format(total="300 280 10 95% 9", part=""), ["S037"]) == []
    # Near miss: a reading that settles the weight (285 ÷ 300 = 95 %) leaves the score to S005.
    assert _codes(RUN.format(total="300 285 10 95% 15", part=""), ["S005", "S037"]) == ["S005"]


def test_no_weight_is_sought_before_the_rate_when_the_header_puts_none_there() -> None:
    # Near miss: 年初 / 全年 / 执行 / 执行率 / 得分, no 分值 column: the 8s before the rate are
    # amounts, not weights, and a score of 10 says nothing against them.
    form = (
        "项目支出绩效自评表 项目资金 (万元) 年初预算数 全年预算数 全年执行数 执行率 得分 "
        "年度资金总额: 8 8 100% 10 其中:本年财政拨款 8 8 上年结转资金 其他资金 年度总体目标\n"
    )
    assert _codes(form, ["S037"]) == []
    assert _codes(form.replace("执行率 得分", "分值 执行率 得分"), ["S037"]) == ["S037"]
