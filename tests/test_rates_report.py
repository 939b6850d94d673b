"""A payment rate in prose against the amounts the report states for it elsewhere: R032."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

FUNDS = "一、资金安排\n全年安排资金200万。其中，省级120万元、县级80万元。\n二、执行情况\n"


def r(text: str):
    return [f for f in review_text(text, select=["R032"]) if f.code == "R032"]


def test_paid_plus_unpaid_equal_to_the_stated_total_makes_an_error() -> None:
    # the total stands in another paragraph, with a bare 万 (the report's other amounts are 万元)
    [f] = r(FUNDS + "资金支付180万元，未支20万元，支付率95%。\n")
    assert f.severity == Severity.ERROR
    assert [s.text for s in f.spans] == ["支付率95%", "180万元", "20万元", "200万"]
    assert "180 ÷ 200 = 90%" in f.message


def test_paid_and_unpaid_without_a_stated_total_is_a_warning() -> None:
    text = "二、执行情况\n项目资金支付180万元，结余20万元，支付率95%。\n"
    [f] = r(text)
    assert f.severity == Severity.WARNING and "180 ÷ 200 = 90%" in f.message


def test_the_one_base_stated_elsewhere_is_a_warning() -> None:
    [f] = r(FUNDS + "截至年底资金支付180万元，支付率95%。\n")
    assert f.severity == Severity.WARNING
    assert [s.text for s in f.spans] == ["支付率95%", "180万元", "200万"]


def test_a_rate_the_figures_give_rounded_or_truncated_stays_silent() -> None:
    assert r(FUNDS + "资金支付180万元，未支20万元，支付率90%。\n") == []
    # 187.9 / 200 = 93.95%: 94% rounded, 93.9% truncated
    assert r(FUNDS + "资金支付187.9万元，未支12.1万元，支付率94%。\n") == []
    assert r(FUNDS + "资金支付187.9万元，未支12.1万元，支付率93.9%。\n") == []


def test_ambiguous_or_missing_pairings_stay_silent() -> None:
    # two bases stated elsewhere and no unpaid amount: which one is the rate's is not known
    two = "一、资金安排\n安排资金200万元，下达资金150万元。\n二、执行情况\n"
    assert r(two + "资金支付120万元，支付率95%。\n") == []
    # two paid amounts in the sentence
    assert r(FUNDS + "一期支付100万元，二期支付80万元，支付率95%。\n") == []
    # the paid amount carries another verb than the rate's (到位 is not 支付)
    assert r(FUNDS + "资金到位180万元，支付率95%。\n") == []
    # a target, not a result
    assert r(FUNDS + "资金支付180万元，目标支付率达到95%。\n") == []
    # a figure with no base word before it (服务群众200万) is no base
    assert r("一、概况\n服务群众200万。\n二、执行\n支付180万元，支付率95%。\n") == []


def test_a_spending_rate_is_judged_like_a_payment_rate() -> None:
    # 支出率 after the amount spent, the budget in the paragraph before
    text = "一、资金投入\n共投入补助经费预算200万元。\n二、执行\n实际形成支出180万元，支出率95%。\n"
    [f] = r(text)
    assert "180 ÷ 200 = 90%" in f.message
    assert r(text.replace("支出率95%", "支出率90%")) == []


def test_the_parts_of_a_breakdown_in_brackets_are_neither_paid_nor_base() -> None:
    # the executed total lacks its unit; the bracket lists its parts by source: the central part
    # is not the amount executed (689139.31 / 1080245.79 would be 63.79%)
    text = (
        "全年预算数1080245.79万元，全区执行数1032849.44(含中央资金689139.31万元，"
        "地方资金332524.99万元，其他资金11185.14万元)，总预算执行率95.61%。\n"
    )
    assert r(text) == []
    # near miss: the paid amount stands before the bracket, so it is still judged
    [f] = r(FUNDS + "资金支付180万元(含中央资金100万元)，未支20万元，支付率95%。\n")
    assert "180 ÷ 200 = 90%" in f.message
    # a bracket that is no breakdown (a date) leaves its amount as read
    [f] = r(FUNDS + "资金支付(截至12月)180万元，未支20万元，支付率95%。\n")
    assert "180 ÷ 200 = 90%" in f.message


def test_the_parts_after_a_qizhong_are_neither_paid_nor_base() -> None:
    # the whole is received and passed on; 其中 splits it by level, so the level amounts are not
    # one paid out of the other (489 / 14661 would be 3.34%)
    text = (
        "二、执行情况\n收到中央补助资金15150.00万元，全部补助到各级政府，其中省级支出安排489.00万元，"
        "各州市安排14661.00万元，执行率为100%。\n"
    )
    assert r(text) == []
    # near misses: one paid amount after 其中, or a paid/unpaid pair after it, is the rate's own
    [f] = r(FUNDS + "全年资金200万元，其中已使用180万元，使用率95%。\n")
    assert "180 ÷ 200 = 90%" in f.message
    [f] = r(FUNDS + "全年资金200万元，其中资金使用180万元，未使用20万元，使用率95%。\n")
    assert "180 ÷ 200 = 90%" in f.message


def test_another_base_that_gives_the_rate_keeps_it_silent() -> None:
    # paid + unpaid gives 90%, but the sentence's own base (190) gives 94.7% ≈ 95%
    text = "下达资金190万元，资金支付180万元，结余20万元，支付率95%。\n"
    assert r(text) == []


def test_a_bare_wan_is_money_only_in_a_money_context() -> None:
    from reviewer.checks.rates_report import _amounts
    from reviewer.document import Document

    def read(text: str) -> list[str]:
        return [a.q.raw for a in _amounts(Document(text=text))]

    assert read("安排资金200万。") == ["200万"]  # a money word in its clause
    assert read("惠及群众3万。共支出5万元。") == ["3万", "5万元"]  # the report states 万元
    assert read("惠及群众3万。") == []  # neither: not money
    assert read("惠及群众3万人。共支出5万元。") == ["5万元"]  # 万人 is a count


def test_a_payment_progress_is_the_rate_under_another_name() -> None:
    # the budget and the amount paid in the rate's own sentence: 66.86 ÷ 200 = 33.43%, not 100%
    text = (
        "2.项目资金执行情况分析。\n区级年初预算200万元专项资金，已按合同约定及时足额拨付资金"
        "66.86万元，资金拨付进度100%。\n"
    )
    [f] = r(text)
    assert f.severity == Severity.WARNING
    assert f.spans[0].text == "资金拨付进度100%"
    assert "66.86 ÷ 200 = 33.43%" in f.message
    # the same progress the amounts give stays silent
    assert r(text.replace("66.86万元", "200万元")) == []
    # a works progress is no payment rate, whatever amounts stand before it
    assert r(text.replace("资金拨付进度", "工程进度")) == []
    # a progress stated as a target stays silent
    assert r(text.replace("资金拨付进度100%", "确保资金拨付进度达到100%")) == []
