"""Grounding: a model's quote must pin one place and carry the values it supports."""

from __future__ import annotations

import pytest

from reviewer.document import Document
from reviewer.llm.grounding import Grounder, QuoteError

PROSE = """三、部门绩效目标
年度重点工作完成率，医保参保率，司法调解率均≥90%。
五、完成情况
司法调解率为95%，预算支出执行率85%，医保参保率为80%。
走访慰问困难群众22次/1150人次。
"""

TABLE = """指标名称
年度指标值
实际完成值
医保参保率
≥90%
80%
群众满意度
≥90%
93%
"""


def ground(text: str) -> Grounder:
    return Grounder(Document(text))


def test_a_verbatim_quote_with_name_and_value_grounds_to_its_offsets():
    g = ground(PROSE)
    hit = g.locate("医保参保率为80%", values=["80"], name="医保参保率")
    assert PROSE[hit.start : hit.end] == "医保参保率为80%"


def test_a_bare_percentage_is_rejected_even_though_it_occurs():
    with pytest.raises(QuoteError, match="too short"):
        ground(PROSE).locate("80%", values=["80"], name="医保参保率")


def test_a_quote_not_in_the_report_is_rejected():
    with pytest.raises(QuoteError, match="not in the report"):
        ground(PROSE).locate("医保参保率为85%", values=["85"], name="医保参保率")


def test_a_quote_occurring_twice_pins_nothing():
    text = "培训覆盖率达到100%。\n其他内容。\n培训覆盖率达到100%。\n"
    with pytest.raises(QuoteError, match="occurs 2 times"):
        ground(text).locate("培训覆盖率达到100%", values=["100"], name="培训覆盖率")


def test_the_quote_must_contain_the_value_it_supports():
    with pytest.raises(QuoteError, match="does not contain the value 85"):
        ground(PROSE).locate("医保参保率为80%", values=["85"], name="医保参保率")


def test_a_value_attached_to_the_wrong_indicator_is_rejected():
    # The whole sentence contains 司法调解率 and 80%, but 80% belongs to 医保参保率.
    quote = "司法调解率为95%，预算支出执行率85%，医保参保率为80%"
    with pytest.raises(QuoteError, match="another figure stands between"):
        ground(PROSE).locate(quote, values=["80"], name="司法调解率")


def test_the_indicators_own_target_before_its_actual_does_not_block():
    text = "三、绩效目标\n档案数字化率定下90%以上的目标，年底只完成了80%的任务。\n"
    quote = "档案数字化率定下90%以上的目标，年底只完成了80%的任务"
    g = ground(text)
    assert g.locate(quote, values=["90", "80"], name="档案数字化率")  # both supported
    with pytest.raises(QuoteError, match="another figure stands between"):
        g.locate(quote, values=["80"], name="档案数字化率")  # alone, 90% may be another's


def test_a_quote_without_the_indicator_name_is_rejected():
    with pytest.raises(QuoteError, match=r"does not name the indicator|another figure"):
        ground(PROSE).locate("预算支出执行率85%", values=["85"], name="医保参保率")
    with pytest.raises(QuoteError, match="does not name the indicator"):
        ground("一、概况\n本年培训覆盖率为97%。\n").locate(
            "本年培训覆盖率为97%", values=["97"], name="医保参保率"
        )


def test_a_shared_target_grounds_for_each_listed_indicator():
    g = ground(PROSE)
    quote = "年度重点工作完成率，医保参保率，司法调解率均≥90%"
    for name in ("医保参保率", "司法调解率", "年度重点工作完成率"):
        assert g.locate(quote, values=["90"], name=name)


def test_a_shortened_name_still_ties_by_most_of_its_characters():
    text = "本年预算支出执行率为85%，较上年提高。\n"
    assert ground(text).locate("预算支出执行率为85%", values=["85"], name="预算执行率")


def test_different_units_between_name_and_value_do_not_block():
    g = ground(PROSE)
    assert g.locate("走访慰问困难群众22次/1150人次", values=["1150"], name="走访慰问困难群众")


def test_a_table_row_flattened_one_cell_per_line_grounds():
    g = ground(TABLE)
    hit = g.locate("医保参保率\n≥90%\n80%", values=["80"], name="医保参保率")
    assert TABLE[hit.start : hit.end] == "医保参保率\n≥90%\n80%"
    # the target in the same row does not count as "another figure" in a table
    assert g.locate("医保参保率 ≥90% 80%", values=["90"], name="医保参保率")


def test_a_score_line_finds_its_indicator_name_a_line_up():
    text = "（三）群众满意度指标\n此指标赋分10分，得分9.01分。\n"
    g = ground(text)
    assert g.locate("此指标赋分10分，得分9.01分", values=["9.01"], name="群众满意度")


def test_matching_ignores_whitespace_and_folds_full_width_forms():
    text = "医保参保率为８０％，\n较上年提高。\n"
    hit = ground(text).locate("医保参保率为 80%,", values=["80"], name="医保参保率")
    assert text[hit.start : hit.end] == "医保参保率为８０％，"


def test_quotes_marks_around_a_quote_are_ignored():
    assert ground(PROSE).locate("「医保参保率为80%」", values=["80"], name="医保参保率")


def test_empty_quote_is_rejected():
    with pytest.raises(QuoteError, match="empty"):
        ground(PROSE).locate("   ")
