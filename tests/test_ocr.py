"""Scanned reports: OCR'd lines rebuilt into paragraphs and tables, findings on OCR text marked
as such, and a figure read with low confidence never called an error.

The layout and the confidence policy are specified on glyphs written here (no OCR engine
needed). The end-to-end tests read the committed scans of `tests/data/scans/` (made by
`make_scans.py` from the `.txt` beside them) and skip when the `ocr` extra is not installed;
each scan is read once per test session.
"""

from __future__ import annotations

import json
from array import array
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reviewer.cli import app
from reviewer.document import Document, load, ocr
from reviewer.document.ocr import LOW_CONFIDENCE, Glyph, OcrText, layout
from reviewer.engine import check
from reviewer.errors import InputError
from reviewer.models import Finding, Severity

SCANS = Path(__file__).resolve().parent / "data" / "scans"
Row = tuple[str, str, str, str]
H = 30.0  # glyph height in these tests
needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason='the OCR extra is not installed (pip install ".[ocr]")'
)


def line(text: str, x: float, y: float, *, conf: float = 0.99, w: float = H) -> list[Glyph]:
    """A line of glyphs, one character every `w` pixels from x, on the row at y."""
    return [Glyph(ch, conf, x + k * w, y, x + (k + 1) * w - 2, y + H) for k, ch in enumerate(text)]


def cells(y: float, *texts_at: tuple[str, float]) -> list[list[Glyph]]:
    return [line(text, x, y) for text, x in texts_at]


# ---- layout: paragraphs --------------------------------------------------------------------


def test_a_wrapped_line_joins_the_next_one() -> None:
    page = [
        line("一、基本情况", 100, 100),
        line("局机关内设股室5个：办公室、计划财务股、", 160, 150),  # indented, reaches the margin
        line("农田建设股。", 100, 200),
        line("二、支出情况", 100, 250),
    ]
    text = layout([page]).text
    assert (
        text == "一、基本情况\n局机关内设股室5个：办公室、计划财务股、农田建设股。\n二、支出情况\n"
    )


def test_a_line_ending_a_sentence_or_stopping_short_ends_its_paragraph() -> None:
    page = [
        line("甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛。", 100, 100),  # full width, ends a sentence
        line("子丑寅卯辰巳午未申酉子丑寅卯辰巳午未申", 100, 150),
        line("短行", 100, 200),  # stops short
        line("下一段子丑寅卯辰巳午未申酉子丑寅卯辰", 100, 250),
    ]
    assert layout([page]).text.splitlines() == [
        "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛。",
        "子丑寅卯辰巳午未申酉子丑寅卯辰巳午未申短行",
        "下一段子丑寅卯辰巳午未申酉子丑寅卯辰",
    ]


def test_headings_numbered_items_indents_and_wide_gaps_start_new_lines() -> None:
    full = "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬"
    for nxt in ("（二）机构设置", "2.农作物覆盖率", "二、支出"):
        assert layout([[line(full, 100, 100), line(nxt, 100, 150)]]).text.count("\n") == 2
    indented = [line(full, 100, 100), line(full, 100, 150), line("新段落", 160, 200)]
    assert layout([indented]).text.count("\n") == 2  # the third line stands alone
    gap = [line(full, 100, 100), line(full, 100, 150), line(full, 100, 200), line("隔开", 100, 350)]
    assert layout([gap]).text.endswith("\n隔开\n")


def test_a_paragraph_wrapped_across_a_page_break_is_joined() -> None:
    full = "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬"
    first = [line(full, 100, 100), line(full, 100, 150)]
    second = [line("末尾。", 100, 100), line("另一行文字", 100, 150)]
    assert layout([first, second]).text == full + full + "末尾。\n另一行文字\n"


def test_a_skewed_page_keeps_its_rows() -> None:
    slope = 0.015  # about 0.9 degrees

    def tilted(text: str, x: float, y: float) -> list[Glyph]:
        return [
            Glyph(g.text, g.confidence, g.x0, g.y0 + slope * g.x0, g.x1, g.y1 + slope * g.x0)
            for g in line(text, x, y)
        ]

    page = [
        tilted("一级指标", 100, 100), tilted("分值", 700, 100), tilted("得分", 1300, 100),
        tilted("预算执行", 100, 160), tilted("20", 700, 160), tilted("19", 1300, 160),
        tilted("子丑寅卯辰巳午未申酉子丑寅卯辰巳午未申酉子丑寅卯辰巳午未申酉子丑寅卯辰巳午。", 100, 240),
    ]  # fmt: skip
    assert layout([page]).text.splitlines()[:2] == [
        "| 一级指标 | 分值 | 得分 |",
        "| 预算执行 | 20 | 19 |",
    ]


