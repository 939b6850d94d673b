"""Inline suppression markers: syntax, scope (same line / next line), per code, unused markers."""

from __future__ import annotations

import pytest

from reviewer.document import Document
from reviewer.models import Finding
from reviewer.suppress import UNUSED_CODE, apply, markers
from tests.test_cli import REPORT


def review(text: str, enabled: set[str] | None = None) -> tuple[list[Finding], int]:
    from reviewer.engine import run_checks

    doc = Document(text=text)
    on = (lambda code: code in enabled) if enabled is not None else (lambda code: True)
    found = [f for f in run_checks(doc) if on(f.code)]
    return apply(doc, found, enabled=on)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


@pytest.mark.parametrize(
    "marker",
    [
        "<!-- reviewer: ignore Z002 -->",
        "【reviewer: ignore Z002】",
        "reviewer-ignore: Z002",
        "【Reviewer：忽略 Z002】",
    ],
)
def test_every_spelling_silences_the_named_code_on_its_line(fake_rules: None, marker: str) -> None:
    kept, silenced = review(f"进一步提高服务质量。{marker}\n资产合计存在尾差。\n")
    assert codes(kept) == ["Z003"] and silenced == 1


def test_a_marker_alone_on_a_line_applies_to_the_next_non_blank_line(fake_rules: None) -> None:
    text = "<!-- reviewer: ignore Z002 -->\n\n进一步提高服务质量。\n进一步提高效率。\n"
    kept, silenced = review(text)
    assert silenced == 1
    assert [f.spans[0].line for f in kept] == [4]


def test_a_marker_does_not_reach_the_line_after_its_own_text(fake_rules: None) -> None:
    kept, _ = review("资产合计存在尾差。【reviewer: ignore Z002】\n进一步提高服务质量。\n")
    assert "Z002" in codes(kept)


def test_a_marker_names_codes_others_are_kept(fake_rules: None) -> None:
    kept, _ = review("进一步提高，有尾差。【reviewer: ignore Z003】\n")
    assert codes(kept) == ["Z002"]
    kept, _ = review("进一步提高，有尾差。【reviewer: ignore Z002, Z003】\n")
    assert codes(kept) == []


def test_a_marker_without_codes_silences_everything_on_the_line(fake_rules: None) -> None:
    kept, silenced = review("进一步提高，有尾差。<!-- reviewer: ignore -->\n进一步提高。\n")
    assert silenced == 2 and [f.spans[0].line for f in kept] == [2]


def test_a_marker_that_silences_nothing_is_reported(fake_rules: None) -> None:
    kept, _ = review("本年度工作正常。【reviewer: ignore Z001】\n")
    assert codes(kept) == [UNUSED_CODE]
    f = kept[0]
    assert f.severity.value == "info" and f.spans[0].text == "【reviewer: ignore Z001】"
    assert "Z001" in f.message


def test_no_unused_notice_for_rules_that_did_not_run_or_when_x001_is_off(fake_rules: None) -> None:
    kept, _ = review("本年度工作正常。【reviewer: ignore Z001】\n", enabled={"Z002", UNUSED_CODE})
    assert codes(kept) == []
    kept, _ = review("本年度工作正常。【reviewer: ignore Z001】\n", enabled={"Z001"})
    assert codes(kept) == []


def test_markers_are_found_with_their_lines() -> None:
    doc = Document(text="甲\n<!-- reviewer: ignore T001 P002 -->\n乙【reviewer: ignore】\n丙\n")
    found = markers(doc)
    assert [(sorted(m.codes), sorted(m.lines)) for m in found] == [
        (["P002", "T001"], [3]),
        ([], [3]),
    ]


def test_the_sample_report_text_has_no_markers() -> None:
    assert markers(Document(text=REPORT)) == []
