"""Expanding inputs: files, directories, globs, stdin; problems are collected, never raised."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewer.inputs import Problem, expand


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "r" / "sub").mkdir(parents=True)
    (tmp_path / "r" / ".hidden").mkdir()
    for name in ("r/a.txt", "r/b.md", "r/sub/c.docx", "r/sub/d.pdf", "r/.hidden/e.txt", "r/x.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def names(args: list[str], **kw: object) -> list[str]:
    return [s.name for s in expand(args, **kw).sources]  # type: ignore[arg-type]


def test_a_directory_yields_report_files_recursively_sorted_without_hidden_ones(tree: Path) -> None:
    assert names(["r"]) == ["r/a.txt", "r/b.md", "r/sub/c.docx", "r/sub/d.pdf"]


def test_a_file_named_explicitly_is_taken_whatever_its_extension(tree: Path) -> None:
    assert names(["r/x.csv"]) == ["r/x.csv"]


def test_globs_are_expanded_recursively(tree: Path) -> None:
    assert names(["r/**/*.txt"]) == ["r/a.txt"]
    assert names(["r/*/*.pdf"]) == ["r/sub/d.pdf"]


def test_duplicates_are_dropped_and_order_is_kept(tree: Path) -> None:
    assert names(["r/b.md", "r", "./r/a.txt"]) == [
        "r/b.md",
        "r/a.txt",
        "r/sub/c.docx",
        "r/sub/d.pdf",
    ]


def test_stdin_is_a_dash(tree: Path) -> None:
    src = expand(["-", "r/a.txt"], stdin=b"text").sources
    assert src[0].name == "<stdin>" and src[0].data == b"text" and src[0].is_stdin
    assert src[1].name == "r/a.txt" and not src[1].is_stdin


def test_problems_are_listed_in_place_and_the_rest_still_expands(tree: Path) -> None:
    (tree / "empty").mkdir()
    out = expand(["nope.txt", "r/a.txt", "q/*.txt", "empty"])
    assert [str(e) for e in out.errors] == [
        "nope.txt: no such file or directory",
        "q/*.txt: no files match this pattern",
        "empty: no report files (.txt .md .docx .pdf) in this directory",
    ]
    assert isinstance(out.items[0], Problem)
    assert [s.name for s in out.sources] == ["r/a.txt"]


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_a_symlink_loop_does_not_hang(tree: Path) -> None:
    (tree / "r" / "sub" / "loop").symlink_to(tree / "r", target_is_directory=True)
    (tree / "r" / "self").symlink_to(tree / "r" / "self")  # a link to itself
    assert names(["r"]) == ["r/a.txt", "r/b.md", "r/sub/c.docx", "r/sub/d.pdf"]
