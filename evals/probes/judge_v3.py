"""Probe, not part of the suite: does a narrower judge prompt (judge_v3.prompt.md: one fact about
the second passage, about a thing Python names from the first) discriminate on the default
suite's ten candidates, where judge.v2 answered "no" to all ten?

Run against a real local model (scripts/local_llm.py serve --model 1.5b):

    OPENAI_BASE_URL=http://127.0.0.1:8765/v1 python evals/probes/judge_v3.py MODEL_FILE

It prints each answer next to the expected one and writes judge_v3.answers.json next to this
file; judge_v3.results.json holds the answers recorded on 2026-12-02 from the 1.5B model.
"""

from __future__ import annotations

import glob
import json
import os
import sys
import time
from pathlib import Path

from openai import OpenAI
from pydantic import BaseModel, Field

from reviewer.document import load
from reviewer.llm.candidates import _ABSOLUTE, Candidate, candidates
from reviewer.llm.prompts import parse

HERE = Path(__file__).resolve().parent
# The suite's gold: real conflicts, except the three near misses of semantic-near-2024
# (饮水 vs 道路, next year's 8个, a spending cut).
EXPECT: dict[tuple[str, ...], bool] = {
    ("miaoqian-2023", "figure"): True,
    ("miaoqian-2023", "state"): True,
    ("semantic-2024", "state"): True,
    ("semantic-2024", "figure"): True,
    ("semantic-2024", "claim"): True,
    ("semantic-near-2024", "claim", "均已达到"): True,
    ("semantic-near-2024", "state", "农村"): False,
    ("semantic-near-2024", "figure"): False,
    ("semantic-near-2024", "state", "危房"): True,
    ("semantic-near-2024", "claim", "全面完成"): False,
}


class Answer(BaseModel):
    answer: bool
    reason: str = Field(max_length=20)


def thing(norm: str, c: Candidate) -> str:
    """What the first passage says is gone (after 消除/杜绝…), else the candidate's subject."""
    first = norm[c.first[0] : c.first[1]]
    m = _ABSOLUTE.search(first)
    t = first[m.end() :] if m else c.subject
    return t.strip("了的，。 ") or c.subject


def question(norm: str, c: Candidate) -> str:
    if c.generator == "state":
        return f"乙是否说“{thing(norm, c)}”目前仍然存在或尚未完成？乙说的若是别的事物，回答 false。"
    if c.generator == "figure":
        return (
            f"乙说的“{c.subject}”是否就是本年已做的那一批，且目前还没有全部完成？"
            "若乙说的是以后计划再做的另一批，回答 false。"
        )
    return (
        "乙是否写明本年有某项目标、任务或指标没有完成、没有达到或低于目标？"
        "只是比上年低、支出减少，回答 false。"
    )


def _clip(s: str) -> str:
    return " ".join(s.split())[:90]


def main(model: str) -> None:
    prompt = parse((HERE / "judge_v3.prompt.md").read_text(encoding="utf-8"), "judge.v3.md")
    client = OpenAI(base_url=os.environ["OPENAI_BASE_URL"], api_key="sk-no-key-required")
    schema = {"name": "Answer", "schema": Answer.model_json_schema()}
    out = []
    for f in sorted(glob.glob("fixtures/reports/*.txt")):
        d = load(f)
        case = Path(f).stem
        for c in candidates(d):
            msgs = prompt.render(
                first=_clip(d.norm[c.first[0] : c.first[1]]),
                second=_clip(d.norm[c.second[0] : c.second[1]]),
                question=question(d.norm, c),
            )
            t0 = time.time()
            r = client.chat.completions.create(
                model=model, messages=msgs, temperature=0, seed=0, max_tokens=60,  # type: ignore[arg-type]
                response_format={"type": "json_schema", "json_schema": schema},  # type: ignore[typeddict-item]
            )  # fmt: skip
            content = r.choices[0].message.content or ""
            try:
                ans: bool | None = Answer.model_validate_json(content).answer
            except ValueError:
                ans = None
            exp = EXPECT.get((case, c.generator, c.subject), EXPECT.get((case, c.generator)))
            row = {
                "case": case,
                "generator": c.generator,
                "subject": c.subject,
                "question": msgs[1]["content"].split("问题：")[1],
                "answer": content,
                "parsed": ans,
                "expected": exp,
                "finish": r.choices[0].finish_reason,
                "usage": r.usage.model_dump() if r.usage else None,
                "seconds": round(time.time() - t0, 1),
                "model": r.model,
            }
            out.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    path = HERE / "judge_v3.answers.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    ok = sum(1 for r in out if r["parsed"] == r["expected"])
    yes = sum(1 for r in out if r["expected"] and r["parsed"])
    no = sum(1 for r in out if r["expected"] is False and r["parsed"] is False)
    n_yes = sum(1 for r in out if r["expected"])
    n_no = sum(1 for r in out if r["expected"] is False)
    print(f"agree with gold: {ok}/{len(out)}; yes on conflicts {yes}/{n_yes}; ", end="")
    print(f"no on near misses {no}/{n_no}")


if __name__ == "__main__":
    main(sys.argv[1])
