"""R076: a table whose header letters its columns and states its percents as formulas over them
(全年到位资金(D) 预算到位(D/C×100%)), each row's figures placed every order-keeping way."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

# Seven columns; the rows lost their empty cell (B), so six figures stand for seven columns, the
# row's number (行次) first, the figures running onto the next line.
LETTERED = (
    "资金投入情况(万元)\n行次 全年预算数\n(A)\n统筹整合资金数\n(B)\n扣除统筹整合资金后预算金额\n(C)\n"
    "全年到位资金\n(D)\n预算到位\n(D/C×100%)\n全年执行资金\n(E)\n预算执行\n(E/C×100%)\n佐证材料\n"
    "列次 0 1 2 3 4 5 6 7 所需材料\n"
    "年度资金总额(万元): 1 52.8\n52.8 52.8 {arrived} 30.8 {spent}\n"
    "其中:中央财政资金(万元) 2 52.8\n52.8 52.8 100.00% 30.8 58.33% 预算下达文件\n"
    "地方财政资金(万元) 3\n"
)


def _r076(text: str) -> list[tuple[str, Severity, str]]:
    return [(f.code, f.severity, f.message) for f in review_text(text, select=["R076"])]


def test_a_percent_no_placement_gives_is_reported_whichever_cell_is_empty() -> None:
    assert _r076(LETTERED.format(arrived="100.00%", spent="58.33%")) == []
    ((code, severity, message),) = _r076(LETTERED.format(arrived="100.30%", spent="58.33%"))
    assert code == "R076" and severity == Severity.WARNING
    assert "预算到位" in message and "D ÷ C = 52.8 ÷ 52.8 = 100%" in message
    ((_c, _s, message),) = _r076(LETTERED.format(arrived="100.00%", spent="85.33%"))
    assert "预算执行" in message and "E ÷ C = 30.8 ÷ 52.8 = 58.33%" in message


def test_a_truncated_percent_is_no_mismatch() -> None:
    assert _r076(LETTERED.format(arrived="100.00%", spent="58.3%")) == []  # 58.333 → 58.3
    assert _r076(LETTERED.format(arrived="100%", spent="58%")) == []


PIPE = (
    "| 项目 | 预算数(A) | 到位数(B) | 到位率(B/A) |\n|---|---|---|---|\n"
    "| 资金总额 | 100 | 80 | {rate} |\n"
)


def test_a_row_with_every_cell_is_an_error() -> None:
    assert _r076(PIPE.format(rate="80%")) == []
    ((_code, severity, message),) = _r076(PIPE.format(rate="85%"))
    assert severity == Severity.ERROR and "80 ÷ 100 = 80%" in message


def test_a_placement_that_gives_the_percent_keeps_the_row_silent() -> None:
    # 100 and 80 under three letters: A and C give 80 %, so the percent may be right.
    text = (
        "| 项目 | 预算数(A) | 调整数(B) | 到位数(C) | 到位率(C/A) |\n|---|---|---|---|---|\n"
        "| 资金总额 | 100 | 80 | 80% |\n"
    )
    assert _r076(text) == []


def test_near_misses_that_are_no_lettered_header() -> None:
    # Letters out of order, or a formula over a letter no column carries: no header.
    assert _r076(PIPE.replace("(A)", "(C)").format(rate="85%")) == []
    assert _r076(PIPE.replace("(B/A)", "(B/D)").format(rate="85%")) == []
    # A zero denominator: nothing to judge.
    assert _r076(PIPE.format(rate="85%").replace("| 100 |", "| 0 |")) == []


def test_a_funds_block_the_form_reader_reads_is_left_to_r003() -> None:
    text = (
        "项目资金(万元) 预算数(A) 执行数(B) 执行率(B/A) 得分\n"
        "年度资金总额 | 285.84 | 285.84 | 90% | 9 |\n"
    )
    found = review_text(text, select=["R003", "R076"])
    assert [f.code for f in found] == ["R003"]
