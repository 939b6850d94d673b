"""Traditional characters read as simplified, one character for one, so offsets hold.

Some published pages are mirrors in traditional script (實現受災地區生產能力基本恢復). The document
keeps the text as published; a check that matches Chinese wording reads `simplified(doc)` instead
of `doc.norm`: the same length and offsets, each traditional character that has a one-to-one
simplified form replaced by it. Only characters that are not themselves in use as simplified
characters are mapped (著, 乾, 徵, 藉, 瞭 … stay), so a simplified text is left unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from reviewer import regex as rx
from reviewer.document.document import Document
from reviewer.regex import lazy

_TRADITIONAL = (
    "實現災區產復績標設應級資總額預數執當財撥結轉萬項際決調後補專門業務單來經費規劃計"
    "據農溫損毀護發電機關報評價況術體質時間滿顯進強動態組織為這們個對與於從並將開辦場"
    "縣鎮鄉鄰國華東壩鋼牆墻響導氣驟凍幫盡書長問題層優確線網絡維環衛醫療藥險驗養愛買賣"
    "運輸車鐵隊陽陰雲廣興貴寧龍遼黃蘭烏圖爾廟雙園團圍條達遠連選還邊過適億傳償儲備倉則"
    "剛創勞勵勢參協歸歷廠壓獎監盤碼礎禮稅種穩積範築簡糧約紀納紙細終統綜編緊續職聯聽腦"
    "臺艱蘇處虛號製複見視親覺觀訂認討訓記許診識試詳語說課談請論諮謀證議讀變讓負責貧貨"
    "購貿賦賬贊趕軍較載輔輕遊違遲釋針銀銷鋪錄錢錯閱闊隨隱雜離難頁順領頻類顧風飛館魚鳥"
    "麥齊擇擔擊擴擬攝斷會構樣樞權歡歲殘減滅漁濟無營獲畝畫異檢沖準淨測濕滯漲潔澤濱灣燈"
    "燒狀獨獻畢癥禍稱窮競筆節簽籌糾紅純絕給綠練縮繳罰羅習聖聞肅腳臨舉藝虧衝裝裡襲覽觸"
    "訊託訪話誠誤諾謝譜豐貝貢販貫貸賀賓賠賴贈贏趨蹤軌軟輛輪遞遷遺鑒鑑閉陣陳陸階雖雞靈"
    "韓頂須頒頭顏願飲飯馬駐騰驅髮鬧魯鮮鹽麗黨點齡幹餘彙註週廳審慮憑懷戶拋掃揮搶擁敵溝"
    "滬濫瀕煙煉爭牽猶瑣盜礦禪穀窩糞紛紹絲綱緣縱繩繼罷脫臉膚艦莊葉蓋蔣蕩薦藍蟲蠶襯覓詐"
    "該詢誕誘誰諸謂講謹譯貞貪賜賞贖跡踐躍軸輯辭釣鈔鋒鍋鍵鎖鏈鐘閃閣闆陝雋霧靜頓頗頸顆"
    "顛颱飄飢餵饑骯鬆鴨鵝鶴麼黴齒龜樓樂檔櫃歐殼毆氫涼淺渦湯滲滷漢潛澆濃瀋灑爐爺牘犧猻"
    "獅瑤璽甕痺瘋癢皺盃睏瞞礙祿稟穫竊筍箏簾籃粵糰紐紡絨綁緒緩縫繪纜罈羨翹聳膠膽艷芻蒼"
    "蓮薑蘋蝦蠅裏褲"
)
_SIMPLIFIED = (
    "实现灾区产复绩标设应级资总额预数执当财拨结转万项际决调后补专门业务单来经费规划计"
    "据农温损毁护发电机关报评价况术体质时间满显进强动态组织为这们个对与于从并将开办场"
    "县镇乡邻国华东坝钢墙墙响导气骤冻帮尽书长问题层优确线网络维环卫医疗药险验养爱买卖"
    "运输车铁队阳阴云广兴贵宁龙辽黄兰乌图尔庙双园团围条达远连选还边过适亿传偿储备仓则"
    "刚创劳励势参协归历厂压奖监盘码础礼税种稳积范筑简粮约纪纳纸细终统综编紧续职联听脑"
    "台艰苏处虚号制复见视亲觉观订认讨训记许诊识试详语说课谈请论咨谋证议读变让负责贫货"
    "购贸赋账赞赶军较载辅轻游违迟释针银销铺录钱错阅阔随隐杂离难页顺领频类顾风飞馆鱼鸟"
    "麦齐择担击扩拟摄断会构样枢权欢岁残减灭渔济无营获亩画异检冲准净测湿滞涨洁泽滨湾灯"
    "烧状独献毕症祸称穷竞笔节签筹纠红纯绝给绿练缩缴罚罗习圣闻肃脚临举艺亏冲装里袭览触"
    "讯托访话诚误诺谢谱丰贝贡贩贯贷贺宾赔赖赠赢趋踪轨软辆轮递迁遗鉴鉴闭阵陈陆阶虽鸡灵"
    "韩顶须颁头颜愿饮饭马驻腾驱发闹鲁鲜盐丽党点龄干余汇注周厅审虑凭怀户抛扫挥抢拥敌沟"
    "沪滥濒烟炼争牵犹琐盗矿禅谷窝粪纷绍丝纲缘纵绳继罢脱脸肤舰庄叶盖蒋荡荐蓝虫蚕衬觅诈"
    "该询诞诱谁诸谓讲谨译贞贪赐赏赎迹践跃轴辑辞钓钞锋锅键锁链钟闪阁板陕隽雾静顿颇颈颗"
    "颠台飘饥喂饥肮松鸭鹅鹤么霉齿龟楼乐档柜欧壳殴氢凉浅涡汤渗卤汉潜浇浓沈洒炉爷牍牺狲"
    "狮瑶玺瓮痹疯痒皱杯困瞒碍禄禀获窃笋筝帘篮粤团纽纺绒绑绪缓缝绘缆坛羡翘耸胶胆艳刍苍"
    "莲姜苹虾蝇里裤"
)
_TABLE = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
_ANY_TRADITIONAL = lazy("[" + "".join(sorted(set(_TRADITIONAL))) + "]")
# A pinyin gloss a web mirror prints after a character: 執(zhí)行.
_PIECE = lazy(r"[^…“”‘’「」『』]+")
_CHINESE_RUN = lazy(r"[\u4e00-\u9fff]{4,}")
_GLOSS = lazy(r"[(（][a-zA-Z\u00e0-\u00fc\u0101-\u01dc]{1,7}[)）]")
_FORMS: dict[str, str] = {}
for _t, _s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True):
    _FORMS[_s] = _FORMS.get(_s, "") + _t


def traditional_forms(char: str) -> str:
    """The traditional characters read as `char` (empty when it has none)."""
    return _FORMS.get(char, "")


def to_simplified(text: str) -> str:
    """`text` with its traditional characters in simplified form (same length)."""
    # Most reports hold no traditional character: one search says so, faster than translate
    # (a dictionary lookup per character) on the whole text.
    return text.translate(_TABLE) if _ANY_TRADITIONAL.search(text) else text


def simplified_twin(doc: Document) -> Document:
    """The document read in simplified characters, with the same offsets: `doc` itself when it
    holds no traditional character, else a document of its text translated (made once per
    document). The checks run on it (`reviewer.engine.run_checks`), so that a report written in
    traditional characters (績效目標, 實際完成值為0個) is read like any other; its spans hold on
    `doc`, and `as_written` gives the quotes back as the report writes them."""

    def build(d: Document) -> Document:
        text = to_simplified(d.text)
        if text == d.text:
            return d
        return Document(text=text, path=d.path, format=d.format, tolerances=d.tolerances, ocr=d.ocr)

    twin: Document = doc.cached("simplified_twin", build)
    if twin is not doc:
        twin.tolerances = doc.tolerances  # set by the policy after the twin may have been made
        twin._cache.setdefault("simplified_twin", twin)
    return twin


def as_written(value: Any, doc: Document, twin: Document, near: int = 0) -> Any:
    """`value` (a quote read on `twin`, or a list or dict of them) in the report's own
    characters: a string found in the twin's text (first from `near` on, then anywhere) is
    replaced by the original text at the same offsets; a string that quotes the text in the
    check's own words (“…”, a clipped quote) has each quoted piece given back; anything else is
    returned unchanged."""
    if isinstance(value, str):
        if not value or not any(c in _FORMS for c in value):
            return value  # no character with a traditional form: nothing to give back
        found = _original(value, doc, twin, near)
        if found is not None:
            return found
        return _PIECE.sub(lambda m: _piece(m[0], doc, twin, near), value)
    if isinstance(value, list):
        return [as_written(v, doc, twin, near) for v in value]
    if type(value) is tuple:
        return tuple(as_written(v, doc, twin, near) for v in value)
    if isinstance(value, dict):
        return {k: as_written(v, doc, twin, near) for k, v in value.items()}
    return value


def _piece(piece: str, doc: Document, twin: Document, near: int) -> str:
    """One piece of a value between quote marks or a clip (…): given back whole, else each run
    of four or more Chinese characters in it."""
    found = _original(piece, doc, twin, near)
    if found is not None:
        return found
    return _CHINESE_RUN.sub(lambda m: _original(m[0], doc, twin, near) or m[0], piece)


def _original(value: str, doc: Document, twin: Document, near: int) -> str | None:
    """The report's own text where the twin reads `value` (pinyin glosses the twin's reader
    dropped are allowed between its characters, and dropped again), or None."""
    for read, original in ((twin.norm, doc.norm), (twin.text, doc.text)):
        at = read.find(value, near)
        if at == -1 and near:
            at = read.find(value)
        if at != -1:
            return original[at : at + len(value)]
    if len(value) < 2 or "(" in value or "（" in value:
        return None
    pattern = "(?:" + _GLOSS.pattern + ")?"
    m = rx.search(pattern.join(re.escape(c) for c in value), twin.norm)
    if m is None:
        return None
    return _GLOSS.sub("", doc.norm[m.start() : m.end()])


def simplified(doc: Document) -> str:
    """The document's normalized text read as simplified (same offsets as `doc.norm`)."""
    return doc.cached("simplified_norm", lambda d: to_simplified(d.norm))
