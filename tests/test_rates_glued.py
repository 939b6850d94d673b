"""R061: the transfer-payment form's funds rows whose cells ran together, read through the parts."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

HEAD = "资金投入情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A×100%)"


def r061(text: str):
    return [f for f in review_text(text, select=["R061"]) if f.code == "R061"]


def test_a_total_rate_its_own_amounts_do_not_give_is_a_warning():
    # Parts: 中央 102 / 0 / 0%, 地方 46 / 46 / 100%; so the total is 148 / 46 / 31.00%, not 31.08%.
    (f,) = r061(HEAD + "年度资金总额:1484631.00%其中:中央财政资金10200%地方资金4646100%其他资金")
    assert f.severity == Severity.WARNING
    assert (f.data["a"], f.data["b"], f.data["computed"]) == ("148", "46", "31.08")


def test_a_total_rate_that_holds_is_silent():
    assert (
        r061(HEAD + "年度资金总额:1484631.08%其中:中央财政资金10200%地方资金4646100%其他资金") == []
    )
    assert r061(HEAD + "年度资金总额:200150075%其中:中央资金1501500100%地方资金500%") == []


def test_traditional_characters_with_pinyin_glosses_are_read():
    head = "全年預(yù)算數(shù)(A)全年執(zhí)行數(shù)(B)預(yù)算執(zhí)行率(B/A×100%)"
    text = head + "年度資金總額:1484631.00%其中:中央財(cái)政資金10200%地方資金4646100%其他資金"
    assert len(r061(text)) == 1


def test_a_part_row_no_split_reconciles_leaves_the_block_unread():
    # 地方资金 464699%: no split of 4646 / 99% gives its own rate, so nothing is guessed.
    assert r061(HEAD + "年度资金总额:1484631.00%其中:中央财政资金10200%地方资金464699%") == []


def test_a_single_part_row_is_not_enough_to_fix_the_reading():
    assert r061(HEAD + "年度资金总额:1484631.00%其中:中央财政资金10200%其他资金") == []


def test_without_the_budget_and_spending_header_the_run_is_not_read():
    assert r061("年度资金总额:1484631.00%其中:中央财政资金10200%地方资金4646100%其他资金") == []


def test_cells_with_separators_are_other_rules_ground():
    text = HEAD + "年度资金总额: | 148 | 46 | 31.00% |\n其中:中央财政资金 | 102 | 0 | 0% |\n"
    assert r061(text) == []
