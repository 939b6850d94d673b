"""The balance-sheet identity (T003 balance-sheet-mismatch): 资产总额 = 负债总额 + 净资产."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def totals(text: str) -> list:
    return review_text(text, select=["T"])


def test_the_identity_holding_to_the_cent_passes() -> None:
    # zhengjiayi-2024, listed in correct.yaml: 1320.99 + 492.16 = 1813.15 = 1173.31 + 639.84
    text = (
        "2024年12月31日单位资产总额1813.15万元，其中：流动资产1320.99万元、非流动资产492.16万元；"
        "负债总额1173.31万元，净资产总额639.84万元。"
    )
    assert totals(text) == []


def test_net_assets_that_do_not_close_the_identity_are_an_error() -> None:
    (f,) = totals("截至年末，资产总额1813.15万元，负债总额1173.31万元，净资产总额693.84万元。")
    assert f.code == "T003" and f.kind == "sum_mismatch" and f.severity == Severity.ERROR
    assert f.data["expr"] == "1173.31 + 693.84 = 1867.15"
    assert f.data["stated"] == "1813.15" and f.data["diff"] == "54.00" and f.data["unit"] == "万元"
    assert [s.text for s in f.spans] == [
        "资产总额1813.15万元",
        "负债总额1173.31万元",
        "净资产总额693.84万元",
    ]
    assert "1867.15" in f.message and "1813.15" in f.message


def test_named_totals_side_by_side_are_not_read_as_a_sum_of_parts() -> None:
    # "净资产总额" after two other 总额 is not their sum (no T001 "1813.15 + 1173.31 = …").
    found = totals("资产总额1813.15万元，负债总额1173.31万元，净资产总额693.84万元。")
    assert [f.code for f in found] == ["T003"]


def test_a_difference_within_rounding_is_info() -> None:
    (f,) = totals("资产总计2,000.5万元，负债合计1,000.2万元，净资产合计1,000.4万元。")
    assert f.code == "T002" and f.severity == Severity.INFO
    assert f.data["diff"] == "0.1"


def test_units_are_converted_before_adding() -> None:
    assert totals("资产总额12,000,000元，负债总额200万元，净资产1000万元。") == []
    (f,) = totals("资产总额12,000,000元，负债总额200万元，净资产1100万元。")
    assert f.code == "T003" and f.data["unit"] == "元"


def test_opening_and_closing_balances_are_checked_separately() -> None:
    text = (
        "年初资产总额1500万元，负债总额500万元，净资产1000万元；"
        "年末资产总额1600万元，负债总额550万元，净资产1060万元。"
    )
    (f,) = totals(text)
    assert f.code == "T003"
    assert [s.text for s in f.spans] == [
        "年末资产总额1600万元",
        "负债总额550万元",
        "净资产1060万元",
    ]


def test_parts_of_assets_and_liabilities_are_not_totals() -> None:
    assert totals("流动资产300万元，流动负债100万元，净资产250万元。") == []
    assert totals("固定资产原值800万元，长期负债100万元，净资产600万元。") == []


def test_figures_in_different_paragraphs_are_not_compared() -> None:
    assert totals("资产总额1813.15万元。\n负债总额1173.31万元，净资产总额693.84万元。") == []


def test_two_figures_of_one_kind_on_one_date_are_not_guessed_between() -> None:
    text = (
        "资产总额1813.15万元（上年资产总额1700万元），负债总额1173.31万元，净资产总额693.84万元。"
    )
    assert [f.code for f in totals(text) if f.code == "T003"] == []


def test_in_english() -> None:
    (f,) = review_text(
        "资产总额100万元，负债总额30万元，净资产80万元。", select=["T003"], lang="en"
    )
    assert (
        f.message
        == "Liabilities + net assets = 30 + 80 = 110, the report states total assets of 100 (off by 10万元)"
    )


TABLE = """三、资产情况
| 项目 | 年初数 | 年末数 |
|---|---|---|
| 资产总额 | 1250.00 | {end_assets} |
| 其中：流动资产 | 800.00 | 900.00 |
| 负债总额 | 310.00 | 295.60 |
| 净资产 | 940.00 | 1060.80 |
"""


def test_a_balance_sheet_table_is_checked_column_by_column() -> None:
    assert totals(TABLE.format(end_assets="1356.40")) == []
    (f,) = totals(TABLE.format(end_assets="1386.40"))
    assert f.code == "T003"
    assert f.data["expr"] == "295.60 + 1060.80 = 1356.40" and f.data["stated"] == "1386.40"
    assert [s.text for s in f.spans] == ["1386.40", "295.60", "1060.80"]
    assert f.message.endswith("（表中“年末数”一列）")


def test_a_table_with_two_rows_of_one_kind_is_not_guessed_between() -> None:
    text = TABLE.format(end_assets="1386.40") + "| 资产总计 | 1.00 | 2.00 |\n"
    assert [f.code for f in totals(text) if f.code == "T003"] == []


def test_a_balance_sheet_table_flattened_one_cell_per_line() -> None:
    text = (
        "三、资产情况\n单位：万元\n项目\n年初数\n年末数\n资产总额\n1250.00\n1386.40\n"
        "负债总额\n310.00\n295.60\n净资产\n940.00\n1060.80\n"
    )
    (f,) = totals(text)
    assert f.code == "T003" and f.data["unit"] == "万元"
    assert [(s.line, s.text) for s in f.spans] == [(8, "1386.40"), (11, "295.60"), (14, "1060.80")]
