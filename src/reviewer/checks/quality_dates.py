"""Report quality, the report's date against its year: a whole-year report dated, or its figures
measured, before the year closed (Q013), and a plan whose date had passed by the report's own
date still written in the future tense (Q014)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.checks.quality_common import (
    grouped,
    is_interim,
    report_date,
    report_dates,
)
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.report import (
    evaluated_year,
    report_title,
    stated_year,
)
from reviewer.document import Document
from reviewer.document.forms import fold
from reviewer.models import Severity
from reviewer.numbers import parse_chinese_int
from reviewer.regex import lazy

DATE_BEFORE_YEAR_END = rule(
    code="Q013",
    fix_zh="更正落款日期；若数据为预计数，应注明并在决算后更新。",
    name="date-before-year-end",
    kind="date_before_year_end",
    severity=Severity.WARNING,
    family="quality",
    title_zh="报告日期早于评价年度结束",
    title_en="Report dated before the evaluated year ended",
    message_zh="报告评价的是{year}年全年，却落款{date}，早于{year}年度结束（{year}年12月31日）"
    "：此时全年决算尚未形成，报告中的全年数据无法是决算数",
    message_en="The report evaluates the whole of {year} but is dated {date}, before the year "
    "closed on {year}-12-31: year-end (决算) figures cannot have existed then",
    what="Reads the evaluated year from the report's title and the report's date from a "
    "stand-alone date line (or a signature run together with a flattened page's text: unit, "
    "date, then the next form's title); flags a date on or before 31 December of the "
    "evaluated year. "
    "Also flags execution or results measured at a cut-off inside the evaluated year "
    "(截至11月底, 截止到2023年10月, 1-10月支出…; also written 截至2023.11.30, 截止到十一月底, "
    "截至第三季度末, 截至目前(2023年11月25日), 到2023年11月20日止) in a whole-year report; a "
    "year-end cut-off "
    "(12月底, 12月31日, 年底) or another year's period stays silent. One finding per cut-off "
    "date. Mid-year and monitoring reports (半年, 监控) are skipped. When neither title nor "
    "opening states the year (a page cut above its title), a cut-off that writes the year the "
    "text names most is an info, unless its sentence names an earlier year or the text holds "
    "a later date of that year. The page's record of when the document was made (生成日期, "
    "成文日期; not 发布日期) inside the evaluated year is an info; without a stated year, only "
    "when the text names no other year outside cited documents.",
    why="A whole-year self-evaluation needs the year's final accounts; a date inside the year "
    "means either the figures are estimates or the date is wrong.",
    example="2024年部门整体支出绩效评价报告 … 2024年12月26日; 截至2024年11月底，项目支出85万元",
    counterexample="2024年部门整体支出绩效评价报告\n截至2024年12月31日，项目支出85万元；"
    "截至2023年10月底，上年结转资金已支付完毕。\n2025年3月2日",
    fix="Correct the date, or mark figures that are estimates and update them with the 决算.",
    variants={
        "page_date": (
            "报告评价的是{year}年全年，但网页所载{label}为{date}，早于{year}年度结束（{year}年12月"
            "31日）：报告在年度结束前即已形成，其中的全年数据不可能是决算数{note_zh}",
            "The report evaluates the whole of {year}, but the page records its {label} as "
            "{date}, before the year closed on {year}-12-31: year-end figures cannot have "
            "existed then{note_en}",
        ),
        "cutoff": (
            "报告评价的是{year}年全年，但“{quote}”的数据截至{date}，早于年度结束（{year}年12月"
            "31日）：这是年中进度数，不是全年执行结果{note_zh}{times_zh}",
            "The report evaluates the whole of {year}, but '{quote}' measures up to {date}, "
            "before the year closed on {year}-12-31: an in-year progress figure, not the "
            "year's result{note_en}{times_en}",
        ),
    },
)

STALE_TEXT = rule(
    code="Q014",
    fix_zh="把预计的说法改为实际结果：何时完成，或未完成及原因。",
    name="stale-text",
    kind="stale_text",
    severity=Severity.WARNING,
    family="quality",
    title_zh="过时的计划性表述",
    title_en="Future-tense sentence already overtaken by the report's date",
    message_zh="“{quote}”仍以将来时表述，但{deadline}在报告日期{date}之前已经过去，"
    "应写明实际结果（是否按期完成）",
    message_en="'{quote}' is still in the future tense, but {deadline} had passed by the "
    "report's date {date}: state what actually happened",
    what="Finds 预计/计划/将于/拟于 … <date or quarter> … <an action: 完成, 完工, 拨付, 发放, "
    "开展 …> sentences whose date lies before the report's own date (a day without a year is "
    "read in the evaluated year; a quarter as its last month). A plan told in the past (原计划, "
    "按计划, 原预计 …) is not one.",
    why="A sentence like 预计…前完工 in a year-end report was copied from a mid-year draft; "
    "the reader cannot tell whether the work was done.",
    example=(
        "某镇人民政府2023年度部门整体支出绩效评价报告\n"
        "一、项目实施情况\n"
        "道路硬化工程目前已经完成90%，预计在12月20日前可全部完工。\n"
        "某镇人民政府\n"
        "2024年3月29日\n"
    ),
    counterexample=(
        "某镇人民政府2023年度部门整体支出绩效评价报告\n"
        "一、项目实施情况\n"
        "道路硬化工程已于2023年12月20日全部完工并通过验收。\n"
        "某镇人民政府\n"
        "2024年3月29日\n"
    ),
    fix="Replace the forecast with the outcome: completed on which date, or not and why.",
    variants={
        "no_date": (
            "“{quote}”仍以将来时表述，但{deadline}在评价年度结束前已经到期；年度报告应写明"
            "实际结果（报告未落款日期，按年度结束判断）",
            "'{quote}' is still in the future tense though {deadline} fell within the evaluated "
            "year; a year-end report should state the outcome (the report is undated, so the "
            "year end was used)",
        ),
    },
)

# ---------------------------------------------------------------- Q013 date before year end


def _fmt_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@check(DATE_BEFORE_YEAR_END)
def date_before_year_end(doc: Document) -> Iterator[Hit]:
    year = stated_year(doc)
    if is_interim(doc):
        return
    if year is None:
        # no title or opening sentence states the year (a page cut above its title): the year
        # the text names most often stands for it, for cut-offs that write their year, as info
        guess = evaluated_year(doc)
        if guess is None:
            return
        if _one_year(doc, guess):
            # the text names no other year (cited documents aside): its page's dates are read
            for value, lo, hi, label in _page_dates(doc):
                if value.year == guess:
                    yield _page_date_hit(guess, value, lo, hi, label, guessed=True)
                    break
        yield from grouped(_cutoffs(doc, guess, guessed=True), lambda h: h.data["date"])
        return
    title = report_title(doc)
    for d in report_dates(doc):
        if d.value.year == year:
            spans = [(d.start, d.end)]
            if title is not None:
                spans.append((title[0], title[1]))
            yield DATE_BEFORE_YEAR_END.hit(
                spans, {"year": year, "date": _fmt_date(d.value), "times_zh": "", "times_en": ""}
            )
    seen = {d.value for d in report_dates(doc) if d.value.year == year}
    for value, lo, hi in _run_signatures(doc):
        if value.year != year or value in seen:
            continue
        seen.add(value)
        spans = [(lo, hi)]
        if title is not None:
            spans.append((title[0], title[1]))
        yield DATE_BEFORE_YEAR_END.hit(
            spans, {"year": year, "date": _fmt_date(value), "times_zh": "", "times_en": ""}
        )
    for value, lo, hi, label in _page_dates(doc):
        if value.year == year and value not in seen:
            seen.add(value)
            yield _page_date_hit(year, value, lo, hi, label)
    yield from grouped(_cutoffs(doc, year), lambda h: h.data["date"])


# The web page's record of when the document was made (政府信息公开 metadata): 生成日期
# 2022-10-25, 成文日期：2023年4月27日 (traditional and glossed mirrors folded). Not 发布日期: the
# page's publication date is not read as the report's (tests/test_quality_forms.py).
_PAGE_DATE = lazy(
    r"(?P<label>生成|成文)(?:日期|时间)[\s:：|]*"
    r"(?P<y>20\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})"
)


def _page_date_hit(
    year: int, value: date, lo: int, hi: int, label: str, *, guessed: bool = False
) -> Hit:
    return DATE_BEFORE_YEAR_END.hit(
        [(lo, hi)],
        {
            "year": year,
            "date": _fmt_date(value),
            "label": label,
            "note_zh": "（报告未写明评价年度，文中只提到这一年份）" if guessed else "",
            "note_en": " (the report states no evaluated year; it names no other)"
            if guessed
            else "",
        },
        severity=Severity.INFO,
        variant="page_date",
    )


# A cited document's title or number (《…2021年…》, 〔2021〕268号): its year is not the report's.
_CITED_YEAR = lazy(r"《[^》\n]{0,80}》|[〔\[(（]\s*20\d{2}\s*[〕\])）]")


def _one_year(doc: Document, year: int) -> bool:
    """Whether every year the text names outside cited documents is `year`."""
    bare = _CITED_YEAR.sub(" ", doc.norm)
    return all(int(y) == year for y in rx.findall(r"(?<!\d)(20\d{2})(?!\d)", bare))


def _page_dates(doc: Document) -> Iterator[tuple[date, int, int, str]]:
    """A page's metadata dates, each with its line's span: a document generated or published
    before the evaluated year closed cannot hold the year's final figures."""
    for line in doc.lines:
        if "日期" not in line.text and "时间" not in line.text and "時間" not in line.text:
            continue
        for m in _PAGE_DATE.finditer(fold(line.text)):
            try:
                value = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            yield value, line.start, line.end, m.group("label") + "日期"


