"""False alarms of the rules on well-written reports nobody tuned on.

    python evals/probes/quality_clean_reports.py  # every finding on a clean report, then counts
    python evals/probes/quality_clean_reports.py -q  # counts only

quality_clean_reports/clean-*.txt are short whole reports or excerpts written to be correct
(department, project and transfer-payment reports; prose and `|` tables; several provinces'
phrasing, one in traditional characters; dates, document numbers, a proper 网址 line, table
captions with their tables, 十四五 goals with the year's quantified targets, explained budget
adjustments, seal lines naming the unit, tasks with content, indicators with results,
privacy-masked names and phone numbers). Every finding on them is a false alarm unless a
reviewer would raise it; planted-<CODE>-*.txt each carry one planted defect, caught when a
finding of <CODE> is reported on it.

Measured before any rule change (commit that added this file, `python
evals/probes/quality_clean_reports.py`), 28 clean reports, 12 findings on 11 of them:
  Q004 warning ×5 (score stated without per-indicator scores) — defensible: a reviewer asks for them
  Q006 warning ×2 (a 完成情况/备注 column of 完成 read as the actual value, while the table's
       实际完成值 column holds numbers) — false
  Q001 warning ×1 (a result under 社会效益 written as 保障水平提高) — defensible: a vague outcome
  Q001 info ×1 (十四五 direction followed by the year's quantified targets; says 全文也未见量化的
       指标值) — false
  Q020 warning ×1 (grade 优 with no score) — defensible
  Q178 info ×1 (a privacy-masked name 谭** and phone 023-5822****) — false
  T001 warning ×1 (numeric rule, carry-over and balance read as parts of spending) — false,
       left to the numeric rules' owner
clean-29 and clean-30 (near misses of Q170–Q183 packed in a form and in prose) were added
after the first fixes and measured on the code before any rule change (b187cb1): 2 more
findings, Q176 warning ×1 (管护2023年12月31日前建成的工程 read as the goal's deadline) — false,
and Q178 info ×1 (phone 0558-6521***) — false. So 30 clean reports, 14 findings on 12 before.
After the fixes (Q178 de-identification, Q006 verdict column, Q001 overall aim above plain
figures, Q176 date qualifying a noun): 30 clean reports, 8 findings on 8 — Q004 warning ×5,
Q001 warning ×1, Q020 warning ×1 (all judged defensible above), T001 warning ×1 (numeric).
Planted: 2 of 5 caught (Q171, Q175; missed Q177, Q180; Q183's table row drew Q001 instead).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from reviewer.engine import check

DIR = Path(__file__).resolve().parent / "quality_clean_reports"


def main(argv: list[str]) -> int:
    quiet = "-q" in argv
    alarms: Counter[tuple[str, str]] = Counter()
    alarmed = 0
    clean = sorted(DIR.glob("clean-*.txt"))
    for path in clean:
        res = check(path)
        if res.findings:
            alarmed += 1
        for f in res.findings:
            alarms[(f.code, f.severity.value)] += 1
            if not quiet:
                print(f"{path.name}\t{f.code}\t{f.severity.value}\t{f.message[:160]}")
    planted = sorted(DIR.glob("planted-*.txt"))
    caught = []
    for path in planted:
        want = path.name.split("-")[1]
        codes = {f.code for f in check(path).findings}
        caught.append(want in codes)
        if not quiet:
            print(f"{path.name}\t{'caught' if want in codes else 'MISSED'}\t{sorted(codes)}")
    total = sum(alarms.values())
    print(f"clean reports: {len(clean)}, with findings: {alarmed}, findings: {total}")
    for (code, sev), n in sorted(alarms.items()):
        print(f"  {code} {sev}: {n}")
    print(f"planted: {sum(caught)} of {len(planted)} caught")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
