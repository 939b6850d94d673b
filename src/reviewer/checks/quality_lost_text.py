"""Report quality, text lost or left over in publishing: a date whose 年 was dropped (2024底), a
document number whose year lost a digit (南财函〔202〕25号), a figure lost between a verb and its
measure word (完成道路建设座), a site address pasted into the text (标题(https://www.x.com)), a
table caption with no table under it, and a cover field holding only the seal placeholder
(主管部门(单位):(公章))."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer import regex as rx
from reviewer.checks.quality_common import spans_hit
from reviewer.checks.quality_template import form_placeholder, masks
from reviewer.checks.registry import Hit, check, rule
from reviewer.claims.report import is_chrome
from reviewer.document import Document
from reviewer.models import Severity
from reviewer.regex import lazy

YEAR_WITHOUT_NIAN = rule(
    code="Q170",
    fix_zh="在年份后补上“年”（如“2024底”改为“2024年底”）。",
    name="year-without-nian",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="日期中年份后缺“年”字",
    title_en="A date whose 年 (year sign) is missing",
    message_zh="“{quote}”中年份后缺少“年”字，应为“{fixed}”（共{n}处）",
    message_en="'{quote}' lacks 年 after the year; it should read '{fixed}' ({n} place(s))",
    what="Finds a four-digit year from 1950 to 2099 followed directly by 底, 末 or 初 (2024底, "
    "2023末) where a date needs 年 between them (2024年底). A year written with 年 and a figure "
    "that is no year (1200底) stay silent.",
    why="A date with its year sign lost reads as a slip; the reader cannot be sure which date "
    "or figure was meant.",
    example="我单位2024底有职工16人。",
    counterexample="我单位2024年底有职工16人，2023年末有15人。",
    fix="Write 年 after the year (2024年底).",
)

TRUNCATED_DOCUMENT_YEAR = rule(
    code="Q171",
    fix_zh="核对原文件，补全文号中的年份（如“南财函〔202〕25号”改为“南财函〔2024〕25号”）。",
    name="document-number-year-truncated",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="文号中的年份不完整",
    title_en="A document number whose year is incomplete",
    message_zh="文号“{quote}”方括号中的年份只有{digits}位（“{year}”），年份残缺，无法据此查找所引文件",
    message_en="The document number '{quote}' has a {digits}-digit year ('{year}') in its "
    "brackets: the year is cut, so the cited document cannot be looked up",
    what="Finds a document number (an issuer's abbreviation, a bracketed year, a serial number "
    "and 号: 南财函〔2024〕25号) whose bracketed year has two or three digits beginning 19 or 20 "
    "(〔202〕, 〔20〕) or five digits (〔20241〕). Complete years and bracketed serials that are "
    "no document number (第(2)项) stay silent.",
    why="A document number is how the cited basis is found; with its year cut it points "
    "nowhere, and a slip in the basis makes the reader doubt the rest.",
    example="根据《关于做好2024年度预算绩效自评工作的通知》(南财函〔202〕25号)等文件精神。",
    counterexample="根据《关于做好2024年度预算绩效自评工作的通知》(南财函〔2024〕25号)等文件精神。",
    fix="Check the cited document and complete the year (南财函〔2024〕25号).",
)

LOST_FIGURE = rule(
    code="Q172",
    fix_zh="补上动词与量词之间遗漏的数字（如“完成道路建设座”应写明建设几座）。",
    name="figure-lost-before-measure-word",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="量词前缺数字",
    title_en="A measure word with its figure lost",
    message_zh="“{quote}”中“{verb}”后直接跟量词“{measure}”，中间的数字缺失，无法知道{verb}了多少",
    message_en="'{quote}': the measure word '{measure}' follows the verb '{verb}' directly; the "
    "figure between them is lost, so how many is not stated",
    what="Finds a verb of output (建设, 完成, 新建, 培训, 发放…) followed directly by a measure "
    "word (座, 个, 台, 公里…) that closes its clause (a comma, full stop, semicolon or "
    "line end follows): the number the measure word counts has been lost (完成道路建设座；). "
    "A figure or a Chinese numeral before the measure word (建设1座, 建设一座), words that "
    "merely begin with a measure character (座谈会, 个人) and indicator names in a cell or before "
    "a colon (救助人次 | ≥500人次, 建设期:) stay silent.",
    why="A goal or result whose figure was lost in publishing states nothing to check; it is "
    "a slip in the text, not a vague goal.",
    example="绩效目标：1.保质保量完成道路建设座；2.按时投入使用。",
    counterexample="绩效目标：1.保质保量完成道路建设1座；2.组织召开座谈会，完成个人信息核对。",
    fix="Restore the lost figure (完成道路建设1座).",
)

PASTED_ADDRESS = rule(
    code="Q173",
    fix_zh="删去正文或标题中夹带的网站地址（转载网站的水印），按原文发布。",
    name="site-address-in-text",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="正文夹带网站地址",
    title_en="A site address pasted into the text",
    message_zh="“{quote}”中夹带网址“{url}”，前后文没有提到网站或链接，是转载网站留下的地址，不是报告内容",
    message_en="'{quote}' carries the address '{url}' with no mention of a site or link around "
    "it: a reposting site's address, not part of the report",
    what="Finds a web address glued to a heading or sentence ((https://www.x.com), (www.x.cn), "
    "or bare: …到位https://www.x.com) when nothing in the clause before it introduces a site "
    "(网站, 网址, 网页, 平台, 链接, 登录, 详见, 公开, 发布…). An address the text introduces "
    "(在门户网站(www.x.gov.cn)公开) and a site's own header line (中方县人民政府 www.x.gov.cn) "
    "stay silent.",
    why="A reposting site's address inside the report's words interrupts them and shows the text "
    "was copied from a third-party page, not the published original.",
    example="1.项目经费足额到位(https://www.daowen.com)\n学校层面预算总资金18189万元。",
    counterexample="1.项目经费足额到位\n评价结果已在区政府门户网站(www.dl.gov.cn)公开。",
    fix="Delete the pasted address and republish from the original.",
)

CAPTION_WITHOUT_TABLE = rule(
    code="Q174",
    fix_zh="补上标题下遗漏的表格内容，或删去无内容的表题和“续表”字样。",
    name="table-caption-without-table",
    kind="empty_section",
    severity=Severity.INFO,
    family="quality",
    title_zh="表题下没有表格",
    title_en="A table caption with no table under it",
    message_zh="表题“{quote}”之后{after_zh}，表格内容缺失",
    message_en="The table caption '{quote}' is followed by {after_en}: the table itself is lost",
    what="Finds a table caption line (表1 …一览表, 表2：…情况表) followed, after blank lines, only "
    "by the end of the text, a 续表 line, another caption or a numbered heading — no row of the "
    "table it names. A caption followed by its rows (pipe rows or cell lines) or by a sentence, "
    "and a list of attachments (附表1：…表, which the report need not reproduce) stay silent.",
    why="A caption over nothing means the table was lost in conversion or publishing; the "
    "figures the text relies on cannot be read.",
    example="表1 2019—2021年标志性成果一览表\n\n续表\n\n(二)项目经费到位情况\n经费足额到位。",
    counterexample=(
        "表1 2019—2021年标志性成果一览表\n成果 | 数量\n国家级奖项 | 3\n\n(二)项目经费到位情况\n"
    ),
    fix="Restore the table under its caption, or delete the empty caption and 续表.",
)

SEAL_ONLY_FIELD = rule(
    code="Q175",
    fix_zh="在封面栏目中填写单位名称后再加盖公章。",
    name="seal-placeholder-only",
    kind="template_residue",
    severity=Severity.INFO,
    family="quality",
    title_zh="封面栏目只有“（公章）”字样，未填单位",
    title_en="A cover field holding only the seal placeholder",
    message_zh="“{quote}”栏只留有“{seal}”字样，没有填写单位名称",
    message_en="The field '{quote}' holds only the placeholder '{seal}': the unit's name is "
    "not filled in",
    what="Finds a cover or form-head field whose label (主管部门, 单位, 填报单位…) is followed "
    "after its colon only by the seal placeholder ((公章), (盖章), (签章)) with nothing before "
    "it on the line. A field that names the unit before the seal (主管部门:林芝市广电局(公章)) "
    "stays silent.",
    why="The seal placeholder marks where the stamp goes next to the unit's name; with the name "
    "left out the report does not say who is responsible for it.",
    example="项目名称:村村通维护经费\n项目主管部门(单位):(公章)\n填报人姓名:张三",
    counterexample="项目名称:村村通维护经费\n项目主管部门(单位):林芝市广电局(公章)\n填报人姓名:张三",
    fix="Write the unit's name in the field before the seal.",
)


MASKED_TEXT = rule(
    code="Q178",
    fix_zh="按原件核对并补全被星号遮去的文字（地名、单位名、金额等），从原始出处转载。",
    name="masked-text",
    kind="garbled_text",
    severity=Severity.INFO,
    family="quality",
    title_zh="正文被星号遮去",
    title_en="Text masked with asterisks",
    message_zh="“{quote}”中的“{token}”遮去了原文（多见于转载网站隐去的地名、单位名、词语或金额），"
    "被遮去的内容无法核对（共{n}处）",
    message_en="'{quote}' has '{token}' in place of the original text (a reposting site "
    "usually masks place or unit names, words or amounts this way); the masked content cannot "
    "be checked ({n} place(s))",
    what="Finds asterisks standing in place of the report's text: a run of two or more (**县, "
    "参政议**参与) that is not markdown bold, and a masked figure (预算数*元). One finding for "
    "the report, with every place. A form's value left as asterisks after a comparator (≥**人) "
    "is the template's unfilled placeholder (Q012); markdown bold (**二、基本情况**) and the "
    "report's own de-identification of a person (谭**, 张*明) or a phone, ID or account number "
    "(023-5822****) stay silent.",
    why="A mask cuts names, words and figures out of the text: the report as published cannot "
    "be read or checked in those places.",
    example="促进妇女参政议**参与有关妇女儿童的法律、法规的制订。",
    counterexample="**二、基本情况**\n培训人数(≥**人)按年初计划填写。",
    fix="Restore the masked text from the original and republish from the original source.",
)


# ---- Q170: 2024底 ----
_YEAR_EDGE = lazy(r"(?<![\d.．])(?P<y>19[5-9]\d|20\d\d)(?P<w>底|末|初)(?![\d])")


@check(YEAR_WITHOUT_NIAN)
def year_without_nian(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    found = list(_YEAR_EDGE.finditer(norm))
    if found:
        first = found[0]
        fixed = f"{first.group('y')}年{first.group('w')}"
        yield spans_hit(YEAR_WITHOUT_NIAN, norm, [m.span() for m in found], fixed=fixed)


# ---- Q171: 南财函〔202〕25号 ----
# An issuer's abbreviation, a bracketed year (any bracket a document number is written with),
# a serial number and 号. The bracket may be left open when the year is cut (〔202〕 / 〔202 25号).
_DOC_NUMBER = lazy(
    r"(?<=[\u4e00-\u9fff])[〔\[［【(（](?P<y>\d{1,6})[〕\]］】)）]\s*(?P<n>\d{1,5})\s*号"
)


def _cut_year(y: str) -> bool:
    """A bracketed year with a digit lost or one too many: 202, 20, 20241."""
    if len(y) in (2, 3):
        return y.startswith(("19", "20"))
    return len(y) == 5 and y.startswith(("19", "20"))


@check(TRUNCATED_DOCUMENT_YEAR)
def truncated_document_year(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for m in _DOC_NUMBER.finditer(norm):
        y = m.group("y")
        if not _cut_year(y):
            continue
        # the issuer's abbreviation before the bracket: up to 6 CJK characters
        lo = m.start()
        while lo > 0 and m.start() - lo < 6 and "\u4e00" <= norm[lo - 1] <= "\u9fff":
            lo -= 1
        yield TRUNCATED_DOCUMENT_YEAR.hit(
            [(lo, m.end())], {"quote": norm[lo : m.end()], "year": y, "digits": len(y)}
        )


# ---- Q172: 完成道路建设座 ----
_OUTPUT_VERB = (
    r"建设|建成|新建|改建|扩建|修建|兴建|完成|新增|安装|购置|采购|培训|举办|召开|开展|发放|维修|"
    r"修缮|改造|配备|创建|资助|救助|慰问|补助|接待|招收|帮扶|开设|种植|造林|治理|整治|硬化|"
    r"绿化|铺设|铺装|疏浚|清淤|检查|检测|抽检|走访|印发|制作|发布"
)
_MEASURE = (
    r"平方米|立方米|公里|千米|座|个|家|套|辆|名|场|次|条|件|份|亩|米|吨|株|棵|张|册|篇|"
    r"盏|眼|栋|幢"
)
_LOST_FIGURE = lazy(
    rf"(?P<verb>{_OUTPUT_VERB})(?P<mw>{_MEASURE})(?=\s*(?:[，,。；;、)）]|\n|$))", re.M
)


def lost_figures(doc: Document) -> list[tuple[int, int]]:
    """Where a figure was lost between a verb and its measure word (建设座；): the spans of the
    verb and measure word. Q001 stays silent on a goal holding one (its figure was lost)."""
    return doc.cached("lost_figures", lambda d: [m.span() for m in _LOST_FIGURE.finditer(d.norm)])


@check(LOST_FIGURE)
def lost_figure(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    for m in _LOST_FIGURE.finditer(norm):
        lo = max(norm.rfind(c, 0, m.start()) for c in "，,。；;：:\n|") + 1
        lo = max(lo, m.start() - 20)
        while lo < m.start() and (norm[lo].isspace() or norm[lo] in "0123456789.、"):
            lo += 1
        yield LOST_FIGURE.hit(
            [(lo, m.end())],
            {"quote": norm[lo : m.end()], "verb": m.group("verb"), "measure": m.group("mw")},
        )


# ---- Q173: (https://www.daowen.com) ----
_BRACKETED_URL = lazy(
    r"[(（]\s*(?P<url>(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s)）]*)?)"
    r"\s*[)）]"
    # or, with no brackets, an address that names itself one (http…, www.…)
    r"|(?P<bare>(?:https?://|www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[A-Za-z0-9_./?=&%-]*)?)"
)
# Words that introduce an address: the text itself points to a site.
_SITE_WORD = lazy(
    r"网|址|链接|平台|登录|登陆|访问|详见|参见|查阅|公开|发布|公示|公布|邮箱|系统|APP|app"
)


@check(PASTED_ADDRESS)
def pasted_address(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "." not in norm:
        return
    for m in _BRACKETED_URL.finditer(norm):
        url = m.group("url") or m.group("bare")
        if not (url.startswith(("http", "www.")) or rx.search(r"\.(?:com|cn|net|org)\b", url)):
            continue
        if m.start() == 0 or not "\u4e00" <= norm[m.start() - 1] <= "\u9fff":
            continue  # glued to the text's last word only
        lo = max(norm.rfind(c, 0, m.start()) for c in "，,。；;\n") + 1
        before = norm[lo : m.start()]
        if _SITE_WORD.search(before) or _SITE_WORD.search(norm[m.end() : m.end() + 6]):
            continue
        yield PASTED_ADDRESS.hit(
            [(m.start(), m.end())],
            {"quote": norm[lo : m.end()].strip(), "url": url},
        )


# ---- Q174: 表1 … with no table ----
_CAPTION = lazy(
    r"^[ \t]*表\s*(?:\d{1,2}(?:[-.．]\d{1,2})?|[一二三四五六七八九十]{1,3})(?![\d年月日])"
    r"[ \t:：、.．]*(?P<t>[^\n。；;|]{2,40}?(?:表|情况|明细|清单|统计|一览))[ \t]*$",
    re.M,
)
_CONTINUED = lazy(r"^[ \t]*[(（]?续表\s*\d{0,2}[)）]?[ \t]*$")
_HEADING = lazy(
    r"^[ \t]*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|"
    r"\d{1,2}(?:\.\d{1,2})*[、.．](?!\d)|第[一二三四五六七八九十]{1,3}[章节部分])"
)


@check(CAPTION_WITHOUT_TABLE)
def caption_without_table(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "表" not in norm:
        return
    lines = doc.lines
    for m in _CAPTION.finditer(norm):
        nxt = doc.line_at(m.start()).index + 1
        while nxt < len(lines) and not lines[nxt].text.strip():
            nxt += 1
        if nxt >= len(lines):
            after = ("全文结束", "the end of the text")
        else:
            text = lines[nxt].text
            if _CONTINUED.match(text):
                after = ("只有“续表”字样", "only 续表 (table continued)")
            elif _CAPTION.match(text):
                after = ("紧接另一个表题", "another caption")
            elif _HEADING.match(text) and "|" not in text and len(text.strip()) <= 60:
                after = ("紧接下一个标题", "the next heading")
            else:
                continue
        lo = m.start() + (len(m.group()) - len(m.group().lstrip()))
        hi = m.end()
        yield CAPTION_WITHOUT_TABLE.hit(
            [(lo, hi)], {"quote": norm[lo:hi].strip(), "after_zh": after[0], "after_en": after[1]}
        )


# ---- Q175: 项目主管部门(单位):(公章) ----
_SEAL_ONLY = lazy(
    r"^[ \t]*(?P<label>[\u4e00-\u9fff()（）]{2,16}?)[ \t]*[:：][ \t]*"
    r"(?P<seal>[(（]\s*(?:公章|盖章|印章|签章|章)\s*[)）])[ \t]*$",
    re.M,
)


@check(SEAL_ONLY_FIELD)
def seal_only_field(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "章" not in norm:
        return
    for m in _SEAL_ONLY.finditer(norm):
        if not rx.search(r"单位|部门|机关|机构", m.group("label")):
            continue  # a unit field: 签字(章) under a person's name is another matter
        lo = m.start("label")
        yield SEAL_ONLY_FIELD.hit(
            [(lo, m.end("seal"))], {"quote": norm[lo : m.end("seal")], "seal": m.group("seal")}
        )


# ---- Q178: 参政议**参与 ----
def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


_CONTACT = lazy(r"电话|手机|联系方式|身份证|证件号|账号|卡号|户号|座机|(?i:tel)")
_AREA_CODE = lazy(r"(?<!\d)0\d{2,3}[-－]\d{0,8}$")


def privacy_mask(norm: str, a: int, b: int) -> bool:
    """Whether the asterisks at [a, b) hide a person's name or contact digits on purpose (谭**,
    张*明, 023-5822****, 身份证号5101**********1234): the report's own de-identification,
    which leaves nothing a reader needs to check. A name mask is one or two asterisks after a
    single character standing alone (a surname), or one between two; a number's mask touches
    its digits on a line that names a phone, ID or account number, or follows an area code."""
    before = norm[a - 1] if a else ""
    if b - a <= 2 and _han(before) and not (a >= 2 and _han(norm[a - 2])):
        after = norm[b : b + 2]
        if not after or not _han(after[0]):
            return True  # 谭**，
        if b - a == 1 and (len(after) < 2 or not _han(after[1])):
            return True  # 张*明，
    if before.isdigit() or norm[b : b + 1].isdigit():
        line = norm[norm.rfind("\n", 0, a) + 1 : a]
        return _CONTACT.search(line) is not None or _AREA_CODE.search(line) is not None
    return False


@check(MASKED_TEXT)
def masked_text(doc: Document) -> Iterator[Hit]:
    norm = doc.norm
    if "*" not in norm:
        return
    found = [
        (a, b)
        for a, b in masks(norm)
        if not form_placeholder(norm, a)
        and not is_chrome(doc.line_at(a).text)
        and not privacy_mask(norm, a, b)
    ]  # (a sharing site's 上传人:王** is the page's, not the report's)
    if not found:
        return
    a, b = found[0]
    lo, hi = max(0, a - 6), min(len(norm), b + 6)
    quote = (norm[lo:a].split("\n")[-1] + norm[a:b] + norm[b:hi].split("\n")[0]).strip()
    yield MASKED_TEXT.hit(found, {"quote": quote, "token": norm[a:b], "n": len(found)})
