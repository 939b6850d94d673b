"""Completion claimed while the report says the works are unfinished: Q126."""

from __future__ import annotations

import pytest

from reviewer.models import Severity
from tests.helpers import review_text

CLAIM = "二、绩效目标完成情况\n治理水土流失面积1429.39hm。20xx年实际{claim}。\n"


def q(text: str):
    return [f for f in review_text(text, select=["Q126"]) if f.code == "Q126"]


def test_basically_complete_against_unfinished_works_is_an_info() -> None:
    [f] = q(CLAIM.format(claim="基本完成") + "(2)质量指标。项目暂未完工。\n")
    assert f.severity == Severity.INFO and f.kind == "contradiction"
    assert [s.text for s in f.spans] == ["20xx年实际基本完成", "项目暂未完工"]


def test_a_whole_claim_against_unfinished_works_is_a_warning() -> None:
    [f] = q(CLAIM.format(claim="全部完成") + "工程尚未竣工验收。\n")
    assert f.severity == Severity.WARNING


@pytest.mark.parametrize(
    "text",
    [
        # the works finished, or unfinished works denied
        CLAIM.format(claim="全部完成") + "项目已完工并通过验收。\n",
        CLAIM.format(claim="全部完成") + "不存在未完工工程。\n",
        # the claim itself negated: an admission, not a claim
        CLAIM.format(claim="未全部完成") + "项目暂未完工。\n",
        # no claim at all
        "二、绩效目标完成情况\n完成进度60%。\n项目暂未完工。\n",
    ],
)
def test_finished_works_denials_and_admissions_stay_silent(text: str) -> None:
    assert q(text) == []
