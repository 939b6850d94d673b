"""Character normalization: one code point for one code point, comparators in one spelling."""

from __future__ import annotations

import pytest

from reviewer.claims.indicators import indicators
from reviewer.document import Document
from reviewer.document.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("≧", "≥"),
        ("⩾", "≥"),
        ("≦", "≤"),
        ("⩽", "≤"),
        ("═", "="),
        ("＝", "="),
        ("＞＜", "><"),
        ("≥≤", "≥≤"),
    ],
)
def test_comparator_look_alikes_fold_to_one_spelling(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


def test_normalization_keeps_every_offset() -> None:
    text = "政策知晓率 ═ 100%，覆盖率≧95%，投诉率≦1%，１２．３％，中文：标点；保留"
    out = normalize(text)
    assert len(out) == len(text)
    assert out.index("100%") == text.index("100%")
    assert "，" in out and "：" in out and "；" in out  # clause punctuation keeps its meaning


def _comparators(text: str) -> list[tuple[str, str]]:
    return [(i.name, i.comparator) for i in indicators(Document(text=text))]


def test_indicators_read_look_alike_comparators_like_the_ascii_ones() -> None:
    plain = "年度指标：群众满意度≥90%，政策知晓率=100%，投诉率≤1%。"
    odd = "年度指标：群众满意度≧90%，政策知晓率═100%，投诉率≦1%。"
    assert _comparators(odd) == _comparators(plain)
    assert _comparators(odd)  # something was read
