"""Module-level patterns: compiled on first use, and then exactly `re.compile`'s patterns."""

from __future__ import annotations

import ast
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


# -- lazy patterns ------------------------------------------------------------------------


def test_a_lazy_pattern_is_not_compiled_until_it_is_used() -> None:
    source = r"(\d+)个(?#lazy-test)"  # a pattern no other module uses
    pat = rx.lazy(source)
    assert pat.pattern == source  # readable without compiling: patterns compose others
    assert (source, 0) not in rx._COMPILED
    assert pat.search("内设机构6个").group(1) == "6"
    compiled = rx._COMPILED[(source, 0)]
    assert pat.search == compiled.search  # from now on the compiled pattern's own methods
    pat.search("7个")
    assert rx._COMPILED[(source, 0)] is compiled  # compiled once


def test_compile_declared_compiles_every_lazy_pattern_declared_so_far() -> None:
    # What a batch does before forking its worker processes, so they inherit the patterns.
    source = r"(\d+)项(?#declared-test)"  # a pattern no other module uses
    pat = rx.lazy(source)
    assert (source, 0) not in rx._COMPILED
    rx.compile_declared()
    assert (source, 0) in rx._COMPILED
    assert pat.search == rx._COMPILED[(source, 0)].search


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


def test_the_rule_modules_compile_patterns_through_reviewer_regex() -> None:
    """A `re.compile` at import costs every cold start; `lazy()` costs nothing until used."""
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


def test_nothing_in_the_package_uses_interpreter_internals() -> None:
    """No private `re`/`_sre` internals and no exit tricks: the code runs on any Python 3.10+."""
    src = Path(__file__).resolve().parent.parent / "src" / "reviewer"
    banned = ("_sre", "re._parser", "re._compiler", "sre_compile", "sre_parse", "os._exit")
    banned += ("gc.freeze", "gc.set_threshold", "sys.modules[__name__].__class__")
    found = [
        f"{path.relative_to(src)}: {word}"
        for path in src.rglob("*.py")
        for word in banned
        if word in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_nothing_in_the_package_or_its_tests_imports_a_private_part_of_re() -> None:
    """`from re import _parser` escapes a search for "re._parser": read the imports themselves.
    (The first-character guard reads patterns with `reviewer.regex_first`, not `re`'s parser,
    and its tests check it against `re`'s matches, not against that parser.)"""
    root = Path(__file__).resolve().parent.parent
    found = []
    for path in [*(root / "src" / "reviewer").rglob("*.py"), *(root / "tests").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            found += [
                f"{path.relative_to(root)}: {name}"
                for name in names
                if name.startswith(("re._", "sre_", "_sre"))
            ]
    assert found == []
