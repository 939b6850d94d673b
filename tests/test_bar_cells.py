"""S036 met-row-scored-down-bar-cells: a met row scored down in a form of cells between `|` lines."""

from __future__ import annotations

from reviewer.checks.registry import RULES
from reviewer.models import Severity
from tests.helpers import review_text


def s036(text: str) -> list:
    return review_text(text, select=["S036"])


def form(rows: list[list[str]], header: list[str] | None = None) -> str:
    head = header or ["绩效目标设置情况", "目标名称", "目标值", "目标完成值", "权重分值", "得分"]
    cells = head + [c for row in rows for c in row]
    return "\n|\n".join(cells) + "\n"


_MET = [
    ["1.资金管理", "专账核算", "专账核算", "2", "2"],
    ["3.项目管理", "按期完成", "按期完成", "3", "3"],
    ["4.档案管理", "资料齐全", "资料齐全", "3", "3"],
]


def test_a_met_row_scored_down_with_no_reason() -> None:
    rows = [*_MET[:1], ["2.财务管理", "符合财务制度", "符合财务制度", "2", "1.5"], *_MET[1:]]
    (f,) = s036(form(rows))
    assert f.severity == Severity.WARNING and f.kind == "score_formula"
    assert f.spans[0].text == "1.5" and "2.财务管理" in f.message
    # The actual is the target less its lead (支出): met, said with less certainty.
    rows[1] = ["2.财务管理", "支出符合财务管理制度规定", "符合财务管理制度规定", "2", "1.5"]
    (f,) = s036(form(rows))
    assert f.severity == Severity.INFO


def test_the_group_cell_before_the_header_does_not_shift_the_rows() -> None:
    rows = [*_MET[:1], ["2.财务管理", "符合财务制度", "符合财务制度", "2", "1.5"], *_MET[1:]]
    plain = ["目标名称", "目标值", "目标完成值", "权重分值", "得分"]
    assert [f.code for f in s036(form(rows, plain))] == ["S036"]


def test_near_misses_stay_silent() -> None:
    # An actual that differs, a full score, or a figure (numbers are the rate checks').
    for row in (
        ["2.财务管理", "符合财务制度", "部分支出手续不全", "2", "1.5"],
        ["2.财务管理", "符合财务制度", "符合财务制度", "2", "2"],
        ["2.财务管理", "≥95%", "≥95%", "2", "1.5"],
        ["2.财务管理", "符合财务制度", "不符合财务制度", "2", "1.5"],
    ):
        assert s036(form([*_MET[:1], row, *_MET[1:]])) == [], row


def test_a_form_with_a_reason_column_is_left_alone() -> None:
    header = ["目标名称", "目标值", "目标完成值", "权重分值", "得分", "偏差原因"]
    rows = [[*r, ""] for r in _MET]
    rows.insert(1, ["2.财务管理", "符合财务制度", "符合财务制度", "2", "1.5", ""])
    assert s036(form(rows, header)) == []


def test_rule_example_and_counterexample() -> None:
    r = RULES["S036"]
    assert s036(r.example) and r.counterexample and s036(r.counterexample) == []
