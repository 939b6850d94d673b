"""C002 staff-above-quota: a head count above the quota stated with it, named by scope."""

from __future__ import annotations

from reviewer.checks.registry import RULES
from reviewer.models import Severity
from tests.helpers import review_text


def c002(text: str) -> list:
    return review_text(text, select=["C002"])


def test_staff_above_a_quota_in_prose_names_both_scopes() -> None:
    (f,) = c002("本单位核定行政编制20名，实有在职人员22人。")
    assert f.severity == Severity.WARNING
    assert "行政编制 20 人" in f.message and "在职人员" in f.message and "超 2 人" in f.message
    assert f.spans[0].text == "22人"
    assert not any("%" in s.text for s in f.spans)  # no rate stated, none pointed at


def test_within_quota_or_outside_staff_stays_silent() -> None:
    assert c002("本单位核定行政编制20名，实有在职人员18人，另有编外聘用人员5人。") == []
    assert c002("核定编制15名，编外聘用人员18人。") == []
    assert c002("实有车辆编制3辆，在编实有车辆4辆。") == []
    # A head count that holds retirees is not the count the quota limits.
    assert c002("人员编制144人，年末实有266人，其中在职人员143人，退休122人。") == []
    # 实有编制数 is the quota, not a head count.
    assert c002("我局实有编制数 63 人，2021 年末在职人数 57 人。") == []


def test_a_basic_data_form_in_each_layout() -> None:
    run = "财政供养人员情况 编制数 2020年实际在职人数 控制率 15 16 106.67%\n"
    pipe = (
        "| 项目 | 编制数 | 实际在职人数 | 控制率 |\n|---|---|---|---|\n"
        "| 财政供养人员 | 15 | 16 | 106.67% |\n"
    )
    cells = "编制数\n实际在职人数\n控制率\n15\n16\n106.67%\n"
    for text in (run, pipe, cells):
        (f,) = c002(text)
        assert "15 人" in f.message and "16 人" in f.message, text
        # The head count is the claim; the form's own 控制率, which a reviewer quotes, is a span too.
        assert [s.text for s in f.spans] == ["16", "15", "106.67%"], text
    assert c002(run.replace("15 16", "16 15").replace("106.67%", "93.75%")) == []
    # Figures that are not the header's (one missing) are not read.
    assert c002("编制数 在职人数 控制率 15 106.67%\n") == []


def test_the_stated_control_rate_right_after_the_head_count_is_pointed_at() -> None:
    form = "财政供养人员情况(人\n\n编制数\n\n2023 年实际在职人数\n\n控制率\n\n46\n\n50\n\n{rate}\n"
    (f,) = c002(form.format(rate="108.70%"))
    assert [s.text for s in f.spans] == ["50", "46", "108.70%"]
    # A percent that 50 ÷ 46 does not give is some other figure: not pointed at.
    (f,) = c002(form.format(rate="98.00%"))
    assert [s.text for s in f.spans] == ["50", "46"]


def test_a_stated_control_rate_above_100() -> None:
    (f,) = c002("在职人员控制率为106%。\n")
    assert "106%" in f.message
    assert c002("在职人员控制率≤100%。\n") == []
    assert c002("在职人员控制率为95%。\n") == []


def test_rule_example_and_counterexample() -> None:
    r = RULES["C002"]
    assert c002(r.example) and r.counterexample and c002(r.counterexample) == []


def test_a_control_rate_in_the_form_is_recomputed() -> None:
    run = "财政供养人员情况 编制数 2020年实际在职人数 控制率 15 14 {rate}\n"
    (f,) = review_text(run.format(rate="95.33%"), select=["R003"])
    assert "14 ÷ 15" in f.message and "93.33%" in f.message
    assert review_text(run.format(rate="93.33%"), select=["R003", "C002"]) == []
    assert review_text(run.format(rate="93.3%"), select=["R003"]) == []  # rounded as written
    pipe = (
        "| 项目 | 编制数 | 实际在职人数 | 控制率 |\n|---|---|---|---|\n"
        "| 财政供养人员 | 15 | 14 | 95.33% |\n"
    )
    assert [f.code for f in review_text(pipe, select=["R003"])] == ["R003"]


