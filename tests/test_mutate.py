"""The mutation eval: relations found by brute force (with near misses that are not relations),
typos planted in them, the .docx rebuild, and recall on the sample reports."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from reviewer.cli_eval import eval_cmd
from reviewer.document.normalize import normalize
from reviewer.evals.docx_build import docx_document, docx_round_trip
from reviewer.evals.mutate import Checker, apply, breaks, candidates, plant, run_mutations
from reviewer.evals.relations import Relation, find_relations

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))


def shown(text: str, kind: str | None = None) -> list[str]:
    """Each relation as 'kind anchor = parts' in the text's own figures."""
    out = []
    for r in find_relations(text):
        if kind and r.kind != kind:
            continue
        fig = text[r.anchor.start : r.anchor.end]
        parts = " ".join(text[p.start : p.end] for p in r.parts)
        out.append(
            f"{r.kind}/{r.layout} {fig} = {parts}".strip() + (f" #{r.items}" * bool(r.items))
        )
    return out


# --- sums --------------------------------------------------------------------------------------


def test_a_total_and_the_adjacent_run_it_equals() -> None:
    text = "2024年度收入合计860.00万元，其中财政拨款800.00万元，其他收入60.00万元。\n"
    assert shown(text) == ["sum/prose 860.00 = 800.00 60.00"]


def test_a_total_after_its_parts_in_the_same_sentence() -> None:
    text = "公务员32人、工勤人员1人、事业人员62人，共计95人。\n"
    assert shown(text) == ["sum/prose 95 = 32 1 62"]


def test_no_sum_across_a_unit_change() -> None:
    # 60万元 = 600000元, but the run changes unit: not a relation this eval trusts
    text = "收入合计860.00万元，其中财政拨款800.00万元，其他收入600000元。\n"
    assert shown(text, "sum") == []


def test_no_sum_of_distant_figures() -> None:
    # 39 + 97 = 136 by chance: another sentence, another paragraph, or an approximate figure
    # (1400余人) between them
    assert shown("慰问残疾人39人，签约97人。\n办理退休136人。\n", "sum") == []
    assert shown("慰问残疾人39人，签约97人。参保1400余人，办理退休136人。\n", "sum") == []
    assert shown("慰问残疾人39人，签约97人。办理退休136人。\n", "sum") == []


def test_no_sum_of_peers_in_a_list_or_of_ones() -> None:
    text = "分值设置为：产出指标50分、效益指标30分、满意度指标10分、预算执行率10分。\n"
    assert shown(text, "sum") == []
    assert shown("领导职数3名，其中书记1名，镇长1名，副书记1名。\n", "sum") == []


def test_no_sum_of_a_prefix_of_a_longer_list() -> None:
    # 11 = 4 + 7, but the list goes on (；丁中心实有3人): a coincidence, not a breakdown
    text = "甲中心实有11人；乙中心实有4人；丙中心实有7人；丁中心实有3人。\n"
    assert shown(text, "sum") == []
    assert shown("一级指标3个，二级指标9个，三级指标13个，共计25个。\n", "sum") == [
        "sum/prose 25 = 3 9 13"
    ]


def test_a_run_is_given_one_total() -> None:
    text = "总投资61.8万元，其中中央资金30.9万元，县级配套30.9万元，下达资金61.8万元。\n"
    assert shown(text, "sum") == ["sum/prose 61.8 = 30.9 30.9"]


def test_levels_of_one_tree_are_not_a_breakdown() -> None:
    # 12 = 3 + 9 by chance: 三级指标12个 is the next level, labelled like the items before it
    text = "该项目共编制12个绩效目标指标，其中一级指标3个，二级指标9个，三级指标12个。\n"
    assert shown(text, "sum") == []
    # a figure equal to the total with another label still restates it
    text = "总投资61.8万元，其中中央资金30.9万元，县级配套30.9万元，下达资金61.8万元。\n"
    assert shown(text, "sum") == ["sum/prose 61.8 = 30.9 30.9"]


