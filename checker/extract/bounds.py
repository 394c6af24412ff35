"""From a figure and its bound word to the interval of values the statement allows.

Tolerances (the interval each kind of statement allows, v the stated figure):

- plain figure, "=": the rounding interval of its written precision, closed:
  half a unit of the last written digit either side.  "9.26%" → [9.255, 9.265],
  "660公里" → [659.5, 660.5], "7万个" → [65000, 75000], "十九个" → [18.5, 19.5].
  Trailing zeros count as written digits ("660" is precise to the unit), a
  Chinese multiplier sets the step ("7万" is precise to the 万).
- at least (以上, 及以上, 不少于, 至少, 不低于), ">=": [v, inf).
- more than (超, 超过, 逾, 高于, 突破), ">": (v, inf).
- more than but below the next step (多, 余), ">": (v, v + step), both open,
  where step is the place of the last non-zero digit written: "7100多" →
  (7100, 7200), "2亿多" → (2e8, 3e8), "两年多" → (2, 3), "20多万" → (2e5, 3e5).
- at most (以内, 之内, 以下, 不超过, 不高于, 最多), "<=": (-inf, v].
- less than (不足, 不到, 低于, 未满), "<": (-inf, v).
- nearly (近, 将近, 接近), "~": [0.9 v, v): the upper end is open, so "近7万"
  never overlaps "7万个以上".
- approximately (约, 大约, 左右, 上下), "~": the rounding interval widened by
  5% of v on each side: [v - h - 0.05 v, v + h + 0.05 v], h half the written
  precision.
- range (3至5个, 20-30项), "range": [a, b], closed.
- exact fractions (三分之一) have no rounding: [v, v].
- a plain whole count of things, "=" and written to the unit ("19个", "十九个",
  "70000个", not "7万个"): exact, [v, v].  Parts of a total are whole items.

Every interval carries the written precision (the place value of the last
written digit), so a rule can recover the figure itself ("不超过144小时" is
written to the hour) without reading the text again.
"""

from __future__ import annotations

from functools import lru_cache

from checker.models import Bound, Interval

NEARLY_FACTOR = 0.1
APPROX_FACTOR = 0.05


def interval(
    value: float,
    bound: Bound,
    precision: float,
    *,
    step: float = 0.0,
    nearly: bool = False,
    upper_value: float | None = None,
    count: bool = False,
) -> Interval:
    """The interval a figure allows.

    `precision` is the place value of the last written digit (0 for exact
    figures), `step` the place value of the last non-zero digit (used by 多/余:
    pass it only for those), `nearly` marks 近-style approximations, and
    `upper_value` is the upper figure of a range, and `count` says the figure
    counts things (with a measure word).
    """
    args = (value, bound, precision, step, nearly, upper_value, count)
    # 0.0 and -0.0 would be one key to the cache: zero is built anew
    return _interval(args) if value != 0 else _interval.__wrapped__(args)


@lru_cache(maxsize=4096)  # the same figures recur (percentages, small counts) and Interval is frozen
def _interval(args: tuple[float, Bound, float, float, bool, float | None, bool]) -> Interval:
    value, bound, precision, step, nearly, upper_value, count = args
    p = precision
    if bound is Bound.EQ:
        if count and float(value).is_integer() and p <= 1:
            return Interval(lower=value, upper=value, precision=p, exact=True)
        return Interval(lower=value - p / 2, upper=value + p / 2, precision=p, exact=p == 0)
    if bound is Bound.GE:
        return Interval(lower=value, precision=p)
    if bound is Bound.GT:
        if step > 0:
            return Interval(
                lower=value, upper=value + step, lower_closed=False, upper_closed=False, precision=p
            )
        return Interval(lower=value, lower_closed=False, precision=p)
    if bound is Bound.LE:
        return Interval(upper=value, precision=p)
    if bound is Bound.LT:
        return Interval(upper=value, upper_closed=False, precision=p)
    if bound is Bound.APPROX:
        if nearly:
            return Interval(lower=value * (1 - NEARLY_FACTOR), upper=value, upper_closed=False, precision=p)
        widen = abs(value) * APPROX_FACTOR + p / 2
        return Interval(lower=value - widen, upper=value + widen, precision=p)
    hi = value if upper_value is None else upper_value
    return Interval(lower=min(value, hi), upper=max(value, hi), precision=p)
