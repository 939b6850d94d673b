"""Loading reports: the format comes from the content, the encoding is detected, and every
input that cannot be read is refused with an `InputError` that says why in one line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from reviewer.document import load, load_text
from reviewer.document import loader as loader_mod
from reviewer.document.tables import tables
from reviewer.errors import InputError
from tests.data.pdfgen import make_pdf

REPORT = (
    "永固镇人民政府2024年部门整体支出绩效评价报告\n"
    "一、部门职责：促进经济发展、增加农民收入。\n"
    "二、部门支出1195.57万元，其中基本支出981.38万元，项目支出214.19万元。\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def refused(path: Path | str, **kwargs: int) -> str:
    with pytest.raises(InputError) as err:
        load(path, **kwargs)
    assert err.value.path == str(path)
    assert "\n" not in err.value.reason
    return err.value.reason


def docx_bytes(build) -> bytes:  # type: ignore[no-untyped-def]
    import docx

    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding,data",
    [
        ("utf-8", REPORT.encode("utf-8")),
        ("utf-8 with BOM", b"\xef\xbb\xbf" + REPORT.encode("utf-8")),
        ("gbk", REPORT.encode("gbk")),
        ("gb2312", REPORT.encode("gb2312")),
        ("gb18030", REPORT.encode("gb18030")),
        ("utf-16 with BOM", REPORT.encode("utf-16")),
        ("utf-16-le without BOM", REPORT.encode("utf-16-le")),
        ("utf-16-be without BOM", REPORT.encode("utf-16-be")),
        ("utf-16-be with BOM", b"\xfe\xff" + REPORT.encode("utf-16-be")),
    ],
)
def test_text_encodings_are_detected(tmp_path: Path, encoding: str, data: bytes) -> None:
    text, fmt = load_text(write(tmp_path, "r.txt", data))
    assert text == REPORT  # no BOM left in the text
    assert fmt == "txt"


def test_gb18030_characters_outside_gbk_decode(tmp_path: Path) -> None:
    report = REPORT + "㐀字只在GB18030中有编码。\n"
    text, _ = load_text(write(tmp_path, "r.txt", report.encode("gb18030")))
    assert text == report


def test_markdown_is_text(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "r.md", REPORT.encode("utf-8")))
    assert doc.format == "txt"
    assert doc.text == REPORT


def test_offsets_are_code_points_of_the_decoded_text(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "r.txt", REPORT.encode("gbk")))
    start = doc.text.index("981.38")
    assert doc.span(start, start + 6).text == "981.38"
    assert doc.norm[start : start + 6] == "981.38"


# ---- docx -----------------------------------------------------------------------------------


def _para_table_para(d) -> None:  # type: ignore[no-untyped-def]
    d.add_paragraph("一、部门支出情况如下表。")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["项目", "金额（万元）", "占比"], ["基本支出", "981.38", "82%"]]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    t.cell(2, 0).text = "合计"
    t.cell(2, 1).text = "1195.57"
    t.cell(2, 2).text = "100%"
    d.add_paragraph("二、结论：表后的段落。")


def test_docx_keeps_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "r.docx", docx_bytes(_para_table_para)))
    assert doc.format == "docx"
    assert doc.text.splitlines() == [
        "一、部门支出情况如下表。",
        "| 项目 | 金额（万元） | 占比 |",
        "| 基本支出 | 981.38 | 82% |",
        "| 合计 | 1195.57 | 100% |",
        "二、结论：表后的段落。",
    ]


def test_docx_table_is_found_again_with_offsets(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "r.docx", docx_bytes(_para_table_para)))
    (table,) = tables(doc)
    assert [c.text for c in table.header] == ["项目", "金额(万元)", "占比"]
    total = table.rows[-1][1]
    assert doc.text[total.start : total.end] == "1195.57"


def test_docx_merged_cells_are_not_repeated(tmp_path: Path) -> None:
    def build(d) -> None:  # type: ignore[no-untyped-def]
        t = d.add_table(rows=3, cols=3)
        a = t.cell(0, 0).merge(t.cell(0, 2))
        a.text = "单位：万元"
        b = t.cell(1, 0).merge(t.cell(2, 0))
        b.text = "基本支出"
        t.cell(1, 1).text, t.cell(1, 2).text = "人员经费", "600"
        t.cell(2, 1).text, t.cell(2, 2).text = "公用经费", "300"

    text, _ = load_text(write(tmp_path, "r.docx", docx_bytes(build)))
    assert text.splitlines() == [
        "| 单位：万元 |  |  |",
        "| 基本支出 | 人员经费 | 600 |",
        "|  | 公用经费 | 300 |",
    ]


def test_a_pipe_inside_a_docx_cell_does_not_split_it(tmp_path: Path) -> None:
    def build(d) -> None:  # type: ignore[no-untyped-def]
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "A|B", "1"

    text, _ = load_text(write(tmp_path, "r.docx", docx_bytes(build)))
    assert text.strip() == "| A¦B | 1 |"


# ---- pdf ------------------------------------------------------------------------------------


def test_pdf_text_and_table_in_reading_order(tmp_path: Path) -> None:
    data = make_pdf(
        ["一、部门概况", "2024年支出1195.57万元。"],
        [["项目", "金额（万元）"], ["基本支出", "981.38"], ["合计", "981.38"]],
        ["二、结论"],
    )
    doc = load(write(tmp_path, "r.pdf", data))
    assert doc.format == "pdf"
    assert doc.text.splitlines() == [
        "一、部门概况",
        "2024年支出1195.57万元。",
        "| 项目 | 金额（万元） |",
        "| 基本支出 | 981.38 |",
        "| 合计 | 981.38 |",
        "二、结论",
    ]
    assert len(tables(doc)) == 1


def test_pdf_that_needs_a_password_is_refused(tmp_path: Path) -> None:
    reason = refused(write(tmp_path, "r.pdf", make_pdf(["机密"], password="secret")))
    assert "password" in reason


def test_pdf_without_a_text_layer_needs_ocr(tmp_path: Path) -> None:
    reason = refused(write(tmp_path, "scan.pdf", make_pdf(draw_only=True)))
    assert "OCR" in reason


def test_corrupted_pdf_is_refused(tmp_path: Path) -> None:
    reason = refused(write(tmp_path, "r.pdf", b"%PDF-1.4\nthis is not a pdf body\n"))
    assert reason.startswith("corrupted PDF")


# ---- content decides the format, not the extension -----------------------------------------


def test_docx_named_txt_is_read_as_docx(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "r.txt", docx_bytes(_para_table_para)))
    assert doc.format == "docx"
    assert "| 合计 | 1195.57 | 100% |" in doc.text


def test_text_named_docx_is_read_as_text(tmp_path: Path) -> None:
    doc = load(write(tmp_path, "r.docx", REPORT.encode("utf-8")))
    assert (doc.format, doc.text) == ("txt", REPORT)


def test_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    assert load(write(tmp_path, "r.txt", make_pdf(["正文"]))).format == "pdf"


@pytest.mark.parametrize(
    "name,data,expected",
    [
        ("r.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
        ("r.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
        (
            "r.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "password",
        ),
        ("r.rtf", b"{\\rtf1\\ansi hello}", "RTF"),
        ("r.txt", b"GIF89a" + b"\x00" * 100, "GIF"),
    ],
)
def test_unsupported_formats_say_what_they_are(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    assert expected in refused(write(tmp_path, name, data))


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in entries.items():
            zf.writestr(name, body)
    return buf.getvalue()


def test_xlsx_is_refused_as_a_spreadsheet(tmp_path: Path) -> None:
    data = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})
    assert "Excel" in refused(write(tmp_path, "r.docx", data))


def test_plain_zip_is_not_a_report(tmp_path: Path) -> None:
    assert "zip archive" in refused(write(tmp_path, "r.txt", _zip({"a.txt": b"hi"})))


def test_truncated_docx_is_corrupted(tmp_path: Path) -> None:
    data = docx_bytes(_para_table_para)
    assert "corrupted" in refused(write(tmp_path, "r.docx", data[: len(data) // 2]))


def test_docx_with_broken_xml_is_corrupted(tmp_path: Path) -> None:
    data = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document><unclosed>",
        }
    )
    assert "corrupted .docx" in refused(write(tmp_path, "r.docx", data))


# ---- bad inputs -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert refused(tmp_path / "nope.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in refused(tmp_path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write(tmp_path, "r.txt", REPORT.encode())

    def deny(path: str) -> int:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(loader_mod, "_open_file", deny)
    assert refused(p) == "permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_on_disk(tmp_path: Path) -> None:
    p = write(tmp_path, "r.txt", REPORT.encode())
    p.chmod(0)
    assert refused(p) == "permission denied"


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in refused(write(tmp_path, "r.txt", b""))


def test_whitespace_only_file(tmp_path: Path) -> None:
    reason = refused(write(tmp_path, "r.txt", " \n\t\r\n　\n".encode()))
    assert "empty" in reason and "whitespace" in reason


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    data = bytes(range(256)) * 8
    assert "binary" in refused(write(tmp_path, "r.txt", data))


def test_undecodable_bytes(tmp_path: Path) -> None:
    import random

    rnd = random.Random(7)
    data = bytes(rnd.randrange(0x80, 0x100) for _ in range(4000))
    assert "undecodable" in refused(write(tmp_path, "r.txt", data))


def test_symlink_loop(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    assert "symbolic link loop" in refused(a)


def test_broken_symlink(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.symlink_to(tmp_path / "gone.txt")
    assert "broken symbolic link" in refused(a)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "r.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo)


def test_fifty_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    with p.open("wb") as f:  # sparse: no 50 MB actually written
        f.write("报告".encode())
        f.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    reason = refused(p)
    assert time.perf_counter() - started < 1.0
    assert "50.0 MB" in reason and "20.0 MB limit" in reason


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    p = write(tmp_path, "r.txt", REPORT.encode())
    assert "limit" in refused(p, max_bytes=64)
    assert load(p, max_bytes=1024).text == REPORT


def test_read_is_bounded_when_the_file_grows(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    p = write(tmp_path, "r.txt", b"x" * 10)

    class Small:
        def __init__(self, st: os.stat_result) -> None:
            self.st_mode = st.st_mode
            self.st_size = 1  # stat says 1 byte; 10 are there

    monkeypatch.setattr(loader_mod, "_stat_file", lambda path: Small(os.stat(path)))
    assert "limit" in refused(p, max_bytes=4)


# ---- speed ----------------------------------------------------------------------------------


def test_text_reports_do_not_import_the_heavy_readers(tmp_path: Path) -> None:
    p = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    code = (
        "import sys\n"
        "from reviewer.document import load\n"
        f"load({str(p)!r})\n"
        "heavy = [m for m in ('docx', 'pdfplumber', 'pdfminer', 'charset_normalizer')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_bytes_already_read_are_sniffed_too() -> None:
    from reviewer.document.loader import text_of_bytes

    assert text_of_bytes(REPORT.encode("gbk"), "-") == (REPORT, "txt")
    assert text_of_bytes(docx_bytes(_para_table_para), "-")[1] == "docx"
    with pytest.raises(InputError, match="empty"):
        text_of_bytes(b"", "-")