def test_a_run_stays_inside_its_brackets_and_its_sentence() -> None:
    # 18 + 1 = 19 by chance: the 1 is a note in brackets, the 18 a figure outside them
    text = "补助18个重点项目资金774万元，完成19项代表性项目（含1个联合国项目），支持了19个项目。\n"
    assert shown(text, "sum") == []
    # 5 = 1 + 4 by chance: the list 主任1名；副主任4名（…）；督查员3名 goes on past the bracket
    text = (
        "事业编制5名（信息中心）。设主任1名，由领导兼任；副主任4名（其中正科级1名）；督查员3名。\n"
    )
    assert shown(text, "sum") == []
    # a breakdown in brackets does not break the list it stands in
    text = (
        "预拨资金3608万元（中央资金2855万元、省级资金753万元），清算资金120万元，"
        "年度资金3728万元全部执行到位。\n"
    )
    assert "sum/prose 3728 = 3608 120" in shown(text, "sum")
    text = "已使用36.1万元，其中：中央资金9.6万元（含待付款1.4万元），地方资金21.3万元，其他5.2万元。\n"
    assert shown(text, "sum") == ["sum/prose 36.1 = 9.6 21.3 5.2"]


def test_a_table_row_sums_its_cells_or_one_cells_words() -> None:
    row = "| 绩效目标（6分） | 合理性 | 4 | 设置目标（2分，其中整体1分，项目1分，无项目得2分） |\n"
    assert shown(row, "sum") == []  # 6 in one cell, 2 + 1 + 1 + 2 in another
    assert shown("| 合计 | 100 | 60 | 40 |\n| 说明 | 其中 |\n", "sum") == ["sum/pipe 100 = 60 40"]
    assert shown("| 资金 | 共100万元，其中A 60万元、B 40万元 |\n", "sum") == [
        "sum/pipe 100 = 60 40"
    ]


# --- rates -------------------------------------------------------------------------------------


def test_a_rate_equal_to_a_quotient_at_its_precision() -> None:
    text = "支出合计860.00万元，其中基本支出520.00万元，占60.47%。\n"
    assert shown(text, "rate") == ["rate/prose 60.47 = 520.00 860.00"]
    # one decimal: 520/860 = 60.465…% reads 60.5%
    assert shown("支出合计860.00万元，其中基本支出520.00万元，占60.5%。\n", "rate") != []


def test_no_rate_when_the_percent_is_not_a_quotient() -> None:
    assert shown("支出合计860.00万元，其中基本支出520.00万元，占61.47%。\n", "rate") == []
    assert shown("支出合计860.00万元，群众满意度95%。\n", "rate") == []
    # a quotient of scores, or of figures with another number between them and the percent
    assert shown("效益指标30分，满分50分，指标3:接种率60%。\n", "rate") == []
    assert shown("建立接种证221人 221人 2 2 指标8:接种率 100.00%\n", "rate") == []


# --- tables ------------------------------------------------------------------------------------

PIPE = """单位：万元
| 项目 | 年初预算数 | 全年执行数 | 执行率 |
|---|---|---|---|
| 基本支出 | 520.00 | 500.00 | 96.15% |
| 项目支出 | 330.00 | 300.00 | 90.91% |
| 合计 | 850.00 | 800.00 | 94.12% |
"""

CELLS = """人员情况
编制人数
实有人数
在职
15
12
退休
6
5
合计
21
17
"""


def test_a_pipe_table_column_and_its_total_row() -> None:
    got = shown(PIPE)
    assert "column/pipe 850.00 = 520.00 330.00" in got
    assert "column/pipe 800.00 = 500.00 300.00" in got
    assert "rate/pipe 96.15 = 500.00 520.00" in got


