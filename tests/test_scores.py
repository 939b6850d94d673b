"""Score tables and grades (claims/scores.py, checks/scores.py): S001–S004."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from reviewer.checks.registry import Hit, Relation
from reviewer.checks.scores import score_sums, weight_sums
from reviewer.claims.scores import ScoreGroup, prose_items, table_group
from reviewer.document import Document
from reviewer.document.tables import Cell, Table
from tests.helpers import review_text

# ---- helpers ---------------------------------------------------------------------------------


def only_hits(found: Iterable[Hit | Relation]) -> list[Hit]:
    """A check's hits, without the relations it found to hold."""
    return [h for h in found if isinstance(h, Hit)]


def items_of(text: str) -> list[tuple[str | None, str | None, str | None]]:
    doc = Document(text=text)
    return [
        (i.name, i.weight.raw if i.weight else None, i.score.raw if i.score else None)
        for i in prose_items(doc)
    ]


def make_table(text: str, rows: list[list[str]]) -> tuple[Document, Table]:
    """A Document whose text holds `rows` as '|' lines, and the Table over them, built by hand."""
    lines = ["|".join(r) for r in rows]
    body = "\n".join(lines)
    full = text + body + "\n"
    offset = len(text)
    parsed: list[list[Cell]] = []
    for line in lines:
        cells, pos = [], offset
        for part in line.split("|"):
            cells.append(Cell(part, pos, pos + len(part)))
            pos += len(part) + 1
        parsed.append(cells)
        offset += len(line) + 1
    table = Table(header=parsed[0], rows=parsed[1:], start=len(text), end=len(full) - 1)
    return Document(text=full), table


def with_tables(doc: Document, *tabs: Table) -> Document:
    """Pretend the table detector found `tabs` in `doc`."""
    doc._cache["tables"] = list(tabs)
    return doc


PROSE_100 = (
    "四、评价结论\n"
    "经评价，本部门自评得分{total}分。\n"
    "1.投入指标：预算执行率，分值20分，得分{a}分。\n"
    "2.过程指标：资金管理规范，分值20分，得分18分。\n"
    "3.产出指标：工作完成率，分值30分，得分28分。\n"
    "4.效益指标：社会效益明显，分值20分，得分19分。\n"
    "5.满意度指标：群众满意度≥90%，分值10分，得分9分。\n"
    "五、存在问题\n"
)


# ---- extraction ------------------------------------------------------------------------------


def test_prose_items_read_weight_and_score_in_their_usual_phrasings() -> None:
    text = (
        "资金投入：此指标赋分8分，得分8分。\n"
        "财务管理：分值10分，得分9.5分。\n"
        "人员管理：权重20，得分18。\n"
        "资产管理：得分4分（满分5分）。\n"
        "产出指标（30分），得分27分。\n"
    )
    assert items_of(text) == [
        ("资金投入", "8", "8"),
        ("财务管理", "10", "9.5"),
        ("人员管理", "20", "18"),
        ("资产管理", "5", "4"),
        ("产出", "30", "27"),
    ]


def test_a_deduction_is_not_read_as_a_weight() -> None:
    assert items_of("因资料不全扣2分，得分8分。") == []


def test_a_full_score_of_100_is_the_groups_total_not_an_item() -> None:
    doc = Document(text="满分100分，得分95分。投入分值20分，得分19分。")
    from reviewer.claims.scores import score_groups

    [group] = score_groups(doc)
    assert group.total is not None and group.total.score is not None
    assert group.total.score.value == Decimal(95)
    assert [i.weight.value for i in group.items if i.weight] == [Decimal(20)]


def test_a_table_with_weight_and_score_columns_is_read_row_by_row() -> None:
    doc, table = make_table(
        "附件：部门整体支出绩效自评表\n",
        [
            ["一级指标", "二级指标", "分值", "得分"],
            ["投入", "预算执行率", "20", "19"],
            ["过程", "资金管理", "30", "28.5"],
            ["产出", "完成率", "50", "47"],
            ["合计", "", "100", "94.5"],
        ],
    )
    group = table_group(doc, table)
    assert isinstance(group, ScoreGroup)
    assert [(i.name, i.weight.raw, i.score.raw) for i in group.items if i.weight and i.score] == [
        ("预算执行率", "20", "19"),
        ("资金管理", "30", "28.5"),
        ("完成率", "50", "47"),
    ]
    assert group.total is not None and group.total.score is not None
    assert group.total.score.raw == "94.5"


def test_a_table_with_merged_first_cells_is_aligned_from_the_right() -> None:
    doc, table = make_table(
        "",
        [
            ["一级指标", "二级指标", "分值", "得分"],
            ["投入", "预算执行率", "20", "19"],
            ["预算调整率", "10", "10"],
        ],
    )
    group = table_group(doc, table)
    assert group is not None
    assert [i.name for i in group.items] == ["预算执行率", "预算调整率"]


def test_a_table_without_a_score_column_is_not_a_score_table() -> None:
    doc, table = make_table("", [["指标", "年度指标值", "实际完成值"], ["完成率", "100%", "98%"]])
    assert table_group(doc, table) is None


# ---- S001 score-sum-mismatch -----------------------------------------------------------------


def test_scores_that_do_not_add_up_to_the_self_score_are_an_error() -> None:
    findings = review_text(PROSE_100.format(total="95", a="19"), select=["S001"])
    [f] = findings
    assert f.kind == "score_sum_mismatch" and f.severity == "error"
    assert "19 + 18 + 28 + 19 + 9 = 93" in f.message and "95" in f.message
    assert f.spans[0].text == "自评得分95分"
    assert [s.text for s in f.spans[1:]] == ["19分", "18分", "28分", "19分", "9分"]


