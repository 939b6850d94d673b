"""Counts across sentences: C003 project-count-mismatch (年初 N + 年中增加 M vs 共 K)."""

from __future__ import annotations

from reviewer.checks.project_counts import PROJECT_COUNT_MISMATCH
from reviewer.models import Severity
from tests.helpers import review_text


def c002(text: str) -> list:
    return review_text(text, select=["C003"])


def test_opening_plus_added_not_the_total_is_flagged() -> None:
    (f,) = c002("实施项目共15个，年初批复预算8个项目985万元，年中增加8个项目。")
    assert f.severity == Severity.WARNING
    assert f.data["expected"] == "16" and f.data["total"] == "15"
    assert "年初 8 个 + 年中增加 8 个 = 16 个，报告称共 15 个" in f.message
    assert f.spans[0].text == "实施项目共15个"


def test_counts_that_add_up_pass() -> None:
    assert c002("实施项目共16个，年初批复预算8个项目985万元，年中增加8个项目。") == []
    text = "年初安排项目8个，年中追加3个，全年共实施11个项目。"
    assert c002(text) == []


def test_total_stated_last_and_sentences_apart() -> None:
    (f,) = c002("年初安排项目8个。年中追加3个。全年共实施12个项目。")
    assert f.data["expected"] == "11"


def test_a_stated_cut_is_subtracted() -> None:
    assert c002("年初安排项目8个，年中新增3个项目，调减2个项目，全年共实施9个项目。") == []
    (f,) = c002("年初安排项目8个，年中新增3个项目，调减1个项目，全年共实施9个项目。")
    assert f.data["expected"] == "10" and "调减 1 个" in f.message


def test_subsets_in_parentheses_are_not_counts_of_their_own() -> None:
    text = (
        "实施项目共15个(含2023年转列项目5个)，年初批复预算8个项目985万元(含1个年初结转项目50万元)，"
        "年中增加7个项目(含转列项目5个)。"
    )
    assert c002(text) == []


def test_counts_of_other_things_or_in_other_paragraphs_are_not_joined() -> None:
    # Staff, not projects; and a total in another paragraph is not read.
    assert c002("年初在职人员8个，年中新增3个，共12个科室。") == []
    assert c002("年初安排项目8个，年中追加3个。\n全年共实施12个项目。") == []


def test_two_totals_are_ambiguous_and_skipped() -> None:
    text = "年初安排项目8个，年中追加3个，共实施12个项目，共验收10个项目。"
    assert c002(text) == []


def test_a_target_is_not_a_total() -> None:
    assert c002("年初安排项目8个，年中追加3个，实施项目数≥10个。") == []


def test_rule_example_fires_and_counterexample_does_not() -> None:
    example = PROJECT_COUNT_MISMATCH.example.split("(")[0]
    assert len(c002(example)) == 1
    assert c002(PROJECT_COUNT_MISMATCH.counterexample) == []


def test_additions_of_other_things_are_not_added_projects() -> None:
    (f,) = c002("年初安排项目8个，年中追加3个，共实施12个项目，新增就业岗位50个。")
    assert f.data["expected"] == "11"
    assert c002("年初安排项目8个，年中追加3个，共实施11个项目，新增就业岗位50个。") == []


def test_a_project_library_is_not_the_opening_set() -> None:
    assert c002("年初储备项目20个，年中新增5个项目，全年共实施18个项目。") == []
