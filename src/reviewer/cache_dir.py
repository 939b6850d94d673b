"""Where `reviewer` keeps its caches (model answers, compiled patterns)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """`$REVIEWER_CACHE_DIR`, else `$XDG_CACHE_HOME/reviewer`, else `~/.cache/reviewer`."""
    env = os.environ if env is None else env
    if env.get("REVIEWER_CACHE_DIR"):
        return Path(env["REVIEWER_CACHE_DIR"]).expanduser()
    base = env.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    return Path(base).expanduser() / "reviewer"
