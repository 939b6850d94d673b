"""Count × per-unit standard against the stated amount: T020 unit-cost-mismatch."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text


def t(text: str):
    return [f for f in review_text(text, select=["T020"]) if f.code == "T020"]


def test_a_monthly_standard_read_for_a_month_and_for_a_year() -> None:
    [f] = t("补助标准每人每月500元，全年共补助120人，发放补助资金共计70万元。")
    assert f.severity == Severity.WARNING
    assert "120人 × 每人每月500元 = 6万元；72万元 × 12个月" in f.message
    assert f.spans[0].text == "70万元"
    assert t("补助标准每人每月500元，全年共补助120人，发放补助资金共计72万元。") == []
    assert t("补助标准每人每月500元，本月共补助120人，发放补助资金共计6万元。") == []


def test_a_written_product_with_its_result() -> None:
    [f] = t("购置设备9个，单价标准0.6万元/个，合计6.3万元。")
    assert "9个 × 0.6万元/个 = 5.4万元" in f.message
    assert t("购置设备9个，单价标准0.6万元/个，合计5.4万元。") == []
    # 0.6 may be 0.62 rounded: 9 × 0.62 = 5.58, so 5.6 is within the standard's rounding.
    assert t("购置设备9个，单价标准0.6万元/个，合计5.6万元。") == []


def test_rounding_of_the_standard_is_allowed() -> None:
    # 0.33万元 may be 3333.33元: 30 × 3333.33 = 10万元.
    assert t("补助标准0.33万元/人，共资助30人，补助资金共计10万元。") == []


def test_a_count_in_another_unit_is_not_multiplied() -> None:
    assert t("补助标准2000元/户，共补助120人，补助资金共计30万元。") == []


def test_two_counts_or_two_amounts_are_ambiguous() -> None:
    assert t("补助标准2000元/人，应补助120人，实际补助118人，资金共计30万元，已拨付20万元。") == []


def test_an_amount_without_a_standard_word_is_not_a_standard() -> None:
    assert t("人均可支配收入3000元/人，共120人，合计50万元。") == []


def test_across_paragraphs_only_with_one_standard_one_count_and_one_total() -> None:
    text = (
        "项目资金总额6.46万元，执行率100%。\n"
        "数量指标：应补助人数9人，实际补助人数9人。\n"
        "成本指标：人均补助标准为0.60万元/生·年。\n"
    )
    [f] = t(text)
    assert "9人 × 0.60万元/生·年 = 5.4万元" in f.message and "不同段落" in f.message
    assert t(text.replace("6.46万元", "5.40万元")) == []
    # A second standard: which one the total pays for is unclear.
    two = text + "困难补助标准为0.10万元/生·年。\n"
    assert t(two) == []


# -- T090 computed-amount-mismatch: an amount the report says it computed at a standard ----------


def c(text: str):
    return [f for f in review_text(text, select=["T020", "T090"]) if f.code in ("T020", "T090")]


def test_an_amount_computed_at_a_standard_is_count_times_standard() -> None:
    # 132697 × 2元 = 265394元 = 26.54万元: the standard is a rule's figure, taken as exact
    text = "馆藏档案资料合计共132697卷，按照规定每卷(册)2元的标准测算，争取到财政资金{}万元。"
    [f] = c(text.format("21.44"))
    assert (f.code, f.kind, f.severity) == ("T090", "sum_mismatch", Severity.WARNING)
    assert "132697 × 每卷(册)2元 = 26.5394万元" in f.message
    assert [s.text for s in f.spans] == ["21.44万元", "132697", "每卷(册)2元"]
    assert c(text.format("26.54")) == []


def test_other_wordings_and_units_of_a_computed_amount() -> None:
    [f] = c("全年共培训480人次，按每人次150元标准核算，培训经费共计6.2万元。")
    assert f.code == "T090" and "= 7.2万元" in f.message
    assert c("全年共培训480人次，按每人次150元标准核算，培训经费共计7.2万元。") == []
    [f] = c("新建道路合计1200米，按每米800元的标准计算，安排资金100万元。")
    assert f.code == "T090" and "= 96万元" in f.message
    # a unit in brackets after the standard's counts the same: 册 for 每卷(册)
    [f] = c("整理资料共计5000册，按每卷（册）3元的标准测算，需经费2.4万元。")
    assert f.code == "T090" and "= 1.5万元" in f.message


def test_an_amount_not_said_to_be_computed_stays_t020_with_the_standards_rounding() -> None:
    # no 测算/计算: the amount may include other money, T020 (contradiction) with rounding
    [f] = c("补助标准每人每月500元，全年共补助120人，发放补助资金共计70万元。")
    assert f.code == "T020"
    # the count in another unit than the standard's: no reading
    assert c("馆藏档案合计共1200盒，按照每卷2元的标准测算，争取到财政资金1万元。") == []