def test_a_control_rate_one_cell_per_line_under_a_year_written_apart() -> None:
    # The header names its three columns (编制数, 2023 年实际在职人数, 控制率), the year parted
    # from its word by a space; the three cells after it are quota, head count and rate.
    form = "财政供养人员情况(人\n\n编制数\n\n2023 年实际在职人数\n\n控制率\n\n46\n\n50\n\n{rate}\n"
    assert review_text(form.format(rate="108.70%"), select=["R003"]) == []
    (f,) = review_text(form.format(rate="101.70%"), select=["R003"])
    assert "50 ÷ 46" in f.message and "108.7%" in f.message
    # Near miss: a header that names no 控制率 column: the percent after the counts is not read
    # as one.
    other = form.replace("控制率\n\n46", "46")
    assert review_text(other.format(rate="101.70%"), select=["R003"]) == []


def test_quotas_listed_together_are_set_against_the_head_count_as_one_total() -> None:
    # The head count covers both quotas: 41 in post against 25 + 18 = 43 is within quota.
    assert c002("核定行政编制25名、事业编制18名，共43名；年末实有在职人员41人。") == []
    assert c002("核定行政编制25名、事业编制18名，实有在职人员41人。") == []
    # The stated total stands for the quotas too.
    assert c002("核定编制：行政编制20名，事业编制10名，合计30名，实有在职人员29人。") == []
    # Above the total it still fires, against the total.
    (f,) = c002("核定行政编制20名、事业编制10名，实有在职人员35人。")
    assert "30 人" in f.message and "超 5 人" in f.message
    (f,) = c002("核定行政编制25名、事业编制18名，共43名；年末实有在职人员46人。")
    assert "43 人" in f.message and "超 3 人" in f.message


def test_a_quota_paired_with_its_own_head_count_is_not_summed() -> None:
    # Each quota is followed by its own head count: the second pair alone is over.
    (f,) = c002("核定行政编制20名，实有在职人员19人；核定事业编制10名，实有在职人员12人。")
    assert "事业编制 10 人" in f.message and "超 2 人" in f.message


def test_staff_in_post_among_a_head_count_with_retirees_against_the_quota() -> None:
    # the quota with its own parts, then the head count holding retirees, its staff in post
    # named among its parts in the next sentence
    (f,) = c002(
        "人员情况：编制18人，其中：参公16人，工勤2人。实际人员25人（其中：在职21人，退休4人）。"
    )
    assert f.spans[0].text == "21" and "超 3 人" in f.message and "在职" in f.message
    # an establishment of offices (机构编制4个处室) is no quota of people
    (g,) = c002("机构编制4个处室，核定编制30名。年末实有人员41人，其中在职32人，退休9人。")
    assert g.spans[0].text == "32" and "超 2 人" in g.message


def test_staff_in_post_among_a_head_count_near_misses() -> None:
    # in post within the quota: the retirees make the head count larger, not the staff
    assert (
        c002(
            "人员情况：编制18人，其中：参公16人，工勤2人。实际人员25人（其中：在职17人，退休8人）。"
        )
        == []
    )
    # one of several quotas: which one the staff are set against is unsaid
    assert c002("行政编制10人。事业编制8人。实有人员25人，其中在职17人，退休8人。") == []
    # the head count a paragraph later is another statement
    assert c002("人员编制18名。\n办公用房5处。实有人员25人，其中在职20人，退休5人。") == []
    # staff outside the quota named in post
    assert c002("人员编制18名。实有人员25人，其中编外在职20人，退休5人。") == []


def test_a_quota_with_its_own_scoped_parts_before_the_head_count() -> None:
    text = (
        "核定编制22人，其中：行政编制18人，工勤编制4人。实有人员31人（其中：在职25人，退休6人）。"
    )
    (f,) = c002(text)
    assert f.spans[0].text == "25" and "超 3 人" in f.message
    # near miss: parts that do not make up the quota are other quotas, set against nothing
    assert c002(text.replace("工勤编制4人", "工勤编制3人")) == []
