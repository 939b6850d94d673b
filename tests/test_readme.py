"""What the README shows is what the tool prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reviewer.engine import check

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLE = ROOT / "fixtures" / "reports" / "zhengjiayi-2024.txt"


def test_the_json_example_is_a_real_finding_of_the_sample() -> None:
    m = re.search(r'"code": "(\w+)".*?"spans": \[(\{[^}]*\})', README, re.S)
    assert m is not None
    code, span = m.group(1), json.loads(m.group(2))
    found = check(SAMPLE).findings
    assert any(
        f.code == code and f.spans[0].model_dump(include=set(span)) == span for f in found
    ), (code, span)


def test_the_text_example_lines_are_printed_for_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    block = README.split("## What the output looks like", 1)[1].split("```", 2)[1]
    located = [ln.strip() for ln in block.splitlines() if re.match(r"\s+fixtures/\S+:\d+:\d+:", ln)]
    assert located
    from typer.testing import CliRunner

    from reviewer.cli import app

    monkeypatch.chdir(ROOT)
    out = CliRunner().invoke(app, ["check", "--isolated", str(SAMPLE.relative_to(ROOT))])
    printed = {ln.strip() for ln in out.stdout.splitlines()}
    assert set(located) <= printed, set(located) - printed
