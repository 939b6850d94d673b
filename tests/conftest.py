"""pytest-recording setup: model calls replay cassettes from fixtures/cassettes/ (no network).

* record mode "none" unless `--record-mode` says otherwise, and always "none" in CI;
* headers authorization / api-key / cookie / set-cookie never reach a cassette;
* cassettes are readable YAML (Chinese as is), bodies decoded, requests matched on method, path
  and body; a request missing from a cassette fails with the command that re-records them.
Everything vcrpy-specific lives in `reviewer.evals.cassettes`, shared with `reviewer eval`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from reviewer.evals import cassettes as cas

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "fixtures" / "cassettes"


def _in_ci() -> bool:
    return bool(os.environ.get("CI"))


def pytest_configure(config: pytest.Config) -> None:
    """Caches (compiled patterns, model answers) go to a temporary folder, never ~/.cache."""
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