# ---- layout: tables ------------------------------------------------------------------------


def test_rows_of_separated_cells_become_a_pipe_table_with_empty_cells_kept() -> None:
    page = [
        line("表1 支出决算表", 500, 40),
        *cells(100, ("项目", 100), ("年初预算", 600), ("决算数", 1100)),
        *cells(160, ("基本支出", 100), ("500.00", 610), ("520.00", 1110)),
        *cells(220, ("项目支出", 100), ("330.00", 1110)),  # no budget figure
        line("合计金额以决算数为准。", 100, 300),
    ]
    assert layout([page]).text.splitlines() == [
        "表1 支出决算表",
        "| 项目 | 年初预算 | 决算数 |",
        "| 基本支出 | 500.00 | 520.00 |",
        "| 项目支出 |  | 330.00 |",
        "合计金额以决算数为准。",
    ]


def test_the_lines_of_a_wrapped_cell_join_their_row() -> None:
    # the name cell of the second row wraps onto two lines; its other cells are centred between
    page = [
        line("表2 得分表", 650, 40),  # a caption inside one column, a row's height away
        *cells(100, ("指标名称", 100), ("分值", 700), ("得分", 1100)),
        *cells(160, ("预算执行率", 100), ("20", 700), ("19", 1100)),
        line("产出数量", 100, 205), *cells(223, ("40", 700), ("36", 1100)), line("完成率", 100, 241),
        *cells(300, ("合计", 100), ("60", 700), ("55", 1100)),
        line("注：", 100, 380),
    ]  # fmt: skip
    assert layout([page]).text.splitlines() == [
        "表2 得分表",
        "| 指标名称 | 分值 | 得分 |",
        "| 预算执行率 | 20 | 19 |",
        "| 产出数量完成率 | 40 | 36 |",
        "| 合计 | 60 | 55 |",
        "注：",
    ]


def test_a_wrapped_first_row_keeps_its_upper_line() -> None:
    page = [
        line("一级", 100, 85), *cells(103, ("分值", 700), ("得分", 1100)), line("指标", 100, 121),
        *cells(180, ("产出", 100), ("40", 700), ("36", 1100)),
    ]  # fmt: skip
    assert layout([page]).text.splitlines() == ["| 一级指标 | 分值 | 得分 |", "| 产出 | 40 | 36 |"]


def test_a_single_row_of_two_pieces_is_not_a_table() -> None:
    page = [line("县农业农村局", 100, 100), line("2025年3月15日", 900, 100)]
    assert layout([page]).text == "县农业农村局 2025年3月15日\n"


def test_a_sentence_cut_by_a_stamp_is_not_taken_for_a_table() -> None:
    # the seal's ring cuts two lines at the same x, leaving a gap narrower than a character
    cut = 100 + 20 * H + 18  # "2024年度决算收入合计860.00万元" is 20 characters
    page = [
        line("2024年度决算收入合计860.00万元", 100, 100), line("其中财政拨款800.00万元。", cut, 100),
        line("2024年度决算支出合计860.00万元", 100, 150), line("其中基本支出520.00万元。", cut, 150),
    ]  # fmt: skip
    assert "|" not in layout([page]).text


def test_a_pipe_read_in_a_cell_cannot_split_it() -> None:
    page = [*cells(100, ("甲|乙", 100), ("1", 600)), *cells(160, ("丙", 100), ("2", 600))]
    assert layout([page]).text.splitlines()[0] == "| 甲¦乙 | 1 |"


# ---- confidence ----------------------------------------------------------------------------


def test_every_character_has_a_confidence_and_separators_count_as_certain() -> None:
    page = [
        line("合计", 100, 100, conf=0.97), *cells(100, ("86", 600)),
        *cells(160, ("基本", 100), ("52", 600)),
    ]  # fmt: skip
    page[1] = [g._replace(confidence=0.41) if g.text == "6" else g for g in page[1]]
    read = layout([page])
    assert len(read.confidence) == len(read.text)
    at = read.text.index("86")
    assert read.min_confidence(at, at + 2) == pytest.approx(0.41)
    assert read.min_confidence(0, 4, digits_only=True) == 1.0  # "| 合计" has no digit
    assert read.text[0] == "|" and read.confidence[0] == 1.0
    assert 0.41 < read.mean_confidence < 0.99