# A signature run together with the text around it (a flattened page): the unit's name and
# the date between the annex label and the next form's title.
_RUN_SIGNATURE = lazy(
    r"(?<=[表告件\s])(?P<unit>[\u4e00-\u9fff]{2,20}(?:局|委|办|府|中心|院|校|所|站|镇|乡|街道|部))"
    r"(?P<date>(?P<y>20\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日)"
    r"(?=[\u4e00-\u9fff(（]{0,20}?(?:自评表|评价表|报告|附件|附表)|\s*$)"
)


def _run_signatures(doc: Document) -> Iterator[tuple[date, int, int]]:
    """A signature run together with the text of a flattened page (not a line of its own,
    which `report_dates` reads): the unit's name and the date, then the next form's title."""
    norm = doc.norm
    for m in _RUN_SIGNATURE.finditer(norm):
        if len(doc.line_at(m.start()).stripped) <= 40:
            continue
        try:
            value = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        yield value, m.start("unit"), m.end()


# 截至11月底, 截止到2023年10月, 截至2023年11月30日; 1-10月, 1至11月.
_CUTOFF = lazy(
    r"(?:截至|截止到|截止至|截至到|截止)\s*(?:(?P<y>20\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月"
    r"(?:\s*(?P<d>\d{1,2})\s*[日号])?(?P<end>底|末)?"
    r"|(?<![\d.])(?:(?P<y2>20\d{2})\s*年\s*)?1\s*(?:-|—|－|~|～|至|到)\s*(?P<m2>\d{1,2})\s*月(?:份)?"
)
# The same cut-off written other ways: a dotted date (截至2023.11.30, 截止2023-11-30), a month in
# Chinese numerals (截止到十一月底), a quarter's end (截至第三季度末, 截至2023年三季度), a date in
# brackets after 目前 (截至目前(2023年11月25日)), and 到/至…止 (到2023年11月20日止).
_CUTOFF_LEAD = r"(?:截至到?|截止(?:到|至)?)\s*(?:目前|现在|当前)?\s*[(（]?\s*"
_CUTOFF_MORE = (
    lazy(
        _CUTOFF_LEAD + r"(?P<y>20\d{2})\s*[.．/\-]\s*(?P<m>\d{1,2})\s*[.．/\-]\s*(?P<d>\d{1,2})"
        r"(?![\d.])"
    ),
    lazy(
        _CUTOFF_LEAD + r"(?:(?P<y>20\d{2})\s*年\s*)?(?P<m>十[一二]?|[一二三四五六七八九])\s*月"
        r"(?:份)?(?P<end>底|末)?"
    ),
    lazy(
        _CUTOFF_LEAD + r"(?:(?P<y>20\d{2})\s*年\s*)?(?:度\s*)?第?(?P<q>[一二三123])\s*季度"
        r"(?P<end>末|底)?"
    ),
    lazy(
        _CUTOFF_LEAD + r"(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月"
        r"(?:\s*(?P<d>\d{1,2})\s*[日号])?(?P<end>底|末)?"
    ),
    lazy(
        r"(?<![\u4e00-\u9fff])(?:到|至)\s*(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月"
        r"(?:\s*(?P<d>\d{1,2})\s*[日号])?(?P<end>底|末)?\s*(?:为止|止)"
    ),
)


