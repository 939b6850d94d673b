"""`--format docx`: the report as a Word document with each finding a comment (批注) anchored on
exactly the words it judges. Every test reopens the written file and reads the comments back
from the XML (independently of the renderer's own text mapping)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reviewer.cli import app
from reviewer.document.docx import docx_text
from reviewer.evals.docx_build import build_docx

docx = pytest.importorskip("docx")

REPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def anchored(data: bytes) -> dict[str, dict[str, Any]]:
    """Comment id -> its text, author, the text between its range markers, and whether that
    text lies in a table cell: read straight from the document XML in document order."""
    document = docx.Document(io.BytesIO(data))
    out: dict[str, dict[str, Any]] = {
        str(c.comment_id): {"comment": c.text, "author": c.author, "anchor": "", "in_cell": False}
        for c in document.comments
    }
    open_ids: set[str] = set()
    for el in document.element.body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag in (W + "t", W + "tab") and open_ids:
            text = el.text or "" if el.tag == W + "t" else "\t"
            in_cell = any(a.tag == W + "tc" for a in el.iterancestors())
            for cid in open_ids:
                out[cid]["anchor"] += text
                out[cid]["in_cell"] |= in_cell
    return out


def findings(path: Path, *extra: str) -> list[dict[str, Any]]:
    result = invoke("check", str(path), "-f", "json", *extra)
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.stdout)["reports"][0]["findings"])


def assert_each_finding_has_its_comment(found: list[dict[str, Any]], data: bytes) -> None:
    comments = [c for c in anchored(data).values() if c["author"] == "reviewer"]
    assert len(comments) == len(found)
    for f in found:
        span = f["spans"][0]
        if "|" in span["text"]:  # a span across table cells: the cells' own words, in order
            want = "".join(c.strip() for c in span["text"].split("|"))
            matches = [c for c in comments if c["anchor"].replace(" ", "") == want.replace(" ", "")]
        else:  # a paragraph break is no character in Word: the words on both sides
            want = span["text"].replace("\r", "").replace("\n", "")
            matches = [c for c in comments if c["anchor"] == want]
        mine = [c for c in matches if f["message"] in c["comment"]]
        assert mine, f"no comment on exactly {span['text']!r} for {f['code']}"
        assert all(c["author"] == "reviewer" for c in mine)


def test_a_text_report_becomes_a_clean_docx_with_a_comment_on_each_judged_span(
    tmp_path: Path,
) -> None:
    report = REPORTS / "zhengjiayi-2024.txt"
    out = tmp_path / "z.docx"
    assert invoke("check", str(report), "-f", "docx", "-o", str(out)).exit_code == 1
    data = out.read_bytes()
    found = findings(report)
    assert found
    assert_each_finding_has_its_comment(found, data)
    # one paragraph per line of the text, the text itself unchanged
    text = report.read_text(encoding="utf-8")
    assert docx_text(data).rstrip("\n") == text.rstrip("\n")


def test_the_comment_carries_the_message_and_the_fix_in_the_chosen_language(
    tmp_path: Path,
) -> None:
    report = REPORTS / "zhengjiayi-2024.txt"
    out = tmp_path / "z.docx"
    invoke("check", str(report), "-f", "docx", "--lang", "en", "-o", str(out))
    comments = [c["comment"] for c in anchored(out.read_bytes()).values()]
    t001 = [c for c in comments if c.startswith("[T001 error]")]
    assert t001 and all("Fix: Correct the total" in c for c in t001), t001
    invoke("check", str(report), "-f", "docx", "-o", str(out))
    comments = [c["comment"] for c in anchored(out.read_bytes()).values()]
    assert any(c.startswith("[T001 错误]") and "修改建议：" in c for c in comments)


@pytest.mark.parametrize("name", sorted(p.name for p in REPORTS.glob("*.txt")))
def test_a_docx_report_keeps_its_text_and_gains_exact_comments_in_tables_too(
    name: str, tmp_path: Path
) -> None:
    source = tmp_path / (Path(name).stem + ".docx")
    source.write_bytes(build_docx((REPORTS / name).read_text(encoding="utf-8")))
    out = tmp_path / "out" / "reviewed.docx"
    out.parent.mkdir()
    result = invoke("check", str(source), "-f", "docx", "-o", str(out))
    assert result.exit_code in (0, 1), result.output
    data = out.read_bytes()
    assert docx_text(data) == docx_text(source.read_bytes())  # only comments were added
    assert_each_finding_has_its_comment(findings(source), data)


def test_anchors_inside_a_table_cell_split_its_runs_and_keep_their_formatting(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.add_paragraph("某县农业农村局2024年度部门整体支出绩效自评报告")
    p = document.add_paragraph("核定事业编制50个，")
    p.add_run("实有43人").bold = True
    p.add_run("：A实有16人；B实有11人；C实有4人；D实有7人；E实有3人。")
    rows = [
        ("项目", "预算数（万元）", "执行数（万元）"),
        ("办公经费", "20", "18"),
        ("培训经费", "30", "25"),
        ("合计", "50", "45"),
    ]
    scores = [
        ("一级指标", "分值", "得分"),
        ("预算执行", "20", "19"),
        ("产出指标", "40", "36"),
        ("效益指标", "30", "28"),
        ("满意度", "10", "9"),
        ("合计", "100", "94"),
    ]
    for heading, body in (("一、支出情况", rows), ("二、自评得分", scores)):
        document.add_paragraph(heading)
        table = document.add_table(rows=len(body), cols=3)
        for r, row in enumerate(body):
            for c, value in enumerate(row):
                table.cell(r, c).paragraphs[0].add_run(value).italic = True
    source = tmp_path / "unit.docx"
    document.save(str(source))
    out = tmp_path / "unit-reviewed.docx"
    invoke("check", str(source), "-f", "docx", "-o", str(out))
    data = out.read_bytes()
    assert docx_text(data) == docx_text(source.read_bytes())
    found = findings(source)
    assert {"T001", "S001"} <= {f["code"] for f in found}
    assert_each_finding_has_its_comment(found, data)
    reopened = docx.Document(io.BytesIO(data))
    bold = [r.text for r in reopened.paragraphs[1].runs if r.bold]
    assert bold == ["实有43人"]  # the judged run keeps its bold, no more no less
    in_cells = {c["anchor"] for c in anchored(data).values() if c["in_cell"]}
    assert "45" in in_cells  # T001 on the money table's total cell
    assert "合计10094" in in_cells  # S001's span runs across the total row's cells
    italic = [
        r.italic
        for t in reopened.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text
    ]
    assert italic and all(italic)


def test_a_comment_covers_part_of_a_run_exactly(tmp_path: Path) -> None:
    """The judged words are in the middle of one long run: it is split in three."""
    text = "核定事业编制50个，实有43人：A实有16人；B实有11人；C实有4人；D实有7人；E实有3人。\n"
    document = docx.Document()
    document.add_paragraph(text.strip())
    source = tmp_path / "one-run.docx"
    document.save(str(source))
    out = tmp_path / "out.docx"
    invoke("check", str(source), "-f", "docx", "-o", str(out))
    comments = list(anchored(out.read_bytes()).values())
    assert [c["anchor"] for c in comments if c["comment"].startswith("[T001")] == ["实有43人"]
    assert docx_text(out.read_bytes()) == docx_text(source.read_bytes())


def test_many_reports_go_to_a_directory_one_docx_each_named_after_the_report(
    tmp_path: Path,
) -> None:
    for name in ("zhengjiayi-2024.txt", "julu-2022.txt"):
        shutil.copy(REPORTS / name, tmp_path / name)
    out = tmp_path / "opinions"
    result = invoke(
        "check",
        str(tmp_path / "zhengjiayi-2024.txt"),
        str(tmp_path / "julu-2022.txt"),
        "-f",
        "docx",
        "-o",
        str(out),
    )
    assert result.exit_code in (0, 1), result.output
    assert sorted(p.name for p in out.iterdir()) == ["julu-2022.docx", "zhengjiayi-2024.docx"]


def test_a_docx_written_next_to_its_docx_input_never_overwrites_it(tmp_path: Path) -> None:
    source = tmp_path / "a.docx"
    source.write_bytes(build_docx((REPORTS / "planted-2024.txt").read_text(encoding="utf-8")))
    (tmp_path / "b.txt").write_text((REPORTS / "julu-2022.txt").read_text(encoding="utf-8"))
    before = source.read_bytes()
    invoke("check", str(source), str(tmp_path / "b.txt"), "-f", "docx", "-o", str(tmp_path))
    assert source.read_bytes() == before
    assert (tmp_path / "a.reviewed.docx").exists() and (tmp_path / "b.docx").exists()


def test_many_reports_to_one_file_or_a_pipe_is_a_usage_error(tmp_path: Path) -> None:
    args = ["check", str(REPORTS / "julu-2022.txt"), str(REPORTS / "wudu-2023.txt"), "-f", "docx"]
    result = invoke(*args)
    assert result.exit_code == 2
    assert "one file per report" in result.stderr
    result = invoke(*args, "-o", str(tmp_path / "all.docx"))
    assert result.exit_code == 2
    assert "one file per report" in result.stderr
    assert not (tmp_path / "all.docx").exists()


def test_binary_docx_never_goes_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from reviewer.cli.run import run_command

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(Exception) as info:
        run_command(
            [str(REPORTS / "julu-2022.txt")],
            fmt=app_format("docx"),
            fail_on=None,
            lang=None,
            select=None,
            ignore=None,
            severity=None,
            output=None,
            config=None,
            isolated=True,
            baseline=None,
            results=None,
            resume=False,
            jobs=None,
            progress=False,
        )
    assert getattr(info.value, "exit_code", None) == 2


def app_format(name: str) -> Any:
    from reviewer.cli.options import Format

    return Format(name)


def test_the_docx_renders_to_pdf_and_png_with_libreoffice(tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed: the rendering check needs it")
    out = tmp_path / "z.docx"
    invoke("check", str(REPORTS / "zhengjiayi-2024.txt"), "-f", "docx", "-o", str(out))
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "z.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF-")
    # A page image to look at: poppler's pdftoppm (LibreOffice's writer-only packages have no
    # PNG export filter).
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("the PDF was rendered; pdftoppm (poppler-utils) is absent for the PNG page")
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    [png] = tmp_path.glob("page*.png")
    assert png.read_bytes().startswith(b"\x89PNG")


def test_hyperlinks_line_breaks_tabs_and_existing_comments_survive(tmp_path: Path) -> None:
    """The judged words run into a hyperlink; a tab and a line break sit in the paragraph; a
    comment someone else wrote stays as it was."""
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("某县农业农村局2024年度部门整体支出绩效自评报告")
    p = document.add_paragraph("核定事业编制50个，实")
    link, run, text = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "有43"
    run.append(text)
    link.append(run)
    p._p.append(link)
    p.add_run("人：A实有16人；\tB实有11人；C实有4人；").add_break()
    p.add_run("D实有7人；E实有3人。")
    other = document.add_paragraph("年初预算安排100万元，其中：基本支出60万元，项目支出30万元。")
    document.add_comment(other.runs, text="原有批注", author="someone")
    source = tmp_path / "links.docx"
    document.save(str(source))
    out = tmp_path / "out.docx"
    invoke("check", str(source), "-f", "docx", "-o", str(out))
    data = out.read_bytes()
    assert docx_text(data) == docx_text(source.read_bytes())
    found = findings(source)
    assert "实有43人" in {f["spans"][0]["text"] for f in found}
    assert_each_finding_has_its_comment(found, data)
    theirs = [c for c in anchored(data).values() if c["author"] == "someone"]
    assert [(c["comment"], c["anchor"]) for c in theirs] == [("原有批注", other.text)]


def test_a_report_name_that_is_no_file_name_gives_a_safe_one() -> None:
    from reviewer.models import ReportResult
    from reviewer.render.docx import output_names

    reports = [
        ReportResult(path="<stdin>"),
        ReportResult(path="a/b.txt"),
        ReportResult(path="b.md"),
    ]
    assert output_names(reports, Path("/nonexistent")) == ["stdin.docx", "b.docx", "b-2.docx"]


def test_a_pdf_report_becomes_a_clean_docx_with_its_comments(tmp_path: Path) -> None:
    from reviewer.document import load
    from tests.data.pdfgen import make_pdf

    source = tmp_path / "r.pdf"
    source.write_bytes(
        make_pdf(
            ["核定事业编制50个，实有43人：A实有16人；B实有11人；C实有4人；D实有7人；E实有3人。"]
        )
    )
    out = tmp_path / "r.docx"
    invoke("check", str(source), "-f", "docx", "-o", str(out))
    data = out.read_bytes()
    assert docx_text(data).rstrip("\n") == load(source).text.rstrip("\n")
    found = findings(source)
    assert "T001" in {f["code"] for f in found}
    assert_each_finding_has_its_comment(found, data)
