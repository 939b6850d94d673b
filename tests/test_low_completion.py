"""G012 low-completion-rate-stated: a completion rate far below 100% stated as the result."""

from __future__ import annotations

from reviewer.checks.registry import RULES
from reviewer.models import Severity
from tests.helpers import review_text


def g012(text: str) -> list:
    return review_text(text, select=["G012"])


def test_a_low_completion_rate_stated_in_passing_is_a_missed_target() -> None:
    (f,) = g012("补贴购机农户5户，补贴金额13.6万元，资金补贴完成率17%，使用补贴资金13.6万元。\n")
    assert f.severity == Severity.WARNING and f.kind == "target_not_met"
    assert f.spans[0].text == "资金补贴完成率17%"
    (f,) = g012("全年任务完成率为42.5%。\n")
    assert "42.5%" in f.message


def test_a_rate_near_or_at_its_target_is_silent() -> None:
    assert g012("资金补贴完成率100%。\n") == []
    assert g012("项目建设任务完成率95%。\n") == []
    assert g012("项目建设任务完成率60%。\n") == []  # the threshold itself is not "far below"


def test_a_target_or_bound_is_not_a_result() -> None:
    assert g012("年度目标：资金补贴完成率≥50%。\n") == []
    assert g012("资金补贴完成率30%以上。\n") == []
    assert g012("计划一季度资金补贴完成率达到30%。\n") == []
    assert g012("力争上半年任务完成率达到45%。\n") == []


def test_an_explained_shortfall_is_left_alone() -> None:
    assert g012("资金补贴完成率17%，主要原因是农户申报不足。\n") == []
    assert g012("资金补贴完成率17%。由于疫情影响，部分机具未能交付。\n") == []
    assert g012("受市场价格波动影响，资金补贴完成率17%。\n") == []


def test_a_table_row_is_left_to_the_form_checks() -> None:
    assert g012("| 效益指标 | 资金补贴完成率17% | 2 |\n") == []
    assert g012("效益指标\t资金补贴完成率17%\t2\n") == []
    assert g012("效益指标，资金补贴完成率17%，得2分\n")  # the same words in prose fire


def test_rule_example_and_counterexample() -> None:
    r = RULES["G012"]
    assert g012(r.example) and r.counterexample and g012(r.counterexample) == []
