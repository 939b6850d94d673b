"""Coverage of the ledger (`reviewer eval --coverage`): figures by status, and the brute-force
relations of the mutation eval whose figures the checks verified."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reviewer.cli import app
from reviewer.engine import check_text
from reviewer.evals.coverage import Coverage, report_coverage

TEXT = (
    "本年收入500.00万元，其中：财政拨款300.00万元，其他收入200.00万元。\n"
    "全年培训120人次，开展活动12场。\n"
)


def test_a_sum_the_checks_verify_covers_the_relation_the_brute_force_finds() -> None:
    cov = Coverage()
    tally = report_coverage(TEXT, check_text(TEXT).figures or [], cov, "a.txt")
    assert (tally.relations, tally.covered) == (1, 1)
    assert tally.figures == {"verified": 3, "mismatch": 0, "unverifiable": 2}
    assert cov.layouts["prose"].figures["verified"] == 3


def test_a_relation_no_check_verified_is_listed_as_not_covered() -> None:
    cov = Coverage()
    figures = [replace(f, status="unverifiable") for f in check_text(TEXT).figures or []]
    tally = report_coverage(TEXT, figures, cov, "a.txt")
    assert (tally.relations, tally.covered) == (1, 0)
    assert cov.missed == [
        "a.txt:sum/prose: 500.00万元[unverifiable] 300.00万元[unverifiable] "
        "200.00万元[unverifiable]"
    ]


def test_eval_coverage_prints_json(tmp_path: Path) -> None:
    report = tmp_path / "a.txt"
    report.write_text(TEXT, encoding="utf-8")
    out = CliRunner().invoke(app, ["eval", "--coverage", str(report), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["overall"]["relations"] == 1 and data["overall"]["covered"] == 1
    assert data["overall"]["shares"]["verified"] == 0.6
    assert data["mutants"] == {"planted": 1, "covered": 1, "mutated_figure_mismatch": 1}


def test_a_typo_planted_in_the_relation_turns_its_figures_into_mismatches() -> None:
    from reviewer.evals.coverage import mutant_coverage

    cov = Coverage()
    mutant_coverage(TEXT, "a.txt", cov)
    assert (cov.planted, cov.planted_covered, cov.planted_flagged) == (1, 1, 1)


# Real reports whose stated relations the checks came to verify (issue 17): named subtotals
# under 其中, a quantity total after its parts with 共计, a completion share of a target, a
# 分值 | 扣分 | 得分 table, run-together and ragged form rows, a list of a total's sources.
CLASSES = [
    "guangxi-nyfz-2021",
    "ningxia-yuanzhou-mls-2022",
    "yunnan-jifei-wfgz-2022",
    "hubei-qianjiang-mzj-2024",
    "shanxi-jishan-jdlk-2020",
    "yunnan-lijiang-gcq-2020",
    "yunnan-yongde-mlzx-2022",
    "hunan-jyfwsf-2024",
]


def test_real_reports_stated_relations_are_verified_and_their_typos_caught() -> None:
    from reviewer.evals.coverage import measure
    from reviewer.evals.mutate import run_mutations

    root = Path(__file__).resolve().parent.parent / "fixtures" / "corpus" / "reports"
    paths = [root / f"{name}.txt" for name in CLASSES]
    if not all(p.exists() for p in paths):
        pytest.skip("the corpus is not on this branch")
    total = measure(paths, mutants=False).overall()
    assert total.relations >= 10 and total.covered == total.relations, measure(paths).missed
    res = run_mutations(paths, seed=0, max_per_report=40, docx=False)
    missed = [p.quote for p in res.planted() if not p.detected]
    assert res.planted() and not missed, missed


def test_the_planted_typos_do_not_depend_on_where_the_report_sits(tmp_path: Path) -> None:
    tallies = []
    for folder in ("one", "another/deeper"):
        report = tmp_path / folder / "a.txt"
        report.parent.mkdir(parents=True)
        report.write_text(TEXT, encoding="utf-8")
        cov = Coverage()
        from reviewer.evals.coverage import mutant_coverage

        mutant_coverage(TEXT, str(report), cov)
        tallies.append((cov.planted, cov.planted_covered, cov.planted_flagged))
    assert tallies[0] == tallies[1] == (1, 1, 1)
