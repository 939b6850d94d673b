"""`--format github`: GitHub Actions workflow commands."""

from __future__ import annotations

from reviewer.render import render
from reviewer.render.github import escape_data, escape_property
from tests.test_cli import REPORT, sample_run


def test_one_annotation_per_finding_with_location_and_title(fake_rules: None) -> None:
    lines = render(sample_run(), "github", "zh").splitlines()
    col = REPORT.splitlines()[3].index("合计99人") + 1
    assert lines[0] == (
        f"::error file=reports/a.txt,line=4,col={col},endLine=4,endColumn={col + 5},"
        "title=Z001 合计不符（测试）::合计与分项不符：合计99人"
    )
    assert lines[1].startswith("::warning file=reports/a.txt,line=6,col=1,")
    assert lines[2].startswith("::notice ")
    assert lines[3] == "::error file=reports/bad.txt::无法审核：the report is empty"
    assert len(lines) == 4  # 3 findings + 1 unreadable report; a clean report says nothing


def test_values_are_escaped() -> None:
    assert escape_data("50%\n下一行") == "50%25%0A下一行"
    assert escape_property("a,b:c") == "a%2Cb%3Ac"
