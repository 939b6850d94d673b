"""Q190: an indicator row scored in full with no target (年度指标值) to score it against, in the
layouts a form reaches us in, with the rows next to it that must stay silent."""

from __future__ import annotations

from pathlib import Path

from reviewer.document import Document, load
from reviewer.engine import run_checks
from reviewer.models import Severity
from tests.helpers import review_text
from tests.test_loader import docx_bytes, write

HEAD = "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n"


def q(text: str):
    return review_text(text, select=["Q190"])


def test_pipe_rows_scored_in_full_with_blank_target_cells() -> None:
    text = (
        HEAD + "| 产出指标 | 数量指标 | 新建排涝站 | ≥3座 | 3座 | 20 | 20 | |\n"
        "| | 质量指标 | 闸门运行正常 | | | 15 | 15 | |\n"
        "| | 时效指标 | 汛前检修完成 | | 4月底前 | 15 | 15 | |\n"
    )
    [found] = q(text)
    assert found.severity == Severity.WARNING
    assert [s.text.split(" |")[0] for s in found.spans] == ["闸门运行正常", "汛前检修完成"]
    assert "2项" in found.message and "实际完成值也为空" in found.message
    assert "闸门运行正常：分值15、得分15" in found.message


def test_near_misses_in_pipe_rows() -> None:
    rows = (
        HEAD + "| 产出指标 | 数量指标 | 新建排涝站 | ≥3座 | 3座 | 20 | 20 | |\n"
        # target and actual in words: a qualitative row, scored against them
        "| | 质量指标 | 闸门运行 | 正常 | 正常 | 15 | 15 | |\n"
        # a blank target, but not full marks: the row was judged
        "| | 时效指标 | 汛前检修 | | | 15 | 10 | 未按期 |\n"
        # a target with no actual: Q017's, not this rule's
        "| | 成本指标 | 维修成本 | ≤80万元 | | 10 | 10 | |\n"
        # a placeholder row with no figures at all: Q016's
        "| | | 指标2 | | | | | |\n"
    )
    assert q(rows) == []
    # the target written into the name's cell
    named = HEAD + "| 效益指标 | 社会效益 | 维修堤防3处 | | | 10 | 10 | |\n"
    assert q(named) == []
    assert len(q(named.replace("维修堤防3处", "维修堤防到位"))) == 1


def test_one_cell_per_line() -> None:
    text = (
        "三级指标 |\n年度指标值 |\n实际完成值 |\n分值 |\n得分 |\n"
        "新建排涝站 |\n≥3座 |\n3座 |\n20 |\n20 |\n"
        "闸门运行正常 |\n|\n|\n15 |\n15 |\n"
    )
    [found] = q(text)
    assert found.severity == Severity.WARNING and found.spans[0].text.startswith("闸门运行正常")
    # near miss: the target and actual stand in their cells on the lines after the name
    filled = text.replace("闸门运行正常 |\n|\n|\n", "闸门运行正常 |\n100% |\n100% |\n")
    assert q(filled) == []


def test_cells_run_together_are_an_info() -> None:
    text = (
        "三级指标 年度指标值 实际完成值 分值 得分\n"
        "指标1:新建排涝站数量 3座 3座 20 20\n"
        "指标1:闸门运行正常 15 15\n"
    )
    [found] = q(text)
    assert found.severity == Severity.INFO and "空白单元格未留痕迹" in found.message
    assert found.spans[0].text.startswith("闸门运行正常")
    # near misses: the row's four figures are all there; two figures that are not full marks
    assert q(text.replace("闸门运行正常 15 15", "闸门运行正常 95% 96% 15 15")) == []
    assert q(text.replace("闸门运行正常 15 15", "闸门运行正常 15 12")) == []
    # the target and actual in words before the figures: a qualitative row
    assert q(text.replace("闸门运行正常 15 15", "闸门运行 正常 正常 15 15")) == []


def test_a_docx_table(tmp_path: Path) -> None:
    def build(d) -> None:  # type: ignore[no-untyped-def]
        cells = [
            ["三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["护岸修复长度", "≥1.5公里", "1.6公里", "30", "30"],
            ["防汛物资到位", "", "", "20", "20"],
        ]
        t = d.add_table(rows=len(cells), cols=5)
        for r, row in enumerate(cells):
            for c, v in enumerate(row):
                t.cell(r, c).text = v

    doc: Document = load(write(tmp_path, "form.docx", docx_bytes(build)))
    [found] = run_checks(doc, select=["Q190"])
    assert found.spans[0].text.startswith("防汛物资到位")


def test_a_run_row_after_a_level_weight_left_alone_in_its_cell() -> None:
    # the first-level name was lost: only its weight "(30分)" stands before the second level
    text = (
        "三级指标 年度指标值 实际完成值 分值 得分\n"
        "指标1:新建排涝站数量 3座 3座 20 20\n"
        "(30分)\n经济效益\n指标\n指标1:灌溉保障有力 10 10\n"
    )
    [found] = q(text)
    assert found.severity == Severity.INFO and found.spans[0].text.startswith("灌溉保障有力")
    # near miss: a worded target in its own cell before the figures
    assert q(text.replace("指标1:灌溉保障有力 10 10", "指标1:灌溉保障 有力 有力 10 10")) == []