def test_no_column_relation_when_the_total_row_does_not_add_up() -> None:
    assert (
        shown(PIPE.replace("| 合计 | 850.00 | 800.00", "| 合计 | 860.00 | 810.00"), "column") == []
    )
    # and no total row, no column relation
    assert shown(PIPE.replace("合计", "其他"), "column") == []


def test_one_cell_per_line_columns_by_trying_each_column_count() -> None:
    assert shown(CELLS) == ["column/cell 21 = 15 6", "column/cell 17 = 12 5"]
    # blank lines between cells, and cells written `cell |`, read the same
    spaced = "\n\n".join(CELLS.splitlines()) + "\n"
    assert shown(spaced) == ["column/cell 21 = 15 6", "column/cell 17 = 12 5"]
    piped = "".join(f"{ln} |\n" for ln in CELLS.splitlines())
    assert shown(piped) == ["column/cell 21 = 15 6", "column/cell 17 = 12 5"]


def test_a_table_run_together_on_one_line() -> None:
    line = "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 43.2 43.2 37.24 10 86% 9 "
    assert shown(line + "\n", "rate") == ["rate/run 86 = 37.24 43.2"]
    # a label between the figures and the percent starts another row: not their quotient
    other = "指标7:接种证 221人 221人 2 2 指标8:接种率 100.00% 97.30% 2 1.9 3 4 5\n"
    assert shown(other, "rate") == []
    # another row's rate between the figures and the percent: not their quotient
    rows = "执行率 得分 年度资金总额 0 207.45 10 100% 10 其中 207.45 — 100% — 其他 — — 1 2\n"
    assert shown(rows, "rate") == []
    assert shown(rows.replace("其中 207.45 — 100%", "其中 207.45 207.45 100%"), "rate") == [
        "rate/run 100 = 207.45 207.45"
    ]


def test_a_table_row_run_together_inside_a_line_of_words() -> None:
    # A form's row printed between its words (too few figures for the whole line to be a
    # run-together table): its space-separated figure cells are read as a run-together row.
    line = (
        "资金到位率 执行率 52.800000 52.800000 100.00% 30.800000 58.33% 预算下达文件，资金到位。\n"
    )
    # 58.33 = 30.8 / 52.8, but another row's rate stands between: not read
    assert shown(line, "rate") == ["rate/run 100.00 = 52.800000 52.800000"]
    units = (
        "年度资金总额: 620.82万元 620.82万元 620.82万元 100 100% 10 其中:拨款 说明文字，较长。\n"
    )
    assert shown(units, "rate") == ["rate/run 100 = 620.82 620.82"]
    # near misses: a word between the figures breaks the row; a stretch of figures that all
    # carry units is running text (read as prose, where a figure between them forbids it)
    assert shown(line.replace("52.800000 100.00%", "52.800000 到位 100.00%"), "rate") == []
    prose = units.replace(" 100 100% 10", " 100%")
    assert shown(prose, "rate") == ["rate/prose 100 = 620.82 620.82"]
    assert shown(prose.replace("万元 100%", "万元 100分 100%"), "rate") == []
    # the stretch has no labels: no score unless weight, rate and score stand in that order
    assert shown(units, "score") == []
    assert shown(units.replace("100 100% 10", "10 100% 10"), "score") == ["score/run 10 = 10 100"]


def test_a_figure_after_a_colon_is_a_figure_but_not_a_clock_time() -> None:
    text = "支出合计90万元。其中:60万元用于基本支出，30万元用于项目支出。\n"
    assert shown(text, "sum") == ["sum/prose 90 = 60 30"]
    # near miss: after a digit and a colon the figure is the minutes of a time
    assert shown("会议于8:30人到齐，9:30人离场，共60人。\n", "sum") == []


