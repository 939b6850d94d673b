"""Q131: a prose quantity indicator (数量指标) whose passage gives no count, only rates and
words. Texts written for the test, with near misses that must stay silent."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def q(text: str) -> list:
    return list(review_text(text, select=["Q131"]))


BASE = (
    "1.产出指标完成情况分析\n"
    "(1)数量指标\n"
    "100%及时、足额发放在册困难群众救助资金，达到应保尽保、应救尽救。\n"
    "(2)质量指标\n"
    "救助资金发放准确率100%。\n"
)


def test_a_rate_and_a_slogan_under_the_quantity_heading_is_an_info() -> None:
    (f,) = q(BASE)
    assert f.severity == Severity.INFO
    assert f.spans[0].text.startswith("100%及时、足额发放")
    assert "没有任何实际数量" in f.message


def test_the_heading_sentence_itself_may_carry_the_result() -> None:
    inline = BASE.replace("(1)数量指标\n", "(1)数量指标：")
    assert len(q(inline)) == 1


def test_near_misses() -> None:
    # a count with its unit
    assert q(BASE.replace("应救尽救。", "应救尽救，共救助1280户。")) == []
    # a count in Chinese numerals, or approximate
    assert q(BASE.replace("应救尽救。", "应救尽救，覆盖十二个村。")) == []
    assert q(BASE.replace("应救尽救。", "应救尽救，全年救助一千余人。")) == []
    assert q(BASE.replace("应救尽救。", "应救尽救，全年救助1200多户。")) == []
    # an amount is a quantity too
    assert q(BASE.replace("100%及时", "发放救助资金58.6万元，及时")) == []
    # an indicator table's row: the form has its own columns
    table = "数量指标\n救助人数 | ≥1200人 | 100% | 10\n"
    assert q(table) == []
    # a heading followed at once by the next heading: nothing to judge here
    assert q("(1)数量指标\n(2)质量指标\n救助资金发放准确率100%。\n") == []
    # the quantity heading named inside a sentence, not a heading
    assert q("本项目数量指标全部完成，质量达标。\n") == []
