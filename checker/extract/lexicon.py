"""Word lists the extractor reads: measure words, bound words, function words.

Lexicons of Chinese grammar, not of any document: what a measure word is,
which words bound a figure, which words end a noun phrase.  Written units
(公里, 元, 小时, % …) live in `checker.units.UNIT_WORDS`, defined once for the
whole project.
"""

from __future__ import annotations

from typing import Final

from checker.models import Bound

# Measure words: the figure is a count of things, and the word tells what kind.
MEASURE_WORDS: Final[tuple[str, ...]] = (
    "个", "项", "家", "条", "批次", "批", "人次", "户次", "架次", "人", "户", "所", "座", "辆",
    "类", "届", "轮", "次", "件", "名", "位", "只", "台", "套", "张", "本", "篇", "部", "架",
    "艘", "列", "趟", "栋", "间", "处", "场", "份", "种", "例", "起", "宗", "枚", "颗", "棵",
    "株", "头", "匹", "口", "层", "支", "队", "组", "双", "门", "节", "笔", "册", "首", "幅",
    "块", "片", "根", "把", "所", "遍", "餐", "单", "票", "卷", "台套", "辆次", "班次", "航次", "车次",
    "场次", "件次", "个次", "家次", "幢", "床", "羽", "尾", "集", "班", "款", "道", "粒", "盏", "标准箱",
)  # fmt: skip

# A measure word or unit that is the first character of a longer word is not one.
MEASURE_NOT_BEFORE: Final[dict[str, str]] = {
    "个": "性体别案",
    "家": "庭乡园长属居",
    "条": "件例款约",
    "件": "事",
    "名": "单称义字额",
    "位": "于置数",
    "只": "是要有能",
    "台": "湾州阶河山",
    "本": "地市省区次届轮着身科",
    "部": "门分署长件位",
    "处": "理于置长",
    "场": "景所馆地",
    "份": "额",
    "种": "类植子",
    "起": "来步到点",
    "头": "部",
    "口": "岸径号",
    "层": "次面级",
    "支": "持付出撑",
    "组": "织成建合",
    "门": "户槛峡",
    "节": "点能约日目",
    "单": "位一独元",
    "票": "据价",
    "间": "隔",
    "次": "日年",
    "人": "口员才民们",
    "户": "籍口",
    "类": "型别似",
    "轮": "流胎",
    "座": "谈",
    "片": "区",
    "块": "钱",
    "把": "握",
    "成": "为立功本果员都交熟长绩效型就品",
    "集": "团中成体聚群结资约",
    "班": "子级车长主组",
    "款": "项式",
    "道": "路德理歉教",
    "床": "位",
    "尾": "声部",
    "首": "都府批次",
}

# Set phrases built of numerals and measure words: never counts.
IDIOMS: Final[tuple[str, ...]] = (
    "三番五次", "两次三番", "五花八门", "三头六臂", "三五成群", "三天两头", "三天打鱼", "两天晒网", "三次产业",
    "五位一体", "三位一体", "一五一十", "九死一生", "十拿九稳", "半斤八两", "三年五载", "三令五申", "七嘴八舌",
    "四面八方", "五湖四海", "三心二意", "千家万户", "一砖一瓦", "一草一木", "一针一线",
)  # fmt: skip

# Words after a figure that make it a time anchor, a name part or a magnitude class.
NOT_AFTER_UNIT: Final[tuple[str, ...]] = ("级", "制", "期间")

# Bound words before a figure, longest first: word → bound.
PREFIX_BOUNDS: Final[dict[str, Bound]] = {
    "不少于": Bound.GE,
    "不低于": Bound.GE,
    "不小于": Bound.GE,
    "至少": Bound.GE,
    "最少": Bound.GE,
    "起码": Bound.GE,
    "超过": Bound.GT,
    "超出": Bound.GT,
    "多于": Bound.GT,
    "大于": Bound.GT,
    "高于": Bound.GT,
    "突破": Bound.GT,
    "逾": Bound.GT,
    "超": Bound.GT,
    "不超过": Bound.LE,
    "不高于": Bound.LE,
    "不多于": Bound.LE,
    "不大于": Bound.LE,
    "最多": Bound.LE,
    "至多": Bound.LE,
    "不足": Bound.LT,
    "不到": Bound.LT,
    "低于": Bound.LT,
    "少于": Bound.LT,
    "小于": Bound.LT,
    "未满": Bound.LT,
    "未达": Bound.LT,
    "将近": Bound.APPROX,
    "接近": Bound.APPROX,
    "近": Bound.APPROX,
    "约为": Bound.APPROX,
    "大约": Bound.APPROX,
    "大概": Bound.APPROX,
    "约": Bound.APPROX,
}
# Prefix bounds that may stand a verb away from the figure ("最多停留144小时").
GAPPED_PREFIXES: Final[frozenset[str]] = frozenset(
    {"不少于", "不低于", "至少", "最少", "不超过", "不高于", "最多", "至多", "超过"}
)
# Prefix bounds meaning "nearly": interval [0.9 v, v).
NEARLY_WORDS: Final[frozenset[str]] = frozenset({"将近", "接近", "近"})
# Characters that make 近/约/超 part of another word (附近, 节约, 高超).
PREFIX_NOT_AFTER: Final[dict[str, str]] = {"近": "附最邻靠贴亲", "约": "节制签预条公契相简隐誓", "超": "高赶"}

