"""A self-evaluation form flattened into one run of space-separated cells whose order was lost.

Text pulled out of a PDF or a spreadsheet often prints a whole form on one line, cells separated
by spaces, in an order that no longer follows the rows: names drift away from their figures, a
target stands before the header, the 总分 label after its figures. What survives is the figures of
one row printed side by side (`95% 95% 30 27`: target, actual, weight, score). This module reads
only what that order still settles, and lets the form's own arithmetic confirm the reading:

* a **form** is the text from one `自评表` title to the next, read line by line; only lines of at
  least `_MIN_TOKENS` space-separated cells take part (prose, `|` tables and one cell per line are
  other readers' business);
* the **funds part** (before the indicator header 指标值) holds the funds row. Its score is read
  from `A B W S` (全年预算数, 全年执行数, 分值, 得分) when S is W × B ÷ A at S's precision
  (within one point when the 执行率 stands between: `W R% S`, S ≤ W, the score truncated or
  rounded);
* the **indicator part**: each maximal run of bare numbers ends a row in its weight and score
  (`8676 15 13`, `100% 100% 15 15`). A run of k numbers may hold several rows (`10 10 100 98.62`):
  every split into rows of 2–4 numbers whose last two are a weight in (0, 100] and a score not
  above it is a reading; a run no split fits is no row of figures;
* the **total** is the last pair of a reading whose weight is 100, with no other figure in its
  row (`10 100 90` is no total: the 10 may be a weight whose score cell is blank), and a reading
  counts only when the weights of every other pair, the funds row's included, add up to exactly
  100. Two coincidences are needed to fake that, so the pairing is taken as the form's.

S030 compares the scores with the total when every reading that passes agrees; silent when any
reading gives the stated total. R070 sets a rate printed away from its row (`86.19%` elsewhere in
the funds part) against the funds row's own B ÷ A when that row is confirmed by its score and the
rate differs from it in the last place only (a nearer percent is another figure).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.registry import Hit, Relation, check, relation, rule
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.numbers import UNITS, decimals_of, fmt
from reviewer.regex import lazy

RUN_FORM_SCORE_SUM = rule(
    code="S030",
    fix_zh="按各行得分重算总分并更正；得分有小数的，表中应显示到相同位数，使各行得分之和与总分一致。",
    name="run-form-score-sum",
    kind="score_sum_mismatch",
    severity=Severity.WARNING,
    family="scores",
    title_zh="自评表各行得分之和与总分不符（单元格次序已乱）",
    title_en="Form scores do not add up to the total (cells out of order)",
    message_zh="自评表各行得分 {expr} = {sum}，总分行称 {stated}（相差 {diff} 分）。{how_zh}",
    message_en="The form's row scores add up to {expr} = {sum}; the total row states {stated} "
    "(off by {diff}). {how_en}",
    what="Reads a self-evaluation form printed as one run of space-separated cells in an order "
    "that no longer follows the rows (text pulled out of a PDF or a spreadsheet): each run of "
    "bare numbers ends a row in its weight and score, the funds row's score is confirmed by "
    "分值 × 执行数 ÷ 预算数, and the last pair weighted 100 is the total. The reading is kept only "
    "when the other weights add up to exactly 100; then the scores are added and compared with "
    "the total's score. Also reads a form whose cells ran together with no separator at all, "
    "分值 before 年度指标值 (`安装标尺10≥266米≥266米10`): a row is read only when its digits split "
    "one way into weight, target, actual (same unit) and score, the funds row "
    "(`年度资金总额:202010100.00%10`) only when one split gives budget, spending, weight, a rate "
    "equal to spending ÷ budget and a score equal to weight × rate, the total (`总分100100`) only "
    "when one split gives weight and score; and only when every figure between the header and "
    "the total was read so.",
    why="The total score decides the grade. When the scores a reader can see do not add up to "
    "it, a score or the total is wrong, or a rounded score hides the figure the total rests on.",
    example=(
        "项目支出绩效自评表 全年预算数 全年执行数 分值 执行率 得分 50.00 50.00 10 100% 10 "
        "年度 指标值 实际 完成值 分值 得分 指标1:培训人次 200 200 20 20 指标2:合格率 95% 95% 30 30 "
        "指标3:及时率 100% 100% 20 18 指标4:满意度 90% 92% 20 20 100 96 总分"
    ),
    counterexample=(
        "项目支出绩效自评表 全年预算数 全年执行数 分值 执行率 得分 50.00 50.00 10 100% 10 "
        "年度 指标值 实际 完成值 分值 得分 指标1:培训人次 200 200 20 20 指标2:合格率 95% 95% 30 30 "
        "指标3:及时率 100% 100% 20 18 指标4:满意度 90% 92% 20 20 100 98 总分"
    ),
    fix="Recompute the total from the row scores; when a score has decimals, print it with them so "
    "that the rows add up to the total.",
)

RUN_FORM_RATE = rule(
    code="R070",
    fix_zh="按全年执行数 ÷ 全年预算数重算执行率并更正末位。",
    name="run-form-rate-last-digit",
    kind="rate_mismatch",
    severity=Severity.INFO,
    family="rates",
    title_zh="自评表执行率末位与预算数、执行数不符",
    title_en="A form's execution rate is off in its last digit",
    message_zh="资金行全年执行数 {spent} ÷ 全年预算数 {budget} = {computed}%，四舍五入为 "
    "{rounded}%，报告填 {stated}（该行得分 {score} = 分值 {weight} × {computed}% 与此相符）",
    message_en="The funds row's spending {spent} / budget {budget} = {computed}%, which rounds to "
    "{rounded}%; the form states {stated} (the row's score {score} = weight {weight} × "
    "{computed}% agrees with the recomputed rate)",
    what="In a self-evaluation form flattened into one run of space-separated cells, reads the "
    "funds row's 全年预算数 A, 全年执行数 B, 分值 W and 得分 S, kept only when S is W × B ÷ A at "
    "S's precision; a percent printed in the funds part that differs from B ÷ A by at most one "
    "unit of its last place, and is neither its rounding nor its truncation, is the row's 执行率 "
    "written wrong.",
    why="The execution rate is what the budget score rests on; a last digit that the row's own "
    "figures and score both contradict is a typing or rounding slip a reader cannot check.",
    example=(
        "项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "80000.00 80000.00 61,234.5 10 7.65 年度 总体 目标 76.55% 实际完成情况 已完成全部结算。 "
        "一级指标 二级指标 三级指标"
    ),
    counterexample=(
        "项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "80000.00 80000.00 61,234.5 10 7.65 年度 总体 目标 76.54% 实际完成情况 已完成全部结算。 "
        "一级指标 二级指标 三级指标"
    ),
    fix="Recompute the rate as spending ÷ budget and correct its last digit.",
)

_RUN_HOW_ZH = (
    "该表从版式中抽出，单元格次序已乱；各行分值 {weights} = 100，与总分行分值相符，据此对应各行。"
    "若某行得分显示时经过取整，总分可能按未取整的得分计算，请在表中写明"
)
_RUN_HOW_EN = (
    "The form was flattened and its cells lost their order; the rows' weights {weights} = 100 "
    "agree with the total's weight, which is how the rows were paired. If a score was rounded "
    "for display, the total may rest on the unrounded one: say so in the form"
)
_GLUED_HOW_ZH = (
    "该表单元格连写，各行按“分值、指标值、实际值、得分”拆分，每行只有一种拆法；各行分值合计 "
    "{weights} = {wsum}，总分行分值 {tweight}"
)
_GLUED_HOW_EN = (
    "The form's cells ran together; each row splits only one way into weight, target, actual "
    "and score. The rows' weights add up to {weights} = {wsum}; the total row's weight is {tweight}"
)

_TITLE = lazy(r"自评表")
_BARE = lazy(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_PCT = lazy(r"^(\d+(?:\.\d+)?)%$")
_INDICATOR_HEAD = lazy(r"指标值")
_MIN_TOKENS = 20
_MAX_READINGS = 4096
_MIN_ROWS = 3
_HUNDRED = Decimal(100)


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    line: int


class _Num(NamedTuple):
    value: Decimal
    decimals: int
    start: int
    end: int


class _Pair(NamedTuple):
    weight: _Num
    score: _Num
    alone: bool = True  # no other figure of its row in the run (a total row has none)


class _Funds(NamedTuple):
    pair: _Pair
    budget: _Num | None
    spent: _Num | None
    rate: _Tok | None  # the 执行率 cell between weight and score, when it stands there


def _num(t: _Tok) -> _Num | None:
    if not _BARE.match(t.text):
        return None
    raw = t.text.replace(",", "")
    return _Num(Decimal(raw), decimals_of(raw), t.start, t.end)


def _pct(t: _Tok) -> Decimal | None:
    m = _PCT.match(t.text)
    return Decimal(m.group(1)) if m else None


def _pair(w: _Num, s: _Num) -> _Pair | None:
    if 0 < w.value <= _HUNDRED and 0 <= s.value <= w.value:
        return _Pair(w, s)
    return None


def _forms(doc: Document) -> list[list[_Tok]]:
    """The tokens of each form: `自评表` to the next, from long space-separated lines only."""
    result: list[list[_Tok]] = doc.cached("run_form_tokens", _build_forms)
    return result


def _build_forms(doc: Document) -> list[list[_Tok]]:
    cuts = [m.start() for m in _TITLE.finditer(doc.norm)]
    if not cuts:
        return []
    forms: list[list[_Tok]] = [[] for _ in cuts]
    for ln in doc.lines:
        if ln.end <= cuts[0] or "|" in ln.text or "\t" in ln.text:
            continue
        if len(ln.text.split()) < _MIN_TOKENS:
            continue
        parts: dict[int, list[_Tok]] = {}
        for m in rx.finditer(r"\S+", ln.text):
            at = ln.start + m.start()
            k = bisect.bisect_right(cuts, at) - 1
            if k >= 0:
                parts.setdefault(k, []).append(_Tok(m.group(), at, at + len(m.group()), ln.index))
        for k, found in parts.items():
            if len(found) >= _MIN_TOKENS:
                forms[k].extend(found)
    return [f for f in forms if f]


def _squeezed(toks: list[_Tok]) -> str:
    return "".join(t.text for t in toks)


def _funds(toks: list[_Tok]) -> _Funds | None:
    """The funds row: `A B W S` with S = W × B ÷ A at S's precision, or `W R% S` (S ≤ W within
    one point of W × R)."""
    for i in range(len(toks)):
        nums = [_num(t) for t in toks[i : i + 5]]
        # W R% S, optionally after A B
        if len(nums) >= 3 and nums[0] and nums[2] and (r := _pct(toks[i + 1])) is not None:
            w, s = nums[0], nums[2]
            p = _pair(w, s)
            if p is not None and abs(s.value - w.value * r / _HUNDRED) < 1:
                ba = _num(toks[i - 2]) if i >= 2 and toks[i - 2].line == toks[i].line else None
                sp = _num(toks[i - 1]) if i >= 1 and toks[i - 1].line == toks[i].line else None
                return _Funds(p, ba, sp, toks[i + 1])
        # A B W S
        a4, b4, w4, s4 = (nums + [None] * 4)[:4]
        if a4 and b4 and w4 and s4:
            a, b, w, s = a4, b4, w4, s4
            p = _pair(w, s)
            if p is None or a.value <= 0 or b.value <= 0:
                continue
            want = (w.value * b.value / a.value).quantize(
                Decimal(1).scaleb(-s.decimals), ROUND_HALF_UP
            )
            if want == s.value:
                return _Funds(p, a, b, None)
    return None


def _splits(run: list[_Num]) -> list[list[_Pair]]:
    """Every split of a run of bare numbers into rows of 2–4 numbers ending in weight, score."""
    if not run:
        return [[]]
    out: list[list[_Pair]] = []
    for k in (2, 3, 4):
        if k > len(run):
            break
        p = _pair(run[k - 2], run[k - 1])
        if p is None:
            continue
        p = p._replace(alone=k == 2)
        for rest in _splits(run[k:]):
            out.append([p, *rest])
    return out


def _runs(toks: list[_Tok]) -> list[list[_Num]]:
    runs: list[list[_Num]] = []
    cur: list[_Num] = []
    last_line = -1
    for t in toks:
        n = _num(t)
        if n is not None and (not cur or t.line == last_line):
            cur.append(n)
        else:
            if cur:
                runs.append(cur)
            cur = [n] if n is not None else []
        last_line = t.line
    if cur:
        runs.append(cur)
    return runs


class _Reading(NamedTuple):
    rows: list[_Pair]
    total: _Pair


def _readings(funds: _Pair | None, runs: list[list[_Num]]) -> list[_Reading] | None:
    options = [s for s in (_splits(r) for r in runs) if s]
    count = 1
    for o in options:
        count *= len(o)
        if count > _MAX_READINGS:
            return None
    out: list[_Reading] = []
    for choice in itertools.product(*options):
        pairs = [p for part in choice for p in part]
        if not pairs or pairs[-1].weight.value != _HUNDRED or not pairs[-1].alone:
            continue
        if any(p.weight.value == _HUNDRED for p in pairs[:-1]):
            continue
        rows = ([funds] if funds else []) + pairs[:-1]
        if len(rows) < _MIN_ROWS or sum(p.weight.value for p in rows) != _HUNDRED:
            continue
        out.append(_Reading(rows, pairs[-1]))
    return out


def _half(decimals: int) -> Decimal:
    return Decimal(5).scaleb(-decimals - 1)


@check(RUN_FORM_SCORE_SUM)
def run_form_scores(doc: Document) -> Iterator[Hit | Relation]:
    for toks in _forms(doc):
        head = next((i for i, t in enumerate(toks) if _INDICATOR_HEAD.search(t.text)), None)
        if head is None:
            continue
        funds_toks, ind_toks = toks[:head], toks[head:]
        if not ("分值" in _squeezed(ind_toks) and "得分" in _squeezed(ind_toks)):
            continue
        funds = _funds(funds_toks)
        if funds is None and "分值" in _squeezed(funds_toks):
            continue  # the funds row is scored, but its score could not be read
        readings = _readings(funds.pair if funds else None, _runs(ind_toks))
        if not readings:
            continue
        verdicts = set()
        for r in readings:
            got = sum(p.score.value for p in r.rows)
            dec = r.total.score.decimals
            verdicts.add(abs(got - r.total.score.value) < _half(dec) or got == r.total.score.value)
        r = readings[0]
        got = sum(p.score.value for p in r.rows)
        spans = [(p.score.start, p.score.end) for p in r.rows]
        if any(verdicts):
            if len({tuple(x.rows) for x in readings}) == 1:
                yield relation(
                    "score",
                    [*spans, (r.total.score.start, r.total.score.end)],
                    f"{' + '.join(fmt(p.score.value) for p in r.rows)} = {fmt(got)}",
                )
            continue
        if len({(sum(p.score.value for p in x.rows), x.total.score) for x in readings}) != 1:
            continue
        weights = " + ".join(fmt(p.weight.value) for p in r.rows)
        yield _sum_hit(r, _RUN_HOW_ZH.format(weights=weights), _RUN_HOW_EN.format(weights=weights))
    for g in _glued_forms(doc):
        got = sum(p.score.value for p in g.rows)
        if abs(got - g.total.score.value) < _half(g.total.score.decimals):
            continue
        w = sum(p.weight.value for p in g.rows)
        fill = {
            "weights": " + ".join(fmt(p.weight.value) for p in g.rows),
            "wsum": fmt(w),
            "tweight": fmt(g.total.weight.value),
        }
        yield _sum_hit(g, _GLUED_HOW_ZH.format(**fill), _GLUED_HOW_EN.format(**fill))


def _sum_hit(r: _Reading, how_zh: str, how_en: str) -> Hit:
    got = sum(p.score.value for p in r.rows)
    stated = r.total.score.value
    return RUN_FORM_SCORE_SUM.hit(
        [(r.total.score.start, r.total.score.end), *((p.score.start, p.score.end) for p in r.rows)],
        {
            "expr": " + ".join(fmt(p.score.value) for p in r.rows),
            "sum": fmt(got),
            "stated": fmt(stated),
            "diff": fmt(abs(stated - got)),
            "how_zh": how_zh,
            "how_en": how_en,
        },
    )


# --------------------------------------------------------------------------- glued forms

_G_COMP = r"(?:[≥≤]|[<>]=?|=)"
_G_UNITS = sorted(
    {*UNITS, "厘米", "种", "类", "学时", "课时", "台套", "万人"} - {"分"}, key=len, reverse=True
)
_G_UNIT_ALT = "|".join(re.escape(u) for u in _G_UNITS)
_G_NUM = r"(?:0|[1-9]\d*)(?:\.\d+)?"
_G_BARE = lazy(rf"^{_G_NUM}$")
_G_VALUE = lazy(rf"^(?:{_G_COMP})?{_G_NUM}(?P<unit>%|{_G_UNIT_ALT})?$")
# A run of figures glued together; not one that starts inside a number or a bracket ((70分)).
_G_CHUNK = lazy(rf"(?<![\d.(（])(?:(?:{_G_COMP})?\d+(?:\.\d+)?(?:%|{_G_UNIT_ALT})?)+")
_G_HEAD = lazy(r"分值年度指标值[^得]{0,12}?(?:实际值|完成值)得分")
_G_FUNDS = lazy(r"年度资金总额[:：]?")
_G_TOTAL = lazy(r"总分[:：]?$")
_G_WORDS = lazy(r"^[\u4e00-\u9fff]{2,16}$")


def _g_num(text: str, start: int) -> _Num:
    return _Num(Decimal(text), decimals_of(text), start, start + len(text))


def _g_pairs(chunk: str, start: int) -> set[_Pair]:
    """Every (weight, score) of a glued `W T A S` row: T and A read with the same unit."""
    out: set[_Pair] = set()
    for i in range(1, len(chunk)):
        w = chunk[:i]
        if not _G_BARE.match(w):
            continue
        for j in range(1, len(chunk) - i):
            sc = chunk[len(chunk) - j :]
            mid = chunk[i : len(chunk) - j]
            if not _G_BARE.match(sc) or not mid:
                continue
            p = _pair(_g_num(w, start), _g_num(sc, start + len(chunk) - j))
            if p is None:
                continue
            for k in range(1, len(mid)):
                t, a = _G_VALUE.match(mid[:k]), _G_VALUE.match(mid[k:])
                if t and a and t.group("unit") == a.group("unit"):
                    out.add(p)
                    break
    return out


def _g_total(chunk: str, start: int) -> set[_Pair]:
    out: set[_Pair] = set()
    for i in range(1, len(chunk)):
        w, sc = chunk[:i], chunk[i:]
        if _G_BARE.match(w) and _G_BARE.match(sc):
            p = _pair(_g_num(w, start), _g_num(sc, start + i))
            if p is not None:
                out.add(p)
    return out


def _g_funds(chunk: str, start: int) -> set[_Pair]:
    """`A B W R% S` glued: the splits whose rate is B ÷ A (rounded or truncated at its
    precision) and whose score is W × R within one point, S ≤ W."""
    out: set[_Pair] = set()
    if chunk.count("%") != 1:
        return out
    head, sc = chunk.split("%")
    if not _G_BARE.match(sc):
        return out
    for r_at in range(len(head) - 1, 0, -1):
        rate, rest = head[r_at:], head[:r_at]
        if not _G_BARE.match(rate) or Decimal(rate) > 200:
            continue
        r = Decimal(rate)
        unit = Decimal(1).scaleb(-decimals_of(rate))
        for i in range(1, len(rest)):
            for j in range(i + 1, len(rest)):
                a, b, w = rest[:i], rest[i:j], rest[j:]
                if not all(_G_BARE.match(x) for x in (a, b, w)) or Decimal(a) <= 0:
                    continue
                ratio = Decimal(b) / Decimal(a) * _HUNDRED
                if r not in (ratio.quantize(unit, ROUND_HALF_UP), ratio.quantize(unit, ROUND_DOWN)):
                    continue
                p = _pair(_g_num(w, start + j), _g_num(sc, start + len(head) + 1))
                if p is not None and abs(p.score.value - p.weight.value * r / _HUNDRED) < 1:
                    out.add(p)
    return out


def _glued_forms(doc: Document) -> Iterator[_Reading]:
    """Forms whose cells ran together with no separator, 分值 before 年度指标值: each row read only
    when its digits split one way, and the form only when every figure was read."""
    norm = doc.norm
    cuts = [m.start() for m in _TITLE.finditer(norm)]
    for lo, hi in itertools.pairwise([*cuts, len(norm)]):
        head = _G_HEAD.search(norm, lo, hi)
        if head is None or " " in norm[head.end() : min(hi, head.end() + 200)]:
            continue
        funds: _Pair | None = None
        fm = _G_FUNDS.search(norm, lo, head.start())
        if fm is not None:
            cm = _G_CHUNK.match(norm, fm.end())
            got = _g_funds(cm.group(), cm.start()) if cm else set()
            if len(got) != 1:
                continue
            (funds,) = got
        elif "分值" in norm[lo : head.start()]:
            continue
        rows: list[_Pair] = [funds] if funds else []
        total: _Pair | None = None
        lone: _Num | None = None  # a qualitative row's weight, waiting for its score
        lone_end = 0
        for m in _G_CHUNK.finditer(norm, head.end(), hi):
            chunk, at = m.group(), m.start()
            if _G_TOTAL.search(norm, max(lo, at - 4), at):
                got = _g_total(chunk, at)
                if len(got) == 1 and lone is None:
                    (total,) = got
                break
            pairs = _g_pairs(chunk, at)
            if len(pairs) == 1:
                if lone is not None:
                    break  # a weight whose score was never found
                rows.extend(pairs)
                continue
            if pairs or not _G_BARE.match(chunk):
                break  # more than one reading, or a figure no row explains
            if lone is None:
                lone, lone_end = _g_num(chunk, at), m.end()
                continue
            p = _pair(lone, _g_num(chunk, at))
            if p is None or not _G_WORDS.match(norm[lone_end:at]):
                break
            rows.append(p)
            lone = None
        if total is not None and len(rows) >= _MIN_ROWS:
            yield _Reading(rows, total)


@check(RUN_FORM_RATE)
def run_form_rate(doc: Document) -> Iterator[Hit]:
    for toks in _forms(doc):
        head = next((i for i, t in enumerate(toks) if _INDICATOR_HEAD.search(t.text)), None)
        funds_toks = toks[:head] if head is not None else toks
        if "执行率" not in _squeezed(funds_toks):
            continue
        funds = _funds(funds_toks)
        if funds is None or funds.budget is None or funds.spent is None or funds.rate:
            continue
        ratio = funds.spent.value / funds.budget.value * _HUNDRED
        pcts = [(t, v) for t in funds_toks if (v := _pct(t)) is not None]
        stated: list[tuple[_Tok, Decimal, Decimal]] = []
        for t, v in pcts:
            dec = decimals_of(t.text.rstrip("%"))
            unit = Decimal(1).scaleb(-dec)
            rounded = ratio.quantize(unit, ROUND_HALF_UP)
            truncated = ratio.quantize(unit, ROUND_DOWN)
            if v in (rounded, truncated):
                break  # the rate is stated right somewhere in the funds part
            if dec >= 1 and abs(v - ratio) <= unit:
                stated.append((t, v, rounded))
        else:
            if len(stated) != 1:
                continue
            t, v, rounded = stated[0]
            yield RUN_FORM_RATE.hit(
                [
                    (t.start, t.end),
                    (funds.spent.start, funds.spent.end),
                    (funds.budget.start, funds.budget.end),
                    (funds.pair.score.start, funds.pair.score.end),
                ],
                {
                    "spent": fmt(funds.spent.value),
                    "budget": fmt(funds.budget.value),
                    "computed": fmt(ratio.quantize(Decimal("0.0001"), ROUND_HALF_UP)),
                    "rounded": fmt(rounded),
                    "stated": t.text,
                    "score": fmt(funds.pair.score.value, funds.pair.score.decimals),
                    "weight": fmt(funds.pair.weight.value),
                },
            )


# --------------------------------------------------------------------------- column-stacked rows

COLUMN_STACKED_MISS = rule(
    code="G009",
    fix_zh="核对该指标的实际完成值；如未完成，说明偏差原因并按完成比例计分。",
    name="column-stacked-target-missed",
    kind="target_not_met",
    severity=Severity.INFO,
    family="targets",
    title_zh="目标列与完成值列分开排印的指标未完成目标",
    title_en="Target missed where the form printed its target column apart from the actuals",
    message_zh="“{name}”目标 {target}，实际 {actual}，未达到目标（该表 {count} 个目标值连排在前、"
    "“实际值 分值 得分”连排在后，按先后顺序对应，各行单位 {units} 一一相符，请核对对应关系）",
    message_en="'{name}': target {target}, actual {actual}: the target was not met (the form "
    "prints {count} target values first and the 'actual, weight, score' groups after them; they "
    "were matched in reading order and their units {units} agree one by one: check the alignment)",
    what="In a form flattened into one run of space-separated cells, a run of k ≥ 3 target values "
    "(names may stand between them) followed, after the header words, by exactly k groups of "
    "'actual with its unit, weight, score' (score within the weight); matched in order only when "
    "every pair has the same unit and the units are not all alike. An actual below a lower bound "
    "(or a bare target), or above an upper bound, is reported as info.",
    why="A spreadsheet flattened column by column leaves such rows unread by the row readers, so "
    "a missed target there goes unnoticed; the order and the units are the only evidence of the "
    "alignment, hence info.",
    example=(
        "项目支出绩效自评表 年度 实际 指标值 完成值 指标1:建档人数 38508人 "
        "指标2:资料种类 不少于12 种 116次 二级指标 三级指标 分值 得分 37442人 3 3 14种 1 1 "
        "150次 1 1 指标4:宣传活动 12次 96次 1 1"
    ),
    counterexample=(
        "项目支出绩效自评表 年度 实际 指标值 完成值 指标1:建档人数 38508人 "
        "指标2:资料种类 不少于12 种 116次 二级指标 三级指标 分值 得分 38600人 3 3 14种 1 1 "
        "150次 1 1 指标4:宣传活动 12次 96次 1 1"
    ),
    fix="Check the indicator's actual value; if the target was missed, explain why and score it "
    "in proportion.",
)

_LOWER_WORDS = ("不少于", "不低于", "大于等于", "≥", ">=", "≧", "至少")
_UPPER_WORDS = ("不多于", "不高于", "不超过", "小于等于", "≤", "<=", "≦", "低于")
_SV_COMP = "|".join(sorted((*_LOWER_WORDS, *_UPPER_WORDS), key=len, reverse=True))
_SV_UNIT_ALT = "|".join(re.escape(u) for u in _G_UNITS)
_SV_VALUE = lazy(rf"^(?P<comp>{_SV_COMP})?(?P<num>\d+(?:\.\d+)?)(?P<unit>%|{_SV_UNIT_ALT})?$")
_SV_UNIT = lazy(rf"^(?:%|{_SV_UNIT_ALT})$")
_SV_NAME = lazy(r"^指标\d+[:：]")


class _Val(NamedTuple):
    comp: str
    value: Decimal
    unit: str
    text: str
    start: int
    end: int


class _Item(NamedTuple):
    kind: str  # "V" a value with a unit or comparator, "B" a bare number, "T" text
    tok: _Tok
    val: _Val | None


def _sv_items(toks: list[_Tok]) -> list[_Item]:
    out: list[_Item] = []
    for t in toks:
        if _SV_UNIT.match(t.text) and out and out[-1].kind in ("V", "B") and out[-1].val:
            prev = out[-1].val
            if not prev.unit:  # `不少于12 种`: the unit in a cell of its own
                v = prev._replace(unit=t.text, text=prev.text + t.text, end=t.end)
                out[-1] = _Item("V", out[-1].tok, v)
                continue
        m = _SV_VALUE.match(t.text)
        if m is None:
            out.append(_Item("T", t, None))
            continue
        v = _Val(
            m.group("comp") or "",
            Decimal(m.group("num")),
            m.group("unit") or "",
            t.text,
            t.start,
            t.end,
        )
        out.append(_Item("V" if v.comp or v.unit else "B", t, v))
    return out


def _missed(target: _Val, actual: _Val) -> bool:
    if target.comp in _UPPER_WORDS:
        return actual.value > target.value
    return actual.value < target.value


@check(COLUMN_STACKED_MISS)
def column_stacked(doc: Document) -> Iterator[Hit]:
    for toks in _forms(doc):
        head = next((i for i, t in enumerate(toks) if _INDICATOR_HEAD.search(t.text)), None)
        if head is None:
            continue
        items = _sv_items(toks[head:])
        i = 0
        while i < len(items):
            # a run of k >= 3 groups (actual with a unit, bare weight, bare score within it)
            k = 0
            while (
                i + 3 * k + 2 < len(items)
                and items[i + 3 * k].kind == "V"
                and items[i + 3 * k + 1].kind == "B"
                and items[i + 3 * k + 2].kind == "B"
            ):
                w, s = items[i + 3 * k + 1].val, items[i + 3 * k + 2].val
                assert w and s
                if not (0 < w.value <= _HUNDRED and s.value <= w.value):
                    break
                k += 1
            if k < _MIN_ROWS or (i > 0 and items[i - 1].kind != "T"):
                i += max(1, 3 * k)
                continue
            yield from _stacked_pairs(items, i, k)
            i += 3 * k


def _stacked_pairs(items: list[_Item], g: int, k: int) -> Iterator[Hit]:
    """The k targets before the groups at `g`: names may stand between them, no bare number."""
    j = g - 1
    while j >= 0 and items[j].kind == "T":
        j -= 1
    targets: list[tuple[_Val, str]] = []
    while j >= 0 and items[j].kind != "B" and len(targets) <= k:
        if items[j].kind == "V":
            name = items[j - 1].tok.text if j > 0 and _SV_NAME.match(items[j - 1].tok.text) else ""
            val = items[j].val
            assert val is not None
            targets.append((val, name))
        elif not _SV_NAME.match(items[j].tok.text):
            break
        j -= 1
    if len(targets) != k:
        return
    targets.reverse()
    actuals = [items[g + 3 * n].val for n in range(k)]
    units = [t.unit for t, _ in targets]
    if units != [a.unit for a in actuals if a] or len(set(units)) < 2:
        return
    for n, ((target, name), actual) in enumerate(zip(targets, actuals, strict=True)):
        assert actual is not None
        if not _missed(target, actual):
            continue
        yield COLUMN_STACKED_MISS.hit(
            [(actual.start, actual.end), (target.start, target.end)],
            {
                "name": name or f"第{n + 1}个指标",
                "target": target.text,
                "actual": actual.text,
                "count": k,
                "units": "、".join(units),
            },
        )


# --------------------------------------------------------------------------- scored down at 100%

FULL_EXECUTION_SCORED_DOWN = rule(
    code="S031",
    fix_zh="执行率100%时按任何计分办法都应得满分：更正得分，或更正填错的分值。",
    name="full-execution-scored-down",
    kind="score_formula",
    severity=Severity.WARNING,
    family="scores",
    title_zh="预算执行率100%却未得满分",
    title_en="A budget executed in full scored below its weight",
    message_zh="{label}执行率 {rate}，分值 {weight}，按任何计分办法都应得 {weight} 分，"
    "报告得 {score} 分（分值或得分有误，或扣分未说明理由）{more_zh}",
    message_en="{label_en}executes {rate} with a weight of {weight}: any scoring rule gives the "
    "full {weight}, yet it scores {score} (the weight or the score is wrong, or the deduction is "
    "not explained){more_en}",
    what="Reads the execution-rate score where a flattened form prints it as cells run together: "
    "a funds row `预算数 预算数 执行数 分值 执行率 得分` (space-separated, amounts with or "
    "without 万元) whose rate is the row's own 执行数 ÷ 预算数, or an indicator row 预算执行率 "
    "whose weight, target (a dash or a bound), actual and score ran together "
    "(`预算执行率10一100%9`); at an execution of 100 % the score must equal the weight.",
    why="At 100 % execution every scoring rule (proportional, thresholds, deductions per point "
    "below target) gives full marks; a lower score means the weight or the score was entered "
    "wrong, or a deduction the form does not explain.",
    example="项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: "
    "620.82万元 620.82万元 620.82万元 100 100% 10 其中:当年财政拨款 上年结转资金 其他资金 "
    "预期目标 实际完成情况 一级指标 二级指标 三级指标 指标值",
    counterexample="项目支出绩效自评表 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
    "年度资金总额: 620.82万元 620.82万元 620.82万元 10 100% 10 其中:当年财政拨款 上年结转资金 "
    "其他资金 预期目标 实际完成情况 一级指标 二级指标 三级指标 指标值",
    fix="At 100 % execution score the full weight; or correct the weight entered wrong.",
)

_AMOUNT_TOK = lazy(r"^(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:万元|元|亿元)?$")
_EXEC_ROW = lazy(
    r"预算执行率[^\d\n]{0,4}?(?P<digits>\d{1,4}(?:\.\d+)?)"
    r"(?P<t>[一\-—–/]|[≥>=]{1,2}\s*\d+(?:\.\d+)?%)\s*(?P<a>100(?:\.0+)?%)\s*"
    r"(?P<s>\d{1,3}(?:\.\d+)?)(?![\d.%])"
)


def _amount(t: _Tok) -> Decimal | None:
    m = _AMOUNT_TOK.match(t.text)
    return Decimal(m.group("n").replace(",", "")) if m else None


@check(FULL_EXECUTION_SCORED_DOWN)
def full_execution_scored_down(doc: Document) -> Iterator[Hit]:
    for toks in _forms(doc):
        rows: list[tuple[_Num, _Num]] = []
        for i in range(2, len(toks) - 2):
            r = _pct(toks[i + 1])
            w, s = _num(toks[i]), _num(toks[i + 2])
            a, b = _amount(toks[i - 2]), _amount(toks[i - 1])
            if r is None or w is None or s is None or a is None or b is None or a <= 0:
                continue
            if r == _HUNDRED and b == a and 0 < w.value <= _HUNDRED and s.value < w.value:
                rows.append((w, s))
        if rows:
            yield _scored_down(rows, "资金行", "The funds row ")
    for row in _exec_rows(doc):
        weight = _Num(row.weight, 0, *row.w_span)
        score = _Num(row.score, 0, *row.s_span)
        yield _scored_down([(weight, score)], "“预算执行率”", "'预算执行率' ")


def _exec_rows(doc: Document) -> list[_Down]:
    """Glued 预算执行率 rows executed in full and scored below their weight."""
    out: list[_Down] = []
    for m in _EXEC_ROW.finditer(doc.norm):
        digits = m.group("digits")
        if not rx.fullmatch(r"(?:[1-9]\d?|100)(?:\.\d+)?", digits):
            continue
        w, sc = Decimal(digits), Decimal(m.group("s"))
        if sc < w:
            out.append(
                _Down(
                    m.start("digits"),
                    m.end("s"),
                    "预算执行率",
                    w,
                    sc,
                    (m.start("digits"), m.end("digits")),
                    (m.start("s"), m.end("s")),
                )
            )
    return out


def _scored_down(rows: list[tuple[_Num, _Num]], label: str, label_en: str) -> Hit:
    """One finding for a form's rows scored down at 100 % (a total row and its 其中 row alike)."""
    w, s = rows[0]
    spans = [(s.start, s.end), (w.start, w.end)] + [(x.start, x.end) for _, x in rows[1:]]
    more = len(rows) - 1
    return FULL_EXECUTION_SCORED_DOWN.hit(
        spans,
        {
            "label": label,
            "label_en": label_en,
            "rate": "100%",
            "weight": fmt(w.value),
            "score": fmt(s.value),
            "more_zh": f"；另有 {more} 行同样" if more else "",
            "more_en": f"; {more} more row(s) likewise" if more else "",
        },
    )