class _Cut(NamedTuple):
    """A cut-off date read from the text: [start, end), the year as written (or None), month,
    day (or None), whether it says the month's end (底/末), whether it is a range (1-10月)."""

    start: int
    end: int
    year: str | None
    month: int
    day: int | None
    month_end: bool
    span: bool


def _cut_points(norm: str) -> list[_Cut]:
    out: list[_Cut] = []
    for m in _CUTOFF.finditer(norm):
        out.append(
            _Cut(
                m.start(),
                m.end(),
                m.group("y") or m.group("y2"),
                int(m.group("m") or m.group("m2")),
                int(m.group("d")) if m.group("d") else None,
                bool(m.group("end")),
                bool(m.group("m2")),
            )
        )
    for pat in _CUTOFF_MORE:
        for m in pat.finditer(norm):
            if any(c.start <= m.start() < c.end or m.start() <= c.start < m.end() for c in out):
                continue  # read already
            groups = m.groupdict()
            if groups.get("q"):
                q = groups["q"]
                month, month_end = 3 * ("一二三".index(q) + 1 if q in "一二三" else int(q)), True
            else:
                month_text = groups["m"]
                read = int(month_text) if month_text.isdigit() else parse_chinese_int(month_text)
                if read is None:
                    continue
                month = read
                month_end = bool(groups.get("end"))
            day = int(groups["d"]) if groups.get("d") else None
            out.append(_Cut(m.start(), m.end(), groups.get("y"), month, day, month_end, False))
    out.sort()
    return out


