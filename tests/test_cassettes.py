"""Hygiene of the committed cassettes: no secrets, readable Chinese, no compressed bodies, and
each one states the real model it came from (see fixtures/cassettes/README.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from reviewer.evals.cases import load_suite
from reviewer.evals.cassettes import RECORD_COMMAND, ReadableYAML, _readable_json

ROOT = Path(__file__).resolve().parent.parent
CASSETTE_DIR = ROOT / "fixtures" / "cassettes"
CASSETTES = sorted(CASSETTE_DIR.glob("*.yaml"))
SUITE = load_suite(ROOT / "evals" / "default.yaml")
SECRET_HEADERS = {"authorization", "api-key", "x-api-key", "cookie", "set-cookie"}


def interactions(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]


@pytest.mark.parametrize("path", CASSETTES, ids=lambda p: p.name)
class TestCassette:
    def test_no_secret_headers(self, path: Path) -> None:
        for it in interactions(path):
            for side in ("request", "response"):
                names = {h.lower() for h in it[side].get("headers", {})}
                assert not names & SECRET_HEADERS, (side, names & SECRET_HEADERS)

    def test_no_api_keys_anywhere(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"sk-[A-Za-z0-9_-]{8,}", text)
        assert not re.search(r"(?i)bearer\s+\S+", text)

    def test_chinese_is_readable(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\\u[0-9a-fA-F]{4}", text), "escaped unicode in cassette"
        assert re.search(r"[\u4e00-\u9fff]", text)

    def test_no_compressed_bodies(self, path: Path) -> None:
        for it in interactions(path):
            enc = {v.lower() for k, vs in it["response"].get("headers", {}).items()
                   if k.lower() == "content-encoding" for v in vs}  # fmt: skip
            assert not enc & {"gzip", "br", "deflate", "zstd"}
            assert "!!binary" not in path.read_text(encoding="utf-8")

    def test_states_the_recorded_model(self, path: Path) -> None:
        files = {m.name: m.file for m in SUITE.recorded_models()}
        for it in interactions(path):
            body = json.loads(it["response"]["body"]["string"])
            sent = json.loads(it["request"]["body"])
            assert sent["model"] in files, sent["model"]
            assert body["model"] == files[sent["model"]], body.get("model")
            assert sent["temperature"] == 0

    def test_is_a_case_and_listed_in_the_recording_record(self, path: Path) -> None:
        ids = {c.id for c in SUITE.load_cases()}
        assert path.stem in ids
        meta = json.loads((CASSETTE_DIR / "recording.json").read_text(encoding="utf-8"))
        rec = meta["cases"][path.stem]
        known = {(m.sha256, m.file) for m in SUITE.recorded_models()}
        assert (rec["sha256"], rec["model_file"]) in known
        for part in (rec.get("systems") or {}).values():
            assert (part["sha256"], part["model_file"]) in known
        assert path.stem in (CASSETTE_DIR / "README.md").read_text(encoding="utf-8")


def test_every_case_has_a_cassette() -> None:
    """`reviewer eval` replays the model's answers offline: a case without its cassette cannot
    be scored for the `llm` and `llm_only` systems."""
    missing = [c.id for c in SUITE.load_cases() if not (CASSETTE_DIR / f"{c.id}.yaml").exists()]
    assert missing == [], (
        f"not recorded: {', '.join(missing)}; run `{RECORD_COMMAND} {' '.join(missing)}`"
    )


def test_serializer_keeps_chinese_and_escaped_json_is_reencoded() -> None:
    out = ReadableYAML.serialize({"body": "报告称 93.44"})
    assert "报告称" in out and "\\u" not in out
    assert _readable_json('{"a":"\\u62a5\\u544a"}') == '{"a":"报告"}'
    assert _readable_json(b'{"a":1}') == b'{"a":1}'
    assert _readable_json("not json \\u") == "not json \\u"


@pytest.mark.parametrize("case", SUITE.load_cases(), ids=lambda c: c.id)
def test_the_recording_names_the_model_of_every_system_the_case_runs(case) -> None:
    """Every model system of every case was recorded from the model the suite names for it
    (the case's own override, the system's, or the suite's): file and sha256."""
    meta = json.loads((CASSETTE_DIR / "recording.json").read_text(encoding="utf-8"))
    systems = meta["cases"][case.id]["systems"]
    for s in case.systems or SUITE.systems:
        if s == "rules":
            continue
        want = case.system_models.get(s) or SUITE.system_models.get(s) or SUITE.model
        assert want is not None
        assert (systems[s]["model_file"], systems[s]["sha256"]) == (want.file, want.sha256), s
