"""Tables whose rows vary in width, read one cell per line, and their rows checked against each
other: a rate against the two amounts of its row (R090), numbered group rows against their lines
(T001), and the .docx rebuild of such tables for the mutation eval."""

from __future__ import annotations

from reviewer.document import Document
from reviewer.document.tables import ordinal_level, row_levels, tables
from reviewer.engine import run_checks
from reviewer.evals.docx_build import tabulate
from reviewer.models import Finding, Severity


def cells(*lines: str, end: str = " |") -> str:
    """One cell per line, each closed by a lone pipe as web pages print them."""
    return "".join(f"{ln}{end}\n" for ln in lines)


HEAD = ("编号", "主管科室", "项目", "计划数", "完成数", "完成率")


def plan_table(
    *,
    rate_1: str = "83.33%",
    done_group: str = "90",
    tail: tuple[str, ...] = (),
    end: str = " |",
) -> str:
    """A table of plans and results: a 总计 row, numbered groups (一, 二) over their lines
    (1, 2); line 2 and group 二 lost their 主管科室 cell (merged with the row above)."""
    return "各项目完成情况如下：\n单位：万元\n" + cells(
        *HEAD,
        *("总计", "300", "240", "80.00%"),
        *("一", "办公室", "运行保障", "100", done_group, "90.00%"),
        *("1", "办公室", "车辆运行", "60", "50", rate_1),
        *("2", "物业服务", "40", "40", "100.00%"),
        *("二", "专项业务", "200", "150", "75.00%"),
        *tail,
        end=end,
    )


def findings(text: str, *codes: str) -> list[Finding]:
    return run_checks(Document(text=text), select=list(codes))


# ---- reading ------------------------------------------------------------------------------


def test_rows_of_varying_width_are_read_under_the_header() -> None:
    (t,) = tables(Document(text=plan_table()))
    assert [c.text for c in t.header] == list(HEAD)
    assert [[c.text for c in r] for r in t.rows] == [
        ["总计", "", "", "300", "240", "80.00%"],
        ["一", "办公室", "运行保障", "100", "90", "90.00%"],
        ["1", "办公室", "车辆运行", "60", "50", "83.33%"],
        ["2", "", "物业服务", "40", "40", "100.00%"],  # the row number stays under 编号
        ["二", "", "专项业务", "200", "150", "75.00%"],
    ]
    assert t.unit == "万元"


def test_cells_without_pipes_read_the_same() -> None:
    with_pipes = tables(Document(text=plan_table()))[0]
    bare = tables(Document(text=plan_table(end="")))[0]
    assert [[c.text for c in r] for r in bare.rows] == [
        [c.text for c in r] for r in with_pipes.rows
    ]


def test_cell_offsets_point_at_the_cell_not_its_pipe() -> None:
    doc = Document(text=plan_table())
    (t,) = tables(doc)
    for cell in (c for r in t.rows for c in r if c.text):
        assert doc.norm[cell.start : cell.end] == cell.text


def test_a_row_whose_figures_do_not_fit_the_columns_stays_unread() -> None:
    # Line 2 lost its 完成数 cell: 40 | 100.00% cannot be put under three figure columns.
    text = plan_table().replace("物业服务 |\n40 |\n40 |\n", "物业服务 |\n40 |\n")
    (t,) = tables(Document(text=text))
    assert [r[0].text for r in t.rows] == ["总计", "一", "1"]


def test_no_table_starts_inside_a_header() -> None:
    # The header's first cells are not header-like (a score in brackets), so no header is
    # found; its last cells (权重 | 得分 | 原因) must not be read as a header of their own.
    text = "预算执行情况(10分) |\n" + cells(
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "原因",
        "总额",
        "238.93",
        "251.89",
        "251.89",
        "100.00%",
        "10",
    )
    assert [t.header[0].text for t in tables(Document(text=text))] in ([], ["年初预算"])


def test_amounts_and_percents_in_one_column_are_a_misreading() -> None:
    # Read with four columns, 计划数 would hold 300 and 80.00%: the six-column reading wins.
    text = plan_table().replace("物业服务 |\n40 |\n40 |\n", "物业服务 |\n40 |\n")
    (t,) = tables(Document(text=text))
    assert len(t.header) == 6


def test_the_numbering_gives_the_row_hierarchy() -> None:
    (t,) = tables(Document(text=plan_table()))
    assert row_levels(t) == [0, 1, 3, 3, 1]
    assert [ordinal_level(x) for x in ("一", "（二）", "3", "3.", "(4)", "①", "甲")] == [
        1,
        2,
        3,
        3,
        4,
        5,
        None,
    ]


