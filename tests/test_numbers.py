"""Number parsing: what counts as a figure, its unit, its precision and its offsets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewer.document.normalize import normalize
from reviewer.numbers import find_quantities, fmt, parse_chinese_int


def parse(text: str) -> list[tuple[str, Decimal, str]]:
    return [(q.raw, q.value, q.unit) for q in find_quantities(normalize(text))]


def test_money_with_unit_and_decimals() -> None:
    (q,) = find_quantities("基本支出981.38万元")
    assert (q.value, q.unit, q.decimals, q.dimension) == (Decimal("981.38"), "万元", 2, "money")
    assert q.base == Decimal("9813800")
    assert q.half_unit == Decimal("50")  # 0.005万元


def test_full_width_digits_and_signs_are_read_as_ascii() -> None:
    assert parse("占１２．３％") == [("12.3%", Decimal("12.3"), "%")]


def test_normalization_keeps_offsets() -> None:
    text = "项目支出２１４．１８万元"
    (q,) = find_quantities(normalize(text))
    assert text[q.start : q.end] == "２１４．１８万元"


def test_thousands_separators_and_spaces_inside_numbers() -> None:
    assert parse("收入1,234.50元")[0][1] == Decimal("1234.50")
    assert parse("预算 3 167.20 万元")[0][1] == Decimal("3167.20")


def test_space_between_number_and_unit() -> None:
    assert parse("政府性基金收入1372.23 万元") == [("1372.23 万元", Decimal("1372.23"), "万元")]


def test_chinese_numerals_before_count_units() -> None:
    assert parse("内设机构六个，十一名干部") == [
        ("六个", Decimal(6), "个"),
        ("十一名", Decimal(11), "名"),
    ]


@pytest.mark.parametrize(
    "raw,value", [("十", 10), ("十一", 11), ("二十三", 23), ("一百零五", 105), ("两", 2)]
)
def test_parse_chinese_int(raw: str, value: int) -> None:
    assert parse_chinese_int(raw) == value


def test_a_chinese_numeral_is_read_from_the_start_of_its_run() -> None:
    # Inside a run only the whole run is tried: 二三个 is malformed, so neither 三个 nor 二三个.
    assert parse("共二三个") == []
    norm = normalize("村十一个")
    # A range starting inside the run still reads the numeral from the range's start.
    assert [(q.raw, q.value) for q in find_quantities(norm, 2)] == [("一个", Decimal(1))]


def test_malformed_chinese_numeral_is_rejected() -> None:
    assert parse_chinese_int("二三") is None


def test_dates_are_not_figures() -> None:
    assert parse("2024年12月26日") == []


def test_wan_multiplier_on_counts() -> None:
    (q,) = find_quantities("年参观人数29.8万人")
    assert q.unit == "万人" and q.base == Decimal("298000.0") and q.count_unit == "人"


def test_approximate_figures_are_marked() -> None:
    (q,) = find_quantities("开展活动200余次")
    assert q.approx and q.value == 200


def test_fmt_drops_trailing_zeros_unless_places_given() -> None:
    assert fmt(Decimal("85.5300")) == "85.53"
    assert fmt(Decimal("85.5"), 2) == "85.50"


def test_repeated_or_rising_numeral_units_are_rejected() -> None:
    assert parse_chinese_int("十十") is None
    assert parse_chinese_int("十百") is None


def test_a_range_has_the_figures_a_parse_of_the_range_alone_finds() -> None:
    # The text is parsed once and ranges take their figures from that parse; where a range cuts
    # a figure (or the text after it a match looks at), the answer must still be the range's own.
    from reviewer.numbers import _arabic_scan, _chinese_scan

    norm = normalize(
        "收入1,234.5万元，其中3 167.20万元、12.5%、200余人、3万人；2024年12月，十一个村、"
        "二三个、一百零五名。1 2 3 456 7890 1.2.3 99个%"
    )
    for a in range(len(norm) + 1):
        for e in range(a, len(norm) + 1):
            alone = sorted(
                _arabic_scan(norm, a, e) + _chinese_scan(norm, a, e), key=lambda q: q.start
            )
            assert find_quantities(norm, a, e) == alone, (a, e)
