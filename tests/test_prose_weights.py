"""Section weights written in sentences (claims.prose_weights): their sum against the total the
sentence states or a full score of 100 stated next to them (S050), and against the split a
cited rule requires (S009's prose path). Fragments written for the purpose, each with the near
misses that must stay silent."""

from __future__ import annotations

from reviewer.claims.prose_weights import prose_weights
from reviewer.claims.selfscore import self_scores
from reviewer.document import Document
from tests.helpers import review_text


def q(text: str, code: str = "S050"):
    return review_text(text, select=[code])


def test_listed_weights_against_the_total_of_the_sentence() -> None:
    text = "本年度项目指标体系中，产出指标45分、效益指标35分、满意度指标10分，合计85分。"
    [found] = q(text)
    assert "45 + 35 + 10 = 90" in found.message and "85" in found.message
    assert found.spans[0].text == "85"
    assert q(text.replace("合计85分", "合计90分")) == []


def test_bracketed_weights_and_a_total_before_the_list() -> None:
    bracketed = "绩效指标分值：产出指标(45分)，效益指标(35分)，满意度指标(10分)，共计80分。"
    [found] = q(bracketed)
    assert "= 90" in found.message
    before = "总分为100分，其中预算执行率15分、产出指标40分、效益指标30分、满意度指标10分。"
    [found] = q(before)
    assert "15 + 40 + 30 + 10 = 95" in found.message and found.spans[0].text == "100"
    assert q(before.replace("预算执行率15分", "预算执行率20分")) == []


def test_second_level_weights_are_a_list_of_their_own() -> None:
    text = "产出指标下设数量指标20分、质量指标15分、时效指标10分，合计50分。"
    [found] = q(text)
    assert "20 + 15 + 10 = 45" in found.message
    # near miss: the first-level weight and its second-level parts in one sentence nest
    nested = "产出指标50分，其中数量指标20分、质量指标15分、时效指标10分，合计50分。"
    assert q(nested) == []


def test_sentences_that_are_not_a_whole_list_of_weights() -> None:
    silent = [
        # scores, not weights
        "自评得分合计：产出指标43分、效益指标27分、满意度指标9分，合计79分。",
        "总得分88分，其中产出指标45分、效益指标25分、满意度指标9分、预算执行率9分。",
        # a list closed by 等
        "产出指标45分、效益指标35分等，合计100分。",
        # 绩效指标 over its own sections
        "绩效指标90分，产出指标50分、效益指标30分、满意度指标10分，合计90分。",
        # a part named twice: two lists run together
        "产出指标45分、效益指标35分、产出指标40分，合计100分。",
        # a total of another block: something counted between the list and the 合计
        "产出指标45分、效益指标35分、满意度指标10分，共设三级指标14个，总分100分。",
        # the total in the next sentence belongs to something else
        "产出指标45分、效益指标35分、满意度指标10分。预算执行率另行计算，合计100分。",
    ]
    for text in silent:
        assert q(text) == [], text


def test_a_whole_framework_against_a_full_score_of_100_stated_next_to_it() -> None:
    text = (
        "评价采用百分制。一级指标分值为预算执行率10分、产出指标45分、效益指标30分、满意度指标10分。"
    )
    [found] = q(text)
    assert "= 95" in found.message and "满分" in found.message
    # near misses: no full score stated; a partial list (the budget part missing) says nothing
    assert q(text.replace("评价采用百分制。", "")) == []
    assert q(text.replace("预算执行率10分、", "")) == []
    assert q(text.replace("产出指标45分", "产出指标50分")) == []


def test_a_department_framework_is_whole_too() -> None:
    text = "满分100分。一级指标权重设置为决策指标15分、过程指标20分、产出指标40分、效益指标20分。"
    [found] = q(text)
    assert "15 + 20 + 40 + 20 = 95" in found.message
    assert q(text.replace("效益指标20分", "效益指标25分")) == []
    # near miss: figures after a bare 满分100分, not said to be weights, may be the scores
    scores = "满分100分，产出指标47分、效益指标28分、满意度指标9分、预算执行率10分。"
    assert q(scores) == []


def test_header_weights_totalling_100_are_left_to_s010() -> None:
    text = "产出指标(50分)，效益指标(30分)，满意度指标(10分)，预算执行率(20分)，总分100分。"
    assert q(text) == []
    assert len(q(text, "S010")) == 1
    # without the budget part S010 has no form to add up: the sentence's own total is S050's
    partial = "产出指标(50分)，效益指标(30分)，满意度指标(10分)，总分100分。"
    assert q(partial, "S010") == [] and len(q(partial)) == 1


def test_listed_weights_against_the_split_a_cited_rule_requires() -> None:
    rule = (
        "按照财预〔2020〕10号文件，一级指标分值统一设置为产出指标50分、效益指标30分、"
        "满意度指标10分、预算执行率10分。"
    )
    used = "本项目设置产出指标60分、效益指标20分、满意度指标10分、预算执行率10分，合计100分。"
    [found] = q(rule + used, "S009")
    assert "产出 60、效益 20" in found.message and "产出 50、效益 30" in found.message
    assert "文中所列" in found.message
    assert q(rule + used, "S050") == []  # the sentence's own sum is right
    # near misses: the split followed; the rule alone; a 'rule' of two parts only
    same = used.replace("产出指标60分、效益指标20分", "产出指标50分、效益指标30分")
    assert q(rule + same, "S009") == []
    assert q(rule, "S009") == []
    two = "原则上产出指标50分、效益指标30分。"
    assert q(two + used, "S009") == []


def test_the_reading_itself() -> None:
    doc = Document(text="产出指标（45分）、效益指标分值为35分、服务对象满意度指标10分，合计90分。")
    [pw] = prose_weights(doc)
    assert [(p.key, str(p.value)) for p in pw.parts] == [
        ("产出", "45"),
        ("效益", "35"),
        ("满意度", "10"),
    ]
    assert pw.total is not None and str(pw.total.value) == "90" and not pw.rule


def test_the_total_of_weights_is_no_self_score() -> None:
    weights = "绩效指标分值：产出指标(45分)，效益指标(35分)，满意度指标(10分)，预算执行率(10分)，总分100分。"
    assert self_scores(Document(text=weights)) == []
    assert review_text(weights, select=["Q004"]) == []
    # near misses: a total over parts not said to be weights, and a plain self-score, are read
    scored = "总分92分，其中产出指标45分、效益指标28分、满意度指标9分、预算执行率10分。"
    assert [s.value for s in self_scores(Document(text=scored))] == [92]
    assert [s.value for s in self_scores(Document(text="项目自评总分95分。"))] == [95]


def test_a_part_named_without_a_weight_of_its_own_leaves_the_list_unread() -> None:
    text = "总分100分，其中产出指标50分、效益指标30分，满意度指标和预算执行率各10分。"
    assert q(text) == []
    after = "产出指标50分、效益指标30分，满意度指标与预算执行率各10分，合计100分。"
    assert q(after) == []
    # the same list with every part weighted is read
    whole = "总分100分，其中产出指标50分、效益指标30分、满意度指标10分、预算执行率5分。"
    assert len(q(whole)) == 1
