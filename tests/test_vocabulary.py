"""The one comparator vocabulary: every reader's comparator pattern comes from one table."""

from __future__ import annotations

import re

from reviewer.claims import vocabulary as v


def test_each_word_has_one_reading() -> None:
    words = [w.word for w in v.WORDS]
    assert len(words) == len(set(words))


def test_reached_and_kept_at_are_fillers_not_comparators() -> None:
    for filler in ("达到", "达", "控制在", "为"):
        assert filler not in v.COMPARATORS
    assert v.COMPARATORS["不低于"] == v.GE
    assert v.COMPARATORS["不超过"] == v.LE
    assert v.COMPARATORS["至多"] == v.LE


def test_equality_is_a_comparator_but_not_a_bound() -> None:
    assert v.COMPARATORS["="] == v.EQ
    assert "=" not in v.BOUNDS
    assert "等于" not in v.BOUNDS


def test_strict_words_do_not_mark_a_target_but_symbols_do() -> None:
    assert "超过" not in v.TARGET_MARKS
    assert ">" in v.TARGET_MARKS
    assert "不低于" in v.TARGET_MARKS


def test_alternation_prefers_the_longest_word() -> None:
    m = re.match(rf"(?:{v.COMPARATOR_ALT})", "不低于95%")
    assert m is not None and m.group() == "不低于"
    m = re.match(rf"(?:{v.COMPARATOR_ALT})", "大于或等于3")
    assert m is not None and m.group() == "大于或等于"
    assert re.match(rf"(?:{v.BOUND_ALT})", "=5") is None


def test_lower_bound_marks_hold_no_upper_bound() -> None:
    alt = v.LOWER_BOUND_MARKS_ALT
    assert re.fullmatch(rf"(?:{alt})", "不少于")
    assert not re.fullmatch(rf"(?:{alt})", "不超过")
    assert not re.fullmatch(rf"(?:{alt})", "超过")


def test_the_model_schema_reads_the_same_table_plus_its_own_target_words() -> None:
    from reviewer.llm.schema import comparator_of

    assert comparator_of("不低于90%") == ">="
    assert comparator_of("大于或等于90%") == ">="  # not "大于" (>)
    assert comparator_of("小于等于5天") == "<="  # not "小于" (<)
    assert comparator_of("达到95%") == ">="  # a model's raw target is always a target
    assert comparator_of("9.64万元以内") == "<="
    assert comparator_of("前10名") == "top"
    assert comparator_of("95%") is None


def test_an_approximation_after_a_value_is_no_bound() -> None:
    assert v.AFTER["以上"] == v.GE and v.AFTER["以内"] == v.LE
    assert v.AFTER["左右"] is None
    assert re.fullmatch(rf"(?:{v.AFTER_ALT})", "之内")
