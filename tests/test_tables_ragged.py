"""Bare pipe tables with ragged rows: short rows lost their leading (merged) cells."""

from __future__ import annotations

from reviewer.document import Document
from reviewer.document.tables import tables
from tests.helpers import review_text

INDICATORS = """详见下表
一级指标 | 二级指标 | 指标名称 | 目标值 | 完成值 |
产出指标 | 产出数量 | 培训人数 | 1250名 | 1216名 |
| | 验收学校 | 11所 | 11所 |
| 产出质量 | 结业考核通过率 | 100% | 98.79% |
效益指标 | 社会效益 | 参训学员就业率 | 60%及以上 | 53.53% |
| 满意度 | 参培学员满意度 | 95%及以上 | 96% |
序号 | 学校 | 人数 | 合格人数 | 补助资金 | 备注 |
1 | 甲校 | 842 | 842 | 218.92 | |
2 | 乙校 | 900 | 900 | 234 | |
"""


def test_short_rows_are_padded_on_the_left_and_a_longer_row_starts_the_next_table() -> None:
    first, second = tables(Document(text=INDICATORS))
    assert [c.text for c in first.rows[1]] == ["", "", "验收学校", "11所", "11所"]
    assert [c.text for c in first.rows[2]][:2] == ["", "产出质量"]
    assert len(first.rows) == 5 and second.header[0].text == "序号"


def test_the_padded_rows_are_read_by_the_target_checks() -> None:
    found = review_text(INDICATORS, select=["G001"])
    assert any("53.53%" in f.message for f in found)
    assert not any("96%" in f.message for f in found)


SUMS = """资金来源 | 资金类别 | 金额（万元） |
中央资金 | 水利发展 | 100 |
| 农田建设 | 50 |
省级资金 | 配套 | 30 |
合计 | {total} |
"""


def test_a_total_row_of_a_ragged_table() -> None:
    (f,) = review_text(SUMS.format(total="170"), select=["T001"])
    assert "100 + 50 + 30 = 180" in f.message
    assert review_text(SUMS.format(total="180"), select=["T001", "T002"]) == []


def test_rows_that_lost_trailing_cells_are_not_taken_for_a_table() -> None:
    text = """指标 | 目标值 | 完成值 | 得分 |
甲 | 100% | 98% | 9 |
乙 | 100% |
丙 | 95% |
丁 | 90% | 91% | 10 |
"""
    assert tables(Document(text=text)) == []
