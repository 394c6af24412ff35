"""The kind of a figure's period, point or span, from the words around it, and the Period itself.

A moment: 底, 末, 截至, as of, or a stock such as 余额, 储备; a span: ranges,
全年, 以来, or a flow such as 新增, 增长, 产量.  A period whose kind the text
leaves open is a span when it covers a stretch of time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from checker.extract.timewords import Day, Ref
from checker.models import Period, PeriodKind

# Chinese words and English words apart: the Chinese alternatives open with literals, which the engine
# skips to in C; the English ones (IGNORECASE) are tried only where the cue holds a Latin letter.
_STOCK_RE: Final[re.Pattern[str]] = re.compile(
    r"余额|储备|保有量|存量|库存|人口(?!增长|自然|减少)|在校|在岗|现有|拥有|里程|长度|覆盖率|普及率|总数|人均[^，。；]{0,4}面积"
    r"|底|末|截至|截止"
)
_EN_STOCK_RE: Final[re.Pattern[str]] = re.compile(r"as of|balance|reserves|stock", re.I)
# A change verb before "到/至" reaches a level ("提高到91%"); only a change itself is a flow ("增长9.5%").
_FLOW_RE: Final[re.Pattern[str]] = re.compile(
    r"新增|(?:增长|增加|减少|下降|提高|降低|上升|回落)(?![到至])|完成|产量|收入|支出|投资|总额|销售|出口|进口|生产|培养"
    r"|解决|新建|建成|开工|投产|全年|年均|共|累计"
)
_EN_FLOW_RE: Final[re.Pattern[str]] = re.compile(r"grew|growth|increase|rose|fell|added|new", re.I)
# Every character an IGNORECASE Latin word can match: a-z, A-Z and the four that fold to them (İ ı ſ K).
_LETTER_RE: Final[re.Pattern[str]] = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")


def iso(day: Day) -> str:
    """An ISO date of a (year, month, day)."""
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def to_period(ref: Ref, cue: str) -> Period:
    """The period an expression gives a figure whose nearby words are `cue` (stock or flow)."""
    if ref.first is None or ref.last is None:
        return _period(None, None, PeriodKind.UNKNOWN, ref.text, ref.relative)
    latin = _LETTER_RE.search(cue) is not None
    stock = _STOCK_RE.search(cue) is not None or (latin and _EN_STOCK_RE.search(cue) is not None)
    flow = _FLOW_RE.search(cue) is not None or (latin and _EN_FLOW_RE.search(cue) is not None)
    if ref.point or (stock and not ref.span and not flow):
        return _period(ref.last, ref.last, PeriodKind.POINT, ref.text, ref.relative)
    kind = PeriodKind.POINT if ref.first == ref.last else PeriodKind.SPAN
    return _period(ref.first, ref.last, kind, ref.text, ref.relative)


@lru_cache(maxsize=2048)  # a handful of periods recur through a document, and Period is frozen
def _period(first: Day | None, last: Day | None, kind: PeriodKind, text: str, relative: bool) -> Period:
    if first is None or last is None:
        return Period(text=text, relative=relative)  # unknown: the fields the text gave, as before
    return Period(start=iso(first), end=iso(last), kind=kind, text=text, relative=relative)