_CUTOFF_TOPIC = lazy(
    r"支出|执行|拨付|支付|到位|使用|决算|结余|结转|完成|实现|达到|兑现|发放|资金|万元|%"
)
# The same without the bare unit words: what makes the figure one of the funds' progress.
_CUTOFF_PROGRESS = lazy(
    r"支出|执行|拨付|支付|到位|使用|决算|结余|结转|完成|实现|达到|兑现|发放|资金"
)
# A year-end cut-off stated beside an in-year one: 截至12月31日…；截至10月31日为84%.
_YEAR_END_CUT = lazy(
    r"(?:截至|截止)(?:到|至)?\s*(?:20\d{2}\s*年\s*)?(?:12\s*月\s*(?:31\s*[日号]|底|末)|年底|年末)"
)
# A toll of the event the funds answer (受灾面积, 经济损失, 病例): dated when it was counted, not
# a progress figure of the year.
_EVENT_TOLL = lazy(r"受灾|成灾|绝收|灾情|受损|损失|倒塌|发病|病例|确诊|感染")


def _cutoffs(doc: Document, year: int, *, guessed: bool = False) -> Iterator[Hit]:
    """Cut-offs inside the year; with a guessed year (not stated by the report), only those
    that write the year, each an info."""
    norm = doc.norm
    for m in _cut_points(norm):
        y, month, day = m.year, m.month, m.day
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        explicit = y is not None
        if guessed and not explicit:
            continue
        if y is not None and int(y) != year:
            continue  # another year's period: last year's balance, this year's rectification
        if month == 12 and (day is None or day >= 31):
            continue  # the year end itself
        if not explicit and month < 6:
            continue  # 截至3月底 in a report written the next spring may be the next year
        if m.span and month < 2:
            continue
        sent = _sentence_span(norm, m.start, m.end)
        if guessed and _guess_unsure(norm, sent, m.start, m.end, year, (month, day or 0)):
            continue
        rest = norm[m.end : sent[1]]
        if not _CUTOFF_TOPIC.search(rest):
            continue
        if not _CUTOFF_PROGRESS.search(rest) and _EVENT_TOLL.search(rest):
            continue  # 截至8月31日，受灾面积…，经济损失9121万元: the disaster's count date
        if rx.search(r"预计|计划|将|拟|力争", norm[sent[0] : m.start]):
            continue  # a forecast, not a measurement
        line = doc.line_at(m.start)
        if _YEAR_END_CUT.search(norm[line.start : m.start]) or _YEAR_END_CUT.search(
            norm[m.end : line.end]
        ):
            continue  # the year-end figure beside it: the in-year one is its history
        when = f"{year}年{month}月" + (f"{day}日" if day else ("底" if m.month_end else ""))
        if m.span:
            when = f"{year}年{month}月底"
        lo, hi = sent
        quote = norm[lo:hi].strip()
        if len(quote) > 50:
            quote = quote[:49] + "…"
        yield DATE_BEFORE_YEAR_END.hit(
            [(lo, hi)],
            {
                "year": year,
                "date": when,
                "quote": quote,
                "note_zh": "（报告未写明评价年度，按文中最常提到的年份理解）"
                if guessed
                else ("" if explicit else "（原文未写年份，按评价年度理解）"),
                "note_en": " (the report states no evaluated year; read as the year it names most)"
                if guessed
                else ("" if explicit else " (no year is written; read as the evaluated year)"),
            },
            variant="cutoff",
            severity=Severity.WARNING if explicit and not guessed else Severity.INFO,
        )


