"""Q060: a denial of any budget deviation against the report's own execution rate."""

from __future__ import annotations

from tests.helpers import review_text


def q060(text: str):
    return [f for f in review_text(text, select=["Q060"]) if f.code == "Q060"]


DENIAL = "经自查，不存在执行数偏离预算数较多的问题。"


def test_a_denial_beside_a_low_execution_rate_is_a_warning():
    [f] = q060("项目预算执行率为86%。" + DENIAL)
    assert f.severity.value == "warning" and f.kind == "contradiction"
    assert [s.text for s in f.spans] == ["不存在执行数偏离预算数较多的问题", "项目预算执行率为86%"]
    assert "14%" in f.message


def test_the_rate_of_a_funds_block_counts():
    form = (
        "资金投入情况（万元）\n全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%)\n"
        "年度资金总额: | 500 | {spent} | {rate} |\n"
        "资金管理情况 | 按照上级下达的金额执行，不存在执行数偏离预算数较多的问题。 |\n"
    )
    [f] = q060(form.format(spent=430, rate="86%"))
    assert f.spans[1].text == "86%"
    assert q060(form.format(spent=490, rate="98%")) == []


def test_a_denial_in_other_words_is_read():
    text = (
        "一、绩效目标\n预算执行率90%。\n二、完成情况\n预算执行率为80%。\n预算执行无明显偏差情况。"
    )
    [f] = q060(text)
    assert "20%" in f.message  # the target (90%) is not the rate


def test_silent_when_the_rate_is_high_or_the_denial_is_about_something_else():
    assert q060("项目预算执行率为98%。" + DENIAL) == []
    # a rate at or above 90% elsewhere in the report: which one the denial means is unclear
    assert q060("项目预算执行率为86%，项目资金执行率为95%。" + DENIAL) == []
    # an in-year progress rate is not the year's execution
    assert q060("截至11月底，项目预算执行率为86%。" + DENIAL) == []
    # a deviation that is not about the budget
    assert q060("项目预算执行率为86%。项目实施过程中未出现质量偏差问题。") == []
    assert q060("项目预算执行率为86%。") == []
