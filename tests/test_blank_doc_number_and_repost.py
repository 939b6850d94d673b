"""Q200, a cited document number whose year or serial was left blank, and Q201, a web site's name
pasted into the report's title — each next to the near misses that must stay silent."""

from __future__ import annotations

import pytest

from tests.helpers import review_text

TAIL = "\n一、项目基本情况\n2023年项目年初预算50万元，全年执行48万元。\n"


def codes(text: str, code: str) -> list[str]:
    return [f.message for f in review_text(text, select=[code])]


@pytest.mark.parametrize(
    "number",
    [
        "（清财绩〔2024〕 号）",
        "清财绩[2019]号",
        "（清财预〔 〕7号）",
        "清财绩〔　〕　号",
        "（清財績〔2024〕 號）",
        "(清财绩(2024) 号)",
        "清财绩〔2024〕第 号",
    ],
)
def test_a_number_with_a_blank_year_or_serial_is_residue(number: str) -> None:
    [msg] = codes(f"根据《关于开展绩效自评的通知》{number}要求，我单位开展了自评。\n", "Q200")
    assert "空缺" in msg


@pytest.mark.parametrize(
    "number",
    ["（清财绩〔2024〕 9号）", "清财绩[2024]31号", "（清财预〔2021〕第7号）", "2024年第3号公告"],
)
def test_a_number_written_in_full_or_without_an_issuer_is_silent(number: str) -> None:
    assert codes(f"根据{number}要求，我单位开展了自评。\n", "Q200") == []


def test_a_web_pages_index_line_is_not_the_reports_citation() -> None:
    assert codes("索引号：清财绩〔2024〕 号\n正文。\n", "Q200") == []


def test_the_same_blank_number_twice_is_one_finding() -> None:
    text = "依据清财绩〔2024〕 号开展自评。\n按照清财绩〔2024〕 号文件要求报送。\n"
    [msg] = codes(text, "Q200")
    assert "2处" in msg


@pytest.mark.parametrize(
    "title",
    [
        "清河在线网：清河县农业农村局2023年度耕地保护项目支出绩效自评报告",
        "2023年度某某资讯网:清河县第一小学整体支出绩效自评报告",
        "[清河门户网]清河县农业农村局2023年度耕地保护项目支出绩效自评报告",
        "来源：清河之窗网 清河县农业农村局2023年度耕地保护项目支出绩效自评报告",
    ],
)
def test_a_site_name_in_the_title_is_a_repost(title: str) -> None:
    [msg] = codes(title + TAIL, "Q201")
    assert "转载网站" in msg


@pytest.mark.parametrize(
    "head",
    [
        "清河县农业农村局2023年度耕地保护项目支出绩效自评报告\n信息来源：清河县人民政府网 发布时间：2024-03-20",
        "清河县工信局2023年度“互联网+政务”平台建设项目支出绩效自评报告",
        "国家电网：清河供电公司2023年度农网改造项目支出绩效自评报告",
        "清河县水务局2023年度城区供水管网：改造项目支出绩效自评报告",
    ],
)
def test_networks_and_source_lines_are_not_reposts(head: str) -> None:
    assert codes(head + TAIL, "Q201") == []


def test_the_sites_name_elsewhere_is_counted_with_the_title() -> None:
    text = (
        "2023年度某某资讯网:清河县第一小学整体支出绩效自评报告\n一、部门基本情况\n"
        "某某资讯网:清河县第一小学是某某资讯网:教育局直属小学。\n"
    )
    [f] = review_text(text, select=["Q201"])
    assert len(f.spans) == 3
