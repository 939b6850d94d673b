"""Finding tables in report text: pipe rows, tab rows, and tables flattened one cell per line."""

from __future__ import annotations

from reviewer.document import Document
from reviewer.document.tables import Table, cell_number, column_unit, tables


def texts(cells: list) -> list[str]:  # type: ignore[type-arg]
    return [c.text for c in cells]


def only_table(text: str) -> tuple[Document, Table]:
    doc = Document(text=text)
    found = tables(doc)
    assert len(found) == 1, found
    return doc, found[0]


def assert_offsets(doc: Document, table: Table) -> None:
    for cell in [*table.header, *(c for row in table.rows for c in row)]:
        assert doc.norm[cell.start : cell.end] == cell.text


# ---- pipe tables ----------------------------------------------------------------------------


def test_markdown_table_with_rule() -> None:
    doc, t = only_table(
        "支出情况如下：\n"
        "| 项目 | 金额（万元） | 占比 |\n"
        "|---|:---:|---:|\n"
        "| 基本支出 | 981.38 | 82.09% |\n"
        "| 项目支出 | 214.18 | 17.91% |\n"
        "以上为支出结构。\n"
    )
    assert t.kind == "pipe"
    assert texts(t.header) == ["项目", "金额(万元)", "占比"]  # norm folds full-width brackets
    assert [texts(r) for r in t.rows] == [
        ["基本支出", "981.38", "82.09%"],
        ["项目支出", "214.18", "17.91%"],
    ]
    assert doc.text[t.start : t.end].startswith("| 项目")
    assert doc.text[t.start : t.end].endswith("17.91% |")
    assert_offsets(doc, t)


def test_pipe_table_without_rule_as_rendered_from_docx() -> None:
    doc, t = only_table("| 项目 | 金额 |\n| 基本支出 | 981.38 |\n| 合计 | 981.38 |\n")
    assert texts(t.header) == ["项目", "金额"]
    assert len(t.rows) == 2
    assert_offsets(doc, t)


def test_pipe_table_one_cell_caption_row_gives_the_unit() -> None:
    _, t = only_table(
        "| 单位：万元 |  |  |\n| 项目 | 预算数 | 决算数 |\n| 基本支出 | 900 | 880.5 |\n"
    )
    assert texts(t.header) == ["项目", "预算数", "决算数"]
    assert t.unit == "万元"
    assert column_unit(t, 1) == "万元"
    assert column_unit(t, 0) is None


def test_empty_cells_keep_their_place() -> None:
    _, t = only_table("| 一级指标 | 二级指标 | 分值 |\n| 产出 | 数量 | 10 |\n|  | 质量 | 10 |\n")
    assert texts(t.rows[1]) == ["", "质量", "10"]


def test_a_single_line_with_pipes_is_not_a_table() -> None:
    assert tables(Document(text="选项 A | B 二选一。\n下一段。\n")) == []


def test_bare_pipe_rows_need_equal_cell_counts() -> None:
    assert tables(Document(text="甲 | 乙 | 丙\n丁 | 戊\n")) == []


# ---- tab tables -----------------------------------------------------------------------------


def test_tab_separated_rows_pasted_from_a_spreadsheet() -> None:
    doc, t = only_table("项目\t金额（万元）\n基本支出\t981.38\n项目支出\t214.18\n合计\t1195.56\n")
    assert t.kind == "tab"
    assert texts(t.rows[-1]) == ["合计", "1195.56"]
    assert_offsets(doc, t)


# ---- flattened tables -----------------------------------------------------------------------

FLAT_AMOUNTS = """二、支出结构
单位：万元
项目
金额
占比
基本支出
981.38
82.09%
项目支出
214.18
17.91%
合计
1195.56
100%
三、下一部分的正文从这里开始，是一整句话。
"""


def test_flattened_table_column_count_comes_from_the_header() -> None:
    doc, t = only_table(FLAT_AMOUNTS)
    assert t.kind == "flat"
    assert texts(t.header) == ["项目", "金额", "占比"]
    assert [texts(r) for r in t.rows] == [
        ["基本支出", "981.38", "82.09%"],
        ["项目支出", "214.18", "17.91%"],
        ["合计", "1195.56", "100%"],
    ]
    assert t.unit == "万元"
    assert (column_unit(t, 1), column_unit(t, 2)) == ("万元", "%")
    assert_offsets(doc, t)


FLAT_INDICATORS = """绩效指标完成情况如下
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
产出指标
数量指标
完成项目数
10个
12个
10
10
质量指标
验收合格率
100%
100%
10
9
效益指标
社会效益
群众满意度
≥90%
95%
20
20
合计
40
39
评分说明：以上得分由评价小组逐项核定。
"""


def test_flattened_indicator_table_with_merged_leading_cells() -> None:
    doc, t = only_table(FLAT_INDICATORS)
    assert texts(t.header) == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
    ]
    assert [texts(r) for r in t.rows] == [
        ["产出指标", "数量指标", "完成项目数", "10个", "12个", "10", "10"],
        ["", "质量指标", "验收合格率", "100%", "100%", "10", "9"],  # 产出指标 merged above
        ["效益指标", "社会效益", "群众满意度", "≥90%", "95%", "20", "20"],
        ["合计", "", "", "", "", "40", "39"],  # label merged across the name columns
    ]
    assert_offsets(doc, t)


def test_flattened_table_with_blank_lines_between_cells() -> None:
    _, t = only_table(FLAT_AMOUNTS.replace("\n", "\n\n"))
    assert len(t.rows) == 3


def test_short_prose_lines_are_not_a_table() -> None:
    text = (
        "主要工作\n项目建设\n资金管理\n人员培训\n宣传教育\n制度建设\n档案管理\n"
        "一、项目概况\n（一）项目资金\n1.资金到位情况\n2.资金使用情况\n"
    )
    assert tables(Document(text=text)) == []


def test_headings_followed_by_figures_are_not_a_table() -> None:
    text = "项目\n支出\n2024年\n一、项目概况\n共3个\n二、资金情况\n1.5万元\n三、绩效情况\n好\n"
    assert tables(Document(text=text)) == []


def test_a_run_whose_rows_do_not_fit_the_header_is_skipped() -> None:
    text = "项目\n金额\n占比\n基本支出\n981.38\n项目支出\n214.18\n17.91%\n说明文字\n"
    assert tables(Document(text=text)) == []


# ---- cells ----------------------------------------------------------------------------------


def test_cell_numbers() -> None:
    _, t = only_table("| 项目 | 金额 |\n|---|---|\n| A | 1,234.50 |\n| B | -3 |\n| C | 82.09% |\n")
    a, b, c = (cell_number(r[1]) for r in t.rows)
    assert a is not None and (a.value, a.decimals, a.unit) == (1234.50, 2, "")
    assert b is not None and b.value == -3
    assert c is not None and c.unit == "%"
    assert cell_number(t.rows[0][0]) is None


def test_tables_are_cached_per_document() -> None:
    doc = Document(text=FLAT_AMOUNTS)
    assert tables(doc) is tables(doc)


def test_a_flattened_table_with_opening_and_closing_columns() -> None:
    doc = Document(
        text="项目\n年初数\n年末数\n资产总额\n1250.00\n1386.40\n负债总额\n310.00\n295.60\n"
    )
    (t,) = tables(doc)
    assert [c.text for c in t.header] == ["项目", "年初数", "年末数"]
    assert [[c.text for c in row] for row in t.rows] == [
        ["资产总额", "1250.00", "1386.40"],
        ["负债总额", "310.00", "295.60"],
    ]