TOTALS = "2024年度决算支出合计860.00万元，其中基本支出520.00万元，项目支出330.00万元。\n"


def scanned(text: str, low: str = "", conf: float = 0.5) -> Document:
    """A document as if read by OCR, the characters of `low` (where it first occurs) unsure."""
    confidence = array("d", [0.99] * len(text))
    if low:
        at = text.index(low)
        for i in range(at, at + len(low)):
            confidence[i] = conf
    return Document(text=text, path="scan.pdf", format="pdf", ocr=OcrText(text, confidence, 1))


def t001(findings: list[Finding]) -> Finding:
    return next(f for f in findings if f.code == "T001")


def test_a_finding_on_ocr_text_says_so_and_the_report_meta_describes_the_reading() -> None:
    result = check(scanned(TOTALS))
    finding = t001(result.findings)
    assert finding.severity is Severity.ERROR
    assert finding.message.endswith("（扫描件经 OCR 识别）")
    assert finding.data["ocr"] == {"confidence": pytest.approx(0.99), "severity": "error"}
    assert result.meta["ocr"]["pages"] == 1
    assert result.meta["ocr"]["engine"] == "rapidocr"
    assert result.meta["ocr"]["mean_confidence"] == pytest.approx(0.99)


def test_an_error_over_a_figure_read_with_low_confidence_becomes_an_info_to_check() -> None:
    finding = t001(check(scanned(TOTALS, low="860.00")).findings)
    assert finding.severity is Severity.INFO
    assert "请核对原件" in finding.message and "0.50" in finding.message
    assert finding.data["ocr"]["severity"] == "error"
    assert finding.data["ocr"]["check_original"] is True
    english = t001(check(scanned(TOTALS, low="520"), lang="en").findings)
    assert english.severity is Severity.INFO
    assert "check it against the original" in english.message


def test_low_confidence_elsewhere_or_on_words_changes_nothing() -> None:
    text = TOTALS + "单位负责人签字。\n"
    assert t001(check(scanned(text, low="签字")).findings).severity is Severity.ERROR
    assert t001(check(scanned(TOTALS, low="决算支出")).findings).severity is Severity.ERROR
    just_above = scanned(TOTALS, low="860.00", conf=LOW_CONFIDENCE)
    assert t001(check(just_above).findings).severity is Severity.ERROR


def test_a_text_report_gets_no_ocr_marks() -> None:
    result = check(Document(text=TOTALS, path="r.txt"))
    assert "ocr" not in result.meta
    assert "ocr" not in t001(result.findings).data


# ---- without the extra ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "head", [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"II*\x00", b"MM\x00*"]
)
def test_png_jpeg_and_tiff_are_taken_for_scanned_pages(head: bytes) -> None:
    from reviewer.document.loader import sniff

    assert sniff(head + b"\x00" * 64, ".txt") == "image"
    assert sniff(b"GIF89a" + b"\x00" * 64).startswith("unsupported:")