def test_a_sum_within_one_cell_of_a_table_run_together() -> None:
    # A sentence written in one cell of a run-together form is read like prose.
    line = (
        "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 90 90 89 10 99% 10 "
        "其中:本年财政拨款 90 90 89 实际完成情况 本项目共申请预算资金90万元。其中:30万元用于甲;30万元用于乙;30万元用于丙。 "
        "绩效指标 一级指标\n"
    )
    assert shown(line, "sum") == ["sum/run 90 = 30 30 30"]
    # near miss: figures of different cells are never added up (rows are unknown)
    assert shown("分值 得分 10 10 20 20 30 30 10 10 合计 50 50 6 7 8 9 10 11\n", "sum") == []


def test_a_bare_figure_under_a_percent_column_is_a_rate() -> None:
    table = (
        "| 项目资金 | 全年预算数 | 全年执行数 | 分值 | 执行率(%) | 得分 |\n"
        "| 年度资金总额 | 2.38 | 2.38 | 10 | 100 | 10 |\n"
        "| 其中:财政拨款 | 0.58 | 0.29 | — | 50 | — |\n"
    )
    assert shown(table, "rate") == ["rate/pipe 100 = 2.38 2.38", "rate/pipe 50 = 0.29 0.58"]
    # near miss: the same figures under a column not headed in percent
    assert shown(table.replace("执行率(%)", "执行率"), "rate") == []


def test_a_weight_a_rate_and_a_score_side_by_side() -> None:
    row = "| 年度资金总额 | 43.2 | 43.2 | 37.24 | 10 | 86% | {s} |\n"
    assert shown(row.format(s="9"), "score") == ["score/pipe 9 = 10 86"]  # 8.6 at 0 decimals
    assert shown(row.format(s="8.6"), "score") == ["score/pipe 8.6 = 10 86"]
    run = "分值 执行率 得分 年度资金总额 43.2 43.2 37.24 10 86% 9 其中 43.2 43.2 37.24 — — —\n"
    assert shown(run, "score") == ["score/run 9 = 10 86"]
    # near misses: a score that is not weight × rate; the rate and weight in another order
    # (an indicator's target, actual, weight, score); a label between them
    assert shown(row.format(s="7"), "score") == []
    assert shown("| 接种率 | 100% | 97% | 2 | 2 | 10 | 20 |\n", "score") == []
    assert shown(run.replace("10 86% 9", "10 86% 得分 9"), "score") == []


def test_a_score_mutation_breaks_only_upwards() -> None:
    # A score below weight × rate may be a deduction the form allows: only a higher one breaks.
    rel = _one("| 年度资金总额 | 43.2 | 37.24 | 10 | 86% | 9 |\n", "score")
    assert breaks(rel, rel.anchor, Decimal(10)) and breaks(rel, rel.anchor, Decimal(19))
    assert not breaks(rel, rel.anchor, Decimal(6)) and not breaks(rel, rel.anchor, Decimal(8))
    weight, rate = rel.parts
    assert breaks(rel, weight, Decimal(8)) and not breaks(rel, weight, Decimal(20))
    assert breaks(rel, rate, Decimal(16))


# --- counts ------------------------------------------------------------------------------------


def test_a_count_and_its_list() -> None:
    assert shown("局机关内设股室3个：办公室、财务股、业务股。\n") == ["count/prose 3 = #3"]
    assert shown("主要做了三个方面：一是宣传；二是培训；三是督查。\n") == ["count/prose 三 = #3"]
    numbered = "本年完成4项工作：\n1.培训\n2.调研\n3.督查\n4.宣传\n"
    assert shown(numbered) == ["count/prose 4 = #4"]


def test_no_count_when_the_list_is_open_or_differs() -> None:
    assert shown("局机关内设股室3个：办公室、财务股等。\n") == []
    assert shown("局机关内设股室4个：办公室、财务股、业务股。\n") == []
    assert shown("第3个：办公室、财务股、业务股。\n") == []


# --- the mutator -------------------------------------------------------------------------------


def _one(text: str, kind: str) -> Relation:
    return next(r for r in find_relations(text) if r.kind == kind)


