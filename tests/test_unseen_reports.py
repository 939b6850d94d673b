"""Reports written for the purpose, in wording and layouts the samples do not use.

`other-province.txt` is internally consistent except one admitted miss; planting six mistakes in
it must produce exactly the six findings. The table reports flatten tables one cell per line and
with `|` separators, as copy-paste from PDFs and web pages does.
"""

from __future__ import annotations

from pathlib import Path

from reviewer.document import Document
from reviewer.engine import check

DATA = Path(__file__).parent / "data" / "reports"


def codes(text: str) -> list[str]:
    return sorted(f.code for f in check(Document(text=text)).findings)


def test_consistent_report_yields_only_the_admitted_miss() -> None:
    text = (DATA / "other-province.txt").read_text(encoding="utf-8")
    assert codes(text) == ["G001", "G004"]


def test_each_planted_mistake_is_found() -> None:
    text = (DATA / "other-province.txt").read_text(encoding="utf-8")
    planted = {
        "预算执行率为96.00%": "预算执行率为97.00%",  # R001: 5406.99 / 5632.40 = 96.00%
        "占总支出的23.12%": "占总支出的25.12%",  # P001
        "下降12.07%": "下降10.07%",  # P101: 2.10 / 17.40 = 12.07%
        "综合得分93.1分": "综合得分94.1分",  # S001: 18.5 + 19 + 36.4 + 19.2 = 93.1
        "内设科室五个": "内设科室六个",  # C001: five named
        "其中在编28人": "其中在编27人",  # T001: 27 + 2 = 29, not 30
    }
    for old, new in planted.items():
        assert old in text
        text = text.replace(old, new)
    assert codes(text) == ["C001", "G001", "G004", "P001", "P101", "R001", "S001", "T001"]


def test_flattened_tables_are_checked() -> None:
    text = (DATA / "flattened-tables.txt").read_text(encoding="utf-8")
    found = codes(text)
    # 620.50 + 379.60 = 1000.10 ≠ 1000.00; 26 公里 misses ≥30 yet scored 20/20; 95 graded 良
    for code in ("T001", "G001", "G005", "S004", "C001"):
        assert code in found
    assert "Q004" not in found  # the flattened score table backs the self-score


def test_pipe_tables_are_checked() -> None:
    text = (DATA / "pipe-tables.md").read_text(encoding="utf-8")
    # 1900 / 2000 = 95%, not 96%; 650 人次 misses ≥800 yet scored 30/30; recomputed by the
    # official method the indicators total 84.38, not 89 (S020)
    assert codes(text) == ["G001", "G005", "R001", "S020"]