def test_without_the_extra_a_scan_is_refused_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    for name in ("planted-2024.scan.pdf", "planted-2024.scan.png"):
        with pytest.raises(InputError) as err:
            load(SCANS / name)
        assert 'pip install "reviewer[ocr]"' in err.value.reason
        assert "\n" not in err.value.reason
    result = CliRunner().invoke(app, ["check", str(SCANS / "planted-2024.scan.pdf")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "reviewer[ocr]" in result.stderr


@needs_ocr
def test_a_broken_image_is_refused_in_one_line() -> None:
    with pytest.raises(InputError) as err:
        ocr.image_pages(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "page.png")
    assert err.value.reason == "unreadable or truncated image (PNG, JPEG or TIFF)"


# ---- end to end on the committed scans -----------------------------------------------------


@cache
def reviewed(name: str) -> tuple[list[Row], dict[str, Any], str, list[Finding]]:
    """(code, severity, first span's text, message without the OCR note) of each finding, the
    meta, the text and the findings of a file: once each per session."""
    path = SCANS / name
    doc = load(path)
    result = check(doc)
    rows = [
        (
            f.code,
            f.severity.value,
            f.spans[0].text if f.spans else "",
            f.message.split("（扫描件")[0],
        )
        for f in result.findings
    ]
    return rows, result.meta, doc.text, result.findings


def numeric(rows: list[Row]) -> list[Row]:
    return [r for r in rows if not r[0].startswith(("Q", "X"))]


def matched(text_rows: list[Row], scan_rows: list[Row]) -> int:
    """Findings of the text version found on the scan: same rule, same quoted words (spaces
    and table pipes aside) and the same message, so the same figures computed."""

    def key(r: Row) -> tuple[str, str, str]:
        return r[0], "".join(r[2].replace("|", "").split()), r[3]

    scan_keys = [key(r) for r in scan_rows]
    hits = 0
    for r in text_rows:
        if key(r) in scan_keys:
            scan_keys.remove(key(r))
            hits += 1
    return hits


SCAN_FILES = sorted(p.name for p in SCANS.glob("*.pdf"))


def test_every_source_has_a_clean_and_a_noisy_scan() -> None:
    sources = sorted(p.name.removesuffix(".txt") for p in SCANS.glob("*.txt"))
    assert len(sources) >= 2
    assert sorted(f"{s}.{k}.pdf" for s in sources for k in ("noisy", "scan")) == SCAN_FILES


@needs_ocr
@pytest.mark.parametrize("scan", SCAN_FILES)
def test_a_scanned_report_gets_the_numeric_findings_of_its_text(scan: str) -> None:
    text_rows = numeric(reviewed(scan.split(".")[0] + ".txt")[0])
    scan_rows, meta, _, findings = reviewed(scan)
    scan_rows = numeric(scan_rows)
    assert len(text_rows) >= 5  # each source holds several numeric findings
    assert matched(text_rows, scan_rows) >= 0.9 * len(text_rows)
    text_errors = {
        (c, "".join(t.replace("|", "").split())) for c, s, t, _ in text_rows if s == "error"
    }
    new_errors = [
        r
        for r in scan_rows
        if r[1] == "error" and (r[0], "".join(r[2].replace("|", "").split())) not in text_errors
    ]
    assert new_errors == []
    assert meta["ocr"]["pages"] >= 1 and meta["ocr"]["mean_confidence"] > 0.9
    for f in findings:  # every finding is marked, and none rests on an uncertain figure
        assert f.data["ocr"]["confidence"] >= LOW_CONFIDENCE or f.severity is not Severity.ERROR


@needs_ocr
def test_a_scanned_page_among_text_pages_is_read_by_the_ocr_alone(tmp_path: Path) -> None:
    import pypdfium2

    from tests.data.pdfgen import make_pdf

    merged = pypdfium2.PdfDocument(make_pdf(["一、基本情况", "核定编制20名，实有18人。"]))
    merged.import_pages(pypdfium2.PdfDocument((SCANS / "planted-2024.scan.pdf").read_bytes()), [1])
    path = tmp_path / "mixed.pdf"
    merged.save(str(path))
    doc = load(path)
    assert doc.text.startswith("一、基本情况\n核定编制20名，实有18人。\n")
    assert "| 合计 | 100 | 94 |" in doc.text
    assert doc.ocr is not None and doc.ocr.pages == 1
    assert len(doc.ocr.confidence) == len(doc.text)
    assert doc.ocr.min_confidence(0, 10) == 1.0  # the text layer is certain


@needs_ocr
def test_a_scan_s_tables_are_rebuilt_into_rows_and_cells() -> None:
    text = reviewed("planted-2024.noisy.pdf")[2]
    assert "| 基本支出 | 500.00 | 520.00 |" in text
    assert "| 合计 | 100 | 94 |" in text


@needs_ocr
def test_an_image_file_is_read_too_and_the_cli_marks_the_report() -> None:
    path = SCANS / "planted-2024.scan.png"
    result = CliRunner().invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code == 1, result.stderr  # the planted errors are found
    report = json.loads(result.stdout)["reports"][0]
    assert report["meta"]["ocr"]["pages"] == 1
    codes = {f["code"] for f in report["findings"]}
    assert {"C001", "T001"} <= codes
    assert all("ocr" in f["data"] for f in report["findings"])