# --------------------------------------------------------------------------- met, scored down

MET_ROW_SCORED_DOWN = rule(
    code="S032",
    fix_zh="目标已完成的指标应得满分；确有扣分理由的，在偏差原因栏写明。",
    name="met-row-scored-down",
    kind="score_formula",
    severity=Severity.INFO,
    family="scores",
    title_zh="指标实际值与目标值相同却未得满分",
    title_en="Indicators whose actual equals the target, scored below their weight",
    message_zh="{n} 项指标的实际值与目标值一字不差（已完成），却未得满分：{rows}。若扣分另有理由，"
    "请在偏差原因栏写明",
    message_en="{n} indicator(s) state an actual identical to the target (met), yet score below "
    "their weight: {rows}. If the deduction has a reason, state it in the deviation column",
    what="Reads indicator rows whose cells ran together as `weight target actual score` where "
    "the target and the actual are the same text (`52021年12月完成2021年12月完成4`: the repetition "
    "fixes where the weight ends and the score begins; a text ending in a digit fixes nothing); "
    "a score below the weight on such a row is reported once per report, with every row.",
    why="A target met in full earns the full weight under every scoring rule; a deduction the "
    "form does not explain makes the total score unverifiable.",
    example="三级指标分值指标值全年实际值得分时效指标(5分)公用经费完成时间52021年12月完成"
    "2021年12月完成4指标2:成本指标(10分)",
    counterexample="三级指标分值指标值全年实际值得分时效指标(5分)公用经费完成时间52021年12月完成"
    "2021年12月完成5指标2:成本指标(10分)",
    fix="Score a met indicator in full, or state the reason for the deduction.",
)

