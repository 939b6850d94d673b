"""S020 score-recomputed: a form's total recomputed under 财预〔2020〕10号, against a reviewer's
hand computation."""

from __future__ import annotations

from decimal import Decimal

from reviewer.checks.score_recompute import recompute
from reviewer.claims.indicator_forms import indicator_blocks
from reviewer.document import Document, load
from reviewer.engine import check_text
from tests.helpers import ROOT, review_text

PIPE = ROOT / "tests" / "data" / "reports" / "pipe-tables.md"

FORM = (
    "项目支出绩效自评表\n"
    "| 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
    "| 年度资金总额 | 200 | 200 | 190 | 10 | 95% | {funds} |\n"
    "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 数量指标 | 培训人次 | ≥500人次 | 400人次 | 30 | {a} |\n"
    "| | 成本指标 | 人均培训成本 | ≤200元 | 250元 | 20 | {b} |\n"
    "| 效益指标 | 社会效益 | 政策知晓度 | 显著提高 | 较好 | 20 | {c} |\n"
    "| 满意度指标 | 满意度 | 学员满意度 | ≥90% | 96% | 20 | 20 |\n"
    "总分 | 100 | {total}\n"
)


def s012(text: str) -> list:
    return review_text(text, select=["S020"])


def test_the_sample_form_recomputes_as_a_reviewer_does_by_hand() -> None:
    # By hand: 校舍维修 5200 ≥ 5000: 30; 教师培训 650 / 800 × 30 = 24.375; 巩固率 99.5 ≥ 99: 20;
    # 家长满意度 92 ≥ 90: 10. Total 84.375 of 90, against the 89 stated.
    doc = load(PIPE)
    (block,) = indicator_blocks(doc)
    rows = recompute(doc, block)
    assert rows is not None
    assert [(r.name, r.expected) for r in rows] == [
        ("校舍维修面积", Decimal(30)),
        ("教师培训人次", Decimal("24.375")),
        ("义务教育巩固率", Decimal(20)),
        ("家长满意度", Decimal(10)),
    ]
    (f,) = [f for f in check_text(PIPE.read_text(encoding="utf-8")).findings if f.code == "S020"]
    assert f.severity == "warning"
    assert "“教师培训人次”30 × 650人次 ÷ 800人次 = 24.38 分（报告 30 分）" in f.message
    assert "合计应为 84.38 分，报告 89 分" in f.message
    assert f.spans[0].text == "89"


def test_a_form_recomputed_with_every_rule_of_the_method() -> None:
    # By hand: execution 95% × 10 = 9.5; 培训 400 / 500 × 30 = 24; cost (lower is better)
    # 200 / 250 × 20 = 16; qualitative 知晓度 keeps its 18; 满意度 met: 20. Total 87.5: 良.
    (f,) = s012(FORM.format(funds="10", a="30", b="20", c="18", total="98"))
    assert "预算执行率" not in f.message  # 9.5 written as 10: the rounding of a whole point
    assert "“培训人次”30 × 400人次 ÷ 500人次 = 24 分（报告 30 分）" in f.message
    assert "“人均培训成本”20 × 200元 ÷ 250元 = 16 分（报告 20 分）" in f.message
    assert "政策知晓度" not in f.message  # qualitative: its band is not placed, its score kept
    assert "总分应为 87.5 分（良），报告自评 98 分（优），等级随之改变" in f.message
    assert f.data["recomputed"] == "87.5" and f.data["grade"] == "良"


def test_scores_given_by_the_method_are_verified_with_the_recomputed_total_and_grade() -> None:
    text = FORM.format(funds="9.5", a="24", b="16", c="18", total="87.5")
    assert s012(text) == []
    figures = check_text(text).figures or []
    total = [f for f in figures if f.text == "87.5"][-1]
    assert "score: 按财预〔2020〕10号重算：总分 87.5 分，等级 良" in total.relations


def test_a_difference_within_the_rounding_of_the_scores_is_silent() -> None:
    # 95% × 10 = 9.5 written as 10 is rounding of a whole-point score; nothing else changed.
    assert (
        s012(FORM.format(funds="9", a="24", b="16", c="18", total="87").replace("95%", "92%")) == []
    )


def test_scores_that_do_not_add_up_to_the_total_are_left_to_s001() -> None:
    assert s012(FORM.format(funds="10", a="30", b="20", c="18", total="90")) == []


def test_a_form_whose_weights_do_not_make_the_total_is_not_recomputed() -> None:
    text = FORM.format(funds="10", a="30", b="20", c="18", total="98").replace(
        "| 20 | 20 |\n总分", "| 10 | 20 |\n总分"
    )
    assert s012(text) == []


def test_no_form_no_finding() -> None:
    assert s012(Document(text="自评得分98分，等级为优。").text) == []
