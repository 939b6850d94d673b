"""A form's fill-in prompts left in the text ((100字以内), (可附表), a cell reading 请填写…), and
the fields whose only content is such a prompt. Readings shared by the empty-section rule (Q010),
which reports a field left as its prompt, and the template-residue rule (Q012), which reports the
other prompts; not rules."""

from __future__ import annotations

import bisect
from typing import NamedTuple

from reviewer import regex as rx
from reviewer.claims.sections import sections
from reviewer.document import Document
from reviewer.regex import lazy

# A form's narrative field: 项目实施内容及过程概述, 评价结论, 存在问题, 改进措施.
FIELD_LABEL = lazy(r"(?:概述|结论|问题|措施|建议|说明|完成情况|原因分析)$")

BRACKET_SLOT = lazy(
    r"[\[【<《(（]\s*(?:单位名称|部门名称|项目名称|填写|请填写|请输入|此处|日期|年份|金额)\s*[\]】>》)）]"
)
INSTRUCTION = lazy(
    r"[(（](?:根据|请|此处|可|参照|按照|如有|若有|注[:：])[^()（）\n]{2,30}?"
    r"(?:填写|描述|说明|填报|列示|删除|选填|可选|包括[^()（）\n]{0,20})[)）]"
)
# A form's prompts: a word limit, an invitation to attach a table, a modal writing order. The
# order opens with what a form says to the one filling it in (请, 须/需/应, 可, 如有, 简要, 结合,
# 针对, 由…填写, 此处/此栏, in simplified or traditional characters) and holds a writing verb
# (说明, 填写, 描述, 提出 …); a word limit (限300字, 不超过500字, 200字以内/以內) marks one
# anywhere in its bracket. Square brackets (【填写…】, [请在此填写…]) hold such orders too.
_ORDER_LEAD = (
    r"(?:请|請|须|須|需|应|應|可|如有|若有|简要|簡要|结合|結合|针对|針對|此处|此處|此栏|此欄)"
)
_ORDER_VERB = (
    r"(?:填写|填寫|填报|填報|填列|说明|說明|反映|列示|列明|描述|阐述|闡述|简述|簡述|概述|分析|"
    r"提出|作出|评价|評價|表格|列表|删除|刪除|勾选|勾選)"
)
_FORM_PROMPT = lazy(
    r"[(（][^()（）\n]{0,40}?(?:限|不超过|不超過|不多于|不少于|控制在)?\s*"
    r"(?:\d+|[一二三四五六七八九十百千]+)\s*字(?:以内|以內|以下|左右|内|內)?[)）]"
    r"|[(（](?:可|请|需|须|应)另?附(?:表|页|件|图|说明|相关材料)[^()（）\n]{0,8}[)）]"
    r"|[(（]由[^()（）\n。]{1,12}?(?:填写|填寫|填报|填報)[)）]"
    # an order inside its bracket after a condition: (若…存在偏差，请说明原因)
    rf"|[(（][^()（）\n。]{{2,30}}?[，,](?:请|請)(?!示){_ORDER_VERB}[^()（）\n。]{{0,20}}[)）]"
    rf"|[(（]{_ORDER_LEAD}[^()（）\n。]{{0,40}}?{_ORDER_VERB}[^()（）\n。]{{0,30}}[)）]"
    # 对照… only as a bracket opening its line: after a heading, (对照附件2…分析) may name the
    # basis of the section's analysis
    rf"|(?<![^\n])[(（](?:对照|對照)[^()（）\n。]{{0,40}}?{_ORDER_VERB}[^()（）\n。]{{0,30}}[)）]"
    rf"|[\[【](?:请|請)?[^\[\]【】\n。]{{0,12}}?(?:填写|填寫|填报|填報|输入|輸入)[^\[\]【】\n。]{{0,24}}[\]】]"
    # a word processor's empty content control: 单击或点击此处输入文字。
    r"|(?:单击|單擊|点击|點擊)(?:或(?:点击|點擊))?(?:此处|此處)(?:以)?(?:输入|輸入)(?:文字|日期|内容|內容)[。.]?"
    r"|Click (?:or tap )?here to enter (?:text|a date)\.?"
    # an order to the one filling the template in, outside brackets
    r"|(?:请|請)?(?:根据|根據|结合|結合|按照)(?:本单位|本單位|本部门|本部門)?实际(?:情况)?(?:填写|填寫|填报|填報)"
    r"|(?:不需要|不适用|不適用|不涉及|无此项|無此項)的?[^。\n|]{0,8}?(?:可|请|請)(?:自行)?(?:删除|刪除)"
)
# A cell or line that is a fill-in order: 请填写…, 请根据…填报 (no full stop: not prose).
_PLEASE_FILL = lazy(
    r"^\s*请(?:在此处?|根据|按照|对照|结合)?[^。\n|\t]{0,20}?(?:填写|填报|填列|勾选)[^。\n|\t]{0,20}$"
)
_INSTRUCTION_VERB = lazy(r"说明|分析|简述|概述|描述|阐述|填写|填报|列明|列示|提出|反映")
_NOTE_LIST = lazy(r"^\s*注|[;；。]\s*\d{1,2}[.、]")


def _cell(norm: str, a: int, b: int) -> tuple[int, int]:
    """The table cell (or line) around [a, b), stripped."""
    lo = max(norm.rfind("\n", 0, a), norm.rfind("|", 0, a), norm.rfind("\t", 0, a)) + 1
    ends = [i for i in (norm.find("\n", b), norm.find("|", b), norm.find("\t", b)) if i != -1]
    hi = min(ends) if ends else len(norm)
    while lo < a and norm[lo] in " \t":
        lo += 1
    while hi > b and norm[hi - 1] in " \t":
        hi -= 1
    return lo, hi