SUFFIX_BOUNDS: Final[dict[str, Bound]] = {
    "及以上": Bound.GE,
    "以上": Bound.GE,
    "以下": Bound.LE,
    "以内": Bound.LE,
    "之内": Bound.LE,
    "左右": Bound.APPROX,
    "上下": Bound.APPROX,
}

# Words before a figure that make it a time anchor rather than a quantity.
TIME_ANCHOR_BEFORE: Final[tuple[str, ...]] = ("过去", "未来", "今后", "最近", "近", "这", "那", "头", "此后")
# Words after a duration that make it a time anchor ("4年来", "6年前", "三年内").
TIME_ANCHOR_AFTER: Final[tuple[str, ...]] = (
    "以来", "以前", "以后", "之前", "之后", "来", "前", "后", "内", "间", "里", "中", "期",
)  # fmt: skip
# Characters after 年 that still leave it a duration ("两年多的", "三年。").
YEAR_DURATION_NEXT: Final[str] = "的了多半,，。;；:：!！?？、)）”\"' \n"

# Characters before 前 that make it part of a word (目前, 此前), not "the first N".
QIAN_WORDS: Final[str] = "目此之提当以空事眼跟面日年月天节会赛战"

# Quotation marks around names and slogans.
OPEN_QUOTES: Final[str] = '“‘「『"'
CLOSE_QUOTES: Final[str] = '”’」』"'

# Punctuation ending a clause (NFKC has turned full-width forms into ASCII, except "，").
CLAUSE_PUNCT: Final[str] = ",，;；:：。!！?？()（）[]【】《》<>\n"
SENTENCE_END: Final[str] = "。!！?？;；\n"

# --- clauses, totals and headings: read by the context rules and the relation readers alike ---

# Flat-text punctuation (the relation readers read the original text, where "，" and "," both occur).
SENTENCE_STOPS: Final[str] = "。！？；!?;"
CLAUSE_STOPS: Final[str] = SENTENCE_STOPS + "，,：:"
BRACKET_OPENERS: Final[str] = "（(【["
BRACKET_CLOSERS: Final[str] = "）)】]"

# Words that mark a figure as a total: "共有19个", "合计5家", "a total of 20".
TOTAL_MARKERS: Final[tuple[str, ...]] = (
    "共有", "共计", "合计", "总计", "总共", "一共", "a total of", "total of", "totalling", "totaling",
)  # fmt: skip
# Markers that must stand right before the figure to count ("共19个", not "共同……19个").
TOTAL_MARKERS_BARE: Final[tuple[str, ...]] = ("共", "total to", "total is", "altogether")

# A numbered heading at the start of a line, in every style reports use; the named
# group says which numeral was written (ord: 第一部分, paren: （一）, cn: 一、, num: 1., en: Section 1).
HEADING_NUMERALS: Final[str] = "一二三四五六七八九十"
HEADING_PATTERN: Final[str] = (
    rf"^[ \t\u3000#>*]*(?:"
    rf"第(?P<ord>[{HEADING_NUMERALS}]+)(?:部分|章|节|篇|方面)"
    rf"|[（(](?P<paren>[{HEADING_NUMERALS}]+)[）)]"
    rf"|(?P<cn>[{HEADING_NUMERALS}]+)\s*[、.．]"
    rf"|(?P<num>\d{{1,2}})\s*[、.．](?!\d)"
    rf"|(?:Section|Part|Chapter|Area)\s+(?P<en>\d{{1,2}})\b)"
)
