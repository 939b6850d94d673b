"""Q120: a form's choice field whose every option kept its empty check box."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def q120(text: str):
    return [f for f in review_text(text, select=["Q120"]) if f.code == "Q120"]


def test_options_side_by_side_with_empty_boxes_are_an_info():
    (f,) = q120("評價類型:項目實施過程評價□項目完成結果評價□\n評價方式:部門(單位)績效自評\n")
    assert f.severity == Severity.INFO and f.data["n"] == 2
    (f,) = q120("评价类型 □事前评价 □事中评价 □事后评价\n")
    assert f.data["n"] == 3


def test_a_ticked_option_on_the_line_is_silent():
    assert q120("考评类型 事前考评□ 事中考评□ 事后考评☑\n") == []
    assert q120("评价类型:事中评价□ 事后评价□√\n") == []


def test_boxes_separated_by_other_text_are_not_one_field():
    # a scrambled cover: numbered options of two fields between the boxes
    assert (
        q120("项目属性 1、持续性项目 2、新增性项目 □ 项目类型 1、常年性项目 2、延续性项目 □\n")
        == []
    )
    # one option with a box is no choice left open
    assert q120("是否公开□\n") == []
