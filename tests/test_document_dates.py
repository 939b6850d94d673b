"""Q149: a document received or passed on before the year in its own number — fragments written
for the test, with near misses (a title's funds year ahead, a later receipt, another sentence)."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def q(text: str):
    return review_text(text, select=["Q149"])


def test_receipt_dated_before_the_document_number_year() -> None:
    [f] = q(
        "2012年6月14日,广西收到《财政部关于下达2022年服务业发展资金预算的通知》(财建〔2022〕153号)。"
    )
    assert f.severity == Severity.WARNING and f.data["year"] == 2012 and f.data["doc_year"] == 2022
    assert f.spans[0].text.startswith("2012年6月14日") and f.spans[1].text == "2022"


def test_passing_on_before_the_number_year_is_info() -> None:
    [f] = q("2021年8月,县财政局下达《关于下达资金的通知》(县财农〔2022〕12号)。")
    assert f.severity == Severity.INFO


def test_funds_year_ahead_and_later_receipts_stay_silent() -> None:
    # funds of next year handed down early: the title's year is not the document's
    assert q("2022年12月1日,收到《关于提前下达2023年资金的通知》(财建〔2022〕9号)。") == []
    # received the year after it was issued
    assert q("2023年1月6日,收到《关于下达资金的通知》(财建〔2022〕153号)。") == []
    # the date and the document stand in different sentences
    assert q("2012年建成。2022年6月收到资金。依据《通知》(财建〔2022〕153号)。") == []
