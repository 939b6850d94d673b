"""Q050 copied-from-other-report: paragraphs shared by reports of different units in one batch."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from reviewer.cli import app
from reviewer.copies import TEMPLATE_REPORTS, check_texts, normalize
from reviewer.models import ReportResult, Severity

PROBLEM = (
    "部分项目前期论证不充分，资金拨付进度滞后于计划，绩效目标设置不够细化量化，"
    "绩效监控流于形式，未能及时发现和纠正执行中的偏差。"
)
OVERVIEW = (
    "{unit}全年共安排专项资金{n}万元，用于农村道路维护、河道清淤和饮水安全工程，"
    "惠及群众{m}人，群众满意度明显提升。"
)


def report(unit: str, *, problem: str = PROBLEM, overview: str = "", year: int = 2024) -> str:
    return (
        f"{unit}{year}年度部门整体支出绩效自评报告\n"
        "一、部门概况\n"
        f"{overview or '本单位主要负责全县相关行业管理和公共服务工作，内设机构若干。'}\n"
        "二、存在的问题\n"
        f"{problem}\n"
    )


def q050(results: list[ReportResult]) -> list[list[dict[str, object]]]:
    return [
        [
            dict(f.data, line=f.spans[0].line, severity=f.severity)
            for f in r.findings
            if f.code == "Q050"
        ]
        for r in results
    ]


def test_a_problem_paragraph_shared_by_two_units_is_a_warning_in_both_naming_the_other() -> None:
    found = q050(check_texts([("a.txt", report("甲县水利局")), ("b.txt", report("乙县林业局"))]))
    assert [[(f["other"], f["other_line"], f["line"]) for f in r] for r in found] == [
        [("b.txt", 5, 5)],
        [("a.txt", 5, 5)],
    ]
    assert all(f["severity"] == Severity.WARNING and f["exact"] for r in found for f in r)


def test_figures_and_the_units_own_names_do_not_hide_a_copy_and_outside_key_sections_it_is_info() -> (
    None
):
    a = report("甲县水利局", overview=OVERVIEW.format(unit="甲县水利局", n=120, m=3500))
    b = report("乙县林业局", overview=OVERVIEW.format(unit="乙县林业", n="86.5", m=12000))
    found = q050(check_texts([("a.txt", a), ("b.txt", b)]))
    lines = {(f["line"], f["severity"]) for f in found[0]}
    assert (3, Severity.INFO) in lines and (5, Severity.WARNING) in lines


def test_a_near_duplicate_with_one_clause_edited_is_found_as_similar() -> None:
    edited = PROBLEM.replace("绩效监控流于形式", "事中监控仍有不到位的地方")
    results = check_texts(
        [("a.txt", report("甲县水利局")), ("b.txt", report("乙县林业局", problem=edited))]
    )
    [finding] = [f for f in results[1].findings if f.code == "Q050"]
    assert finding.data["exact"] is False and 80 <= finding.data["similarity"] < 100
    assert "高度相似" in finding.message


def test_a_paragraph_mostly_rewritten_is_not_a_copy() -> None:
    rewritten = (
        "部分项目前期论证不充分，资金到位后迟迟未能开工，年度目标只写了定性表述，"
        "监控工作停留在填表阶段，发现的问题没有整改台账。"
    )
    results = check_texts(
        [("a.txt", report("甲县水利局")), ("b.txt", report("乙县林业局", problem=rewritten))]
    )
    assert q050(results) == [[], []]


def test_a_shared_sentence_under_forty_characters_is_not_reported() -> None:
    short = "资金拨付进度滞后于计划，绩效监控流于形式。"
    results = check_texts(
        [
            ("a.txt", report("甲县水利局", problem=short)),
            ("b.txt", report("乙县林业局", problem=short)),
        ]
    )
    assert q050(results) == [[], []]


def test_two_years_of_one_unit_are_not_compared() -> None:
    results = check_texts(
        [("a-2023.txt", report("甲县水利局", year=2023)), ("a-2024.txt", report("甲县水利局"))]
    )
    assert q050(results) == [[], []]


def test_template_wording_shared_by_many_reports_is_not_a_copy() -> None:
    units = [f"{name}县水利局" for name in "甲乙丙丁戊己庚辛壬癸子丑"][: TEMPLATE_REPORTS + 1]
    results = check_texts([(f"{i}.txt", report(u)) for i, u in enumerate(units)])
    assert all(not r for r in q050(results))


def test_table_rows_are_not_paragraphs() -> None:
    row = (
        "| 农村道路维护工程项目资金（含以前年度结转资金及本年度新增安排资金） | 120 | 118 | 98.3% |"
    )
    a = report("甲县水利局", problem=row)
    b = report("乙县林业局", problem=row)
    assert q050(check_texts([("a.txt", a), ("b.txt", b)])) == [[], []]


def test_normalization_writes_figures_and_the_unit_name_alike() -> None:
    assert normalize("甲县水利局 安排资金 1,200.5 万元", "甲县水利局") == "〇安排资金#万元"
    assert normalize("甲县水利安排资金86万元", "甲县水利局") == "〇安排资金#万元"


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_the_cli_reports_copies_in_its_output_but_not_in_the_results_checkpoint(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(report("甲县水利局"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(report("乙县林业局"), encoding="utf-8")
    results = tmp_path / "run.jsonl"
    out = invoke(
        "check", str(tmp_path), "-f", "json", "--results", str(results), "--fail-on", "none"
    )
    assert out.exit_code == 0, out.output
    reports = json.loads(out.stdout)["reports"]
    assert all(any(f["code"] == "Q050" for f in r["findings"]) for r in reports)
    assert "Q050" not in results.read_text(encoding="utf-8")
    resumed = invoke("check", str(tmp_path), "-f", "json", "--results", str(results), "--resume")
    again = json.loads(resumed.stdout)["reports"]
    assert [[f["code"] for f in r["findings"]] for r in again] == [
        [f["code"] for f in r["findings"]] for r in reports
    ]


def test_the_policy_applies_to_the_batch_rule(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(report("甲县水利局"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(report("乙县林业局"), encoding="utf-8")
    ignored = invoke("check", str(tmp_path), "-f", "json", "--ignore", "Q050")
    assert "Q050" not in ignored.stdout
    raised = invoke("check", str(tmp_path), "-f", "json", "--severity", "Q050=error")
    assert raised.exit_code == 1
    codes = {
        (f["code"], f["severity"])
        for r in json.loads(raised.stdout)["reports"]
        for f in r["findings"]
    }
    assert ("Q050", "error") in codes


def test_a_paragraph_pasted_with_the_other_units_name_left_in_is_found() -> None:
    theirs = OVERVIEW.format(unit="甲县水利局", n=120, m=3500)
    a = report("甲县水利局", overview=theirs)
    b = report("乙县林业局", overview=theirs.replace("120", "95"))  # the name not even changed
    found = q050(check_texts([("a.txt", a), ("b.txt", b)]))
    assert 3 in {f["line"] for f in found[0]} and 3 in {f["line"] for f in found[1]}


def test_worker_processes_find_the_same_copies_as_one_process(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(report("甲县水利局"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(report("乙县林业局"), encoding="utf-8")
    runs = [
        invoke("check", str(tmp_path), "-f", "json", "--fail-on", "none", "-j", jobs)
        for jobs in ("1", "2")
    ]
    one, two = (
        [[f["code"] for f in r["findings"]] for r in json.loads(o.stdout)["reports"]] for o in runs
    )
    assert one == two and all("Q050" in codes for codes in one)


def test_a_collector_keeps_a_reports_paragraphs_packed_and_reads_their_texts_back() -> None:
    from reviewer.copies import Packed, Texts, fingerprint
    from reviewer.document import Document

    text = (
        "甲县水利局2024年度部门整体支出绩效自评报告\n"
        "三、存在的问题\n"
        "  部分项目前期论证不充分，资金拨付进度滞后于计划，绩效目标设置不够细化量化，"
        "绩效监控流于形式，未能及时发现和纠正执行中的偏差。\n"
    )
    prints = fingerprint(Document(text=text, path="a.txt"), "甲县水利局")
    packed = Packed(prints, Texts())
    assert len(packed.paras) == len(prints.paras) == 1
    para = packed.paras[0]
    assert para.text == "" and para.at >= 0  # the text is on disk, the rest in ints
    assert packed.full(para) == prints.paras[0]
    assert packed.full(para).span == prints.paras[0].span
    assert prints.paras[0].span.text.startswith("  部分项目")  # the original line, not stripped
