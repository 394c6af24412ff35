"""What a stated figure allows, as a closed range, and figures written back for messages.

Counts of things are exact ("19个" is 19, not 18.5–19.5): parts of a total
are whole items.  Everything else uses the claim's own interval (bound word
and written precision, from the extractor), so "9.26%" is 9.255–9.265 and a
rounding difference is never an error.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from checker.models import Bound, Claim

INF = math.inf
_MULTIPLIER = re.compile(r"万亿|亿|万|千|million|billion|thousand", re.I)
_SCALES = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4))
EPS = 1e-9


@dataclass(frozen=True)
class Span:
    """A closed range of real numbers; lo may be -inf, hi may be inf."""

    lo: float
    hi: float

    def __add__(self, other: Span) -> Span:
        return Span(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Span) -> Span:
        return Span(self.lo - other.hi, self.hi - other.lo)

    def times(self, k: float) -> Span:
        a, b = self.lo * k, self.hi * k
        return Span(min(a, b), max(a, b))

    @property
    def finite(self) -> bool:
        return math.isfinite(self.lo) and math.isfinite(self.hi)

    def overlaps(self, other: Span, slack: float = 0.0) -> bool:
        """True when the ranges share a number (with a relative epsilon and an absolute slack)."""
        tol = slack + EPS * max(1.0, abs(self.lo) if math.isfinite(self.lo) else 1.0)
        return self.lo <= other.hi + tol and other.lo <= self.hi + tol

    def __contains__(self, x: float) -> bool:
        return self.overlaps(Span(x, x))


def is_exact_count(claim: Claim) -> bool:
    """A plain whole count without 万/亿: the number of items, exactly."""
    return (
        claim.unit == "count"
        and claim.bound is Bound.EQ
        and float(claim.value).is_integer()
        and not _MULTIPLIER.search(claim.text)
    )


def stated(claim: Claim) -> Span:
    """The values the claim allows."""
    if is_exact_count(claim):
        return Span(claim.value, claim.value)
    lo, hi = claim.lower, claim.upper
    if lo is None and hi is None:
        if claim.bound in (Bound.GE, Bound.GT):
            return Span(claim.value, INF)
        if claim.bound in (Bound.LE, Bound.LT):
            return Span(-INF, claim.value)
        return Span(claim.value, claim.value)
    return Span(-INF if lo is None else lo, INF if hi is None else hi)


def figure(claim: Claim) -> Span:
    """The stated figure itself with its rounding, bound word ignored ("不超过144小时" → 143.5–144.5)."""
    if claim.bound is Bound.EQ or is_exact_count(claim):
        return stated(claim)
    digits = re.search(r"\d+(?:\.(\d+))?", claim.text)
    step = 10.0 ** -len(digits.group(1) or "") if digits else 0.0
    scale = next((f for word, f in _SCALES if word in claim.text), 1.0)
    half = step * scale / 2 if digits else 0.0
    return Span(claim.value - half, claim.value + half)


def number(value: float) -> str:
    """A number as a person writes it: 165, 20.82, 3.35e+13 only when huge."""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if abs(value - round(value)) < 1e-9 and abs(value) < 1e15:
        return str(round(value))
    return f"{value:.6g}" if abs(value) >= 1e-4 else f"{value:.3g}"


def like(value: float, claim: Claim) -> str:
    """`value` written on the scale of `claim` ("30.2万亿" beside "30万亿元")."""
    for word, factor in _SCALES:
        if word in claim.text:
            return f"{number(round(value / factor, 6))}{word}"
    return number(round(value, 6))


def span_text(span: Span, claim: Claim) -> str:
    """A range written on the scale of `claim`: "19", or "30万亿–30.4万亿" when rounding leaves a range."""
    if span.lo == span.hi or not span.finite:
        return like(span.lo if math.isfinite(span.lo) else span.hi, claim)
    return f"{like(span.lo, claim)}–{like(span.hi, claim)}"


def quote(claim: Claim) -> str:
    """The claim's text on one line, OCR breaks taken out."""
    return (
        "".join(claim.text.split())
        if not re.search(r"[A-Za-z]", claim.text)
        else " ".join(claim.text.split())
    )


def unit_name(unit: str) -> str:
    """A canonical unit as English prose: hours, days, km."""
    return f"{unit}s" if unit in ("hour", "day", "week", "month", "year", "minute", "second") else unit


def range_text(span: Span, unit: str) -> str:
    """A range with its unit: "2–3 years", "at most 144 hours", "144 hours"."""
    if span.finite and span.hi - span.lo > 1e-9:
        return f"{number(round(span.lo, 4))}–{number(round(span.hi, 4))} {unit_name(unit)}"
    edge = span.lo if span.finite or span.lo != float("-inf") else span.hi
    prefix = "" if span.finite else ("at most " if span.lo == float("-inf") else "at least ")
    return f"{prefix}{number(round(edge, 4))} {unit_name(unit)}"