def _prompt(doc: Document, a: int, b: int) -> tuple[int, int, bool] | None:
    """The prompt around the bracket at [a, b): (start, end, stands in place of content), or
    None for a form's printed notes (注：1.…；2.…)."""
    norm = doc.norm
    lo, hi = _cell(norm, a, b)
    lead = norm[lo:a]
    if _NOTE_LIST.search(norm[lo:hi]):
        return None  # the form's own notes under a table, printed with every copy
    heading = any(s.start == lo for s in sections(doc))
    if lead.strip() and len(lead) <= 80 and _INSTRUCTION_VERB.search(lead) and not heading:
        # the whole cell is the instruction: the content was never written
        whole = not norm[b:hi].strip(" 。.;；")
        return lo, b, whole or _followed_by_heading(doc, b)
    return a, b, _followed_by_heading(doc, b)


def _followed_by_heading(doc: Document, b: int) -> bool:
    """Nothing follows the prompt on its line, and the next text is a heading."""
    norm = doc.norm
    eol = norm.find("\n", b)
    eol = len(norm) if eol == -1 else eol
    if norm[b:eol].strip(" \t。.:：|"):
        return False
    nxt = rx.search(r"\S", norm[eol:])
    if nxt is None:
        return False  # the text ends here: a cut page, not a missing section
    at = eol + nxt.start()
    secs = sections(doc)
    if not any(s.start == at for s in secs):
        return False
    # the prompt ends a heading whose own sub-headings follow: the content is under them
    own = [s for s in secs if s.start <= b <= s.body_start and s.start < at < s.end]
    return not own


def form_prompts(doc: Document) -> list[tuple[int, int, bool]]:
    """Every form prompt left in the text: (start, end, stands in place of content)."""

    def build(d: Document) -> list[tuple[int, int, bool]]:
        norm = d.norm
        prompts = [(m.start(), m.end()) for m in _FORM_PROMPT.finditer(norm)]
        for ln in d.lines if "请" in norm else ():
            if "请" not in ln.text:
                continue  # a cell that asks to fill in opens with 请
            for cell in rx.split(r"[|\t]", ln.text):
                if cell.strip() and _PLEASE_FILL.match(cell):
                    off = ln.start + ln.text.index(cell) + (len(cell) - len(cell.lstrip()))
                    prompts.append((off, off + len(cell.strip())))
        out: list[tuple[int, int, bool]] = []
        for a, b in sorted(prompts):
            if (
                any(x <= a < y for x, y, _ in out)
                or BRACKET_SLOT.fullmatch(norm[a:b])
                or (INSTRUCTION.fullmatch(norm[a:b]))
            ):
                continue
            if norm[a] in "(（[【":
                found = _prompt(d, a, b)
            elif norm[a:b].startswith(("单击", "單擊", "点击", "點擊", "Click")):
                found = (a, b, True)  # an empty content control stands where the text belongs
            elif norm[a] not in "请請":
                found = (a, b, False)  # an order to the drafter beside other text
            else:
                found = (a, b, True)
            if found is not None:
                out.append(found)
        return out

    result: list[tuple[int, int, bool]] = doc.cached("form_prompts", build)
    return result


class PromptField(NamedTuple):
    """A heading or form field whose only content is the form's fill-in prompt."""

    title: str
    label: tuple[int, int]
    prompt: tuple[int, int]


# A label before a prompt on its line: a short title, no sentence in it.
_LABEL_TEXT = lazy(r"^[^。，,；;：:|\t]{2,16}$")


def prompt_fields(doc: Document) -> list[PromptField]:
    """Fields left holding only their prompt: a short label with the prompt after it on its line
    and nothing else before the next heading (摘要（2000字以内）), or a narrative field's label
    cell (评价结论, 存在问题) followed by a cell that is only the prompt."""
    from reviewer.checks.quality_forms import cells, is_header_cell

    def build(d: Document) -> list[PromptField]:
        norm = d.norm
        out: list[PromptField] = []
        cs = cells(d)
        starts = [c.start for c in cs]
        for qa, qb, empty in form_prompts(d):
            if not empty:
                continue
            line = d.line_at(qa)
            lead = norm[line.start : qa]
            label = lead.strip()
            if label and norm[qa] in "(（":
                if "|" in lead or "\t" in lead or not _LABEL_TEXT.match(label):
                    continue
                if norm[qb : line.end].strip(" \t。.:：|") or not _followed_by_heading(d, qb):
                    continue
                lo = line.start + (len(lead) - len(lead.lstrip()))
                sec = next((s for s in sections(d) if s.start == lo), None)
                if sec is not None and sec.title_start < qa:
                    label = norm[sec.title_start : qa].strip()  # without its numbering
                out.append(PromptField(label, (lo, qa), (qa, qb)))
                continue
            k = bisect.bisect_left(starts, qa)
            if k == 0 or k >= len(cs) or cs[k].start != qa:
                continue  # the prompt is not a whole cell
            prev = cs[k - 1]
            if not prev.text or len(prev.text) > 24 or is_header_cell(prev.text):
                continue
            if not FIELD_LABEL.search(prev.text):
                continue
            out.append(PromptField(prev.text, (prev.start, prev.end), (qa, qb)))
        return out

    result: list[PromptField] = doc.cached("prompt_fields", build)
    return result
