"""Where the ledger of figures shows: the JSON `figures` key, the summary line of text and
markdown, the 需补充佐证材料 list of markdown and xlsx, the HTML marks."""

from __future__ import annotations

import io
import json

import pytest

from reviewer.engine import check_text
from reviewer.models import RunResult
from reviewer.render import render, render_bytes

TEXT = (
    "本年收入500万元，其中：财政拨款300万元，其他收入200万元。\n"
    "年度预算资金85.6万元。培训120人次。依据财预〔2020〕10号文件。\n"
)


def run() -> RunResult:
    return RunResult(reports=[check_text(TEXT, path="<a>")])


def test_json_keeps_version_1_and_adds_the_figures_of_each_report() -> None:
    data = json.loads(render(run(), "json", "zh"))
    assert data["version"] == 1
    figures = {f["text"]: f for f in data["reports"][0]["figures"]}
    assert set(figures["500万元"]) >= {"start", "end", "text", "value", "unit", "status"}
    assert figures["500万元"]["status"] == "verified" and figures["500万元"]["value"] == 500
    assert figures["500万元"]["relations"] == ["sum: 300 + 200 = 500万元"]
    assert figures["85.6万元"]["status"] == "unverifiable"
    assert figures["2020"]["status"] == "reference"
    assert TEXT[figures["120人次"]["start"] : figures["120人次"]["end"]] == "120人次"


def test_text_ends_each_report_with_the_ledger_line() -> None:
    out = render(run(), "text", "zh")
    assert "  数字 5 个：一致 3，不一致 0，无法核对 2" in out.splitlines()


def test_markdown_lists_the_key_figures_to_evidence_then_the_ledger_line() -> None:
    md = render(run(), "markdown", "zh")
    evidence = md.split("**需补充佐证材料**", 1)[1]
    assert "- 第 2 行：年度预算资金 85.6万元" in evidence
    assert "120人次" not in evidence  # not a key figure: no evidence asked for
    assert "500万元" not in evidence  # verified
    assert "> 数字 5 个：一致 3，不一致 0，无法核对 2" in md


def test_html_underlines_verified_figures_and_greys_unverifiable_ones() -> None:
    html = render(run(), "html", "zh", texts={"<a>": TEXT})
    ok = '<span class="fig ok" title="已核对一致：\nsum: 300 + 200 = 500万元">500万元</span>'
    assert ok in html
    assert ">85.6万元</span>" in html and 'class="fig unv"' in html
    assert ">2020</span>" not in html  # a reference is not marked


def test_xlsx_has_a_sheet_of_the_figures_to_evidence() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(render_bytes(run(), "xlsx", "zh")))
    rows = [[c.value for c in r] for r in wb["需补充佐证材料"].iter_rows()]
    assert rows[0][:4] == ["报告", "行", "项目", "数字"]
    assert rows[1:] == [["<a>", 2, "年度预算资金", "85.6万元", "无法核对", None]]


def test_the_readme_shows_the_ledger_line_printed_for_the_sample() -> None:
    from pathlib import Path

    from reviewer.engine import check
    from reviewer.ledger import summary_line

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("## What the output looks like", 1)[1].split("```", 2)[1]
    (shown,) = [ln.strip() for ln in block.splitlines() if ln.strip().startswith("数字 ")]
    assert shown == summary_line(check(root / "fixtures" / "reports" / "zhengjiayi-2024.txt"))
