"""Traditional → Simplified characters that matter for reading figures.

A curated table, not a converter: the characters of numerals, measure words,
units, bound words and the function words the context rules look for.  Each
pair maps one character onto one character, so normalisation keeps its
one-to-one offset map.  Characters whose Traditional form is also a different
Simplified word (乾, 著, 餘 as a surname …) are left out unless the figure
reading needs them.
"""

from __future__ import annotations

from typing import Final

_PAIRS: Final[str] = (
    # numerals and multipliers
    "萬万億亿兩两參参陸陆貳贰"
    # measure words and units
    "個个項项條条屆届輪轮處处車车輛辆臺台場场張张隻只幾几間间層层棟栋艘艘種种類类組组"
    "團团頁页頃顷畝亩噸吨斤斤錢钱幣币圓圆萬万門门筆笔篇篇節节歲岁週周時时鐘钟裡里釐厘"
    "數数級级戶户員员單单雙双點点線线網网碼码號号額额倍倍"
    # bound and comparison words
    "餘余約约達达過过內内於于與与來来為为較较減减增增漲涨長长億亿總总計计劃划"
    # modality, time and place words
    "將将實实現现爭争務务區区國国產产業业縣县鄉乡鎮镇際际後后從从這这對对開开發发"
    "設设進进運运動动經经濟济會会議议讓让預预規规標标準准價价積积歷历屆届專专術术"
    "聯联東东華华灣湾廣广蘇苏漢汉滬沪浙浙皖皖寧宁慶庆遼辽龍龙貴贵雲云陝陕藏藏澳澳門门"
    "鐵铁路路務务醫医療疗學学護护養养險险報报資资電电網网環环機机構构項项關关係系"
    "們们說说個个還还應应該该當当頭头圍围續续連连屬属書书場场輸输費费稅税貿贸貨货"
    # words of economic and public-service reporting, so that subjects read alike
    "營营樁桩監监檢检穩稳質质糧粮農农廠厂礦矿園园廳厅館馆藝艺體体衛卫獎奖貸贷銀银債债證证"
    "據据讀读選选舉举擴扩輕轻燈灯熱热氣气勞劳傳传統统務务辦办層层樓楼歲岁齡龄兒儿婦妇殘残"
    "孫孙親亲愛爱驗验創创權权碼码運运橋桥島岛圖图紙纸聞闻視视聽听錄录戰战黨党結结協协諮咨"
    "詢询導导攜携帶带醫医院院險险療疗藥药診诊護护養养顧顾庫库務务貫贯徹彻落落實实鏈链協协"
    "聯联盟盟優优勢势資资訊讯數数據据雲云計计算算網网絡络終终端端節节約约綠绿態态環环災灾"
    "險险隊队們们檔档案案審审計计財财稅税收收預预決决鄰邻區区縣县鄉乡鎮镇村村戶户籍籍"
    "減减績绩總总額额標标準准價价漲涨幣币匯汇兌兑轉转讓让購购銷销賣卖買买貿贸舊旧倉仓儲储"
)

TRADITIONAL_TO_SIMPLIFIED: Final[dict[str, str]] = {
    _PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS) - 1, 2) if _PAIRS[i] != _PAIRS[i + 1]
}
