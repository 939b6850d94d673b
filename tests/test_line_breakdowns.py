"""T110/T111: a total on its own line broken down over the next lines, and split into blocks."""

from __future__ import annotations

from tests.helpers import review_text


def codes(text: str, code: str):
    return [f for f in review_text(text) if f.code == code]


BLOCK = "经费(万元)\n年度预算资金总额: {t}\n其中:省级补助 {a}\n县级配套 {b}\n自筹资金 {c}\n"


def test_parts_one_a_line_that_miss_the_total():
    (f,) = codes(BLOCK.format(t="412.40", a="250.00", b="110.00", c="51.40"), "T110")
    assert (f.data["computed"], f.data["diff"]) == ("411.4", "1")
    assert f.spans[0].text == "412.40"


def test_parts_that_add_up_or_a_block_with_one_part_are_silent():
    assert codes(BLOCK.format(t="412.40", a="250.00", b="110.00", c="52.40"), "T110") == []
    assert codes("年度预算资金总额: 90\n其中:省级补助 60\n说明 资金已拨付\n", "T110") == []
    # mixed units: not one breakdown
    assert codes("年度预算资金总额: 90万元\n其中:省级补助 60万元\n县级配套 20元\n", "T110") == []


SPLIT = (
    "资金合计(万元) 年度预算资金总额: 560\n其中:省级补助 {p}\n县级配套 {q}\n其中:\n"
    "道路维修\n年度预算资金总额: 360\n其中:省级补助 240\n县级配套 120\n"
    "桥梁加固\n年度预算资金总额: 200\n其中:省级补助 {r}\n县级配套 50\n"
)


def test_a_part_that_misses_over_the_blocks_splitting_its_total():
    text = SPLIT.format(p="390", q="170", r="152")
    (f,) = codes(text, "T111")
    assert (f.data["part"], f.data["computed"], f.data["total"]) == ("省级补助", "392", "390")
    (g,) = codes(text, "T110")  # the block whose part was entered wrong
    assert g.data["computed"] == "202"
    assert codes(SPLIT.format(p="390", q="170", r="150"), "T111") == []


def test_blocks_that_do_not_add_up_to_the_total_are_no_split():
    text = SPLIT.format(p="390", q="170", r="152").replace(
        "年度预算资金总额: 200", "年度预算资金总额: 210"
    )
    assert codes(text, "T111") == []
