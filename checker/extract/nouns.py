"""The noun phrase right after a figure: "19个产业链联盟" → "产业链联盟".

Counts and durations measure the noun after them; the phrase stops at
punctuation, 的, 、, a function word or a verb, and at another figure.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from checker.extract.lexicon import MEASURE_WORDS
from checker.extract.patterns import trie_regex
from checker.extract.words import TIME_RE, scope_of

_CJK = "\u4e00-\u9fff"


class Following(NamedTuple):
    """The noun phrase right after a figure, and a time scope written before it."""

    noun: str
    scope: tuple[str, int | None] | None


_NOUN_RE: Final[re.Pattern[str]] = re.compile(rf"[{_CJK}A-Za-z+]{{1,20}}")
# Another figure right after this one ("增至十九个\n第四批五个……") is not its noun.
_FIGURE_START_RE: Final[re.Pattern[str]] = re.compile(
    rf"[\d零〇一二两三四五六七八九十百千万亿]+(?:{trie_regex(MEASURE_WORDS)})"
)
_NOUN_STOP_RE: Final[re.Pattern[str]] = re.compile(
    r"的|、|和|与|或|并|及(?!以上|以下)|等|共|在|是|为|将|已|由|被|把|让|向|从|到|于|以(?![上下])|都|均|也|还|就|则|又|再|各|每"
    r"|其中|分别|涉及|包括|纳入|覆盖|全覆盖|实现|入选|签约|签署|成立|发布|达到|完成|建成|开通|参与|参加|进行|开展"
    r"|提供|获得|形成|组成|构成|推出|亮相|落地|涵盖|位居|占|增长|下降|同比|比|较|相当|左右|合计|总计"
    r"|共计|正在|即将|已经|进入|得到|实施|举行|启动|投入|惠及|牵头|汇聚|聚焦|面向|主要|专攻|加快|推进|来自"
    r"|目前|现在|今年|去年|全域|新一轮|此次|本次|(?<=.)(?:长三角|三省一市|全国|全省|全市)"
    r"|增|减|降|提高|提升|扩大|超过|突破|达"
)
_LOCALIZERS: Final[str] = "中里内上下间"
_OPENERS: Final[str] = "“‘\"'《「『"


def following_noun(text: str, pos: int) -> Following:
    """The noun phrase starting at `pos` ("项重点任务" → after the figure: "重点任务")."""
    while pos < len(text) and text[pos] in _OPENERS:
        pos += 1
    scope = None
    # only a time expression that starts with a digit is a scope: no match is tried elsewhere
    m = TIME_RE.match(text, pos) if text[pos : pos + 1].isdigit() else None
    if m and m.group(0)[:1].isdigit():
        scope = scope_of(m.group(0))
        pos = m.end()
    m = _NOUN_RE.match(text, pos)
    if m is None or text[pos] == "第" or _FIGURE_START_RE.match(text, pos):
        return Following("", scope)
    noun = m.group(0)
    stop = _NOUN_STOP_RE.search(noun)
    if stop is not None:
        noun = noun[: stop.start()]
    if len(noun) >= 3 and noun[-1] in _LOCALIZERS:
        noun = noun[:-1]
    if len(noun) < 2:
        return Following("", scope)
    return Following(noun, scope)
