"""One allocation document cited with two amounts: D004 document-amount-twice."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def d(text: str):
    return [f for f in review_text(text, select=["D004"]) if f.code == "D004"]


def test_a_part_larger_than_the_documents_whole_allocation() -> None:
    text = (
        "市财政局市财农指【2023】41号文件《关于下达2023年水利发展资金预算的通知》，"
        "下达本县2023年资金5万元。\n"
        "市财农指〔2023〕41号文件下达本县2023年山洪灾害防治设施维养6万元。\n"
    )
    [f] = d(text)
    assert f.severity == Severity.WARNING
    assert f.spans[0].text.endswith("6万元") and f.spans[1].text.endswith("5万元")
    assert "市财农指" in f.message and "第1行" in f.message and "超过" in f.message


def test_the_same_label_with_two_amounts() -> None:
    text = (
        "根据甲财预〔2022〕7号文件，下达中央专项资金120万元。"
        "依据甲财预[2022]7号文件，下达中央专项资金102万元。"
    )
    [f] = d(text)
    assert "120万元" in f.message and "102万元" in f.message


def test_a_part_smaller_than_the_whole_is_not_a_contradiction() -> None:
    text = (
        "市财农指【2023】41号文件下达本县2023年资金5万元。\n"
        "市财农指【2023】41号文件下达本县2023年山洪灾害防治设施维养3万元。\n"
    )
    assert d(text) == []


def test_two_named_funds_of_one_document_are_different_quantities() -> None:
    text = "甲财预〔2022〕7号下达中央资金100万元。甲财预〔2022〕7号下达省级资金150万元。"
    assert d(text) == []


def test_another_number_or_year_is_another_document() -> None:
    text = (
        "甲财预〔2022〕7号下达资金100万元。甲财预〔2022〕8号下达资金150万元。"
        "甲财预〔2023〕7号下达资金90万元。"
    )
    assert d(text) == []


def test_the_same_amount_in_another_unit_or_rounded_agrees() -> None:
    text = "甲财预〔2022〕7号下达资金50000元。甲财预〔2022〕7号下达资金5万元。"
    assert d(text) == []
    assert d("甲财预〔2022〕7号下达资金5万元。甲财预〔2022〕7号下达资金5.3万元。") == []


def test_paid_progress_and_breakdowns_are_not_the_allocation() -> None:
    text = (
        "甲财预〔2022〕7号下达资金100万元，其中：设备60万元。\n"
        "按甲财预〔2022〕7号文件要求，已下达80万元。\n"
        "甲财预〔2022〕7号下达资金100万元，已支付85万元。\n"
    )
    assert d(text) == []


def test_a_sentence_citing_two_documents_is_skipped() -> None:
    text = (
        "甲财预〔2022〕7号下达资金100万元。甲财预〔2022〕7号、甲财预〔2022〕9号共下达资金160万元。"
    )
    assert d(text) == []


def test_an_amount_paid_out_of_the_allocation_is_not_the_allocation() -> None:
    text = "市财预〔2023〕15号下达资金50万元。截至9月，市财预〔2023〕15号下达资金已拨付30万元。"
    assert d(text) == []
    text = "市财预〔2023〕15号下达资金50万元。市财预〔2023〕15号下达资金已拨付60万元。"
    assert d(text) == []