def test_a_mutation_breaks_the_relation_beyond_rounding_and_keeps_the_shape() -> None:
    text = "支出合计860.00万元，其中基本支出520.00万元，项目支出340.00万元。\n"
    rel = _one(text, "sum")
    for m in candidates(text, rel, rel.anchor):
        assert len(m.new) == len(m.old) and m.new != m.old
        assert not (m.new[0] == "0" and m.new[1] != ".")
        assert breaks(rel, rel.anchor, Decimal(m.new))
    # 860.01 is within the figures' rounding (520.004 + 340.004 = 860.008); 860.02 is not
    news = {m.new for m in candidates(text, rel, rel.anchor)}
    assert "860.01" not in news and "860.02" in news
    assert "060.00" not in news  # no leading zero


def test_a_rate_mutation_leaves_the_quotients_rounding_interval() -> None:
    # 520.00 / 860.00 lies in [60.4638%, 60.4665%] given the figures' rounding
    text = "支出合计860.00万元，其中基本支出520.00万元，占60.47%。\n"
    rate = _one(text, "rate")
    news = {m.new for m in candidates(text, rate, rate.anchor)}
    assert "60.46" not in news and "60.45" in news and "60.74" in news


def test_a_mutation_within_the_parts_rounding_is_refused() -> None:
    # 1.23 + 2.35 = 3.58: 3.57 and 3.59 are within the three figures' rounding, 3.56 is not
    text = "合计3.58万元，其中甲1.23万元，乙2.35万元。\n"
    rel = _one(text, "sum")
    news = {m.new for m in candidates(text, rel, rel.anchor)}
    assert "3.57" not in news and "3.59" not in news and "3.56" in news


def test_a_mutation_is_reproducible_and_keeps_full_width_digits() -> None:
    text = "收入合计８６０．００万元，其中财政拨款８００．００万元，其他收入６０．００万元。\n"
    rel = _one(text, "sum")
    a = plant(text, rel, random.Random("7:x"))
    b = plant(text, rel, random.Random("7:x"))
    assert a is not None and a == b
    fig, m = a
    assert all(not ch.isascii() for ch in m.new if ch not in ".")
    mutated = apply(text, m)
    assert len(mutated) == len(text)
    assert normalize(mutated)[fig.start : fig.end] != normalize(text)[fig.start : fig.end]


def test_a_part_can_be_mutated_instead_of_the_total() -> None:
    text = "支出合计860.00万元，其中基本支出520.00万元，项目支出340.00万元。\n"
    rel = _one(text, "sum")
    got = plant(text, rel, random.Random("1"), target="part")
    assert got is not None
    fig, m = got
    assert fig != rel.anchor and fig in rel.parts
    assert breaks(rel, fig, Decimal(m.new))


def test_a_chinese_count_changes_one_numeral() -> None:
    text = "主要做了三个方面：一是宣传；二是培训；三是督查。\n"
    rel = _one(text, "count")
    news = {m.new for m in candidates(text, rel, rel.anchor)}
    assert "三" not in news and news <= set("一二四五六七八九") and news


# --- the .docx rebuild -------------------------------------------------------------------------


def test_docx_rebuild_makes_word_tables_the_loader_reads_back() -> None:
    text = "一、预算执行情况\n" + PIPE + "本年共开展4项工作：培训、调研、督查、宣传。\n"
    back = docx_round_trip(text)
    assert back is not None
    assert "| 合计 | 850.00 | 800.00 | 94.12% |" in back and "|---|" not in back
    assert docx_document(back).text == back  # the real loader, on the file rebuilt again
    assert docx_document(back).format == "docx"
    rels = {(r.kind, r.layout) for r in find_relations(back)}
    assert ("column", "pipe") in rels and ("count", "prose") in rels
    assert docx_round_trip("只有文字，没有表格。\n") is None


