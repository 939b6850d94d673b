"""A total count against its opening count and changes: C010 count-change-mismatch."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def c(text: str):
    return [f for f in review_text(text, select=["C010"]) if f.code == "C010"]


def test_opening_plus_added_is_not_the_total() -> None:
    text = (
        "2024年实施项目共15个（含转列项目5个），年初批复预算8个项目985万元（含1个结转项目），"
        "年中增加8个项目（含转列项目5个），实际到位资金334.67万元。"
    )
    [f] = c(text)
    assert f.severity == Severity.WARNING
    assert f.spans[0].text == "15个"
    assert "8 + 8 = 16个" in f.message and "15个" in f.message


def test_removals_are_subtracted() -> None:
    assert c("实施项目共15个，年初批复8个项目，年中增加8个项目，取消1个项目。") == []
    [f] = c("实施项目共15个，年初批复8个项目，年中增加8个项目，取消2个项目。")
    assert "8 + 8 − 2 = 14个" in f.message


def test_other_things_or_other_sentences_are_not_added() -> None:
    assert c("实施项目共15个，年初批复8个项目，年中增加8个村。") == []
    assert c("实施项目共15个，年初批复8个项目。年中增加8个项目。") == []


def test_bracketed_parts_and_missing_openings_are_skipped() -> None:
    assert c("实施项目共15个（年初8个项目，增加8个项目）。") == []
    assert c("实施项目共15个，年中增加8个项目。") == []
