"""Batches: input order, unreadable reports, JSONL results, resume, concurrency, report meta."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from reviewer.batch import read_results, run_batch
from reviewer.document import Document
from reviewer.engine import review_document
from reviewer.inputs import Source
from reviewer.models import ReportResult
from reviewer.policy import Policy as Settings
from reviewer.report_meta import report_meta
from tests.test_cli import CLEAN, REPORT


@pytest.fixture
def files(tmp_path: Path, fake_rules: None) -> list[Source]:
    out = []
    for name, text in (("a.txt", REPORT), ("empty.txt", ""), ("b.txt", CLEAN)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        out.append(Source(name=str(path), path=path))
    return out


def test_results_come_back_in_input_order_with_errors_in_place(files: list[Source]) -> None:
    errors: list[str] = []
    outcome = run_batch(files, Settings(), jobs=3, on_error=errors.append)
    assert [Path(r.path).name for r in outcome.run.reports] == ["a.txt", "empty.txt", "b.txt"]
    assert outcome.run.reports[1].error and "empty" in outcome.run.reports[1].error
    assert len(errors) == 1 and errors[0].startswith(files[1].name + ": ")
    assert len(outcome.run.reports[0].findings) == 3


def test_a_crashing_check_fails_only_its_report(files: list[Source]) -> None:
    def review(doc: Document, settings: Settings) -> ReportResult:
        if doc.path.endswith("a.txt"):
            raise NotImplementedError("half-written check")
        return review_document(doc, settings)

    outcome = run_batch(files, Settings(), review=review, on_error=lambda _: None)
    a, _, b = outcome.run.reports
    assert a.error == "internal error (NotImplementedError: half-written check)"
    assert b.error is None


def test_results_are_written_as_they_finish_and_resume_skips_them(
    files: list[Source], tmp_path: Path
) -> None:
    results = tmp_path / "results.jsonl"
    run_batch(files, Settings(), results=results, on_error=lambda _: None)
    lines = [json.loads(x) for x in results.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3 and sum(1 for x in lines if x.get("error")) == 1
    assert len(read_results(results)) == 2  # failed reports are retried on resume

    # simulate a run killed mid-write: a cut line at the end
    with results.open("a", encoding="utf-8") as fh:
        fh.write('{"path": "cut')
    seen: list[str] = []

    def review(doc: Document, settings: Settings) -> ReportResult:
        seen.append(Path(doc.path).name)
        return review_document(doc, settings)

    outcome = run_batch(
        files, Settings(), results=results, resume=True, review=review, on_error=lambda _: None
    )
    assert seen == [] and outcome.reused == 2
    assert len(read_results(results)) == 2

    # other settings: nothing is reused
    run_batch(
        files,
        Settings(lang="en"),
        results=results,
        resume=True,
        review=review,
        on_error=lambda _: None,
    )
    assert sorted(seen) == ["a.txt", "b.txt"]


def test_jobs_run_reports_concurrently(files: list[Source]) -> None:
    active = 0
    peak = 0
    lock = threading.Lock()

    def review(doc: Document, settings: Settings) -> ReportResult:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.1)
        with lock:
            active -= 1
        return ReportResult(path=doc.path)

    two = [files[0], files[2]]
    run_batch(two, Settings(), jobs=2, review=review)
    assert peak == 2


def test_stdin_source_is_reviewed_under_its_name(fake_rules: None) -> None:
    outcome = run_batch([Source(name="<stdin>", data=REPORT.encode("gb18030"))], Settings())
    assert outcome.run.reports[0].path == "<stdin>"
    assert len(outcome.run.reports[0].findings) == 3


@pytest.mark.parametrize(
    "head, unit, year",
    [
        ("巨鹿县巨鹿镇人民政府\n2022年部门整体支出绩效评价报告\n", "巨鹿县巨鹿镇人民政府", 2022),
        (
            " 单位名称：桃源县某镇人民政府\n2025年9月15日\n2024年度桃源县某镇人民政府整体支出绩效自评报告\n",
            "桃源县某镇人民政府",
            2024,
        ),
        ("2023年度某县水利局部门整体支出绩效自评报告\n", "某县水利局", 2023),
        ("某县水利局2023年度部门整体支出绩效自评报告\n", "某县水利局", 2023),
        (
            "附件1\n县级部门整体绩效自评报告范本\n2023年工作如下。2023年完成。2022年比较。\n",
            None,
            2023,
        ),
    ],
)
def test_unit_and_year_come_from_the_title_lines(head: str, unit: str | None, year: int) -> None:
    meta = report_meta(Document(text=head + "一、基本情况\n"))
    assert meta.get("unit") == unit
    assert meta.get("year") == year


def test_self_score_and_grade_go_into_meta() -> None:
    pytest.importorskip("reviewer.claims.selfscore")
    meta = report_meta(Document(text="自评结论\n自评得分95.5分，综合评定等级为“优”。\n"))
    assert meta["self_score"] == 95.5 and meta["grade"] == "优"


def test_stdin_may_carry_a_docx(fake_rules: None) -> None:
    docx = pytest.importorskip("docx")
    import io

    d = docx.Document()
    for line in REPORT.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    outcome = run_batch([Source(name="<stdin>", data=buf.getvalue())], Settings())
    report = outcome.run.reports[0]
    assert report.error is None
    assert {f.code for f in report.findings} == {"Z001", "Z002", "Z003"}


def test_worker_processes_give_the_results_of_one_process(files: list[Source]) -> None:
    # jobs > 1 with the rules alone runs worker processes; same results, same order.
    one = run_batch(files, Settings(), jobs=1, on_error=lambda line: None)
    two = run_batch(files, Settings(), jobs=2, on_error=lambda line: None)
    assert two.run.model_dump() == one.run.model_dump()


def test_a_large_batch_uses_every_core_by_default(
    files: list[Source], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reviewer.batch as batch

    asked: list[int] = []
    monkeypatch.setattr(batch, "_process_pool", lambda jobs: asked.append(jobs))
    monkeypatch.setattr(batch, "_cores", lambda: 2)
    run_batch(files, Settings(), jobs=0, on_error=lambda line: None)  # 3 reports: one process
    assert asked == []
    monkeypatch.setattr(batch, "AUTO_JOBS_FROM", 3)
    monkeypatch.setattr(batch, "_run_processes", lambda *args: None)

    class Pool:
        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    monkeypatch.setattr(batch, "_process_pool", lambda jobs: asked.append(jobs) or Pool())
    run_batch(files, Settings(), jobs=0, on_error=lambda line: None)
    assert asked == [2]


def test_worker_tasks_of_several_reports_keep_order_errors_and_every_output(
    tmp_path: Path, fake_rules: None
) -> None:
    # 48 reports on 2 workers go 3 to a task; spilled, each comes back pickled by its worker.
    # An unreadable report inside a task is an error in its place; its neighbours keep theirs.
    sources = []
    for i in range(48):
        name, text = (("a.txt", REPORT), ("empty.txt", ""), ("b.txt", CLEAN))[i % 3]
        path = tmp_path / f"{i:02d}-{name}"
        path.write_text(text, encoding="utf-8")
        sources.append(Source(name=str(path), path=path))
    one_errors: list[str] = []
    two_errors: list[str] = []
    one = run_batch(sources, Settings(), jobs=1, on_error=one_errors.append)
    two = run_batch(sources, Settings(), jobs=2, on_error=two_errors.append, spill=True)
    assert len(two.run.reports) == 48
    assert [r.model_dump() for r in two.run.reports] == [r.model_dump() for r in one.run.reports]
    assert sorted(two_errors) == sorted(one_errors) and len(two_errors) == 16
    assert all(r.error for r in list(two.run.reports)[1::3])
