"""S038: a first-level indicator's weight (项目产出(30分)) against its second-level headings'
weights (数量指标(10分) + 质量指标(5分) + …), read in running text."""

from __future__ import annotations

from reviewer.models import Severity
from tests.helpers import review_text

# An OCR'd form run together: headings, then each heading's rows.
FORM = (
    "项目产出(30分)数量指标({n}分)保障人数102370人2370人10指标2:质量指标(5分)公用经费标准5"
    "达标达标5时效指标(5分)完成时间52021年12月完成2021年12月完成5成本指标(10分)办公所需成本"
    "1015万元15万元10{after}"
)
CLOSED = "项目效益(35分)经济效益指标社会效益指标\n"


def _s038(text: str) -> list[str]:
    return [f.message for f in review_text(text, select=["S038"])]


def test_second_level_weights_that_do_not_add_up_to_the_first_level() -> None:
    assert _s038(FORM.format(n=10, after=CLOSED)) == []
    (f,) = review_text(FORM.format(n=30, after=CLOSED), select=["S038"])
    assert f.severity == Severity.WARNING
    assert "“项目产出”标明 30 分" in f.message
    assert "数量指标 30 + 质量指标 5 + 时效指标 5 + 成本指标 10 = 50 分" in f.message
    assert [s.text for s in f.spans] == ["30", "30", "5", "5", "10"]


def test_a_section_the_text_does_not_close_is_judged_only_when_over() -> None:
    # No next first-level heading: more second-level headings may follow, so a sum short of
    # the section says nothing; a sum above it is wrong whatever follows.
    assert _s038(FORM.format(n=5, after="\n")) == []
    assert len(_s038(FORM.format(n=30, after="\n"))) == 1


def test_near_misses_left_unjudged() -> None:
    # A second-level heading without a weight: the sum is not known.
    text = FORM.format(n=30, after=CLOSED).replace("时效指标(5分)", "时效指标")
    assert _s038(text) == []
    # A second-level heading named twice: two forms, or a heading repeated in a note.
    twice = FORM.format(n=30, after=CLOSED).replace("成本指标(10分)", "质量指标(10分)")
    assert _s038(twice) == []
    # 经济效益指标(20分) is a second-level heading, not a first-level 效益 of 20.
    eff = "产出指标(50分)数量指标(30分)质量指标(20分)效益指标(30分)经济效益指标(20分)社会效益指标(10分)满意度指标(10分)\n"
    assert _s038(eff) == []
    assert (
        "“效益指标”标明 30 分" in _s038(eff.replace("社会效益指标(10分)", "社会效益指标(15分)"))[0]
    )