def test_a_flat_numbered_list_is_no_hierarchy() -> None:
    text = "各项目完成情况如下：\n" + cells(
        *HEAD,
        *("1", "办公室", "车辆运行", "60", "50", "83.33%"),
        *("2", "办公室", "物业服务", "40", "40", "100.00%"),
    )
    (t,) = tables(Document(text=text))
    assert row_levels(t) is None


# ---- R090: a rate against its own row ---------------------------------------------------------


def test_a_consistent_table_is_silent() -> None:
    assert findings(plan_table(), "R090", "T001", "T002") == []


def test_a_rate_its_row_contradicts_is_an_error() -> None:
    (f,) = findings(plan_table(rate_1="88.33%"), "R090")
    assert (f.code, f.severity) == ("R090", Severity.ERROR)
    assert "车辆运行" in f.message and "50 ÷ 60 = 83.33%" in f.message


def test_a_truncated_rate_holds() -> None:
    assert findings(plan_table(rate_1="83.3%"), "R090") == []
    assert findings(plan_table(rate_1="85.33%"), "R090") != []


def test_a_rate_over_columns_the_header_does_not_name_is_not_judged() -> None:
    text = (
        "| 项目 | 2023年 | 2024年 | 增长率 |\n|---|---|---|---|\n"
        "| 甲 | 100 | 120 | 25% |\n| 乙 | 50 | 60 | 20% |\n"
    )
    assert findings(text, "R090") == []


def test_columns_that_mean_something_else_on_most_rows_are_not_judged() -> None:
    text = (
        "| 项目 | 预算数 | 执行数 | 执行率 |\n|---|---|---|---|\n"
        "| 甲 | 100 | 50 | 10% |\n| 乙 | 80 | 60 | 12% |\n| 丙 | 90 | 30 | 5% |\n"
    )
    assert findings(text, "R090") == []


def test_a_funds_block_is_left_to_r003() -> None:
    text = (
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
        "年度资金总额 | 100 | 100 | 80 | 10 | 90% | 9\n"
        "其中：本年财政拨款 | 100 | 100 | 80 | — | — | —\n"
    )
    assert findings(text, "R090") == []
    assert [f.code for f in findings(text, "R003")] == ["R003"]


# ---- group rows against their lines --------------------------------------------------------------


def test_a_group_row_its_lines_do_not_add_up_to_is_an_error() -> None:
    text = plan_table().replace("车辆运行 |\n60 |\n50 |", "车辆运行 |\n60 |\n55 |")
    (f,) = findings(text, "T001")
    assert f.severity == Severity.ERROR
    assert "55 + 40 = 95" in f.message and "运行保障" in f.message
    # A wrong group figure breaks its own sum and the total's sum above it.
    assert len(findings(plan_table(done_group="95"), "T001")) == 2


def test_a_total_row_adds_up_the_top_level_only() -> None:
    # 总计 = 一 + 二 (100 + 200), not every row (100 + 60 + 40 + 200).
    text = plan_table().replace("总计 |\n300 |", "总计 |\n310 |") + "以上为全部项目。\n"
    (f,) = findings(text, "T001")
    assert "100 + 200 = 300" in f.message


def test_lines_falling_short_where_the_text_ends_may_be_cut() -> None:
    # Group 二 (200) has one line of 120 and the page ends: more lines may have been cut.
    tail = ("3", "专项科", "宣传", "120", "90", "75.00%", "4", "培训", "30", "20", "66.67%")
    assert findings(plan_table(tail=tail), "T001") == []
    # The same table with a paragraph after it is complete: the shortfall is an error.
    found = findings(plan_table(tail=tail) + "以上为全部项目。\n", "T001")
    assert ["120 + 30 = 150" in f.message for f in found] == [True, False]  # 计划数, 完成数


def test_lines_above_their_group_are_wrong_even_where_the_text_ends() -> None:
    tail = ("3", "专项科", "宣传", "150", "90", "60.00%", "4", "培训", "80", "20", "25.00%")
    (f,) = findings(plan_table(tail=tail), "T001")
    assert "150 + 80 = 230" in f.message


# ---- the .docx rebuild ----------------------------------------------------------------------------


