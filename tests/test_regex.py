"""Module-level patterns: compiled on first use, and kept compiled on disk between runs.

The pattern cache must be invisible: a pattern it returns is equal (same flags, same code) to
the one `re.compile` returns, whatever state the cache file is in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewer import regex as rx

PATTERNS = [
    (r"[\u4e00-\u9fff]{2,}", 0),
    (r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万元|元|%)", 0),
    (r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d])", 0),
    (r"^(?:一|二|三)[、.]", re.M),
    (r"total.*?parts", re.S | re.I),
    (r"[^，。；;\n]{0,12}?(?:未能|没有)", 0),
]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder and a cache that has loaded nothing yet (a new process)."""
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("REVIEWER_REGEX_CACHE", raising=False)
    rx.CACHE.reset()
    yield tmp_path
    rx.CACHE.reset()


def _cache_file(root: Path) -> Path:
    files = list((root / "regex").glob("*.marshal"))
    assert len(files) == 1
    return files[0]


def _no_assembling(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(pattern: str, flags: int) -> tuple[object, ...]:
        raise AssertionError(f"assembled {pattern!r} again instead of reading the cache")

    monkeypatch.setattr(rx, "_assemble", fail)


# -- lazy patterns ------------------------------------------------------------------------


def test_a_lazy_pattern_is_not_compiled_until_it_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(rx, "compile", lambda p, f=0: calls.append(p) or re.compile(p, f))
    pat = rx.lazy(r"(\d+)个")
    assert pat.pattern == r"(\d+)个"  # readable without compiling: patterns compose others
    assert calls == []
    assert pat.search("内设机构6个").group(1) == "6"
    assert calls == [r"(\d+)个"]
    pat.search("7个")
    assert calls == [r"(\d+)个"]  # compiled once


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_lazy_pattern_behaves_as_the_compiled_pattern(pattern: str, flags: int) -> None:
    text = "项目资金12.5万元，其中一、二：未能完成 1,234 Total of the parts 目标100%\n三、结论"
    lazy, real = rx.lazy(pattern, flags), re.compile(pattern, flags)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub("#", text) == real.sub("#", text)
    assert lazy.split(text) == real.split(text)
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (real.flags, real.groups, real.groupindex)


def test_the_module_functions_match_re() -> None:
    text = "年初预算100万元，调整后预算120万元"
    assert rx.search(r"\d+", text).group() == re.search(r"\d+", text).group()  # type: ignore[union-attr]
    assert rx.findall(r"\d+", text) == ["100", "120"]
    assert rx.sub(r"\d+", "N", text, 1) == re.sub(r"\d+", "N", text, count=1)
    assert rx.split(r"[，,]", text) == re.split(r"[，,]", text)
    assert rx.fullmatch(r"\d+", "12") is not None and rx.match(r"\d", "a1") is None


# -- the pattern cache --------------------------------------------------------------------


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_cached_pattern_equals_re_compile_in_a_new_process(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, flags: int
) -> None:
    first = rx.CACHE.compile(pattern, flags)
    rx.save_cache()
    assert _cache_file(cache_dir).stat().st_size > 0

    rx.CACHE.reset()  # as if a new process
    _no_assembling(monkeypatch)
    again = rx.CACHE.compile(pattern, flags)
    assert again == re.compile(pattern, flags) == first
    assert again is not first  # built from the file, not taken from re's own cache


def test_a_damaged_cache_file_is_ignored_and_rewritten(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rx.CACHE.compile(r"(\d+)项", 0)
    rx.save_cache()
    path = _cache_file(cache_dir)
    blob = bytearray(path.read_bytes())
    blob[-3] ^= 0xFF  # one flipped byte: the checksum no longer matches
    path.write_bytes(bytes(blob))

    rx.CACHE.reset()
    assert rx.CACHE.compile(r"(\d+)项", 0) == re.compile(r"(\d+)项")
    rx.save_cache()
    rx.CACHE.reset()
    _no_assembling(monkeypatch)
    assert rx.CACHE.compile(r"(\d+)项", 0) == re.compile(r"(\d+)项")


@pytest.mark.parametrize("content", [b"", b"not a cache", b"reviewer-regex-cache-1\n\0\0"])
def test_a_file_that_is_not_a_cache_is_ignored(cache_dir: Path, content: bytes) -> None:
    path = rx.CACHE.path()
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert rx.CACHE.compile(r"\d+分", 0) == re.compile(r"\d+分")


def test_an_entry_sre_rejects_falls_back_to_re_compile(cache_dir: Path) -> None:
    rx.CACHE.compile(r"\d+人", 0)
    assert rx.CACHE._entries is not None
    flags, _code, groups, groupindex, indexgroup = rx.CACHE._entries[(r"\d+人", 0)]
    rx.CACHE._entries[(r"\d+人", 0)] = (flags, [1, 2, 3], groups, groupindex, indexgroup)
    assert rx.CACHE.compile(r"\d+人", 0) == re.compile(r"\d+人")


def test_a_bad_pattern_raises_re_error_as_re_compile_does(cache_dir: Path) -> None:
    with pytest.raises(re.error):
        rx.CACHE.compile(r"(unclosed", 0)


def test_the_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_REGEX_CACHE", "0")
    assert rx.CACHE.compile(r"\d+户", 0) == re.compile(r"\d+户")
    rx.save_cache()
    assert not (cache_dir / "regex").exists()


def test_an_unwritable_cache_folder_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(blocker))  # a file where a folder should be
    rx.CACHE.reset()
    try:
        assert rx.CACHE.compile(r"\d+所", 0) == re.compile(r"\d+所")
        rx.save_cache()  # nothing written, nothing raised
    finally:
        rx.CACHE.reset()


def test_processes_merge_what_they_assembled(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rx.CACHE.compile(r"\d+座", 0)
    rx.save_cache()
    rx.CACHE.reset()  # a second process, which assembles another pattern
    rx.CACHE._entries = {}  # it started before the first one wrote its file
    rx.CACHE.compile(r"\d+处", 0)
    rx.save_cache()
    rx.CACHE.reset()
    _no_assembling(monkeypatch)
    assert rx.CACHE.compile(r"\d+座", 0) == re.compile(r"\d+座")
    assert rx.CACHE.compile(r"\d+处", 0) == re.compile(r"\d+处")


def test_reviewer_check_gives_the_same_findings_with_the_cache_empty_filled_and_off(
    tmp_path: Path,
) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    report = root / "fixtures" / "reports" / "zhengjiayi-2024.txt"

    def run(**env: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "reviewer", "check", str(report), "--format", "json"],
            capture_output=True,
            text=True,
            env={**os.environ, "REVIEWER_CACHE_DIR": str(tmp_path), **env},
            check=False,
        )
        assert done.returncode == 1, done.stderr  # the report has errors
        return done.stdout

    first = run()  # the CLI leaves with os._exit: it must still write the cache
    assert _cache_file(tmp_path).stat().st_size > 10_000
    assert run() == first
    assert run(REVIEWER_REGEX_CACHE="0") == first


def test_nothing_is_cached_when_assembling_does_not_reproduce_re_compile(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = rx._assemble(r"\d+条", 0)  # valid code, but another pattern's
    monkeypatch.setattr(rx, "_assemble", lambda pattern, flags: wrong)
    assert rx.CACHE.compile(r"\d+项", 0) == re.compile(r"\d+项")
    assert rx.CACHE.compile(r"\d+次", 0) == re.compile(r"\d+次")
    rx.save_cache()
    assert not (cache_dir / "regex").exists()


def test_the_rule_modules_compile_patterns_through_reviewer_regex() -> None:
    """A `re.compile` at import costs every cold start; `lazy()` costs nothing until used."""
    import ast

    src = Path(__file__).resolve().parent.parent / "src" / "reviewer"
    modules = [*src.glob("checks/*.py"), *src.glob("claims/*.py"), *src.glob("document/*.py")]
    modules += [src / "numbers.py", src / "suppress.py"]
    direct = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "split"}
    found = []
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in direct
            ):
                found.append(f"{path.relative_to(src)}:{node.lineno}: re.{node.func.attr}")
    assert found == []


def test_no_home_folder_means_no_cache_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home(env: object = None) -> Path:
        raise RuntimeError("Could not determine home directory")

    monkeypatch.setattr(rx, "default_cache_dir", no_home)
    rx.CACHE.reset()
    try:
        assert rx.CACHE.compile(r"\d+株", 0) == re.compile(r"\d+株")
        rx.save_cache()
    finally:
        rx.CACHE.reset()


def test_a_full_cache_keeps_only_what_the_last_process_used(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rx, "_MAX_ENTRIES", 2)
    for p in (r"\d+甲", r"\d+乙"):
        rx.CACHE.compile(p, 0)
    rx.save_cache()
    rx.CACHE.reset()  # a later process (a newer version of the rules) uses other patterns
    rx.CACHE.compile(r"\d+丙", 0)
    rx.save_cache()
    assert set(rx.CACHE._read(rx.CACHE.path())) == {(r"\d+丙", 0)}
