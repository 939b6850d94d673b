"""Reports in traditional characters (web mirrors in 繁體, some with pinyin glosses) are read
like any other: every check runs on the document's simplified twin (same offsets), and the
findings quote the report as it is written."""

from __future__ import annotations

from reviewer.document import Document
from reviewer.document.script import as_written, simplified_twin
from reviewer.engine import check
from tests.helpers import codes, review_text

# an indicator missed, written in traditional characters
_MISSED = (
    "三、績效目標完成情況\n"
    "1.年度舉辦培訓班數量績效目標值是6期,實際完成值為2期,目標完成率為33%。\n"
    "本項目自評總得分92分,評價等級為優。\n"
)


def test_a_missed_target_in_traditional_characters_is_found_and_quoted_as_written() -> None:
    found = [f for f in review_text(_MISSED) if f.code == "G001"]
    assert len(found) == 1
    # the quote keeps the report's characters; the spans point at the original text
    assert "舉辦培訓班數量" in found[0].message
    assert any(s.text.startswith("實際完成值") for s in found[0].spans)


def test_a_met_target_in_traditional_characters_is_no_finding() -> None:
    met = _MISSED.replace("實際完成值為2期,目標完成率為33%", "實際完成值為6期,目標完成率為100%")
    assert "G001" not in codes(review_text(met))


def test_a_high_score_despite_a_missed_target_is_found_in_traditional_characters() -> None:
    assert "G004" in codes(review_text(_MISSED))
    low = _MISSED.replace("總得分92分,評價等級為優", "總得分78分,評價等級為中")
    assert "G004" not in codes(review_text(low))


def test_the_same_text_in_simplified_characters_gives_the_same_findings() -> None:
    simplified = simplified_twin(Document(text=_MISSED)).text
    assert simplified != _MISSED
    ours = sorted((f.code, f.spans[0].start) for f in review_text(_MISSED))
    theirs = sorted((f.code, f.spans[0].start) for f in review_text(simplified))
    assert ours == theirs


def test_a_simplified_report_is_its_own_twin() -> None:
    doc = Document(text="年度举办培训班6期，实际完成2期。")
    assert simplified_twin(doc) is doc


def test_quotes_are_given_back_whole_by_piece_and_across_glosses() -> None:
    doc = Document(
        text="一、資(zī)金執(zhí)行情況\n全年下達補助資金120萬元,其中中央補助資金100萬元。"
    )
    twin = simplified_twin(doc)
    assert as_written("全年下达补助资金", doc, twin) == "全年下達補助資金"
    # a clipped quote inside the check's own words
    assert as_written("“其中中央补助资金…”相同", doc, twin) == "“其中中央補助資金…”相同"
    # a label the reader took without its glosses
    assert as_written("资金执行情况", doc, twin) == "資金執行情況"
    # the check's own words are left alone, and so are figures
    assert as_written("目标", doc, twin) == "目标"
    assert as_written({"n": 3, "v": ["120万元"]}, doc, twin) == {"n": 3, "v": ["120万元"]}


def test_names_cut_short_by_a_pinyin_gloss_are_not_paired_as_one_indicator() -> None:
    # both tails read "算资金合计": two different funds, not a target and its actual
    text = (
        "一、績(jī)效目標(biāo)分解下達(dá)情況\n"
        "本年度項目預(yù)算資金合計500萬元。\n"
        "二、績(jī)效目標(biāo)完成情況分析\n"
        "其中省級財(cái)政資金預(yù)算資金合計420萬元,占比84%。\n"
    )
    assert "G001" not in codes(review_text(text))


def test_glosses_elsewhere_leave_a_whole_name_paired() -> None:
    text = (
        "一、績(jī)效目標(biāo)\n"
        "1.培訓人數目標值100人。\n"
        "二、績(jī)效目標(biāo)完成情況\n"
        "1.培訓人數實際完成80人。\n"
    )
    assert [f.code for f in review_text(text) if f.code == "G001"] == ["G001"]


def test_a_report_result_quotes_traditional_text() -> None:
    result = check(Document(text=_MISSED))
    g001 = [f for f in result.findings if f.code == "G001"]
    assert g001 and "實際" in g001[0].spans[0].text