def test_the_rebuild_writes_rows_of_varying_width_as_one_table() -> None:
    rows = [ln for ln in tabulate(plan_table()).splitlines() if ln.startswith("|")]
    assert rows[0] == "| 编号 | 主管科室 | 项目 | 计划数 | 完成数 | 完成率 |"
    assert rows[1] == "| 总计 |  |  | 300 | 240 | 80.00% |"
    assert rows[4] == "| 2 |  | 物业服务 | 40 | 40 | 100.00% |"
    assert len(rows) == 6


def test_the_rebuild_leaves_a_run_whose_rows_do_not_end_alike() -> None:
    # A row with two figures among rows with three: the widths are not known.
    text = plan_table().replace("物业服务 |\n40 |\n40 |\n", "物业服务 |\n40 |\n")
    rows = [ln for ln in tabulate(text).splitlines() if ln.startswith("|")]
    assert rows == []


def test_a_blank_line_among_single_spaced_cells_is_an_empty_cell() -> None:
    # Line 2 left its 主管科室 blank (the page kept the empty line): the row keeps its width.
    text = plan_table().replace("2 |\n物业服务 |", "2 |\n\n物业服务 |")
    (t,) = tables(Document(text=text))
    assert [c.text for c in t.rows[3]] == ["2", "", "物业服务", "40", "40", "100.00%"]
    # An empty 完成数 cell stays empty: its rate is not checked against a figure it lacks.
    text = plan_table().replace("车辆运行 |\n60 |\n50 |", "车辆运行 |\n60 |\n")
    (t,) = tables(Document(text=text))
    assert [c.text for c in t.rows[2]] == ["1", "办公室", "车辆运行", "60", "", "83.33%"]
    assert findings(text, "R090") == []


def test_blank_lines_between_every_cell_are_no_empty_cells() -> None:
    text = plan_table().replace("\n", "\n\n")
    (t,) = tables(Document(text=text))
    assert len(t.rows) == 5 and all(len(r) == 6 for r in t.rows)


def test_a_numbered_row_that_cannot_be_placed_is_said_unread() -> None:
    text = plan_table().replace("物业服务 |\n40 |\n40 |\n", "物业服务 |\n40 |\n")
    (f,) = findings(text, "T005")
    assert f.severity == Severity.INFO
    assert f.message.startswith("“2”行：") and "未核对" in f.message
    # A table that simply ends (no numbered row after it) says nothing.
    assert findings(plan_table() + "备注 |\n", "T005") == []


def test_bare_pipe_rows_keep_their_number_under_the_number_column() -> None:
    text = (
        "序号 | 科室 | 项目名称 | 预算数 | 执行数 | 执行率\n"
        "一 | 办公室 | 运行保障 | 100 | 90 | 90.00%\n"
        "1 | 办公室 | 车辆运行 | 60 | 50 | 83.33%\n"
        "2 | 物业服务 | 40 | 40 | 100.00%\n"
        "以上为全部项目。\n"
    )
    (t,) = tables(Document(text=text))
    assert [c.text for c in t.rows[2]] == ["2", "", "物业服务", "40", "40", "100.00%"]
    assert row_levels(t) == [1, 3, 3]
    assert findings(text, "T001", "R090") == []
    (f,) = findings(text.replace("| 90 |", "| 95 |"), "T001")
    assert "50 + 40 = 90" in f.message


def test_a_rate_over_either_budget_the_header_names_holds() -> None:
    text = (
        "| 项目名称 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n|---|---|---|---|---|\n"
        "| 甲 | 100 | 120 | 90 | 90.00% |\n| 乙 | 80 | 80 | 60 | 75.00% |\n"
    )
    assert findings(text, "R090") == []  # 90 ÷ 100 (年初): a reading the header allows
    (f,) = findings(text.replace("90.00%", "95.00%"), "R090")
    assert "甲" in f.message


def test_a_total_row_at_the_foot_adds_up_the_top_level() -> None:
    text = (
        "| 序号 | 项目名称 | 预算数 | 执行数 |\n|---|---|---|---|\n"
        "| 一 | 运行保障 | 100 | 90 |\n| 1 | 车辆运行 | 60 | 50 |\n| 2 | 物业服务 | 40 | 40 |\n"
        "| 二 | 专项业务 | 200 | 150 |\n| 合计 |  | 300 | 250 |\n"
    )
    (f,) = findings(text, "T001")  # at the foot the table is whole: 90 + 150 = 240, not 250
    assert "90 + 150 = 240" in f.message and "合计" in f.message
