"""Configurable tolerances widen (or, with rounding off, narrow) what counts as agreement."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewer.document import Document
from reviewer.engine import check
from reviewer.errors import ReviewerError
from reviewer.tolerances import Tolerances

OFF_BY_A_CENT = "决算支出1195.57万元，其中：基本支出981.38万元，项目支出214.18万元。"
OFF_BY_1100_YUAN = "决算支出1195.57万元，其中：基本支出981.38万元，项目支出214.30万元。"
SHARE_OFF = "支出1000.00万元，其中：基本支出600.00万元，占60.1%；项目支出400.00万元，占39.9%。"
RATE_OFF = "全年预算100.00万元，实际支出95.00万元，预算执行率95.1%。"


def codes(text: str, tolerances: Tolerances | None = None) -> list[str]:
    return [f.code for f in check(Document(text=text), tolerances=tolerances).findings]


def test_default_rounding_difference_is_info() -> None:
    assert codes(OFF_BY_A_CENT) == ["T002"]


def test_rounding_off_makes_a_cent_a_mismatch() -> None:
    assert "T001" in codes(OFF_BY_A_CENT, Tolerances(rounding=False))


def test_money_allowance_in_yuan() -> None:
    assert "T001" in codes(OFF_BY_1100_YUAN)
    assert "T001" not in codes(OFF_BY_1100_YUAN, Tolerances(money_yuan=Decimal(1200)))


def test_percent_points_widen_shares_and_rates() -> None:
    assert "P001" in codes(SHARE_OFF)
    assert "P001" not in codes(SHARE_OFF, Tolerances(percent_points=Decimal("0.2")))
    assert "R001" in codes(RATE_OFF)
    assert "R001" not in codes(RATE_OFF, Tolerances(percent_points=Decimal("0.2")))


def test_config_values_are_validated() -> None:
    assert Tolerances.from_dict({"money_yuan": 100, "rounding": False}) == Tolerances(
        money_yuan=Decimal(100), rounding=False
    )
    with pytest.raises(ReviewerError, match="unknown tolerance"):
        Tolerances.from_dict({"cents": 1})
    with pytest.raises(ReviewerError, match=">= 0"):
        Tolerances.from_dict({"count": -1})
    with pytest.raises(ReviewerError, match="true or false"):
        Tolerances.from_dict({"rounding": "yes"})


def test_tolerances_from_reviewer_toml_reach_the_checks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from reviewer.cli import app

    report = tmp_path / "r.txt"
    report.write_text(OFF_BY_1100_YUAN, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["check", str(report)]).exit_code == 1
    (tmp_path / "reviewer.toml").write_text("[tolerances]\nmoney-yuan = 1200\n", encoding="utf-8")
    assert runner.invoke(app, ["check", str(report)]).exit_code == 0
    (tmp_path / "reviewer.toml").write_text("[tolerances]\ncents = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(report)])
    assert result.exit_code == 2 and "unknown tolerance" in result.output


SCORE_SUM_OFF_BY_ONE = (
    "四、自评结果\n预算执行指标分值20分，得分19分；产出指标分值40分，得分36分；"
    "效益指标分值30分，得分28分；满意度指标分值10分，得分10分。综合自评得分92分。\n"
)
SCORE_SUM_ROUNDED = (
    "四、自评结果\n预算执行指标分值20分，得分19.30分；产出指标分值40分，得分36.30分；"
    "效益指标分值30分，得分28.30分；满意度指标分值10分，得分9.30分。综合自评得分93分。\n"
)


def test_score_points_widen_score_sums() -> None:
    assert "S001" in codes(SCORE_SUM_OFF_BY_ONE)  # 19 + 36 + 28 + 10 = 93, not 92
    assert "S001" not in codes(SCORE_SUM_OFF_BY_ONE, Tolerances(score_points=Decimal("0.5")))


def test_rounding_off_makes_a_rounded_score_total_a_mismatch() -> None:
    assert "S001" not in codes(SCORE_SUM_ROUNDED)  # 93.2 written as 93
    assert "S001" in codes(SCORE_SUM_ROUNDED, Tolerances(rounding=False))
