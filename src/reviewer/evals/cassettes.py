"""vcrpy configuration shared by the pytest suite (pytest-recording) and `reviewer eval`.

Cassettes live in fixtures/cassettes/<case id>.yaml and hold real answers of a real model; they are
recorded with `scripts/record_cassettes.sh` and never edited by hand. What is stored:

* no Authorization / api-key / cookie headers (filtered before saving);
* bodies decoded (no gzip) and JSON kept as readable UTF-8 (Chinese is not `\\u`-escaped: a JSON
  body that arrives escaped is re-encoded losslessly, same JSON value, before saving);
* requests match on method, path and body, so a changed prompt, model name or setting misses the
  cassette and fails loudly instead of replaying a stale answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

RECORD_COMMAND = "bash scripts/record_cassettes.sh"
RECORD_MODES = ("none", "once", "new_episodes", "all")
FILTER_HEADERS = [
    "authorization",
    "api-key",
    "x-api-key",
    "cookie",
    "set-cookie",
    "openai-organization",
]
REPLAY_API_KEY = "sk-replay-dummy"  # any value: the header is never recorded or matched


class ReadableYAML:
    """vcrpy serializer: block YAML with Chinese left as is (`allow_unicode=True`)."""

    @staticmethod
    def serialize(cassette_dict: dict[str, Any]) -> str:
        return yaml.safe_dump(
            cassette_dict, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
        )

    @staticmethod
    def deserialize(cassette_string: str) -> dict[str, Any]:
        return yaml.safe_load(cassette_string)


def _readable_json(body: Any) -> Any:
    """Re-encode a `\\u`-escaped JSON body as UTF-8 JSON (the same value); leave anything else."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    if not isinstance(raw, bytes) or b"\\u" not in raw:
        return body
    try:
        value = json.loads(raw)
    except ValueError:
        return body
    out = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return out if isinstance(body, bytes) else out.decode("utf-8")


def _before_record_request(request: Any) -> Any:
    if request.body:
        request.body = _readable_json(request.body)
    return request


def _before_record_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in FILTER_HEADERS:
            del headers[name]
    body = response.get("body", {})
    if body.get("string"):
        new = _readable_json(body["string"])
        if new is not body["string"]:
            body["string"] = new
            for name in list(headers):
                if name.lower() == "content-length":
                    size = len(new if isinstance(new, bytes) else new.encode("utf-8"))
                    headers[name] = [str(size)]
    return response


def vcr_config(record_mode: str = "none") -> dict[str, Any]:
    """Keyword arguments for `VCR.use_cassette` (and pytest-recording's `vcr_config`)."""
    return {
        "record_mode": record_mode,
        "filter_headers": list(FILTER_HEADERS),
        "decode_compressed_response": True,
        "match_on": ["method", "path", "body"],
        "before_record_request": _before_record_request,
        "before_record_response": _before_record_response,
        "allow_playback_repeats": False,
    }


def register(vcr: Any) -> None:
    """Make vcrpy's default "yaml" serializer the readable one."""
    vcr.register_serializer("yaml", ReadableYAML)


def cassette_path(cassette_dir: Path, case_id: str) -> Path:
    return cassette_dir / f"{case_id}.yaml"


@contextmanager
def use_cassette(cassette_dir: Path, case_id: str, record_mode: str = "none") -> Iterator[Any]:
    """Replay (or record) one case's model calls outside pytest, as `reviewer eval` does."""
    try:
        import vcr as vcrpy
    except ImportError as exc:  # vcrpy is a dev dependency
        raise RuntimeError("replaying cassettes needs vcrpy: pip install -e '.[dev]'") from exc
    if record_mode not in RECORD_MODES:
        raise ValueError(f"record mode {record_mode!r}; choose from {', '.join(RECORD_MODES)}")
    v = vcrpy.VCR(cassette_library_dir=str(cassette_dir))
    register(v)
    with v.use_cassette(f"{case_id}.yaml", **vcr_config(record_mode)) as cassette:
        yield cassette


def cassette_miss(exc: BaseException) -> BaseException | None:
    """The vcrpy "request not in cassette" error behind `exc` (client libraries wrap it)."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if type(e).__name__ in ("CannotOverwriteExistingCassetteException", "MissingMetadataError"):
            return e
        e = e.__cause__ or e.__context__
    return None


def miss_message(case_id: str, exc: BaseException) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return (
        f"case {case_id}: a model request is not in its cassette ({first}). The prompt, model, "
        f"settings or report changed since recording: re-record with `{RECORD_COMMAND}`."
    )