def test_docx_rebuild_turns_a_cell_run_into_a_table_when_its_shape_is_known() -> None:
    back = docx_round_trip(CELLS)
    assert back is not None
    assert "| 在职 | 15 | 12 |" in back and "| 合计 | 21 | 17 |" in back
    assert shown(back, "column") == ["column/pipe 21 = 15 6", "column/pipe 17 = 12 5"]


# A funds block one cell per line, no total row among its parts: its width shows only in its
# rows — a label, then figures, empty cells or dashes, then the next label.
FUNDS_CELLS = """资金情况(万元)
全年预算数
全年执行数
执行率
年度资金总额
30
30
100%
其中:本年财政拨款
30
30
100%
其他资金
-
-
-
年度总体目标
"""


def test_docx_rebuild_takes_a_cell_runs_width_from_two_labelled_rows_around_a_rate() -> None:
    back = docx_round_trip(FUNDS_CELLS)
    assert back is not None
    assert "| 年度资金总额 | 30 | 30 | 100% |" in back
    assert "| 其中:本年财政拨款 | 30 | 30 | 100% |" in back
    assert shown(back, "rate") == ["rate/pipe 100 = 30 30", "rate/pipe 100 = 30 30"]
    # near miss: the row after is shorter (a cell lost) and no row before is as wide: the width
    # is not shown, the run stays as it is
    ragged = FUNDS_CELLS.replace("其他资金\n-\n-\n-\n", "其他资金\n-\n").replace(
        "其中:本年财政拨款\n30\n30\n100%\n", "其中:本年财政拨款\n30\n30\n"
    )
    assert docx_round_trip(ragged) is None


def test_docx_rebuild_leaves_the_rest_of_a_table_broken_by_a_long_cell() -> None:
    # A long note cell ends the run above; the run below starts with a value row. Rebuilding it
    # alone as a Word table would make half a table: it stays as lines.
    head = "年度资金总额 |\n30 |\n30 |\n100% |\n"
    note = "1.预算执行率=预算执行数/调整后预算数,未达到90%的需说明原因(100字以内) |\n"
    rest = "".join(
        f"{ln} |\n"
        for ln in [
            "其中:本年财政拨款",
            "30",
            "30",
            "100%",
            "其他资金",
            "10",
            "10",
            "100%",
            "单位资金",
            "5",
            "5",
            "100%",
            "结束",
        ]
    )
    assert docx_round_trip(head + note + rest) is None
    whole = docx_round_trip(head + rest)  # without the note: one run, rebuilt as one table
    assert whole is not None and "| 其中:本年财政拨款 | 30 | 30 | 100% |" in whole


