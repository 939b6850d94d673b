"""Merging: a finding both the rules and the model produce is reported once."""

from __future__ import annotations

from reviewer.document import Document
from reviewer.llm.merge import merge
from reviewer.models import Finding, Severity

DOC = Document("一、目标\n医保参保率≥90%。\n二、完成\n医保参保率为80%。\n五、问题\n无。\n")


def finding(
    code: str, kind: str, start: int, end: int, source: str = "rules", sev=Severity.WARNING
):
    return Finding(
        code=code,
        kind=kind,
        severity=sev,
        source=source,
        message=code,
        spans=[DOC.span(start, end)],
    )


def test_same_kind_and_overlapping_span_is_folded_into_the_rule_finding():
    a = DOC.text.index("医保参保率为80%")
    rule = finding("G001", "target_not_met", a, a + 10)
    llm = finding("L001", "target_not_met", a + 6, a + 9, "llm")
    out = merge([rule], [llm])
    assert [f.code for f in out] == ["G001"]
    assert out[0].data["confirmed_by"] == ["L001"]


def test_different_kind_or_place_is_kept():
    a = DOC.text.index("医保参保率为80%")
    b = DOC.text.index("医保参保率≥90%")
    rule = finding("G001", "target_not_met", a, a + 10)
    other_kind = finding("L010", "vague_target", a, a + 10, "llm")
    other_place = finding("L001", "target_not_met", b, b + 9, "llm")
    out = merge([rule], [other_kind, other_place])
    assert sorted(f.code for f in out) == ["G001", "L001", "L010"]
    assert [f.spans[0].start for f in out] == sorted(f.spans[0].start for f in out)


def test_model_duplicates_collapse_keeping_the_higher_severity():
    a = DOC.text.index("无。")
    one = finding("L026", "empty_section", a, a + 2, "llm", Severity.INFO)
    two = finding("L026", "empty_section", a, a + 1, "llm", Severity.WARNING)
    out = merge([], [one, two])
    assert len(out) == 1 and out[0].severity == Severity.WARNING


def test_report_level_kinds_merge_wherever_their_quote_is():
    rule = finding("Q010", "missing_goals", 0, 4)
    llm = finding("L013", "missing_goals", 20, 25, "llm")
    assert [f.code for f in merge([rule], [llm])] == ["Q010"]
