"""Chinese numerals of any size: 一百六十五, 两千三百, 三亿零四十万, 〇, 十九, 二〇二四.

`parse_cjk` returns the value and the place value of the last digit written,
which the bound rules need: "两千三百" is precise to the hundred, so "两千三百多"
lies between 2300 and 2400.  Financial forms (壹贰叁 拾佰仟) read the same.
"""

from __future__ import annotations

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
    total = 0  # everything already multiplied by a big unit
    section = 0  # the part below the current big unit
    digit: int | None = None
    place = 1
    last_small = 10**4  # small units must fall within a section
    last_big = 0
    prev = ""
    for ch in text:
        if ch in DIGITS:
            if digit:
                return None  # "五五" is not a numeral
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_small or (digit is None and (section or total or unit != 10)):
                return None
            section += (1 if digit is None else digit) * unit
            place, last_small, digit = unit, unit, None
        elif ch in BIG_UNITS:
            big = BIG_UNITS[ch]
            section += digit or 0
            if not section and not (total and big > last_big):
                return None
            if big > last_big:
                # "三十万亿": the larger unit multiplies everything before it
                total = (total + section) * big
                place *= big
            else:
                total += section * big
                place *= big
            section, digit, last_small, last_big = 0, None, 10**4, max(last_big, big)
        else:
            return None
        prev = ch
    if digit is not None:
        if digit and prev in DIGITS and len(text) > 1 and text[-2] not in DIGITS and place > 1:
            # "两千三" and "三万五": a trailing digit takes the place below the last unit
            place //= 10
            section += digit * place
        else:
            section += digit
            place = 1
    return CjkNumber(total + section, place)
