"""Expand command-line inputs into report sources: files, directories, globs and stdin (`-`).

Directories are walked recursively for report files (`REPORT_SUFFIXES`); hidden entries are
skipped, symlinked directories are followed once (a symlink loop is visited only once). A file
named explicitly is always taken, whatever its extension. Problems (a path that does not exist,
a glob that matches nothing) are collected as `Problem`s, never raised, so the other inputs are
still reviewed.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

REPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
STDIN = "-"
STDIN_NAME = "<stdin>"
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Source:
    """One report to review: a file path, or the bytes read from stdin."""

    name: str  # shown to the user and stored in ReportResult.path
    path: Path | None = None
    data: bytes | None = field(default=None, repr=False)

    @property
    def is_stdin(self) -> bool:
        return self.path is None


class Problem(NamedTuple):
    """An argument that names no readable report: the argument and why."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass
class Expanded:
    """Sources and problems in the order the arguments named them, without duplicates."""

    items: list[Source | Problem] = field(default_factory=list)

    @property
    def sources(self) -> list[Source]:
        return [i for i in self.items if isinstance(i, Source)]

    @property
    def errors(self) -> list[Problem]:
        return [i for i in self.items if isinstance(i, Problem)]


def _display(path: Path) -> str:
    return path.as_posix()


def _walk(root: Path) -> Iterator[Path]:
    """Report files under `root`, sorted, following symlinked directories at most once."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop or a second link to a directory already walked
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(REPORT_SUFFIXES):
                continue
            yield Path(dirpath) / name


def _is_glob(arg: str) -> bool:
    return any(c in _GLOB_CHARS for c in arg)


def expand(args: Iterable[str], *, stdin: bytes | None = None) -> Expanded:
    """Turn CLI arguments into sources. `stdin` overrides reading `sys.stdin` (for tests)."""
    out = Expanded()
    seen: set[str] = set()

    def add(path: Path) -> None:
        try:
            key = str(path.resolve())
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop on some Pythons
            key = str(path.absolute())
        if key not in seen:
            seen.add(key)
            out.items.append(Source(name=_display(path), path=path))

    for arg in args:
        if arg == STDIN:
            if STDIN_NAME in seen:
                continue
            seen.add(STDIN_NAME)
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            out.items.append(Source(name=STDIN_NAME, data=data))
            continue
        path = Path(arg)
        if path.is_dir():
            found = False
            for f in _walk(path):
                found = True
                add(f)
            if not found:
                suffixes = " ".join(REPORT_SUFFIXES)
                out.items.append(Problem(arg, f"no report files ({suffixes}) in this directory"))
            continue
        if path.exists() or path.is_symlink():
            add(path)  # unreadable or broken files are reported when they are read
            continue
        if _is_glob(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            dirs = [Path(m) for m in matches if Path(m).is_dir()]
            for f in files:
                add(f)
            for d in dirs:
                for f in _walk(d):
                    add(f)
            if not files and not dirs:
                out.items.append(Problem(arg, "no files match this pattern"))
            continue
        out.items.append(Problem(arg, "no such file or directory"))
    return out
