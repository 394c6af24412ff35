"""The number part of a candidate figure: its value, written precision and range.

Arabic digits with a Chinese multiplier ("2.01万亿"), Chinese numerals with a
decimal point ("二十一点九"), percentages and fractions (百分之, 三分之一),
ranges ("3-5万", "两三个") and bare multipliers after a bound word ("近千人").
The groups are those of `patterns.NUMBER_RE`; the unit is resolved by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Final

from checker.extract.cjk_numerals import DIGITS, parse_cjk
from checker.extract.prefixes import prefix
from checker.models import Bound

MULTIPLIERS: Final[dict[str, float]] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}


@dataclass(slots=True)
class Number:
    """A written number: its value and the places of its last digits."""

    value: float
    precision: float  # place of the last written digit
    step: float  # place of the last non-zero digit
    cn: bool = False
    text: str = ""


def _arabic(text: str, mult: str | None) -> Number | None:
    read = _arabic_read(text, mult)
    return None if read is None else Number(*read, text=text)


@lru_cache(maxsize=4096)  # pure, on the digits as written; the same figures recur
def _arabic_read(text: str, mult: str | None) -> tuple[float, float, float] | None:
    """(value, precision, step) of Arabic digits with an optional Chinese multiplier."""
    digits = text.replace(",", "")
    if len(digits) > _MAX_DIGITS:
        return None  # a serial number or a run of digits, not a stated figure
    factor = MULTIPLIERS[mult] if mult else 1.0
    if "." in digits:
        whole, frac = digits.split(".", 1)
        precision = 10.0 ** -len(frac)
        nonzero = frac.rstrip("0")
        step = 10.0 ** -len(nonzero) if nonzero else _int_step(whole)
    else:
        precision = 1.0
        step = _int_step(digits)
    # Decimal keeps "2.01万亿" at 2.01e12 exactly rather than 2009999999999.9998
    return float(Decimal(digits) * Decimal(factor)), precision * factor, step * factor


_MAX_DIGITS: Final[int] = 24
_MAX_VALUE: Final[int] = 10**24
_BARE_MULTIPLIERS: Final[dict[str, int]] = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
# Words that make a bare multiplier a figure; those not among the prefix bounds bound it here.
_BARE_BOUNDS: Final[dict[str, Bound]] = {"上": Bound.GE, "过": Bound.GT}


def _bare_bound(text: str, start: int) -> Bound | None:
    """The bound a bare 百/千/万 takes from the word before it; None when it is not a figure."""
    before = text[start - 1 : start]
    if before in _BARE_BOUNDS:
        return _BARE_BOUNDS[before]
    _, bound, _ = prefix(text, start)
    return bound


def scaled(num: Number, factor: float) -> Number:
    """`num` times `factor`, its precision and step with it."""
    return Number(num.value * factor, num.precision * factor, num.step * factor, num.cn, num.text)


def _int_step(digits: str) -> float:
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def _chinese(text: str) -> Number | None:
    whole, dot, fraction = text.partition("点")
    if dot:
        # "二十一点九": the whole part as a numeral, the fraction digit by digit.
        head = _chinese(whole) if whole not in ("零", "〇", "○") else Number(0.0, 1.0, 1.0, cn=True)
        if head is None or not fraction or any(ch not in DIGITS for ch in fraction):
            return None
        digits = "".join(str(DIGITS[ch]) for ch in fraction)
        value = float(Decimal(int(head.value)) + Decimal(f"0.{digits}"))
        place = 10.0 ** -len(digits)
        return Number(value, place, place, cn=True, text=text)
    parsed = parse_cjk(text)
    if parsed is None or parsed.value > _MAX_VALUE:
        return None
    if len(text) > 1 and all(ch in DIGITS for ch in text):
        # digit by digit: only years are written so ("二〇二四年"); a pair like 两三 is handled by the caller
        return Number(float(parsed.value), 1.0, 1.0, cn=True, text=text)
    return Number(float(parsed.value), float(parsed.place), float(parsed.place), cn=True, text=text)


def _number(ar: str | None, mult: str | None, cn: str | None) -> Number | None:
    if ar is not None:
        return _arabic(ar, mult)
    if cn is not None:
        return _chinese(cn)
    return None


@dataclass(slots=True)
class Read:
    """The number part of a candidate, before its unit is resolved."""

    num: Number
    upper: Number | None = None  # the upper figure of a range
    exact: bool = False  # fractions have no rounding
    bare: Bound | None = None  # the bound a bare multiplier takes ("上百个")


def read_number(text: str, start: int, g: tuple[str | None, ...]) -> Read | None:
    """Value, precision and range of the number at `start`; groups as in NUMBER_RE."""
    par, pcn, fdar, fdcn, fnar, fncn, aar, amul, acn, sep, bar, bmul, bcn = g[:13]
    mul2 = g[14]
    if par is not None or pcn is not None:
        num = _number(par, None, pcn)
        return None if num is None else Read(num)
    if fdar is not None or fdcn is not None:
        den = _number(fdar, None, fdcn)
        nom = _number(fnar, None, fncn)
        if den is None or nom is None or den.value == 0:
            return None
        return Read(Number(nom.value / den.value, 0.0, 0.0, cn=den.cn), exact=True)
    read = Read(Number(0.0, 1.0, 1.0))
    num = _number(aar, amul, acn)
    if num is None and acn in _BARE_MULTIPLIERS:
        # "近千人", "超万家", "上百个": a bare multiplier, a figure only after such a word
        read.bare = _bare_bound(text, start)
        if read.bare is None:
            return None
        value = float(_BARE_MULTIPLIERS[acn])
        num = Number(value, value, value, cn=True, text=acn)
    if num is None:
        return None
    if sep is not None:
        read.upper = _number(bar, bmul, bcn)
        if read.upper is None:
            return None
        if bmul and not amul and num.value * MULTIPLIERS[bmul] <= read.upper.value:
            num = scaled(num, MULTIPLIERS[bmul])  # "3-5万": the upper figure's multiplier applies to both
    elif num.cn and len(num.text) == 2 and num.text[0] in DIGITS and num.text[1] in DIGITS:
        lo, hi = DIGITS[num.text[0]], DIGITS[num.text[1]]
        if not 0 < lo < hi:
            return None  # digit by digit, as years are written: only 年 may follow, and years are no claims
        # "两三个", "三五天": an approximate pair
        read.upper = Number(float(hi), 1.0, 1.0, cn=True, text=num.text[1])
        num = Number(float(lo), 1.0, 1.0, cn=True, text=num.text[0])
    if mul2:
        num = scaled(num, MULTIPLIERS[mul2])  # "20多万"
    read.num = num
    return read
