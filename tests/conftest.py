"""Shared fixtures: fake rules, a fake model, and the cassette setup.

* `fake_rules`: the engine runs three fake rules (Z001 error, Z002 warning, Z003 info, plus
  X001) instead of the real catalog, through `registry.replaced` (no module global patched);
* `fake`: a fake OpenAI-compatible server on 127.0.0.1 (tests/fake_openai.py) for the model;

pytest-recording setup: model calls replay cassettes from fixtures/cassettes/ (no network).

* record mode "none" unless `--record-mode` says otherwise, and always "none" in CI;
* headers authorization / api-key / cookie / set-cookie never reach a cassette;
* cassettes are readable YAML (Chinese as is), bodies decoded, requests matched on method, path
  and body; a request missing from a cassette fails with the command that re-records them.
Everything vcrpy-specific lives in `reviewer.evals.cassettes`, shared with `reviewer eval`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reviewer.checks import registry
from reviewer.checks.notices import UNUSED
from reviewer.checks.registry import Hit, Rule
from reviewer.document import Document
from reviewer.evals import cassettes as cas
from reviewer.models import Severity

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "fixtures" / "cassettes"


def _rule(code: str, name: str, severity: Severity, title: str, message: str) -> Rule:
    return Rule(
        code=code,
        name=name,
        kind=name.replace("-", "_"),
        severity=severity,
        family="totals",
        title_zh=title,
        title_en=f"{name} (en)",
        message_zh=message + "：{quote}",
        message_en=f"{name}: " + "{quote}",
        what=f"What {code} does.",
        why=f"Why {code} matters.",
        example=f"Example of {code}.",
        fix=f"Fix for {code}.",
    )


Z001 = _rule("Z001", "fake-total", Severity.ERROR, "合计不符（测试）", "合计与分项不符")
Z002 = _rule("Z002", "fake-vague", Severity.WARNING, "目标模糊（测试）", "目标不可衡量")
Z003 = _rule("Z003", "fake-rounding", Severity.INFO, "尾差（测试）", "存在尾差")


def _fake_check(doc: Document) -> Iterator[Hit]:
    for m in re.finditer(r"合计99人", doc.text):
        spans = [(m.start(), m.end())]
        ev = re.compile(r"其中[^。]*").search(doc.text, m.end())
        if ev:
            spans.append((ev.start(), ev.end()))
        yield Z001.hit(spans, {"quote": m.group(0)})
    for m in re.finditer(r"进一步提高", doc.text):
        yield Z002.hit([(m.start(), m.end())], {"quote": m.group(0)})
    for m in re.finditer(r"尾差", doc.text):
        yield Z003.hit([(m.start(), m.end())], {"quote": m.group(0)})


FAKE_RULES = (Z001, Z002, Z003, UNUSED)
FAKE_CHECKS = [(("Z001", "Z002", "Z003"), _fake_check)]


@pytest.fixture
def fake_rules() -> Iterator[None]:
    """The engine (library and CLI) runs the fake rules instead of the real catalog."""
    with registry.replaced(FAKE_RULES, FAKE_CHECKS):
        yield


_KEPT: list[Any] = []


def install_fake_rules() -> None:
    """For a child process (`run_main`): the fake rules for the rest of the process."""
    kept = registry.replaced(FAKE_RULES, FAKE_CHECKS)
    kept.__enter__()
    _KEPT.append(kept)  # never exited: the process ends with the fake rules in force


@pytest.fixture
def fake() -> Iterator[Any]:
    """A fake OpenAI-compatible server on 127.0.0.1 (see tests/fake_openai.py)."""
    from tests.fake_openai import FakeOpenAI

    with FakeOpenAI() as server:
        yield server


def _in_ci() -> bool:
    return bool(os.environ.get("CI"))


def pytest_configure(config: pytest.Config) -> None:
    """Model answers are cached in a temporary folder, never ~/.cache."""
    if not os.environ.get("REVIEWER_CACHE_DIR"):
        import tempfile

        os.environ["REVIEWER_CACHE_DIR"] = tempfile.mkdtemp(prefix="reviewer-test-cache-")


@pytest.fixture(scope="session")
def record_mode(request: pytest.FixtureRequest) -> str:
    mode = request.config.getoption("--record-mode", default=None) or "none"
    if _in_ci() and mode != "none":
        raise pytest.UsageError("CI replays cassettes only: drop --record-mode")
    return mode


@pytest.fixture(scope="module")
def vcr_config(record_mode: str) -> dict[str, Any]:
    return cas.vcr_config(record_mode)


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    cas.register(vcr)


@pytest.fixture(autouse=True)
def _dummy_key_when_replaying(record_mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replays need a key to build a client, never a real one (headers are not recorded)."""
    if record_mode == "none":
        monkeypatch.setenv("OPENAI_API_KEY", cas.REPLAY_API_KEY)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    rep = outcome.get_result()
    if call.excinfo is not None and cas.cassette_miss(call.excinfo.value) is not None:
        rep.sections.append(
            (
                "cassette mismatch",
                "A model request is not in its cassette (prompt, model, settings or report "
                f"changed). Re-record with: {cas.RECORD_COMMAND}",
            )
        )
