"""T060: a funds block flattened one cell per line, each column's parts against its total."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def cells(*lines: str) -> str:
    """A block as the extractor gives it: one cell per line, a blank line between cells."""
    return "\n\n".join(lines) + "\n"


HEAD = (
    "计划安排资金",
    "(万元)",
    "170",
    "实际到位资金",
    "(万元)",
    "{recv}",
    "实际支出",
    "(万元)",
    "179.6",
    "结余(万元)",
    "0",
)
ROWS = ("其中:中央财政",) * 4 + (
    "省财政",
    "170",
    "省财政",
    "170",
    "省财政",
    "170",
    "省财政",
    "其它",
    "其它",
    "9.6",
    "其它",
    "9.6",
    "其它",
)


def block(recv: str = "179.6", rows: tuple[str, ...] = ROWS) -> str:
    return cells(*(h.format(recv=recv) for h in HEAD), *rows) + "\n二、项目支出明细情况\n"


def t060(text: str):
    return [f for f in review_text(text, select=["T060"]) if f.code == "T060"]


def test_a_column_whose_parts_exceed_its_total_is_a_warning():
    (f,) = t060(block(recv="170"))
    assert f.severity == Severity.WARNING
    assert f.data["header"] == "实际到位资金(万元)"
    assert (f.data["total"], f.data["computed"]) == ("170", "179.6")


def test_a_block_whose_columns_add_up_is_silent():
    assert t060(block()) == []


def test_a_figure_belongs_to_the_label_cell_before_it():
    # 9.6 after the 2nd and 3rd 其它 cells: received and spent, not planned; so the planned
    # column (170 = 170) holds and only the received column (170 < 179.6) is wrong.
    (f,) = t060(block(recv="170"))
    assert "计划" not in f.data["header"]


def test_parts_short_of_the_total_with_a_blank_part_cell_stay_silent():
    # Spent 179.6 with 省财政 170 and 市财政 blank: the blank may be a figure lost in flattening.
    rows = (
        "省财政",
        "170",
        "省财政",
        "170",
        "省财政",
        "170",
        "省财政",
        "市财政",
        "市财政",
        "市财政",
        "市财政",
        "其它",
        "其它",
        "5",
        "其它",
        "5",
        "其它",
    )
    assert t060(block(recv="179.6", rows=rows)) == []


def test_parts_short_of_the_total_with_every_part_filled_are_a_warning():
    rows = (
        "中央财政",
        "100",
        "中央财政",
        "100",
        "中央财政",
        "100",
        "地方财政",
        "60",
        "地方财政",
        "60",
        "地方财政",
        "60",
    )
    text = cells("预算数(万元)", "170", "到位数(万元)", "160", "支出数(万元)", "160", *rows)
    (f,) = t060(text)
    assert f.data["header"] == "预算数(万元)"
    assert "少于合计" in f.message


def test_other_column_names_and_units_are_read_the_same_way():
    rows = ("中央资金", "40000", "中央资金", "30000", "地方资金", "20000", "地方资金", "25000")
    text = cells("全年预算数(元)", "60000", "全年执行数(元)", "50000", *rows)
    (f,) = t060(text)  # 30000 + 25000 spent against 50000; the budget column holds
    assert (f.data["total"], f.data["computed"]) == ("50000", "55000")


def test_headers_without_a_money_unit_are_not_read():
    rows = ("男", "100", "男", "90", "女", "80", "女", "60")
    assert t060(cells("计划人数(人)", "170", "实际人数(人)", "150", *rows)) == []


def test_a_row_with_a_cell_too_few_ends_the_block():
    rows = ("中央资金", "40000", "中央资金", "30000", "地方资金", "20000")
    assert t060(cells("全年预算数(元)", "60000", "全年执行数(元)", "50000", *rows)) == []


def test_a_single_part_is_not_checked_against_the_total():
    rows = ("中央资金", "40000", "中央资金", "30000", "地方资金", "地方资金")
    assert t060(cells("全年预算数(元)", "60000", "全年执行数(元)", "50000", *rows)) == []


def test_the_same_figures_in_prose_or_a_pipe_table_are_not_this_rule():
    prose = "计划安排资金170万元，实际到位资金170万元，其中省财政170万元，其它9.6万元。"
    pipe = "计划安排资金(万元) | 170 | 实际到位资金(万元) | 170 |\n省财政 | 170 | 其它 | 9.6 |\n"
    assert t060(prose) == [] and t060(pipe) == []


def test_a_block_with_a_total_row_among_its_rows_is_not_read_as_parts():
    rows = (
        "中央资金",
        "40000",
        "中央资金",
        "30000",
        "地方资金",
        "20000",
        "地方资金",
        "25000",
        "合计",
        "60000",
        "合计",
        "55000",
    )
    assert t060(cells("全年预算数(元)", "60000", "全年执行数(元)", "50000", *rows)) == []
