"""Written units, Chinese and English, and the canonical unit each stands for.

`UNIT_WORDS` is what the extractor recognises after a number (公里, 元, %, 个百分点 …)
and what the pint registry in `checker.units` defines as unit names;
`ENGLISH_UNIT_WORDS` is its English counterpart, lower case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class UnitWord:
    """A written unit: the canonical unit it stands for and what kind of figure it makes."""

    unit: str
    kind: str
    scale: float = 1.0


# Written unit (Chinese, or English after NFKC) → canonical unit.  Order does not
# matter: the extractor tries longer words first.
UNIT_WORDS: Final[dict[str, UnitWord]] = {
    # length
    "公里": UnitWord("km", "length"),
    "千米": UnitWord("km", "length"),
    "米": UnitWord("m", "length"),
    "厘米": UnitWord("cm", "length"),
    "微米": UnitWord("um", "length"),
    "纳米": UnitWord("nm", "length"),
    "英里": UnitWord("mile", "length"),
    "毫米": UnitWord("mm", "length"),
    "海里": UnitWord("nautical_mile", "length"),
    "km": UnitWord("km", "length"),
    # area
    "平方公里": UnitWord("km2", "area"),
    "平方千米": UnitWord("km2", "area"),
    "平方米": UnitWord("m2", "area"),
    "公顷": UnitWord("hectare", "area"),
    "亩": UnitWord("mu", "area"),
    # volume
    "立方米": UnitWord("m3", "quantity"),
    "升": UnitWord("L", "quantity"),
    "毫升": UnitWord("mL", "quantity"),
    # weight
    "吨": UnitWord("t", "weight"),
    "千克": UnitWord("kg", "weight"),
    "公斤": UnitWord("kg", "weight"),
    "克": UnitWord("g", "weight"),
    "斤": UnitWord("jin", "weight"),
    # money
    "元": UnitWord("CNY", "amount"),
    "人民币": UnitWord("CNY", "amount"),
    "美元": UnitWord("USD", "amount"),
    "欧元": UnitWord("EUR", "amount"),
    "港元": UnitWord("HKD", "amount"),
    "港币": UnitWord("HKD", "amount"),
    "韩元": UnitWord("KRW", "amount"),
    "日元": UnitWord("JPY", "amount"),
    "英镑": UnitWord("GBP", "amount"),
    # durations (spans of time, never points in time)
    "小时": UnitWord("hour", "duration"),
    "个小时": UnitWord("hour", "duration"),
    "分钟": UnitWord("minute", "duration"),
    "秒": UnitWord("second", "duration"),
    "天": UnitWord("day", "duration"),
    "周": UnitWord("week", "duration"),
    "个星期": UnitWord("week", "duration"),
    "个月": UnitWord("month", "duration"),
    "个季度": UnitWord("quarter_year", "duration"),
    "年": UnitWord("year", "duration"),
    # power and energy
    "瓦": UnitWord("W", "power"),
    "千瓦": UnitWord("kW", "power"),
    "兆瓦": UnitWord("MW", "power"),
    "吉瓦": UnitWord("GW", "power"),
    "千瓦时": UnitWord("kWh", "quantity"),
    # shares and scores
    "%": UnitWord("percent", "percent"),
    "‰": UnitWord("permille", "percent"),
    "个百分点": UnitWord("percentage_point", "percent"),
    "百分点": UnitWord("percentage_point", "percent"),
    "分": UnitWord("point", "score"),
    "倍": UnitWord("ratio", "ratio"),
    "成": UnitWord("percent", "percent", 10.0),  # "近四成": tenths
    # age
    "周岁": UnitWord("year_of_age", "age"),
    "岁": UnitWord("year_of_age", "age"),
    # rates
    "公里/小时": UnitWord("km/hour", "quantity"),
    "千米/小时": UnitWord("km/hour", "quantity"),
    "元/吨": UnitWord("CNY/t", "amount"),
    "元/平方米": UnitWord("CNY/m2", "amount"),
    "元/千克": UnitWord("CNY/kg", "amount"),
    "元/斤": UnitWord("CNY/jin", "amount"),
    "元/千瓦时": UnitWord("CNY/kWh", "amount"),
    # temperature
    "°C": UnitWord("degC", "quantity"),
    "摄氏度": UnitWord("degC", "quantity"),
    "℃": UnitWord("degC", "quantity"),
}

# English unit words, lower case.
ENGLISH_UNIT_WORDS: Final[dict[str, UnitWord]] = {
    "km": UnitWord("km", "length"),
    "kilometers": UnitWord("km", "length"),
    "kilometres": UnitWord("km", "length"),
    "kilometer": UnitWord("km", "length"),
    "kilometre": UnitWord("km", "length"),
    "meters": UnitWord("m", "length"),
    "metres": UnitWord("m", "length"),
    "miles": UnitWord("mile", "length"),
    "mile": UnitWord("mile", "length"),
    "square kilometers": UnitWord("km2", "area"),
    "square kilometres": UnitWord("km2", "area"),
    "hectares": UnitWord("hectare", "area"),
    "tons": UnitWord("t", "weight"),
    "tonnes": UnitWord("t", "weight"),
    "kg": UnitWord("kg", "weight"),
    "yuan": UnitWord("CNY", "amount"),
    "rmb": UnitWord("CNY", "amount"),
    "dollars": UnitWord("USD", "amount"),
    "us dollars": UnitWord("USD", "amount"),
    "euros": UnitWord("EUR", "amount"),
    "hours": UnitWord("hour", "duration"),
    "hour": UnitWord("hour", "duration"),
    "minutes": UnitWord("minute", "duration"),
    "days": UnitWord("day", "duration"),
    "day": UnitWord("day", "duration"),
    "weeks": UnitWord("week", "duration"),
    "months": UnitWord("month", "duration"),
    "years": UnitWord("year", "duration"),
    "kw": UnitWord("kW", "power"),
    "mw": UnitWord("MW", "power"),
    "gw": UnitWord("GW", "power"),
    "kilowatts": UnitWord("kW", "power"),
    "percent": UnitWord("percent", "percent"),
    "per cent": UnitWord("percent", "percent"),
    "percentage points": UnitWord("percentage_point", "percent"),
    "percentage point": UnitWord("percentage_point", "percent"),
    "points": UnitWord("point", "score"),
    "times": UnitWord("ratio", "ratio"),
    "years old": UnitWord("year_of_age", "age"),
}
