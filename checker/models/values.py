"""Figures as intervals: the bound a statement puts on a value, and the one Interval every rule judges with."""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Bound(StrEnum):
    """How the stated figure bounds the true value."""

    EQ = "="
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    APPROX = "~"
    RANGE = "range"


class Interval(BaseModel):
    """A set of real numbers, possibly unbounded or open at either end.

    The one interval of the project: the extractor makes it for every claim
    (bound word and written precision included), every rule and the fact sheet
    judge with it.  `precision` is the place value of the last written digit
    (0.01 for "9.26%", 1e4 for "7万"); `exact` marks a figure that has no
    rounding, such as a plain count of things ("19个" is 19, not 18.5–19.5).
    """

    model_config = ConfigDict(frozen=True)

    lower: float | None = None
    upper: float | None = None
    lower_closed: bool = True
    upper_closed: bool = True
    precision: float = Field(default=0.0, ge=0, description="place value of the last written digit")
    exact: bool = Field(default=False, description="no rounding: a whole count of things")

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(lower=value, upper=value, exact=True)

    @property
    def finite(self) -> bool:
        return self.lower is not None and self.upper is not None

    def __add__(self, other: Interval) -> Interval:
        """Every sum of a number of each (parts adding up to a total)."""
        return Interval(
            lower=None if self.lower is None or other.lower is None else self.lower + other.lower,
            upper=None if self.upper is None or other.upper is None else self.upper + other.upper,
            lower_closed=self.lower_closed and other.lower_closed,
            upper_closed=self.upper_closed and other.upper_closed,
            exact=self.exact and other.exact,
        )

    def __neg__(self) -> Interval:
        return Interval(
            lower=None if self.upper is None else -self.upper,
            upper=None if self.lower is None else -self.lower,
            lower_closed=self.upper_closed,
            upper_closed=self.lower_closed,
            precision=self.precision,
            exact=self.exact,
        )

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def times(self, k: float) -> Interval:
        """The interval multiplied by any factor (negative flips it)."""
        return self.scaled(k) if k >= 0 else (-self).scaled(-k)

    def near(self, other: Interval, slack: float = 0.0) -> bool:
        """Overlap allowing an absolute slack and a relative epsilon for float noise."""
        ref = next((abs(x) for x in (self.lower, self.upper) if x is not None), 1.0)
        tol = slack + 1e-9 * max(1.0, ref)
        widened = Interval(
            lower=None if self.lower is None else self.lower - tol,
            upper=None if self.upper is None else self.upper + tol,
        )
        return widened.overlaps(other)

    def overlaps(self, other: Interval) -> bool:
        """True when some number lies in both intervals."""
        lo, lo_closed = _max_lower(self, other)
        hi, hi_closed = _min_upper(self, other)
        if lo is None or hi is None:
            return True
        if lo < hi:
            return True
        return lo == hi and lo_closed and hi_closed

    def intersect(self, other: Interval) -> Interval:
        """The numbers in both intervals (call only when they overlap)."""
        lo, lo_closed = _max_lower(self, other)
        hi, hi_closed = _min_upper(self, other)
        return Interval(lower=lo, upper=hi, lower_closed=lo_closed, upper_closed=hi_closed)

    def contains(self, x: float) -> bool:
        if self.lower is not None and (x < self.lower or (x == self.lower and not self.lower_closed)):
            return False
        return not (
            self.upper is not None and (x > self.upper or (x == self.upper and not self.upper_closed))
        )

    def scaled(self, factor: float) -> Interval:
        """The interval multiplied by a positive factor (a unit conversion)."""
        return Interval(
            lower=None if self.lower is None else self.lower * factor,
            upper=None if self.upper is None else self.upper * factor,
            lower_closed=self.lower_closed,
            upper_closed=self.upper_closed,
            precision=self.precision * factor,
            exact=self.exact,
        )

    def describe(self) -> str:
        if self.lower is None and self.upper is None:
            return "(-inf, inf)"
        left = "[" if self.lower_closed and self.lower is not None else "("
        right = "]" if self.upper_closed and self.upper is not None else ")"
        lo = "-inf" if self.lower is None else _fmt(self.lower)
        hi = "inf" if self.upper is None else _fmt(self.upper)
        return f"{left}{lo}, {hi}{right}"


def _max_lower(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.lower is None:
        return b.lower, b.lower_closed
    if b.lower is None or a.lower > b.lower:
        return a.lower, a.lower_closed
    if b.lower > a.lower:
        return b.lower, b.lower_closed
    return a.lower, a.lower_closed and b.lower_closed


def _min_upper(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.upper is None:
        return b.upper, b.upper_closed
    if b.upper is None or a.upper < b.upper:
        return a.upper, a.upper_closed
    if b.upper < a.upper:
        return b.upper, b.upper_closed
    return a.upper, a.upper_closed and b.upper_closed


def _fmt(x: float) -> str:
    if math.isfinite(x) and x == int(x) and abs(x) < 1e16:
        return str(int(x))
    return f"{x:.6g}"
