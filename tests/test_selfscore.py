"""Overall self-score claims and grade statements (claims/selfscore.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewer.claims.selfscore import grade_for, grade_statements, normalize_grade, self_scores
from reviewer.document import Document


def scores(text: str) -> list[tuple[str, str | None]]:
    doc = Document(text=text)
    return [(str(s.value), s.grade) for s in self_scores(doc)]


def quoted(text: str) -> list[str]:
    doc = Document(text=text)
    return [text[s.start : s.end] for s in self_scores(doc)]


@pytest.mark.parametrize(
    "text,value",
    [
        ("经综合评价，本部门自评得分97.6分。", "97.6"),
        ("2024年我单位部门整体绩效评价自评分为95.29分。", "95.29"),
        ("部门整体支出绩效评价综合评分结果为93.44分。", "93.44"),
        ("2022年度部门整体支出绩效自评综合得分98分。", "98"),
        ("认真组织开展了评价工作，绩效评价得分：100分。", "100"),
        ("本次评价综合得分为 88.5 分，等级为良。", "88.5"),
        ("项目自评总分为91分。", "91"),
        ("最终得分86分。", "86"),
        ("自评得分：92.5", "92.5"),
    ],
)
def test_overall_score_phrasings_are_found(text: str, value: str) -> None:
    assert [v for v, _ in scores(text)] == [value]


def test_the_claim_span_covers_anchor_and_number() -> None:
    assert quoted("经综合评价：综合评分结果为93.44分，综合评定等级为“优”。") == [
        "综合评分结果为93.44分"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "资金投入：此指标赋分8分，得分8分。",  # per-indicator score
        "分值10分，得分9.5分。",
        "财务管理指标权重20，得分18。",
        "此指标评价得分9分。",  # an indicator's own evaluation score
        "评价指标体系满分100分。",  # a maximum
        "总分值100分，其中产出指标50分。",
        "总分100分，自评得分95分。",  # 总分 is the maximum; only 95 is claimed
        "自评得分率为95%。",  # a rate, not a score
        "评价结果3项已公开。",  # 结果 without 分
        "满意度为优秀。",  # satisfaction, not a score or grade
    ],
)
def test_per_indicator_scores_and_maxima_are_not_self_scores(text: str) -> None:
    values = [v for v, _ in scores(text)]
    if "自评得分95分" in text:
        assert values == ["95"]
    else:
        assert values == []


def test_a_number_on_the_next_line_is_a_table_cell_not_a_claim() -> None:
    assert scores("自评得分\n100\n95") == []


@pytest.mark.parametrize(
    "text,grade",
    [
        ("综合评分结果为93.44分，综合评定等级为“优”。", "优"),
        ("自评得分85分，评价等级：良。", "良"),
        ("自评得分96分，等级为优秀。", "优"),
        ("自评得分82分，评定等级为良好。", "良"),
        ("自评得分70分，等次为合格。", "中"),
        ("自评得分55分，评价结果为不合格。", "差"),
        ("评价等级为优，自评得分91分。", "优"),
    ],
)
def test_a_grade_in_the_same_sentence_is_attached_and_normalized(text: str, grade: str) -> None:
    [(_, got)] = scores(text)
    assert got == grade


def test_a_grade_in_another_sentence_is_not_attached() -> None:
    assert scores("自评得分96分。\n另查明：评价等级为良。") == [("96", None)]


def test_grade_statements_alone_are_found_but_satisfaction_is_not() -> None:
    doc = Document(text="绩效评价结果为优。服务对象满意度等级为优秀。")
    assert [g.grade for g in grade_statements(doc)] == ["优"]


def test_grade_words_do_not_match_inside_longer_words() -> None:
    doc = Document(text="考核等级为中央财政资金项目。")
    assert grade_statements(doc) == []


@pytest.mark.parametrize(
    "score,grade",
    [("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"), ("59.9", "差")],
)
def test_grade_bands_are_inclusive_at_90_80_60(score: str, grade: str) -> None:
    assert grade_for(Decimal(score)) == grade


def test_long_grade_words_normalize() -> None:
    assert [normalize_grade(w) for w in ("优秀", "良好", "合格", "中等", "不合格", "较差")] == [
        "优",
        "良",
        "中",
        "中",
        "差",
        "差",
    ]


def test_a_projects_own_self_score_is_a_self_score() -> None:
    assert scores("本项目自评得分92分。") == [("92", None)]


def test_a_form_total_row_gives_the_score_after_the_maximum() -> None:
    found = self_scores(Document(text="指标 | 分值 | 得分 | 等级\n总分 | 100 | 96 | 优\n"))
    assert [(s.value, s.grade) for s in found] == [(Decimal(96), "优")]
    found = self_scores(Document(text="总分 100分 87.5分\n"))
    assert [(s.value, s.grade) for s in found] == [(Decimal("87.5"), None)]


def test_form_total_near_misses() -> None:
    # the first figure of a total row is never the score; a 合计 row may hold amounts
    assert self_scores(Document(text="合计 | 100 | 96\n")) == []
    assert self_scores(Document(text="总分 | 90 | 85 | 良\n")) == []  # 90 is no maximum
    assert [s.value for s in self_scores(Document(text="总分:83\n"))] == [Decimal(83)]