def test_a_table_fragment_end_to_end_in_text_and_docx(tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    f.write_text("一、预算执行情况\n" + PIPE, encoding="utf-8")
    res = run_mutations([f], seed=1, max_per_report=10)
    layouts = {p.layout for p in res.planted()}
    assert {"pipe", "docx"} <= layouts
    col = [p for p in res.planted() if p.kind == "column"]
    assert col and all(p.detected for p in col), [p.quote for p in col if not p.detected]
    parts = run_mutations([f], seed=1, max_per_report=10, docx=False, target="part")
    assert parts.planted() and all(p.target == "part" for p in parts.planted())


# --- recall on the samples ---------------------------------------------------------------------


def test_recall_on_the_sample_reports_stays_above_the_measured_floor() -> None:
    # Measured 2026-12-02 (seed 0, at most 40 per report, the nine sample reports; no table, so
    # no .docx run): 30 relations (17 sums, 10 rates, 3 counts), all 30 mutated
    # totals/rates/counts detected. Floors: 28 relations, recall >= 0.96 (one miss).
    res = run_mutations(SAMPLES, seed=0, max_per_report=40)
    overall = res.table()[-1]
    assert overall["found"] >= 28
    assert overall["planted"] >= 28
    assert (res.recall() or 0) >= 0.96
    assert (res.recall("prose", "sum") or 0) >= 0.9
    assert (res.recall("prose", "rate") or 0) >= 0.9
    assert res.recall("prose", "count") == 1.0
    # the error findings of the unmutated reports are listed, with code, message and quote
    errs = [e for r in res.reports for e in r.errors]
    assert any(e["code"] == "T001" and "43" in e["quote"] for e in errs)
    assert json.loads(json.dumps(res.as_dict()))["table"][-1]["kind"] == "all"


def test_recall_of_mutated_parts_on_the_sample_reports() -> None:
    # Measured with target="part": 25 of 28 detected (89.3%); the three misses are breakdowns
    # whose changed part the checks do not reconcile (miaoqian 19个, yonggu 25名, zhengjiayi
    # 50个). Floor: 0.82.
    res = run_mutations(SAMPLES, seed=0, max_per_report=40, target="part")
    assert (res.recall() or 0) >= 0.82


def test_the_eval_command_with_mutate(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command("eval")(eval_cmd)
    app.command("noop")(lambda: None)
    sample = str(ROOT / "fixtures" / "reports" / "planted-2024.txt")
    r = CliRunner().invoke(app, ["eval", "--mutate", "--format", "json", "--seed", "3", sample])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["seed"] == 3 and data["reports"] == 1
    assert data["table"][-1]["planted"] >= 2
    r = CliRunner().invoke(app, ["eval", "--mutate", "--max-per-report", "1", sample])
    assert r.exit_code == 0 and "mutation recall" in r.output and "relation" in r.output


def test_part_of_the_corpus_runs_when_it_is_present() -> None:
    # The real-report corpus (fixtures/corpus/reports/, collected on other branches) grows; its
    # recall is measured by evals/mutate_corpus.py, not pinned here. Every fourth report, at most
    # 8, must run through both the text and .docx paths and plant only mutations that show.
    corpus = sorted((ROOT / "fixtures" / "corpus" / "reports").glob("*.txt"))[::4][:8]
    if not corpus:
        pytest.skip("no corpus report on this branch yet")
    res = run_mutations(corpus, seed=0, max_per_report=5)
    assert len(res.reports) == len(corpus)
    for p in res.planted():
        assert p.new in p.quote and p.new != p.old
    # measured 2026-12-02: 6 of 6 detected (the whole corpus: 111 of 111, evals/mutate_corpus.py)
    assert (res.recall() or 0) >= 0.95


def test_detection_needs_a_new_numeric_error_or_warning_on_the_relation(tmp_path: Path) -> None:
    from reviewer.document import Document
    from reviewer.models import Finding, Severity

    f = tmp_path / "r.txt"
    f.write_text("收入合计860.00万元，其中财政拨款800.00万元，其他收入60.00万元。\n", "utf-8")

    def fake(code: str, severity: Severity, where: str) -> Checker:
        def checker(doc: Document) -> list[Finding]:
            if doc.norm[4:10] == "860.00":  # the unmutated report: nothing to say
                return []
            start = doc.text.index(where)
            span = doc.span(start, start + len(where))
            return [Finding(code=code, kind="k", severity=severity, message="m", spans=[span])]

        return checker

    def run(checker: Checker) -> list[tuple[bool, list[str], list[str]]]:
        res = run_mutations([f], max_per_report=5, checker=checker)
        return [(p.detected, p.codes, p.near) for p in res.planted()]

    elsewhere: tuple[bool, list[str], list[str]] = (False, [], ["T001:error@elsewhere"])
    assert run(fake("T001", Severity.ERROR, "收入合计")) == [elsewhere]  # not on a figure
    assert run(fake("T001", Severity.ERROR, "万元，其中财政拨款8")) == [(True, ["T001"], [])]
    assert run(fake("T002", Severity.INFO, "万元，其中财政拨款8")) == [(False, [], ["T002:info"])]
    assert run(fake("Q001", Severity.ERROR, "万元，其中财政拨款8")) == [(False, [], ["Q001:error"])]