# weight | target | the same text again (the actual) | score, after the row's name
_DUP_ROW = lazy(
    r"(?<=[\u4e00-\u9fff)）])(?P<w>\d{1,3}(?:\.\d+)?)(?P<t>[^\s|]{2,30}?)(?P=t)"
    r"(?P<s>\d{1,3}(?:\.\d+)?)(?![\d.%])"
)


class _Down(NamedTuple):
    """A row read with certainty whose score is below its weight."""

    start: int
    end: int
    text: str
    weight: Decimal
    score: Decimal
    w_span: tuple[int, int] = (0, 0)
    s_span: tuple[int, int] = (0, 0)


def _met_rows(doc: Document) -> list[_Down]:
    def build(d: Document) -> list[_Down]:
        norm = d.norm
        out: list[_Down] = []
        if "得分" not in norm:
            return out
        for m in _DUP_ROW.finditer(norm):
            t = m.group("t")
            # the text must hold a word or a percent, and its ends must not be digits that could
            # belong to the weight or the score (`1000万元1000万元10` is no such row)
            if not rx.search(r"[\u4e00-\u9fff%]", t) or t[0] in ".%0" or t[-1].isdigit():
                continue
            w, sc = Decimal(m.group("w")), Decimal(m.group("s"))
            if not 0 < w <= _HUNDRED or sc >= w or m.group("w").startswith("0"):
                continue
            out.append(_Down(m.start(), m.end(), t, w, sc))
        return out

    result: list[_Down] = doc.cached("run_form_met_rows", build)
    return result


