"""On-disk cache of model responses, so a repeated review costs zero tokens.

Layout: `<cache_dir>/llm-v1/<key[:2]>/<key>.json`, where `cache_dir` is `$REVIEWER_CACHE_DIR`,
else `$XDG_CACHE_HOME/reviewer`, else `~/.cache/reviewer`. The key is the SHA-256 of the
model, the endpoint (without credentials), the mode, the prompt and schema versions, the
document's SHA-256 and the exact request body (messages and generation parameters). Each file
holds those identifying fields (not the request body) and the cleaned completion. API keys are
never part of a request body; `put` refuses to write anything that contains the key anyway.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

LAYOUT = "llm-v1"


def request_hash(body: dict[str, Any]) -> str:
    blob = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class DiskCache:
    def __init__(self, root: Path, *, secret: str | None = None) -> None:
        self.root = Path(root) / LAYOUT
        self._secret = secret

    def key(self, ident: dict[str, Any], body: dict[str, Any]) -> str:
        return request_hash({"ident": ident, "request": request_hash(body)})

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        response = data.get("response") if isinstance(data, dict) else None
        return response if isinstance(response, dict) else None

    def put(self, key: str, ident: dict[str, Any], response: dict[str, Any]) -> bool:
        """Store a response; False (and nothing written) when it cannot or must not be."""
        blob = json.dumps(
            {"key": key, "ident": ident, "response": response}, ensure_ascii=False, indent=1
        )
        if self._secret and len(self._secret) >= 8 and self._secret in blob:
            return False
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)
            return False
        return True
