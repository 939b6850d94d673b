"""Fuzzing: number parsing and claim extraction never raise, and every span is faithful."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.claims.amounts import relations
from reviewer.document import Document
from reviewer.engine import run_checks
from reviewer.numbers import find_quantities, parse_chinese_int

# Report-like alphabet: digits (ASCII and full-width), units, markers and punctuation.
_PIECES = [
    *"0123456789０１２３４５６７８９.．,，。；;：:、()（）%％≥≤<>=\n —",
    "万元",
    "元",
    "亿元",
    "个",
    "名",
    "人",
    "分",
    "其中",
    "包括",
    "分别为",
    "主要是：",
    "按性质分",
    "合计",
    "占",
    "得分",
    "分值",
    "预算执行率",
    "实有",
    "编制",
    "年",
    "目标",
    "十一",
    "六",
    "两",
    "均为",
    "不低于",
    "超过",
    "——提升",
    "一、",
    "（二）",
    "1.",
    "|",
]
report_text = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)
fuzz = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(st.text(max_size=200))
def test_find_quantities_never_raises_and_spans_are_in_text(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.raw


@fuzz
@given(st.text(alphabet="零〇一二两三四五六七八九十百千", max_size=12))
def test_chinese_numerals_never_raise(raw: str) -> None:
    value = parse_chinese_int(raw)
    assert value is None or value >= 0


@fuzz
@given(report_text)
def test_relations_never_raise(text: str) -> None:
    doc = Document(text=text)
    for rel in relations(doc):
        assert len(rel.parts) >= 2


@fuzz
@given(st.one_of(report_text, st.text(max_size=300)))
def test_checks_never_raise_and_spans_quote_the_text(text: str) -> None:
    doc = Document(text=text)
    for finding in run_checks(doc):
        for span in finding.spans:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text
            line, column = doc.line_col(span.start)
            assert (span.line, span.column) == (line, column)
