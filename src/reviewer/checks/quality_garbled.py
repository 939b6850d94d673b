"""Report quality, damaged text: what conversion and OCR leave in published reports — runs of
question marks for lost characters, empty angle brackets where a number stood, pinyin glosses
inserted after characters, letters read for digits (OTo%), a bounded rate above 100 %, and a
document number whose closing bracket ran into the number."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from itertools import accumulate

from reviewer import regex as rx
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.rate_classes import SHARE_NAME_ALT
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

DAMAGED_TEXT = rule(
    code="Q024",
    fix_zh="对照原件核对并改正受损的文字和数字，重新发布可读的版本。",
    name="damaged-text",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="文字或数字在转换中受损",
    title_en="Text or figures damaged in conversion",
    message_zh="“{quote}”{what_zh}（共{n}处），读者无法确认原文，请对照原件改正",
    message_en="'{quote}' {what_en} ({n} place(s)); the reader cannot tell the original, "
    "check it against the source",
    what="Finds damage that conversion or OCR leaves in published text: runs of four or more "
    "question marks (lost characters), empty angle brackets (< >) where a number or section "
    "number stood, pinyin with tone marks inserted after characters (項(xiàng)) or after a "
    "character lost to a question mark (?(biāo)), a figure with separators no number allows "
    "(.32.06.5 after a label, 7,00.0,77, 89+82 in an amount cell), a percentage "
    "or count whose digits were read as letters (OTo%, W100%, 第O份), a satisfaction, pass "
    "or coverage rate above 100 % (290% for ≥90%), and a document number whose year runs "
    "into its number with the closing bracket lost (〔20226号), and a phrase written twice "
    "with one uncommon character swapped inside a long identical context (酃县/鄱县), "
    "未 misread for 为 before a figure (结余未19.8万元), 年未 for 年末 and 万兀 for 万元, a "
    "capital letter read inside a decimal figure (3M.8万元), and 一 turned "
    "into a hyphen inside a word (統-戰線, 新-代), and 中共中央 inserted into a local "
    "committee's name (横县中共中央横县县委), a $ after a figure (290$290%, an OCR'd % or "
    "comparator), and a symbol font's check boxes turned into signs after enumerated options "
    "(1、部门预算项目 £ 2、区直专项 R), percent signs listed with their figures lost "
    "(。%、%、%，), a metric unit with its last letter typed twice (32.49hmm), and a form "
    "label standing alone with its first character lost (级预算单位名称, 目名称, 管部门), "
    "unless the line before ends with it. "
    "Growth rates, execution "
    "rates, URLs and page chrome stay silent.",
    why="A damaged figure cannot be checked, and a reader cannot tell what the report said; "
    "the published version needs correcting against the source.",
    example="群众满意度调查290%，验收合格率100%。",
    counterexample="营业收入较上年增长290%，验收合格率100%。",
    fix="Correct the damaged words and figures against the source document and republish.",
)

# A lookahead for the first character, in front of a lookbehind, changes no match but lets the
# search skip to the next candidate instead of trying the lookbehind at every character.
_QUESTION_RUN = lazy(r"[?？]{4,}")
# A figure written with separators no number allows: its leading digits lost (年度总金额.32.06.5,
# a point with no digit before it and another point after), or a piece that starts 0 and another
# digit between commas and points (7,00.0,77). Dates and section numbers (2023.12.31, 3.1.2) and
# lists of numbers (10.5,20.3) stay silent.
# Only runs that could be such a figure are matched (a point right after a character, or a comma
# and a point out of the thousands pattern); `_broken_number` decides.
_NUMBER_RUN = lazy(
    r"(?=[.\d])(?<![\d.,])"
    r"(?:(?<=[\u4e00-\u9fff])\.\d+\.\d[\d.,]*|\d[\d.,]*?(?:\.\d*,|,\d{0,2}\.)[\d.,]*)"
)
_CJK_POINT = lazy(r"[\u4e00-\u9fff]\.\d")  # what _NUMBER_RUN's first reading holds
# A decimal point read as '+' in an amount cell right after its money label: 实际支出(万元)89+82.
_PLUS_FOR_POINT = lazy(r"[(（](?:万元|元)[)）]\s*[:：]?\s*(?P<n>\d+\+\d{1,2})(?![\d.+=＋＝])")
_EMPTY_ANGLE = lazy(r"[<＜〈][ \t\u3000]*[>＞〉]")
_PINYIN = lazy(r"[\u4e00-\u9fff][(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# A pinyin gloss whose own character was lost (?(biāo), or ?biāo) with its opening bracket lost
# too): the gloss shows a character stood there.
_LOST_GLOSSED = lazy(
    r"[?？\ufffd]+(?:[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]?"
    r"|[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）])"
)
_LETTER_PERCENT = lazy(r"(?=[OoIlTW0-9])(?<![A-Za-z0-9.])(?P<tok>[OoIlTW0-9]{2,4})\s*%")
# A digit look-alike letter as a whole count between a character and its unit: 第O份, 到l次.
_LETTER_COUNT = lazy(r"(?=[OoIl])(?<=[\u4e00-\u9fff])[OoIl](?=[份次个人项件场篇户座名])")
# Shares bounded by 100 % by definition (claims/rate_classes.py), the figure right after the name.
_BOUNDED_RATE = lazy(
    SHARE_NAME_ALT + r"(?P<gap>[^\d，,。；;\n%]{0,6}?)(?P<num>\d{3,4}(?:\.\d+)?)\s*%"
)
_GROWTH = lazy(r"增长|增幅|增加|提高|提升|上升|同比|较上年|比上年|环比|翻")
# A letter read inside a decimal figure (3M.8万元 for 14.8万元): digits then a capital, a point,
# digits and a money or percent unit. Model names (A3.5) have no unit after them.
_CAPITAL_POINT = lazy(r"[A-Z]\.")  # what every _LETTER_IN_FIGURE match holds
_LETTER_IN_FIGURE = lazy(r"(?=\d[A-Z]\.)(?<![A-Za-z0-9.])\d[A-Z]\.\d+(?=\s*(?:万元|亿元|元|%|万))")
# 兀 read for 元 after 万 or 亿 (资金(万兀)): no word has 兀 there (突兀 stays silent).
_UNIT_GLYPH = lazy(r"(?<=[万亿])兀")
# Percent signs whose figures were lost, listed together: "…状态。%、%、%，未按规定…". One bare %
# alone may be a header's unit (执行率%); two or more in a list are lost figures.
_LOST_PERCENTS = lazy(r"(?<![\w.%％)）])[%％](?:[ \t]*[、,，][ \t]*[%％])+")
# A metric unit after a figure with its last letter typed twice, which makes it no unit (32.49hmm
# for 32.49hm, 5kgg): mm after a figure is millimetres and stays silent.
_UNIT_LETTER_TWICE = lazy(r"(?<=\d)(?:hmm|kmm|cmm|kgg|mgg|kww|mll)(?![A-Za-z])")
# 未 (not) read for 为 (is) right before a figure (结余未19.8万元), 年未 for 年末 (year end):
# 尚未/并未/仍未 + a figure stay silent.
_MISREAD = lazy(r"(?=[未年])(?:(?<![尚并从仍还均暂也])未(?=\d)|年未(?=[结余数在实底]))")
# 一 rendered as a hyphen inside a word that has it: 統-戰線 (统一战线), 新-代 (新一代).
_HYPHEN_FOR_ONE = lazy(
    r"(?=[统統逐唯新进進同])(?:(?<![系传傳总總血正])[统統](?=-[\u4e00-\u9fff])-.|[逐唯]-[\u4e00-\u9fff]|新-代|[进進]-步|"
    r"同-[个個时時])"
)
# 中共中央 run into a local committee's name (横县中共中央横县县委 for 中共横县县委): no body of
# the Central Committee is named after a county or city.
_CENTRAL_IN_LOCAL = lazy(
    r"中共中央(?=[^\s部厅办局委会院、和及与，,。；;]{1,6}?(?:县|市|区|州|盟|旗)委)"
    r"[^\s部厅办局委会院、和及与，,。；;]{1,6}?(?:县|市|区|州|盟|旗)委"
)
_BROKEN_DOC_NO = lazy(r"[〔\[【]\s*(?P<y>20\d{2})(?P<n>\d{1,4})\s*号")
# A dollar sign right after a figure: no report in 元 writes one there; OCR reads % or a
# comparator that way (290$290% for ≥90% / ≥90%). The figure and what follows it are quoted.
_DOLLAR = lazy(r"(?<![\d.])\d+(?:\.\d+)?\$(?:\d{1,6}(?:\.\d+)?%?)?")
# Check boxes of a symbol font rendered as letters (1、部门预算项目 £ 2、区直专项 £ 3、…项目 R):
# an enumerated option followed by its box glyph. Read only on a line holding a non-ASCII box
# glyph (£ ¨ þ ý), where the ASCII ones (R, S, Q: ticked boxes of Wingdings 2) count too.
_BOX_GLYPHS = "£¨þý"
_OPTION_BOX = lazy(
    r"[1-9][、.．]\s*[\u4e00-\u9fff（）()]{2,16}?\s*(?P<box>[£¨þýRSQ])(?=\s|$|[1-9][、.．])"
)


def _broken_number(norm: str, start: int, tok: str) -> bool:
    """A digit run whose separators no number writing allows (see _NUMBER_RUN)."""
    if tok.startswith("."):
        before = norm[start - 1] if start > 0 else ""
        return tok.count(".") >= 2 and "\u4e00" <= before <= "\u9fff"
    if "," not in tok or "." not in tok or rx.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", tok):
        return False
    return any(rx.match(r"0\d", piece) for piece in tok.split(","))


def _letters_for_digits(tok: str) -> bool:
    """'OTo', 'W100', 'l00': digit look-alike letters where a number belongs."""
    if tok.isdigit() or not rx.search(r"[A-Za-z]", tok):
        return False
    if rx.fullmatch(r"W\d{2,3}", tok):  # ≤ read as W
        return True
    if rx.fullmatch(r"[Oo]\d{2,}", tok):
        return False  # 076 is no number: a stray mark before 76%, not a misread 0
    return bool(rx.search(r"[OoIl]", tok))


@check(DAMAGED_TEXT)
def damaged_text(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    found: dict[str, list[tuple[int, int]]] = {}

    def add(kind: str, lo: int, hi: int) -> None:
        found.setdefault(kind, []).append((lo, hi))

    for m in _QUESTION_RUN.finditer(norm):
        add("question", m.start(), m.end())
    # (every such run holds a comma, or a point right after a character: most texts of
    # figures have neither, and the lazy run is tried at every digit)
    for m in _NUMBER_RUN.finditer(norm) if "," in norm or _CJK_POINT.search(norm) else ():
        if _broken_number(norm, m.start(), m.group().rstrip(".,")):
            add("number", m.start(), m.end())
    for m in _PLUS_FOR_POINT.finditer(norm):
        add("number", m.start("n"), m.end("n"))
    for m in _EMPTY_ANGLE.finditer(norm):
        add("angle", m.start(), min(len(norm), m.end() + 8))
    for m in _PINYIN.finditer(norm):
        add("pinyin", m.start(), m.end())
    for m in _LOST_GLOSSED.finditer(norm):
        add("lost", max(0, m.start() - 4), m.end() + 1)
    for m in _LETTER_PERCENT.finditer(norm):
        if _letters_for_digits(m.group("tok")):
            add("letters", m.start(), m.end())
    for m in _LETTER_COUNT.finditer(norm):
        add("letters", max(0, m.start() - 1), m.end() + 1)
    for m in _BOUNDED_RATE.finditer(norm):
        if _GROWTH.search(m.group("gap")) or _GROWTH.search(
            norm[max(0, m.start() - 6) : m.start()]
        ):
            continue
        if Decimal(m.group("num")) > 100:
            add("rate", m.start(), m.end())
    for m in _BROKEN_DOC_NO.finditer(norm):
        add("docno", m.start(), m.end())
    for m in _MISREAD.finditer(norm):
        add("misread", max(0, m.start() - 4), min(len(norm), m.end() + 4))
    # (a capital before a point is rare: the pattern's lookahead is not tried at every digit)
    for m in _LETTER_IN_FIGURE.finditer(norm) if _CAPITAL_POINT.search(norm) else ():
        add("letters", m.start(), m.end())
    for m in _UNIT_GLYPH.finditer(norm):
        add("unit", max(0, m.start() - 3), min(len(norm), m.end() + 1))
    for m in _LOST_PERCENTS.finditer(norm):
        add("percents", m.start(), m.end())
    for m in _UNIT_LETTER_TWICE.finditer(norm):
        lo = m.start()
        while lo > 0 and (norm[lo - 1].isdigit() or norm[lo - 1] == "."):
            lo -= 1  # the figure the unit belongs to
        add("unitletter", lo, m.end())
    for m in _HYPHEN_FOR_ONE.finditer(norm):
        add("hyphen", m.start(), m.end())
    for m in _CENTRAL_IN_LOCAL.finditer(norm):
        lo = m.start()
        while lo > 0 and m.start() - lo < 4 and "\u4e00" <= norm[lo - 1] <= "\u9fff":
            lo -= 1  # the place name written before it
        add("inserted", lo, m.end())
    for lo, hi in _substitutions(norm):
        add("swapped", lo, hi)
    for m in _DOLLAR.finditer(norm) if "$" in norm else ():  # (a scan of every digit run)
        add("dollar", m.start(), m.end())
    # A line at a time only when the text holds a box at all (most reports have none).
    for ln in doc.lines if any(g in norm for g in _BOX_GLYPHS) else ():
        if not any(g in ln.text for g in _BOX_GLYPHS):
            continue
        boxes = list(_OPTION_BOX.finditer(ln.text))
        if len(boxes) >= 2 and any(b.group("box") in _BOX_GLYPHS for b in boxes):
            add("tickbox", ln.start + boxes[0].start(), ln.start + boxes[-1].end())
    for lo, hi in _cut_labels(doc):
        add("cut", lo, hi)
    for kind, spans in found.items():
        zh, en = _WHAT[kind]
        lo, hi = spans[0]
        yield DAMAGED_TEXT.hit(
            spans,
            {
                "quote": norm[lo:hi].replace("\n", " "),
                "n": len(spans),
                "what_zh": zh,
                "what_en": en,
            },
        )


# A form's labels; a cell that reads as one of them with its first character lost
# (级预算单位名称, 目名称, 管部门) is a cell start cut by the conversion.
_FORM_LABELS = (
    "一级预算单位名称",
    "预算单位名称",
    "项目名称",
    "主管部门",
    "实施单位",
    "年度资金总额",
    "年度总体目标",
    "实际完成情况",
    "全年预算数",
    "全年执行数",
    "年初预算数",
    "项目负责人",
)


# Tails that are words or labels of their own (本年预算数 → 年预算数): a cell may read so.
_WHOLE_WORDS = frozenset({"年预算数", "年执行数"})


def _cut_forms() -> dict[str, str]:
    """Each label without its first character, three characters or more and no label or word
    itself, mapped to the character lost. Two lost characters leave words (预算数, 负责人,
    完成情况) that stand as labels of their own: not read."""
    out: dict[str, str] = {}
    for label in _FORM_LABELS:
        tail = label[1:]
        if len(tail) >= 3 and tail not in _FORM_LABELS and tail not in _WHOLE_WORDS:
            out[tail] = label[0]
    return out


_CUT_FORMS = _cut_forms()


def _cut_labels(doc: Document) -> Iterator[tuple[int, int]]:
    """A line that is only a form label with its opening character lost, unless the line
    before ends with it (a label wrapped across two lines)."""
    prev = ""
    for ln in doc.lines:
        cell = ln.text.strip(" \t|")
        lost = _CUT_FORMS.get(cell)
        if lost is not None and not prev.endswith(lost):
            at = ln.start + ln.text.index(cell)
            yield at, at + len(cell)
        if cell:
            prev = cell


class _FlagTable(dict[int, str]):
    """Maps a code point to "1" when it is a CJK ideograph, else "0" (for str.translate)."""

    def __missing__(self, cp: int) -> str:
        flag = "1" if 0x4E00 <= cp <= 0x9FFF else "0"
        self[cp] = flag
        return flag


# Characters whose swap is an ordinary contrast (numbers, places, directions, years…), not
# a misread: "一批/二批", "县级/省级", "收入/支出".
_CONTRAST = set(
    "一二三四五六七八九十百千万两零〇上下本去今明前后左右东西南北中大小多少高低新旧收支出入增减"
    "省市县区镇乡村街组年月日季度内外正副主次男女老少初终甲乙丙丁首末是否有无已未可不"
)
_SIDE = 6
_AROUND = 8  # CJK characters a swap needs within _SIDE of it, either side
# A line holding fewer CJK characters than a swap and its context need (a table row of figures,
# a line of digits): no centre on it can count, nor can its context repeat one that does.
_ENOUGH_CJK = lazy(rf"(?:[\u4e00-\u9fff][^\u4e00-\u9fff]*){{{_AROUND + 1}}}")
# str.translate table: a CJK ideograph -> "1", anything else -> "0" (see _substitutions).
_CJK_FLAG = _FlagTable()


def _slot(norm: str, left: str, right: str) -> bool:
    """Whether the swapped character sits in a slot a list fills: its left context is followed,
    or its right context preceded, by three or more different characters in the text (…工程
    甲溪一标段, …工程乙岙一标段, …工程丙桥一标段): names enumerated, not a misread."""
    after = {norm[i + len(left)] for i in _positions(norm, left) if i + len(left) < len(norm)}
    before = {norm[i - 1] for i in _positions(norm, right) if i > 0}
    return len(after) >= 3 or len(before) >= 3


def _positions(text: str, part: str) -> Iterator[int]:
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _substitutions(norm: str) -> list[tuple[int, int]]:
    """Phrases written twice with one character swapped inside a long identical context
    (炎陵县…2019年酃县白鹅资源 / …2019年鄱县白鹅资源): an OCR misread. Spans the rarer
    spelling with its context, or both when neither is rarer."""
    first: dict[str, int] = {}  # context -> its first position (most contexts occur once)
    seen: dict[str, dict[str, list[int]]] = {}  # contexts met again: centre char -> positions
    # A context repeats only where both its halves (the 6 characters either side) repeat: the
    # halves of every line are counted first (in C), and a context is built only for a centre
    # whose two halves occur more than once in the text (few do).
    base = 0
    rows: list[tuple[int, str, list[str]]] = []
    halves: Counter[str] = Counter()
    for line in norm.split("\n"):
        start, base = base, base + len(line) + 1
        if len(line) < 2 * _SIDE + 1 or not _ENOUGH_CJK.search(line):
            continue
        grams = [line[i : i + _SIDE] for i in range(len(line) - _SIDE + 1)]
        halves.update(grams)
        rows.append((start, line, grams))
    for start, line, grams in rows:
        centres = [
            j
            for j in range(_SIDE, len(line) - _SIDE)
            if halves[grams[j - _SIDE]] > 1 and halves[grams[j + 1]] > 1
        ]
        if not centres:
            continue
        is_cjk = line.translate(_CJK_FLAG)
        cjk = list(accumulate(map(int, is_cjk), initial=0))
        for j in centres:
            if is_cjk[j] == "0":
                continue
            c = line[j]
            if c in _CONTRAST:
                continue
            if cjk[j + 1 + _SIDE] - cjk[j - _SIDE] - 1 < _AROUND:
                continue  # fewer than 8 CJK characters around c
            k = start + j
            ctx = grams[j - _SIDE] + grams[j + 1]
            at = first.setdefault(ctx, k)
            if at != k:
                spellings = seen.get(ctx)
                if spellings is None:
                    spellings = seen[ctx] = {norm[at]: [at]}
                spellings.setdefault(c, []).append(k)
    out: list[tuple[int, int]] = []
    for ctx, spellings in seen.items():
        if len(spellings) < 2 or _slot(norm, ctx[:_SIDE], ctx[_SIDE:]):
            continue
        fewest = min(len(v) for v in spellings.values())
        for ks in spellings.values():
            if len(ks) == fewest:  # the rarer spelling; both when they are as frequent
                out.extend((k - _SIDE, k + 1 + _SIDE) for k in ks)
    return sorted(out)


_WHAT = {
    "percents": (
        "只剩百分号，其前的数字在转换中丢失",
        "is percent signs with their figures lost in conversion",
    ),
    "unitletter": (
        "中的计量单位多打了一个字母（如hmm应为hm），单位无法确认",
        "has a unit with its last letter typed twice (hmm for hm): no unit",
    ),
    "question": ("是一串问号，原文字符在转换中丢失", "is a run of question marks: characters lost"),
    "number": (
        "的分隔符出现在数字不可能有的位置（前几位丢失，或逗号、小数点错乱），该数无法读出",
        "has separators where no number can have them (leading digits lost, or commas and "
        "points out of place): the figure cannot be read",
    ),
    "lost": (
        "中拼音注音前的汉字变成了问号，原文字符在转换中丢失",
        "has a character lost to a question mark before its pinyin gloss",
    ),
    "angle": (
        "中的空尖括号原本应是数字或序号，转换时丢失",
        "has empty angle brackets where a number or section number was lost",
    ),
    "pinyin": (
        "在汉字后插入了拼音注音，是网页转换留下的痕迹",
        "has pinyin glosses inserted after characters, left by a page conversion",
    ),
    "letters": (
        "的数字被识别成了字母（如O代替0、W代替≤）",
        "has digits read as letters (O for 0, W for ≤)",
    ),
    "rate": (
        "是一个按定义不超过100%的比率，却写成超过100%，可能丢失了比较符（如“≥90%”）",
        "is a rate that cannot exceed 100 %, yet reads above it; a comparator (≥90%) was "
        "probably lost",
    ),
    "swapped": (
        "与文中另一处相同的语句只差一个字，疑为识别错字",
        "differs by one character from the same phrase elsewhere in the report, likely a "
        "misread character",
    ),
    "misread": (
        "中的字形近误读（“未”代“为”、“年未”代“年末”），数字前后的意思因此颠倒",
        "has a look-alike character misread (未 for 为, 年未 for 年末), which turns the "
        "meaning around the figure",
    ),
    "unit": (
        "中的金额单位是形近误读（“兀”代“元”），单位无法确认",
        "has a look-alike character misread in the money unit (兀 for 元)",
    ),
    "cut": (
        "是表格栏目名称丢失了开头的字（如“一级预算单位名称”只剩“级预算单位名称”），"
        "单元格开头的文字在转换中丢失",
        "is a form label with its first character lost (级预算单位名称 for 一级预算单位名称): "
        "the starts of cells were lost in the conversion",
    ),
    "hyphen": (
        "中的“一”被转换成了连字符“-”",
        "has 一 turned into a hyphen by the conversion",
    ),
    "inserted": (
        "中的单位名称误插入了“中共中央”，与地方党委的名称不符",
        "has 中共中央 (the Central Committee) inserted into a local committee's name",
    ),
    "dollar": (
        "中数字后的“$”是识别错误（多为“%”或比较符“≥”“≤”被误识），该值无法读出",
        "has a $ after a figure, an OCR misreading (usually of % or a comparator ≥/≤): the "
        "value cannot be read",
    ),
    "tickbox": (
        "中的勾选框是符号字体，转换后变成了字母或符号（£、R 等），无法看出勾选了哪一项",
        "has a symbol font's check boxes turned into letters or signs (£, R): which option is "
        "ticked cannot be read",
    ),
    "docno": (
        "的文号年份与序号连在一起，缺少右括号“〕”",
        "runs the document number's year into its number, with the closing bracket lost",
    ),
}