def test_scores_that_add_up_are_silent() -> None:
    assert review_text(PROSE_100.format(total="93", a="19"), select=["S"]) == []


def test_decimal_scores_that_add_up_are_silent() -> None:
    text = PROSE_100.format(total="93.5", a="19.5")
    assert review_text(text, select=["S001"]) == []


def test_a_self_score_in_another_top_level_section_is_not_compared() -> None:
    text = (
        "一、总体评价\n自评得分99分。\n二、指标\n"
        + PROSE_100.format(total="93", a="19").split("\n", 2)[2]
    )
    assert review_text(text, select=["S001"]) == []


def test_two_different_self_scores_in_the_section_make_the_total_ambiguous() -> None:
    text = PROSE_100.format(total="95", a="19").replace(
        "自评得分95分。", "自评得分95分，其中项目自评得分93分。"
    )
    assert review_text(text, select=["S001"]) == []


def test_a_few_indicators_quoted_as_examples_are_not_the_whole_table() -> None:
    text = (
        "一、评价结论\n自评得分95分。其中预算执行率分值10分，得分8分；资金管理分值5分，得分4分；"
        "采购管理分值5分，得分4分。\n"
    )
    assert review_text(text, select=["S001", "S002"]) == []


def test_a_table_total_row_is_the_stated_total() -> None:
    doc, table = make_table(
        "",
        [
            ["指标", "分值", "得分"],
            ["投入", "20", "19"],
            ["过程", "30", "28"],
            ["产出", "50", "47"],
            ["合计", "100", "96"],
        ],
    )
    hits = only_hits(score_sums(with_tables(doc, table)))
    [hit] = hits
    assert hit.data["sum"] == "94" and hit.data["stated"] == "96"


def test_parent_rows_repeating_their_parts_are_not_counted_twice() -> None:
    doc, table = make_table(
        "",
        [
            ["指标", "分值", "得分"],
            ["产出指标", "60", "57"],
            ["数量指标", "30", "29"],
            ["质量指标", "30", "28"],
            ["效益指标", "40", "38"],
            ["经济效益", "20", "19"],
            ["社会效益", "20", "19"],
            ["合计", "100", "95"],
        ],
    )
    assert only_hits(score_sums(with_tables(doc, table))) == []
    assert only_hits(weight_sums(doc)) == []


# ---- S002 weight-sum-not-100 -----------------------------------------------------------------


def test_weights_short_of_100_are_a_warning_citing_every_weight() -> None:
    text = PROSE_100.format(total="84", a="19").replace("分值10分，得分9分", "分值0.5分，得分0.5分")
    [f] = review_text(text, select=["S002"])
    assert f.severity == "warning" and f.kind == "weight_sum_not_100"
    assert "20 + 20 + 30 + 20 + 0.5 = 90.5" in f.message
    assert len(f.spans) == 1 + 5


def test_weights_adding_to_100_are_silent() -> None:
    assert review_text(PROSE_100.format(total="93", a="19"), select=["S002"]) == []


def test_weights_are_compared_with_the_total_rows_weight() -> None:
    doc, table = make_table(
        "",
        [
            ["指标", "分值", "得分"],
            ["投入", "10", "9"],
            ["过程", "10", "9"],
            ["产出", "10", "9"],
            ["合计", "30", "27"],
        ],
    )
    assert only_hits(weight_sums(with_tables(doc, table))) == []


# ---- S003 score-above-weight -----------------------------------------------------------------


def test_a_score_above_its_weight_is_an_error() -> None:
    [f] = review_text("预算执行率：分值10分，得分12分。", select=["S003"])
    assert f.kind == "score_above_weight" and f.severity == "error"
    assert "12" in f.message and "10" in f.message
    assert f.spans[0].text == "12分"


def test_a_full_score_is_not_above_its_weight() -> None:
    assert review_text("预算执行率：分值10分，得分10分。", select=["S003"]) == []


# ---- S004 grade-mismatch ---------------------------------------------------------------------


def test_a_grade_outside_the_scores_band_is_an_error() -> None:
    [f] = review_text("经评价，自评得分86分，评价等级为优。", select=["S004"])
    assert f.kind == "grade_mismatch"
    assert "86" in f.message and "良" in f.message
    assert f.spans[0].text == "优"


def test_band_edges_are_inclusive() -> None:
    assert review_text("自评得分90分，等级为优。", select=["S004"]) == []
    assert review_text("自评得分80分，等级为良好。", select=["S004"]) == []
    assert review_text("自评得分60分，等级为合格。", select=["S004"]) == []
    assert len(review_text("自评得分89.99分，等级为优秀。", select=["S004"])) == 1


def test_english_messages_state_the_numbers() -> None:
    [f] = review_text("自评得分86分，评价等级为优。", select=["S004"], lang="en")
    assert "86" in f.message and "good" in f.message


NESTED = (
    "四、自评结论\n"
    "本项目自评得分{total}分。产出指标（50分）得分48分，其中数量指标20分，得分20分；质量指标30分，"
    "得分28分。效益指标（30分）得分29分，其中社会效益指标15分，得分15分；可持续影响指标15分，"
    "得分14分。满意度指标（10分）得分10分。预算执行率（10分）得分9分。\n"
)


def test_nested_prose_indicators_are_added_once() -> None:
    assert review_text(NESTED.format(total="96"), select=["S"]) == []
    [f] = review_text(NESTED.format(total="97"), select=["S"])
    assert f.code == "S001" and "= 96" in f.message
