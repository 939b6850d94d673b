"""The time budget per report: checks stop at the deadline, the report says it is incomplete,
the findings found so far are kept, a batch moves on and the exit code is 2."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer import engine
from reviewer.batch import run_batch
from reviewer.checks import registry
from reviewer.checks.registry import Hit
from reviewer.deadline import Deadline
from reviewer.document import Document
from reviewer.inputs import Source
from reviewer.policy import Policy
from tests.conftest import FAKE_RULES, Z001, Z002
from tests.test_cli import REPORT, invoke


def _quick(doc: Document) -> Iterator[Hit]:
    yield Z001.hit([(0, 2)], {})


def _runaway(doc: Document) -> Iterator[Hit]:
    while True:  # a check that never ends (pure Python: the timer interrupts it)
        pass
    yield Z002.hit([(0, 2)], {})  # pragma: no cover


def _slow(doc: Document) -> Iterator[Hit]:
    time.sleep(0.3)
    yield Z002.hit([(2, 4)], {})


@pytest.fixture
def checks() -> Iterator[None]:
    """Fake rules whose second check never ends."""
    registered = [(("Z001",), _quick), (("Z002",), _runaway), (("Z003",), _quick)]
    with registry.replaced(FAKE_RULES, registered):
        yield


def test_a_runaway_check_is_interrupted_and_the_report_is_incomplete(checks: object) -> None:
    start = time.monotonic()
    result = engine.check(Document(text=REPORT), timeout=0.3)
    assert time.monotonic() - start < 5
    assert [f.code for f in result.findings] == ["Z001"]  # what was found before is kept
    assert result.meta["incomplete"] == {"timeout": 0.3, "not_run": ["Z002", "Z003"]}


def test_without_a_budget_nothing_is_marked() -> None:
    with registry.replaced(FAKE_RULES, [(("Z001",), _quick), (("Z002",), _slow)]):
        result = engine.check(Document(text=REPORT))
    assert [f.code for f in result.findings] == ["Z001", "Z002"]
    assert "incomplete" not in result.meta


def test_checks_after_the_deadline_are_skipped_even_without_a_timer(fake_rules: None) -> None:
    # Off the main thread no timer can interrupt a check: the engine still stops between checks.
    deadline = Deadline(0.1)
    time.sleep(0.15)
    not_run: list[str] = []
    found = engine.run_checks(Document(text=REPORT), deadline=deadline, not_run=not_run)
    assert found == [] and not_run == ["Z001/Z002/Z003"]


def test_a_batch_moves_on_and_says_which_report_is_incomplete(
    checks: object, tmp_path: Path
) -> None:
    sources = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
        sources.append(Source(name=name, path=tmp_path / name))
    errors: list[str] = []
    outcome = run_batch(sources, Policy(timeout=0.2), on_error=errors.append)
    assert [Path(r.path).name for r in outcome.run.reports] == ["a.txt", "b.txt"]
    assert all(r.meta["incomplete"]["not_run"] == ["Z002", "Z003"] for r in outcome.run.reports)
    assert len(errors) == 2 and "incomplete" in errors[0] and "Z002, Z003" in errors[0]


def test_cli_timeout_option_gives_exit_2(
    checks: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "a.txt", "--timeout", "0.2", "-f", "json", "--isolated")
    assert result.exit_code == 2
    assert '"incomplete"' in result.stdout


def test_config_timeout_is_seconds(tmp_path: Path) -> None:
    from reviewer.config import ConfigError, load_config

    good = tmp_path / "reviewer.toml"
    good.write_text("timeout = 5\n", encoding="utf-8")
    assert load_config(good).timeout == 5.0
    good.write_text('timeout = "soon"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(good)


def test_one_timer_serves_all_checks_of_a_report() -> None:
    # Armed once for the report: inside a check the signal interrupts it; between checks it
    # interrupts nothing, and the deadline reads expired for the checks after.
    from reviewer.deadline import TimeBudgetExceeded

    deadline = Deadline(0.1)
    with deadline.armed():
        with deadline.enforced():
            pass  # a quick check, well before the deadline
        assert not deadline.expired()
        time.sleep(0.2)  # the timer goes off between checks: nothing raised here
        assert deadline.expired()
    late = Deadline(0.1)
    with late.armed(), pytest.raises(TimeBudgetExceeded), late.enforced():
        while True:  # a runaway check under the report's timer
            pass
