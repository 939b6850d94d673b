"""Funds rows whose figures ran together: read only when one split of the run holds."""

from __future__ import annotations

from decimal import Decimal

from reviewer.document.tables import Cell
from reviewer.document.unglue import unglue
from reviewer.models import Severity
from tests.helpers import review_text

FIVE = ["opening", "exec", "weight", "rate", "score"]
THREE = ["full", "exec", "rate"]


def cells(*texts: str) -> list[Cell]:
    out, pos = [], 0
    for t in texts:
        out.append(Cell(t, pos, pos + len(t)))
        pos += len(t) + 1
    return out


def read(texts: tuple[str, ...], columns: list[str], stated: set[Decimal] | None = None):
    got = unglue(cells(*texts), columns, columns[0], stated or set())
    return None if got is None else ({k: c.text for k, c in got[0].items()}, got[1])


def test_the_one_split_that_makes_the_row_consistent_is_read() -> None:
    # 154.74 / 310.2 = 49.88% → 50% at no decimals; 10 × 49.88% = 4.99 → 5
    assert read(("310.2154.741050%5",), FIVE) == (
        {"opening": "310.2", "exec": "154.74", "weight": "10", "rate": "50%", "score": "5"},
        "consistent",
    )
    # a separated budget and a run of spending and rate: 90 / 120 = 75.00%
    assert read(("120", "90.0075.00%"), THREE) == (
        {"full": "120", "exec": "90.00", "rate": "75.00%"},
        "consistent",
    )


def test_a_run_with_several_consistent_splits_stays_unread() -> None:
    # 20 | 10 | 50% and 2010 | 5 | 0% (0.25% truncated) both hold: no reading is sure
    assert read(("201050%",), THREE) is None


def test_a_run_no_split_makes_consistent_is_read_only_through_an_amount_stated_elsewhere() -> None:
    # 47.68 | 95.00% and 47.689 | 5.00% are both well formed, neither gives its rate
    assert read(("50万元", "47.6895.00%"), THREE) is None
    assert read(("50万元", "47.6895.00%"), THREE, {Decimal("47.68")}) == (
        {"full": "50万元", "exec": "47.68", "rate": "95.00%"},
        "stated",
    )
    # an amount stated elsewhere that fits no split, or fits two, leaves it unread
    assert read(("50万元", "47.6895.00%"), THREE, {Decimal("47.6")}) is None
    assert read(("50万元", "47.6895.00%"), THREE, {Decimal("47.68"), Decimal("47.689")}) is None


def test_spending_above_the_budget_or_a_rate_above_100_is_no_reading() -> None:
    # 60 > 50: the only well-formed cut of the run overspends
    assert read(("50", "60.0010.00%"), THREE, {Decimal("60")}) is None


FORM = (
    "项目资金（万元） 全年预算数 全年执行数 执行率\n"
    "年度资金总额 50万元 {run}\n"
    "其中：中央财政补助 50万元 {run}\n"
    "{after}"
)


def test_a_rate_of_a_row_read_through_an_amount_stated_elsewhere_is_checked() -> None:
    text = FORM.format(run="47.6895.00%", after="成本指标 项目建设成本 ≤50万元 47.68万元\n")
    found = [f for f in review_text(text) if f.code in ("R003", "T005")]
    assert [(f.code, f.severity) for f in found] == [
        ("R003", Severity.WARNING),
        ("R003", Severity.WARNING),
    ]
    assert "47.68 ÷ 50（全年预算数）= 95.36%" in found[0].message
    assert "数字连写" in found[0].message


def test_a_run_together_row_with_no_sure_reading_stays_t005() -> None:
    text = FORM.format(run="47.6895.00%", after="")
    assert [f.code for f in review_text(text) if f.code in ("R003", "T005")] == ["T005"]


def test_long_runs_are_cut_by_the_columns_constraints_not_by_brute_force() -> None:
    six = ["opening", "full", "exec", "weight", "rate", "score"]
    # one consistent reading: every amount the same, 10 | 100.0% | 10
    got = read(("40067273.3240067273.3240067273.3210100.0%10",), six)
    assert got is not None and got[1] == "consistent"
    assert got[0]["exec"] == "40067273.32" and got[0]["rate"] == "100.0%"
    # three consistent readings (145000000.00 | 145000000.00 … or 145000000.001 | 45000000.001 …):
    # unread
    assert read(("145000000.00145000000.00145000000.0010100.0%10",), six) is None
