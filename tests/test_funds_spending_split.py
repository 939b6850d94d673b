"""T080 exec-vs-spending-split: a funds block's 全年执行数 against the spending broken down under it."""

from __future__ import annotations

from reviewer.checks.registry import RULES
from reviewer.models import Severity
from tests.helpers import review_text

_HEAD = "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
_ROW = "年度资金总额 861.10 2030.12 {exec} 10 {rate} 10\n"
_SPLIT = "按收入性质分:2030.12\n按支出性质分:{spent}\n其中:基本支出:900.47\n项目支出:{project}\n"


def t080(text: str) -> list:
    return review_text(text, select=["T080"])


def form(
    exec_: str = "2030.12", rate: str = "100%", spent: str = "1925.67", project: str = "1025.20"
) -> str:
    return _HEAD + _ROW.format(exec=exec_, rate=rate) + _SPLIT.format(spent=spent, project=project)


def test_an_executed_total_equal_to_the_income_not_the_spending() -> None:
    (f,) = t080(form())
    assert f.severity == Severity.WARNING and f.kind == "rate_mismatch"
    assert f.spans[0].text.startswith("按支出性质分") and "1925.67" in f.spans[0].text
    assert "2030.12" in f.message and "900.47" in f.message and "94.85%" in f.message
    assert "收入" in f.message


def test_an_executed_total_that_is_the_spending_is_silent() -> None:
    assert t080(form(exec_="1925.67", rate="94.85%")) == []


def test_parts_that_do_not_confirm_the_spending_compare_nothing() -> None:
    # 900.47 + 1000.00 ≠ 1925.67: which figure is the spending is not known.
    assert t080(form(project="1000.00")) == []


def test_without_a_stated_spending_total_nothing_is_read() -> None:
    text = (
        _HEAD + _ROW.format(exec="2030.12", rate="100%") + "按支出性质分:\n其中:基本支出:900.47\n"
    )
    assert t080(text) == []
    # A spending split in prose far from any funds block is the cross-totals checks'.
    assert (
        t080("本年支出1925.67万元，按支出性质分：基本支出900.47万元，项目支出1025.20万元。\n") == []
    )


def test_rule_example_and_counterexample() -> None:
    r = RULES["T080"]
    assert t080(r.example) and r.counterexample and t080(r.counterexample) == []
