"""A whole amount called one source's money against its own split: D003."""

from __future__ import annotations

from reviewer.checks.source_label import WHOLE_CALLED_ONE_SOURCE
from reviewer.models import Severity
from tests.helpers import review_text


def d003(text: str) -> list:
    return review_text(text, select=["D003"])


def test_the_whole_called_central_money_while_the_split_gives_half() -> None:
    (f,) = d003(WHOLE_CALLED_ONE_SOURCE.example)
    assert f.severity == Severity.WARNING
    assert "2021年度中央下达资金61.8万元" in f.message and "中央资金为 30.9万元" in f.message
    assert [s.text for s in f.spans] == ["2021年度中央下达资金61.8万元", "中央财政资金30.9万元"]


def test_a_whole_without_a_source_or_with_every_source_passes() -> None:
    assert d003(WHOLE_CALLED_ONE_SOURCE.counterexample) == []
    text = "项目总投资61.8万元，其中中央资金30.9万元，县级资金30.9万元。中央和县级资金共61.8万元已到位。"
    assert d003(text) == []


def test_a_split_not_by_source_is_not_read() -> None:
    text = "项目资金61.8万元，其中设备购置30.9万元，工程建设30.9万元。中央资金61.8万元已下达。"
    assert d003(text) == []


def test_another_years_money_is_not_compared() -> None:
    text = (
        "2021年项目总投资61.8万元，其中中央资金30.9万元，县级资金30.9万元。2020年中央资金61.8万元。"
    )
    assert d003(text) == []


def test_far_paragraphs_are_not_compared() -> None:
    text = "项目总投资61.8万元，其中中央资金30.9万元，县级资金30.9万元。\n" + "说明。\n" * 3
    assert d003(text + "中央资金61.8万元。") == []
    assert len(d003(text.replace("说明。\n" * 3, "") + "中央资金61.8万元。")) == 1