@check(MET_ROW_SCORED_DOWN)
def met_row_scored_down(doc: Document) -> Iterator[Hit]:
    rows = _met_rows(doc)
    if rows:
        yield MET_ROW_SCORED_DOWN.hit(
            [(r.start, r.end) for r in rows],
            {
                "n": len(rows),
                "rows": "；".join(
                    f"{r.text} 分值 {fmt(r.weight)} 得 {fmt(r.score)}" for r in rows[:4]
                ),
            },
        )


# --------------------------------------------------------------------------- total above the rows

SCORE_ABOVE_DEDUCTIONS = rule(
    code="S033",
    fix_zh="按各行得分重算自评总分；各行扣分已使总分不可能达到所报分数。",
    name="score-above-row-deductions",
    kind="score_sum_mismatch",
    severity=Severity.WARNING,
    family="scores",
    title_zh="自评总分高于各行扣分后可能的最高分",
    title_en="The self-score is above what the rows' deductions leave",
    message_zh="表中可确认的扣分已有 {deducted} 分（{rows}），满分 100 分时总分最多 {most} 分，"
    "报告自评得分 {stated} 分",
    message_en="The deductions the form's rows show already come to {deducted} points ({rows}); "
    "out of 100 the total can be at most {most}, yet the report states a self-score of {stated}",
    what="Adds up the points deducted on the rows a flattened form lets be read with certainty "
    "(a budget executed in full scored below its weight, S031; a row whose actual repeats its "
    "target scored below its weight, S032) and compares 100 minus them with the one self-score "
    "the report states (自评得分, 自评总分).",
    why="Whatever the other rows scored, the total cannot exceed the full score minus the "
    "deductions already visible; a higher self-score is a wrong sum or a wrong row.",
    example="自评得分98 一级指标二级指标三级指标分值指标值全年实际值得分预算执行率10一100%9"
    "时效指标完成时间52021年12月完成2021年12月完成4社会效益改善办学条件15改善条件改善条件13",
    counterexample="自评得分96 一级指标二级指标三级指标分值指标值全年实际值得分预算执行率10一100%9"
    "时效指标完成时间52021年12月完成2021年12月完成4社会效益改善办学条件15改善条件改善条件13",
    fix="Recompute the self-score from the rows' scores.",
)

_SELF_SCORE = lazy(r"自评(?:总)?得分\s*[:：为]?\s*(?P<n>\d{2,3}(?:\.\d+)?)(?![\d.%])")


@check(SCORE_ABOVE_DEDUCTIONS)
def score_above_deductions(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    stated = list(_SELF_SCORE.finditer(norm))
    if len({m.group("n") for m in stated}) != 1:
        return
    rows = [*_exec_rows(doc), *_met_rows(doc)]
    if not rows:
        return
    deducted = sum((r.weight - r.score for r in rows), Decimal(0))
    value = Decimal(stated[0].group("n"))
    most = _HUNDRED - deducted
    if value <= most:
        return
    yield SCORE_ABOVE_DEDUCTIONS.hit(
        [(stated[0].start("n"), stated[0].end("n")), *((r.start, r.end) for r in rows)],
        {
            "deducted": fmt(deducted),
            "rows": "、".join(f"{r.text} {fmt(r.weight)}→{fmt(r.score)}" for r in rows[:5]),
            "most": fmt(most),
            "stated": fmt(value),
        },
    )
