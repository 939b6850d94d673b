"""The rate classes, in one place: which rates are shares of a whole (cannot exceed 100 %) and
which may (growth, change, control and execution rates, balances).

- `SHARE_STEMS` + 率/度 (满意度, 覆盖率, 合格率 …) name a share: the part of a whole that was
  served, passed, covered. Above 100 % it is a garbled figure or a lost comparator.
- `CAN_EXCEED` words (增长, 变动, 控制, 超 …) make a rate a ratio that may pass 100 %
  (增长率 120 %, 成本控制率 105 %), even when a share stem is also in the name.
- `HIGHER_BETTER` rates (执行率, 及时率 …): an upper bound on them is a weak target, unless a
  `LOWER_OK` word (控制, 差错, 事故 …) says the smaller value is the aim.

The execution rates proper (预算执行率 and the other budget ratios read from the report's own
figures) are classified by `checks/rates.py` `rate_kind`.
"""

from __future__ import annotations

from reviewer.claims.vocabulary import alternation
from reviewer.regex import lazy

SHARE_STEMS: tuple[str, ...] = (
    "及时",
    "合格",
    "覆盖",
    "达标",
    "参保",
    "满意",
    "知晓",
    "到位",
    "入学",
    "就业",
    "办结",
    "结案",
    "回复",
    "答复",
    "响应",
    "准确",
    "正确",
    "通过",
    "普及",
    "参与",
    "出勤",
    "签约",
    "接种",
    "处置",
    "整改",
    "验收",
    "审核",
    "受理",
    "上线",
    "公开",
    "录入",
    "建档",
    "使用",
    "合规",
    "规范",
    "完好",
    "在线",
    "利用",
    "巩固",
    "留存",
    "配备",
    "落实",
    "兑现",
    "销号",
    "化解",
    "调解成功",
    "优良",
)
# Money words: a 到位率 of funds (资金到位率, 项目经费到位率) is the amount that arrived over
# the amount planned, a ratio of two amounts and no share of a whole: more money may arrive
# than was planned (18398.31 of 18189万元: 101.15 %). A 到位率 of anything else (人员到位率,
# 设备到位率) counts what is in place out of what is required, a share.
_MONEY_BEFORE = "(?<!投资)(?<!预算)(?<!财政)(?<!配套)(?<![金款费])"
# A share's name anywhere in prose ("群众满意度达到195%"), for readers of running text.
SHARE_NAME_ALT = (
    rf"(?:{alternation(tuple(s for s in SHARE_STEMS if s != '到位'))}|{_MONEY_BEFORE}到位)(?:率|度)"
)
# A share's name, as the end of an indicator name.
SHARE = lazy(rf"{SHARE_NAME_ALT}$")
# Words that make a rate a ratio that may exceed 100 %.
CAN_EXCEED = lazy(r"增长|增幅|变动|变化|下降|降低|减少|提高|提升|控制|调整|偏差|结余|超")
# Higher-is-better rates: an upper bound on them is a weak target.
HIGHER_BETTER = lazy(
    r"(?:执行|完成|及时|覆盖|合格|达标|参保|满意|知晓|到位|入学|就业|办结|结案|回复|响应|准确|"
    r"正确|通过|普及|参与|出勤|签约|接种|处置|整改|验收|利用|使用|兑现|落实|支付|拨付|发放|"
    r"化解|调解成功)(?:率|度)$"
)
# Words saying the smaller value is the aim, even for a higher-is-better stem.
LOWER_OK = lazy(r"控制|结余|调整|变动|偏差|差错|发生|事故|投诉|空置|闲置|超支|不|未|非|失")


def is_share(name: str) -> bool:
    """Whether an indicator of this name is a share that cannot exceed 100 %."""
    return bool(SHARE.search(name)) and not CAN_EXCEED.search(name)
