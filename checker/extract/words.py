"""Phrase-level helpers for the context rules: time words, modality, qualifiers, subject phrases.

General Chinese function words and region names only; nothing here knows a
particular document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from checker.extract.patterns import trie_regex

NARROW_BREAK: Final[str] = ",，;；:：。!！?？、()（）[]【】《》<>\n "
WIDE_BREAK: Final[str] = ",，;；:：。!！?？\n"
SENTENCE_BREAK: Final[str] = "。!！?？;；\n"

# --- time ------------------------------------------------------------------
# A year as written in reports: 1800–2099.
YEAR: Final[str] = r"(?:1[89]|20)\d{2}"
TIME_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?:(?:到|截至|截止到?|至|自|从|在)?{YEAR}年(?:度|底|初|末|年底|上半年|下半年|前|以来|之前|以后|后|内|起)?"
    r"|今年以来|今年|去年|明年|前年|全年|上半年|下半年|年内|年底前|目前|现在|当前|近年来|此前|同期|今后|截至目前"
    r"|今天|昨天|明天|当天|(?:第?[一二三四1-4]|前[二三两2-3])季度|(?:过去|近|未来|最近|前)[\d一二两三四五六七八九十]+年(?:来|间|里|中)?"
    r"|[\d一二两三四五六七八九十]+年(?:多)?来)"
)
# Time expressions without the preposition that may lead them: cleaning a subject
# phrase removes "2023年" from "增长至2023年的" and leaves the verb to the verb rules.
_TIME_CORE_RE: Final[re.Pattern[str]] = re.compile(
    rf"{YEAR}年(?:度|底|初|末|上半年|下半年|以来|之前|以后|前|后|内|起)?|今年以来|今年|去年|明年|前年|全年"
    r"|上半年|下半年|年内|目前|现在|当前|近年来|此前|同期|今后|今天|昨天|明天|当天|(?:第?[一二三四1-4]|前[二三两2-3])季度"
    r"|(?:过去|近|未来|最近)[\d一二两三四五六七八九十]+年(?:来|间|里|中)?|[\d一二两三四五六七八九十]+年(?:多)?来"
)
# Every match of TIME_RE holds one of these: a stretch without any has no time word (one pass in C).
_TIME_TRIGGER_RE: Final[re.Pattern[str]] = re.compile(r"[年目现当此同后天季]")


def times_in(text: str, lo: int = 0, hi: int | None = None) -> list[re.Match[str]]:
    """The matches of TIME_RE in text[lo:hi], as `TIME_RE.finditer(text, lo, hi)` finds them."""
    hi = len(text) if hi is None else hi
    if _TIME_TRIGGER_RE.search(text, lo, hi) is None:
        return []
    return list(TIME_RE.finditer(text, lo, hi))


OPENING_TIME_RE: Final[re.Pattern[str]] = re.compile(
    rf"\s*(?P<scope>(?:到|截至|截止到?|自)?{YEAR}年(?:度|底|初|末|以来)?|今年以来|今年|去年|全年)(?![)）\]】》])"
)
_YEAR_IN_RE: Final[re.Pattern[str]] = re.compile(YEAR)
_TIME_WORDS: Final[frozenset[str]] = frozenset(
    {"现在", "目前", "当前", "今年", "去年", "明年", "全年", "此前", "同期", "当时", "以前", "之前", "过去"}
)


def scope_of(expr: str) -> tuple[str, int | None]:
    """(time scope, year) of a time expression: "到2025年" → ("到2025年", 2025)."""
    m = _YEAR_IN_RE.search(expr)
    return expr, (int(m.group(0)) if m else None)


def is_comparison_base(text: str, pos: int) -> bool:
    """Whether the time expression at `pos` is what a figure is compared with ("比2020年增加")."""
    return text[max(0, pos - 2) : pos].endswith(("比", "较", "比上", "相比", "同比"))


def is_time_word(phrase: str) -> bool:
    """Whether `phrase` is only a time word or expression ("现在", "2011年")."""
    return not phrase or phrase in _TIME_WORDS or TIME_RE.fullmatch(phrase) is not None


# --- modality --------------------------------------------------------------


# --- qualifiers ------------------------------------------------------------
REGION_NAMES: Final[tuple[str, ...]] = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
    "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
    "南京", "杭州", "合肥", "宁波", "苏州", "温州", "无锡", "深圳", "广州", "武汉", "成都", "西安",
)  # fmt: skip
_REGION_RE: Final[re.Pattern[str]] = re.compile(
    "(" + "|".join(REGION_NAMES) + ")(?:省|市|自治区)?(?![大工交科财师医理农政法外])"
)
_ORDINAL_RE: Final[re.Pattern[str]] = re.compile(r"第[\d零〇一二两三四五六七八九十百]+[轮批期届次阶段]")
QUALIFIER_WORDS: Final[tuple[str, ...]] = ("此次", "本次", "先后", "首批", "新一轮", "上一轮")
_QUALIFIER_RE: Final[re.Pattern[str]] = re.compile("|".join(QUALIFIER_WORDS))


def qualifiers(window: str, just_before: str) -> list[str]:
    """Words in the clause before the figure that set look-alike figures apart."""
    return list(_qualifiers(window, just_before.endswith("各")))


@lru_cache(maxsize=4096)
def _qualifiers(window: str, each: bool) -> tuple[str, ...]:
    # memoised: clauses recur (lists, repeated boilerplate), and the caller gets its own list
    found: list[str] = []
    for m in _ORDINAL_RE.finditer(window):
        found.append(m.group(0))
    for m in _QUALIFIER_RE.finditer(window):
        found.append(m.group(0))
    for m in _REGION_RE.finditer(window):
        found.append(m.group(1))
    if each:
        found.append("各")
    return tuple(dict.fromkeys(found))


# --- phrases ---------------------------------------------------------------
_DROP_CHARS: Final[str] = "“”‘’\"'《》「」『』()（）[]【】 \t\n·•"
_DROP_TABLE: Final[dict[int, None]] = {ord(c): None for c in _DROP_CHARS + "的"}
_SCOPE_WORDS: Final[tuple[str, ...]] = (
    "长三角区域内", "长三角地区", "长三角区域", "长三角", "三省一市", "沪苏浙皖", "全国", "全省", "全市", "全区",
    "我省", "我市", "我区", "我国", "各地", "区域内", "全域",
)  # fmt: skip
# Scope words name where a figure holds, not what it measures (matching compares subjects without them).
SCOPE_WORDS: Final[tuple[str, ...]] = _SCOPE_WORDS
_LEAD_WORDS: Final[tuple[str, ...]] = (
    "力争", "争取", "计划", "预计", "确保", "进一步", "继续", "加速", "加快", "要", "将", "拟", "并", "且", "和",
    "及", "同时", "其中", "此外", "另外", "以及", "在", "于", "对", "把", "向", "已经", "已", "共有", "共计",
    "总共", "合计", "共", "均", "都", "还", "也", "再", "则", "又", "就", "到", "至", "截至", "据", "其",
    "此次", "本次", "先后", "首批", "是", "有", "为", "由", "这", "那", "而", "加上", "如", "曾", "实现", "完成",
)  # fmt: skip
_TRAIL_WORDS: Final[tuple[str, ...]] = (
    "扩增至", "增加至", "增加到", "增长至", "增长到", "提高到", "提高至", "提升至", "提升到", "下降到", "下降至",
    "降低到", "降至", "增至", "达到", "已达", "达", "稳定在", "保持在", "维持在", "控制在", "均在", "都在", "在",
    "为", "是", "有", "共有", "共计", "总计", "合计", "共", "约", "超过", "超", "突破", "近", "仅", "只有",
    "力争", "争取", "计划", "预计", "确保", "要", "将", "均", "都", "也", "还", "再", "已经", "已", "则", "就",
    "累计", "了", "惠及", "涉及", "包括", "各", "分别", "总数", "数量", "规模", "等", "首次", "再次", "一举",
    "可达", "可", "有望", "能", "预计可",
)  # fmt: skip
_VERB_START: Final[tuple[str, ...]] = (
    "新增", "新建", "新开", "新设", "累计", "开通", "建成", "上线", "实现", "完成", "推出", "发布", "建设",
    "组建", "成立", "签约", "签署", "举办", "开展", "培育", "认定", "引进", "打造",
)  # fmt: skip
_ATTRIBUTES: Final[tuple[str, ...]] = (
    "年均", "同比", "环比", "增速", "增幅", "增长率", "增长", "平均", "占比", "比重", "比例", "总数", "总量",
    "增加", "减少", "下降", "提高", "降低", "上升", "回落",
)  # fmt: skip
# Nouns that start with a word the lead rules would strip ("就业人数", "共享单车", "在校生").
_PROTECTED: Final[tuple[str, ...]] = (
    "就业", "共享", "共同", "共建", "都市", "有效", "有机", "有色", "对外", "对口", "再生", "在校", "在建",
    "在岗", "在线", "在读", "在职", "在册", "在营", "在售", "为民", "均衡", "还款", "到期", "到港", "到访",
    "其他", "其余", "如期", "由来", "向外", "据点", "一般", "一体化", "一线", "一级", "一类",
)  # fmt: skip
_PREDICATES: Final[tuple[str, ...]] = (
    "增幅", "增速", "增长", "次之", "最大", "最高", "最快", "最多", "最低", "位居", "排名", "居", "达", "为",
)  # fmt: skip


# A leading word followed by 率/量/值… is the start of a noun ("完成率", "共有量"), not a frame.
_LEAD_RE: Final[re.Pattern[str]] = re.compile(f"(?:{trie_regex(_LEAD_WORDS)})(?=[^率量值额度数])", re.DOTALL)
_SCOPE_RE: Final[re.Pattern[str]] = re.compile(trie_regex(_SCOPE_WORDS))
# Trailing words are matched on the reversed phrase: a trie anchored at the start is fast.
_TRAIL_REV_RE: Final[re.Pattern[str]] = re.compile(trie_regex(w[::-1] for w in _TRAIL_WORDS))
_VERB_START_RE: Final[re.Pattern[str]] = re.compile(trie_regex(_VERB_START))


def _scope_goes(rest: str, word: str) -> bool:
    """Whether a scope word before `rest` is only a frame ("长三角地区新增……"), not part of a name."""
    return not rest or bool(_LEAD_RE.match(rest) or _VERB_START_RE.match(rest)) or rest.startswith(word)


def _strip(phrase: str) -> str:
    while phrase:
        m = None if phrase.startswith(_PROTECTED) else _LEAD_RE.match(phrase)
        if m:
            phrase = phrase[m.end() :]
            continue
        m = _SCOPE_RE.match(phrase)
        if m and _scope_goes(phrase[m.end() :], m.group(0)):
            phrase = phrase[m.end() :]
            continue
        m = _REGION_RE.match(phrase)
        if m and len(phrase) - m.end() >= 2:
            # a region is a qualifier of the figure, not part of what it measures
            phrase = phrase[m.end() :]
            continue
        m = _TRAIL_REV_RE.match(phrase[::-1])
        if m:
            phrase = phrase[: len(phrase) - m.end()]
            continue
        break
    return phrase


_PAREN_RE: Final[re.Pattern[str]] = re.compile(r"[(（][^()（）]*[)）]")
_REGIONS_ONLY_RE: Final[re.Pattern[str]] = re.compile(
    "(?:(?:" + "|".join(REGION_NAMES) + ")(?:省|市|自治区)?[、和及与]?)+(?:各|分别|均)?"
)
_REGION_LIST_RE: Final[re.Pattern[str]] = re.compile(
    "(?:(?:" + "|".join(REGION_NAMES) + ")(?:省|市|自治区)?、)+\\Z"
)

# "比2020年", "较上年同期": the base a figure is compared with, not part of its subject
_COMPARED_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?:比|较|相比于?)(?:{YEAR}年(?:底|末|初)?|上年同期|上年|去年同期|去年|同期|上月|前年)"
)


def _after_scope_word(phrase: str) -> str:
    """A heading run into the sentence ("……惠民生长三角地区新增……"): keep what follows the scope word."""
    best = 0
    for m in _SCOPE_RE.finditer(phrase, 1):
        rest = phrase[m.end() :]
        if _VERB_START_RE.match(rest) or (_LEAD_RE.match(rest) and len(rest) > 2):
            best = m.end()
    return phrase[best:]


@lru_cache(
    maxsize=8192
)  # a pure function of a short phrase; the same phrases recur within and across documents
def clean_phrase(phrase: str) -> str:
    """A subject phrase without quotes, time scopes, qualifiers, modality, scope regions and trailing verbs."""
    phrase = _PAREN_RE.sub("", phrase).translate(_DROP_TABLE)
    phrase = _COMPARED_RE.sub("", phrase)
    phrase = _TIME_CORE_RE.sub("", phrase)
    phrase = _ORDINAL_RE.sub("", phrase)
    phrase = _after_scope_word(phrase)
    phrase = _strip(phrase)
    if (
        len(phrase) < 2
        or phrase in _LEAD_WORDS
        or phrase in _TRAIL_WORDS
        or is_time_word(phrase)
        or _REGIONS_ONLY_RE.fullmatch(phrase)
    ):
        return ""
    return phrase


def region_list_before(text: str, pos: int) -> list[str]:
    """Regions of a list "上海、江苏、" ending at `pos` (the figure's own clause starts after it)."""
    m = _REGION_LIST_RE.search(text, max(0, pos - 40), pos)
    return [] if m is None else [r.group(1) for r in _REGION_RE.finditer(m.group(0))]


def is_attribute(phrase: str) -> bool:
    """Whether a subject is only an attribute of something named earlier ("年均增速")."""
    return phrase.startswith(_ATTRIBUTES)


def topic_of(clause: str) -> str:
    """The topic of a clause without a figure: "成果共用指标增幅最大" → "成果共用指标"."""
    clause = clause.translate(_DROP_TABLE)
    if "是" in clause:
        clause = clause.rpartition("是")[2]
    cut = len(clause)
    for w in _PREDICATES:
        i = clause.find(w, 1)
        if 0 < i < cut:
            cut = i
    return clean_phrase(clause[:cut])
