"""A rate stated over a budget of 0: R031 rate-over-zero-base."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

HEAD = "资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | |||\n"
TOTAL = "年度资金总额: | 300万 | 300万 | 100% | |||\n"
FORM = (
    "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
    "年度资金总额 {total}\n其中：本年财政拨款 {part}\n上年结转资金 {other}\n其他资金\n年度总体目标\n"
)


def r(text: str):
    return [f for f in review_text(text, select=["R031"]) if f.code == "R031"]


def test_a_full_rate_over_a_zero_budget_and_zero_spending_is_an_info() -> None:
    # the row's label is no funds-block vocabulary: any row under the header is read
    [f] = r(HEAD + TOTAL + "彩票公益金用于医疗救助 | 0 | 0 | 100% | ||||\n")
    assert f.severity == Severity.INFO
    assert [s.text for s in f.spans] == ["100%", "0", "0"]
    assert "彩票公益金用于医疗救助" in f.message and "无法计算" in f.message


def test_spending_over_a_zero_budget_is_a_warning() -> None:
    [f] = r(HEAD + TOTAL + "其他资金 | 0 | 12.5 | 100% | |||\n")
    assert f.severity == Severity.WARNING
    assert "有支出而无预算" in f.message


def test_a_funds_block_read_by_the_form_reader() -> None:
    text = FORM.format(
        total="50 50 50 10 100% 10", part="50 50 50 - 100% -", other="0 0 0 - 100% -"
    )
    [f] = r(text)
    assert f.data["label"] == "上年结转资金" and f.spans[0].text == "100%"


def test_near_misses_stay_silent() -> None:
    # no rate, a dash, a zero rate, a non-zero budget
    for row in (
        "彩票公益金 | 0 | 0 | — | |||\n",
        "彩票公益金 | 0 | 0 | 0% | |||\n",
        "彩票公益金 | 0.00 | 0.00 | 0.00% | |||\n",
        "彩票公益金 | 10 | 10 | 100% | |||\n",
    ):
        assert r(HEAD + TOTAL + row) == [], row
    # 0 | 0 | 100% with no budget / spending / rate header above it: not a funds row
    assert r("指标 | 基线 | 偏差 | 完成度\n投诉件数 | 0 | 0 | 100%\n") == []
    # the header's columns in another order (rate first) do not make the row a funds row
    assert r("项目 | 执行率 | 预算数 | 执行数\n其他 | 0 | 0 | 100%\n") == []
    # a table that ended (a prose line between) does not lend its header to a later row
    assert r(HEAD + TOTAL + "说明文字。\n其他 | 0 | 0 | 100%\n") == []
    text = FORM.format(total="50 50 50 10 100% 10", part="50 50 50 - 100% -", other="0 0 0 - - -")
    assert r(text) == []
