"""Time `reviewer.check` on hostile inputs; print seconds per MB for each generator.

    python benchmarks/bench_hostile.py [--sizes 25,50,100,200] [--only NAME,...] [--size-limit]
                                       [--timeout 60] [--repeat 1]

Every case runs in a new process under a time limit (`--timeout` seconds), so a case that grows
super-linearly shows as `>timeout` instead of holding the run. Sizes are in KB of UTF-8 text.
The generators write what real files can hold: long digit runs (a PDF table read without cell
separators), lines dense with figures, tables of tens of thousands of rows (pipe, tab and
one-cell-per-line), deeply nested 其中 clauses, long enumerations, many headings. `--size-limit`
adds one file at the loader's 20 MB limit built from the sample reports (slow: minutes).
A case is fine when it stays within 5 s per MB and a ≈200 KB case within 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "fixtures" / "reports").glob("*.txt"))

HEAD = "2024年度某单位部门整体支出绩效自评报告\n一、部门概况\n"


def _fill(parts: Iterator[str], size_kb: float) -> str:
    """Concatenate generated parts until the text reaches size_kb KB of UTF-8."""
    target = int(size_kb * 1024)
    out, n = [HEAD], len(HEAD.encode())
    for part in parts:
        out.append(part)
        n += len(part.encode())
        if n >= target:
            break
    return "".join(out)


def _count() -> Iterator[int]:
    i = 0
    while True:
        yield i
        i += 1


def digit_runs(kb: float) -> str:
    """Table rows whose cells ran together: labels followed by long runs of digits."""

    def parts() -> Iterator[str]:
        for i in _count():
            cells = "".join(f"{(i * 7919 + k * 104729) % 100000}.{k % 100:02d}" for k in range(12))
            yield f"基本支出{i}{cells}{i * 31 % 997}万元\n"
            yield f"{str(i * 1234567891) * 8}\n"
            yield f"{str(i * 9876543211) * 200}\n"  # about 2,000 digits in one run
            yield f"合计{' '.join(str(100 + (i + k) % 900) for k in range(40))}\n"
            yield "一二三四五六七八九十" * 100 + "个\n"

    return _fill(parts(), kb)


def figure_line(kb: float) -> str:
    """One paragraph (no line break) dense with figures: ~6,000 figures per 200 KB."""

    def parts() -> Iterator[str]:
        for i in _count():
            yield (
                f"项目{i}支出{100 + i % 900}.{i % 100:02d}万元、占比{i % 100}.{i % 10}%、"
                f"完成{i % 50 + 1}个，"
            )

    return _fill(parts(), kb) + "。\n"


def claims_line(kb: float) -> str:
    """One paragraph of statements checks read back from (completion against a target, money
    received then spent, a rate beside its amounts): a check that scans back per statement or
    per figure is quadratic here."""

    def parts() -> Iterator[str]:
        for i in _count():
            yield (
                f"完成改造{200 + i % 50}户，下达任务115户，超任务{40 + i % 7}%，"
                f"到位资金{300 + i % 90}万元，支出{250 + i % 80}万元，"
                f"预算数{100 + i % 9}万元，结算支出{90 + i % 9}万元，支出进度比率为{80 + i % 20}%，"
            )

    return _fill(parts(), kb) + "。\n"


def figure_lines(kb: float) -> str:
    """Figure-dense prose in ordinary paragraphs (about 30 figures a line)."""

    def parts() -> Iterator[str]:
        for i in _count():
            total = 1000 + i
            yield (
                f"{i % 12 + 1}月支出合计{total}万元，其中基本支出{total - 400}万元，"
                "项目支出400万元，"
                f"预算执行率{90 + i % 10}.5%，较上年增长{i % 7}.2%，提高{i % 5}个百分点，"
                f"完成{i % 40 + 10}项，惠及{i % 900 + 100}户{i % 3000 + 200}人，得分{i % 10}分。\n"
            )

    return _fill(parts(), kb)


def pipe_table(kb: float) -> str:
    """One pipe table of many rows (30,000 rows is about 1 MB)."""

    def parts() -> Iterator[str]:
        yield "单位：万元\n| 项目 | 预算数 | 执行数 | 执行率 |\n|---|---|---|---|\n"
        for i in _count():
            yield f"| 项目{i} | {100 + i % 900}.00 | {90 + i % 800}.50 | {i % 100}.0% |\n"

    return _fill(parts(), kb)


def tab_table(kb: float) -> str:
    """One tab-separated table of many rows."""

    def parts() -> Iterator[str]:
        yield "项目\t金额（万元）\t占比（%）\n"
        for i in _count():
            yield f"项目{i}\t{100 + i % 900}.00\t{i % 100}.5\n"

    return _fill(parts(), kb)


def flat_table(kb: float) -> str:
    """Flattened tables (one cell per line), one after another."""

    def parts() -> Iterator[str]:
        for i in _count():
            yield "项目\n金额（万元）\n占比（%）\n"
            for k in range(200):
                yield f"项目{i}-{k}\n{100 + k}.00\n{k % 100}.5\n"
            yield f"合计\n{sum(100 + k for k in range(200))}.00\n100\n"

    return _fill(parts(), kb)


def nested_qizhong(kb: float) -> str:
    """Paragraphs of deeply nested 其中 clauses (50 levels each)."""

    def parts() -> Iterator[str]:
        for _ in _count():
            total = 2**50
            chunks = [f"支出总额{total}元"]
            for level in range(50):
                total //= 2
                chunks.append(f"其中：第{level}类{total}元，其他{total}元")
            yield "，".join(chunks) + "。\n"

    return _fill(parts(), kb)


def long_list(kb: float) -> str:
    """Long enumerations: 一是/二是 clauses and numbered items with counts and amounts."""

    def parts() -> Iterator[str]:
        for i in _count():
            items = "、".join(f"第{k}村" for k in range(300))
            yield f"共完成项目{i % 50 + 3}个，涉及{items}等300个村。\n"
            for k in range(1, 60):
                yield f"（{k}）实施项目{k}，完成投资{k * 3}.5万元，新增设施{k}处；\n"

    return _fill(parts(), kb)


def headings(kb: float) -> str:
    """Many short headings and sections, few sentences under each."""

    numerals = "一二三四五六七八九十"

    def parts() -> Iterator[str]:
        for i in _count():
            yield f"{numerals[i % 10]}、第{i}部分绩效目标完成情况\n"
            for k in range(1, 6):
                yield f"（{numerals[k - 1]}）产出指标{k}\n"
                yield f"{k}.数量指标：完成{k * 10}个，得分{k}分。\n"

    return _fill(parts(), kb)


def size_limit(kb: float) -> str:
    """The sample reports one after another up to the size given (the loader's limit: 20 MB)."""
    texts = [p.read_text(encoding="utf-8") for p in REPORTS]

    def parts() -> Iterator[str]:
        for i in _count():
            yield texts[i % len(texts)] + "\n"

    # Cut at the size given: the loader refuses a file even a byte above its limit.
    return _fill(parts(), kb).encode()[: int(kb * 1024)].decode(errors="ignore")


GENERATORS: dict[str, Callable[[float], str]] = {
    "digit_runs": digit_runs,
    "figure_line": figure_line,
    "claims_line": claims_line,
    "figure_lines": figure_lines,
    "pipe_table": pipe_table,
    "tab_table": tab_table,
    "flat_table": flat_table,
    "nested_qizhong": nested_qizhong,
    "long_list": long_list,
    "headings": headings,
}


def _one(name: str, kb: float) -> None:
    """Child process: build the text, time one check, print JSON."""
    from reviewer.document import Document
    from reviewer.engine import check

    check(Document(text=REPORTS[0].read_text(encoding="utf-8")))  # imports, rule registration
    gen = size_limit if name == "size_limit" else GENERATORS[name]
    text = gen(kb)
    start, cpu = time.perf_counter(), time.process_time()
    result = check(Document(text=text, path=name))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    mb = len(text.encode()) / 2**20
    print(json.dumps({"s": elapsed, "cpu": cpu, "mb": mb, "findings": len(result.findings)}))


def _run(name: str, kb: float, timeout: float) -> dict[str, float] | None:
    cmd = [sys.executable, __file__, "--child", name, str(kb)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        raise SystemExit(f"{name} {kb} KB failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _one(sys.argv[2], float(sys.argv[3]))
        return
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="25,50,100,200", help="sizes in KB, comma-separated")
    ap.add_argument("--only", default="", help="generator names, comma-separated")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--repeat", type=int, default=1, help="runs per case; the median is shown")
    ap.add_argument("--size-limit", action="store_true", help="also a 20 MB file (minutes)")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s]
    names = [n for n in args.only.split(",") if n] or list(GENERATORS)
    cases = [(n, kb) for n in names for kb in sizes]
    if args.size_limit:
        cases.append(("size_limit", 20 * 1024))
    print(f"{'generator':<15} {'KB':>7} {'seconds':>8} {'s/MB':>7} {'cpu s/MB':>8} {'findings':>8}")
    for name, kb in cases:
        runs = [_run(name, kb, args.timeout) for _ in range(args.repeat)]
        if any(r is None for r in runs):
            over = ">" + str(int(args.timeout))
            print(f"{name:<15} {kb:>7.0f} {over:>8} {'-':>7} {'-':>8} {'-':>8}")
            continue
        done = [r for r in runs if r is not None]
        secs = statistics.median(r["s"] for r in done)
        cpu = statistics.median(r["cpu"] for r in done)
        mb = done[0]["mb"]
        print(
            f"{name:<15} {kb:>7.0f} {secs:>8.2f} {secs / mb:>7.2f} {cpu / mb:>8.2f} "
            f"{int(done[0]['findings']):>8}",
            flush=True,
        )


if __name__ == "__main__":
    main()