_DATED = lazy(r"(20\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def _guess_unsure(
    norm: str, sent: tuple[int, int], a: int, b: int, year: int, when: tuple[int, int]
) -> bool:
    """With a guessed year, a cut-off is not read when its sentence names an earlier year (the
    money of a past year counted now: 截至2022年7月底，2021年…资金到位…) or when the text holds
    another date of that year at or after it (the report itself was written then, perhaps as
    an in-year report)."""
    if any(int(y) < year for y in rx.findall(r"(20\d{2})\s*年", norm[sent[0] : sent[1]])):
        return True
    for d in _DATED.finditer(norm):
        if a <= d.start() < b or int(d.group(1)) != year:
            continue
        if (int(d.group(2)), int(d.group(3) or 0)) >= when:
            return True
    return False


def _sentence_span(norm: str, a: int, b: int) -> tuple[int, int]:
    lo = max(norm.rfind(ch, 0, a) for ch in "。；;\n") + 1
    ends = [i for i in (norm.find(ch, b) for ch in "。；;\n") if i != -1]
    hi = min(ends) + 1 if ends else len(norm)
    while lo < a and norm[lo] in " \t":
        lo += 1
    if hi > 0 and norm[hi - 1] == "\n":
        hi -= 1
    return lo, hi


# ---------------------------------------------------------------- Q014 stale text

_FUTURE = lazy(
    r"(?:预计|计划|将于|拟于|争取|力争|有望|预期|计划于|拟在|将在)[^。；;\n]{0,12}?"
    r"(?:(?P<y>20\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?"
    r"|(?:度\s*)?第?(?P<q>[一二三四1-4])\s*季度|(?<=年)(?P<ye>)(?=底|末))"
    r"(?:底|末|中旬|下旬|上旬)?\s*(?:前|之前|以前|底前)?"
    r"[^。；;\n]{0,16}?(?:完成|完工|竣工|建成|投入使用|投用|到位|实施|启动|开工|验收|办结|拨付|支付|"
    r"发放|开展|组织|召开|举办|交付|上线|下达)"
)
# A plan told in the past: 原计划…, 按计划…, 原预计…, 如期…; the words before the match.
_PAST_PLAN = lazy(r"(?:原|按|按照|依|依照|如|比|较|超|同)$")


def _deadline(y: int, m: int, d: int | None) -> date | None:
    try:
        if d is not None:
            return date(y, m, d)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    except ValueError:
        return None


@check(STALE_TEXT)
def stale_text(doc: Document) -> Iterator[Hit]:
    year = stated_year(doc)
    rd = report_date(doc)
    if is_interim(doc):
        return
    for m in _FUTURE.finditer(doc.norm):
        if _PAST_PLAN.search(doc.norm[max(0, m.start() - 2) : m.start()]):
            continue  # 原计划9月开工 / 按计划于10月完成: the plan told in the past
        y = int(m.group("y")) if m.group("y") else year
        if not m.group("y"):
            # a day without a year belongs to the year its sentence names before it (2025年计划
            # 再建8个，预计年底前建成), else to the evaluated year
            lo, _hi = _sentence_span(doc.norm, m.start(), m.end())
            named = rx.findall(r"(20\d{2})\s*年", doc.norm[lo : m.start()])
            if named:
                y = int(named[-1])
        if y is None:
            continue
        q = "4" if m.group("ye") is not None else m.group("q")  # 2023年底: the year's end
        month = (
            int(m.group("m"))
            if m.group("m")
            else 3 * (" 一二三四".find(q) if not q.isdigit() else int(q))
        )
        dl = _deadline(y, month, int(m.group("d")) if m.group("d") else None)
        if dl is None:
            continue
        deadline = _fmt_date(dl) if m.group("d") else f"{dl.year}年{dl.month}月"
        if rd is not None and rd.value.year >= (year or 0):
            if dl < rd.value:
                yield STALE_TEXT.hit(
                    [(m.start(), m.end()), (rd.start, rd.end)],
                    {"quote": m.group(), "deadline": deadline, "date": _fmt_date(rd.value)},
                )
        elif rd is None and year is not None and dl <= date(year, 12, 31) and dl.year == year:
            yield STALE_TEXT.hit(
                [(m.start(), m.end())],
                {"quote": m.group(), "deadline": deadline},
                variant="no_date",
                severity=Severity.INFO,
            )
