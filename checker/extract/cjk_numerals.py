"""Chinese numerals of any size: 一百六十五, 两千三百, 三亿零四十万, 〇, 十九, 二〇二四.

`parse_cjk` returns the value and the place value of the last digit written,
which the bound rules need: "两千三百" is precise to the hundred, so "两千三百多"
lies between 2300 and 2400.  Financial forms (壹贰叁 拾佰仟) read the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple

DIGITS: Final[dict[str, int]] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
SMALL_UNITS: Final[dict[str, int]] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# 兆 is left out: in mainland usage it is mega (兆瓦), not 10^12.
BIG_UNITS: Final[dict[str, int]] = {"万": 10**4, "亿": 10**8}

NUMERAL_CHARS: Final[str] = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


class CjkNumber(NamedTuple):
    """A parsed Chinese numeral: its value and the place value of its last written digit."""

    value: int
    place: int


def _is_digit_string(text: str) -> bool:
    return len(text) > 1 and all(ch in DIGITS for ch in text)


@lru_cache(maxsize=4096)  # pure, on short numerals that recur (三, 十, 两千): read each once
def parse_cjk(text: str) -> CjkNumber | None:
    """The value of a Chinese numeral, or None when `text` is not a well-formed one.

    >>> parse_cjk("三亿零四十万")
    CjkNumber(value=300400000, place=100000)
    >>> parse_cjk("二〇二四")
    CjkNumber(value=2024, place=1)
    >>> parse_cjk("两千三")
    CjkNumber(value=2300, place=100)
    """
    if not text:
        return None
    if len(text) > 1 and text[0] in "百千佰仟" and text[1] in BIG_UNITS:
        text = "一" + text  # "百亿", "千万": one hundred, one thousand
    if _is_digit_string(text):
        # digit by digit, as years are written
        return CjkNumber(int("".join(str(DIGITS[ch]) for ch in text)), 1)
    reading = _Reading()
    for ch in text:
        if not reading.take(ch):
            return None
    return reading.result(text)


@dataclass(slots=True)
class _Reading:
    """A numeral read left to right: what is summed so far and the place of the last digit."""

    total: int = 0  # everything already multiplied by a big unit
    section: int = 0  # the part below the current big unit
    digit: int | None = None
    place: int = 1
    last_small: int = 10**4  # small units must fall within a section
    last_big: int = 0

    def take(self, ch: str) -> bool:
        """Read one character; False when the numeral is not well formed."""
        if ch in DIGITS:
            if self.digit:
                return False  # "五五" is not a numeral
            self.digit = DIGITS[ch]
            return True
        if ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= self.last_small or (self.digit is None and (self.section or self.total or unit != 10)):
                return False
            self.section += (1 if self.digit is None else self.digit) * unit
            self.place, self.last_small, self.digit = unit, unit, None
            return True
        if ch in BIG_UNITS:
            return self._big(BIG_UNITS[ch])
        return False

    def _big(self, big: int) -> bool:
        self.section += self.digit or 0
        if not self.section and not (self.total and big > self.last_big):
            return False
        if big > self.last_big:
            # "三十万亿": the larger unit multiplies everything before it
            self.total = (self.total + self.section) * big
        else:
            self.total += self.section * big
        self.place *= big
        self.section, self.digit, self.last_small, self.last_big = 0, None, 10**4, max(self.last_big, big)
        return True

    def result(self, text: str) -> CjkNumber:
        """The value and place once every character of `text` is read."""
        section, place = self.section, self.place
        if self.digit is not None:
            # the numeral ends in a digit, so text[-1] is one
            if self.digit and len(text) > 1 and text[-2] not in DIGITS and place > 1:
                # "两千三" and "三万五": a trailing digit takes the place below the last unit
                place //= 10
                section += self.digit * place
            else:
                section += self.digit
                place = 1
        return CjkNumber(self.total + section, place)
