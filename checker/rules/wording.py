"""How findings write figures: numbers as people write them, on a claim's scale, with units.

Presentation only: what a claim allows is its interval (the extractor's), never
read again here.
"""

from __future__ import annotations

import math

from checker.models import Claim, Interval

_SCALES = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4))


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


def span_text(span: Interval, claim: Claim) -> str:
    """A range written on the scale of `claim`: "19", or "30万亿–30.4万亿" when rounding leaves a range."""
    lo, hi = span.lower, span.upper
    if lo is not None and hi is not None and lo != hi:
        return f"{like(lo, claim)}–{like(hi, claim)}"
    edge = lo if lo is not None else hi
    return like(edge, claim) if edge is not None else "any value"


def quote(claim: Claim) -> str:
    """The claim's text on one line, OCR breaks taken out."""
    return (
        "".join(claim.text.split())
        if not any(ch.isascii() and ch.isalpha() for ch in claim.text)
        else " ".join(claim.text.split())
    )


def unit_name(unit: str) -> str:
    """A canonical unit as English prose: hours, days, km."""
    return f"{unit}s" if unit in ("hour", "day", "week", "month", "year", "minute", "second") else unit


def range_text(span: Interval, unit: str) -> str:
    """A range with its unit: "2–3 years", "at most 144 hours", "144 hours"."""
    lo, hi = span.lower, span.upper
    if lo is not None and hi is not None:
        if hi - lo > 1e-9:
            return f"{number(round(lo, 4))}–{number(round(hi, 4))} {unit_name(unit)}"
        return f"{number(round(lo, 4))} {unit_name(unit)}"
    if lo is not None:
        return f"at least {number(round(lo, 4))} {unit_name(unit)}"
    if hi is not None:
        return f"at most {number(round(hi, 4))} {unit_name(unit)}"
    return f"any number of {unit_name(unit)}"
