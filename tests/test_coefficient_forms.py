"""Forms with a 得分系数 column and a 是/否 flag column last, their rows glued (OCR of a scan):
rows split at the flags, figures read by their unit, weight and score split by the coefficient."""

from __future__ import annotations

from reviewer.checks.registry import load_all
from reviewer.claims.indicator_forms import FormRow, form_rows
from reviewer.document import Document
from tests.helpers import review_text

load_all()

HEAD = (
    "指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数(%)指标权重(分)"
    "指标得分(分)是否核心指标"
)


def _rows(text: str) -> dict[str, FormRow]:
    return {r.name: r for r in form_rows(Document(text=text))}


def _figs(row: FormRow) -> tuple[str, ...]:
    return tuple(
        "-" if v is None else f"{v.quantity.value}{v.quantity.unit}"
        for v in (row.target, row.actual, row.weight, row.score)
    )


def _codes(text: str) -> list[str]:
    return sorted(f.code for f in review_text(text, select=["G001", "G005", "S006"]))


def test_glued_rows_split_at_their_flags_and_read_by_unit() -> None:
    text = HEAD + (
        "项目验收合格率%定量指标100%100%100%55是"
        "培训人次人次200人次230人次100%1010否"
        "资金到位率%95%96%98%100%33是\n"
    )
    rows = _rows(text)
    assert _figs(rows["项目验收合格率"]) == ("100%", "100%", "5", "5")
    assert _figs(rows["培训人次"]) == ("200人次", "230人次", "10", "10")
    # three figures: 年初, 调整, 完成: the adjusted target is the one compared
    assert _figs(rows["资金到位率"]) == ("96%", "98%", "3", "3")
    assert _codes(text) == []


def test_a_missed_target_with_a_full_coefficient_is_a_miss_scored_in_full() -> None:
    text = HEAD + "项目验收合格率%定量指标100%100%100%55是政府采购执行率%100%72.74%100%22是\n"
    found = review_text(text, select=["G001", "G005", "S006"])
    assert sorted(f.code for f in found) == ["G001", "G005"]
    assert all("政府采购执行率" in f.message for f in found)


def test_the_heading_of_the_actual_may_be_lost_before_the_coefficient() -> None:
    # an OCR'd two-line heading (全年 / 完成值) comes out scrambled
    text = HEAD.replace("全年完成值", "年成值全完") + "政府采购执行率%100%72.74%100%22是\n"
    assert _figs(_rows(text)["政府采购执行率"]) == ("100%", "72.74%", "2", "2")


def test_a_control_rate_below_its_bound_is_met() -> None:
    text = HEAD + "公用经费控制率%100%97%100%22是在职人员控制率%定量指标100%92%100%22否\n"
    assert len(_rows(text)) == 2 and _codes(text) == []


def test_a_coefficient_that_no_split_fits_leaves_weight_and_score_unread() -> None:
    # 80% of 10 is 8, not 10: 1010 is not weight and score under this coefficient
    text = HEAD + "政府采购执行率%100%72.74%80%1010是\n"
    row = _rows(text)["政府采购执行率"]
    assert row.weight is None and row.score is None and row.hidden == "1010"
    assert _codes(text) == ["G001"]  # the miss stands, its score is not judged


def test_a_figure_with_a_stray_leading_zero_is_two_cells_and_not_read() -> None:
    # 3% | 0 | 100%: the actual 0 has no unit, glued to the coefficient
    text = HEAD + "预算调整率%3%0100%22否\n"
    assert _rows(text) == {}


def test_a_row_without_its_unit_cell_is_not_read() -> None:
    # the 计量单位 cell was garbled away: the figures' unit does not stand after the name
    text = HEAD + "播发稿件数量tot扁2200篇1859篇100%1010是\n"
    assert _rows(text) == {} and _codes(text) == []


def test_a_row_with_one_figure_before_the_coefficient_is_not_read() -> None:
    text = HEAD + "三公经费变动率%5%100%22否\n"
    assert _rows(text) == {}


def test_without_a_flag_column_glued_rows_are_not_split_at_yes_or_no() -> None:
    head = HEAD.replace("是否核心指标", "备注")
    text = head + "政府采购执行率%100%72.74%100%22是预算完成率%70%76%100%22否\n"
    assert _rows(text) == {} and _codes(text) == []


def test_no_row_is_read_from_a_scanned_line_where_a_digit_was_read_as_a_letter() -> None:
    # 第O份: the OCR of this line misread digits, so 26次 / 12次 beside it may be misread too
    line = "党性教育培训次数次26次12次100%55是制作宣传品数量份第O份20份100%55否\n"
    assert _rows(HEAD + line) == {} and _codes(HEAD + line) == []
    clean = line.replace("第O份", "30份")
    assert set(_rows(HEAD + clean)) == {"党性教育培训次数", "制作宣传品数量"}
    # the damage stays on its own line: the clean line's rows are read
    two = HEAD + "政府采购执行率%100%72.74%100%22是\n" + line
    assert set(_rows(two)) == {"政府采购执行率"}
