"""Whether the documents stating a fact agree: corroborated, conflict, disputed or single.

Each claim is an interval (its bound word and written precision included), so
"超7万个" and "7万个以上" agree, "9.26%" and "9.3%" agree (rounding), while
"近7万个" ([63000, 70000)) and "7万个以上" ([70000, ∞)) do not.

A document that gives one fact several different figures is not a single fact
there (per-section counts, a figure and its running total); its claims can
corroborate another document but never contradict it.  Two bounds in the same
direction with different figures ("60万个以上" vs "50万个以上") cannot both be
what was announced: disputed, not a conflict.  The status of a fact is the
matcher's business; the `agree` rule turns it into findings.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from checker.match.grouping import Fact
from checker.match.identity import modality_class
from checker.models import Bound, Claim, Interval
from checker.units import convert

Status = Literal["corroborated", "conflict", "disputed", "single"]

_LOWER = {Bound.GE, Bound.GT}
_UPPER = {Bound.LE, Bound.LT}


@dataclass
class Assessment:
    """Whether the documents stating a fact agree, and how they split."""

    status: Status
    # Claims split into camps that agree among themselves; more than one camp is a conflict.
    camps: list[list[Claim]] = field(default_factory=list)
    agreeing: list[Claim] = field(default_factory=list)


def _consistent(claims: list[Claim], iv: dict[str, Interval]) -> bool:
    return all(iv[a.ident].overlaps(iv[b.ident]) for i, a in enumerate(claims) for b in claims[i + 1 :])


def _same_figure(a: Claim, b: Claim) -> bool:
    return math.isclose(a.value, b.value, rel_tol=1e-9) or (
        a.interval.contains(b.value) and a.bound == b.bound
    )


def _camps(claims: list[Claim], iv: dict[str, Interval]) -> list[list[Claim]]:
    """Split into groups whose intervals all overlap, biggest first."""
    camps: list[list[Claim]] = []
    # Intervals on a line overlap pairwise exactly when they share a point (Helly),
    # so a camp is represented by the intersection of its members: (lower, closed, upper, closed), an
    # open end as an infinity.  A fact stated by hundreds of reports has hundreds of camps, each held
    # against every claim: the test is written out here rather than made of Interval calls.
    common: list[_Bounds] = []
    for claim in sorted(claims, key=lambda c: (c.value, c.path, c.offset)):
        lo2, lc2, hi2, hc2 = bounds = _bounds(iv[claim.ident])
        for i, (lo, lc, hi, hc) in enumerate(common):
            low, low_closed = (lo, lc) if lo > lo2 else (lo2, lc2) if lo2 > lo else (lo, lc and lc2)
            high, high_closed = (hi, hc) if hi < hi2 else (hi2, hc2) if hi2 < hi else (hi, hc and hc2)
            if low < high or (low == high and low_closed and high_closed):
                camps[i].append(claim)
                common[i] = (low, low_closed, high, high_closed)
                break
        else:
            camps.append([claim])
            common.append(bounds)
    return sorted(camps, key=lambda camp: (-len({c.path for c in camp}), camp[0].value))


_Bounds = tuple[float, bool, float, bool]


def _bounds(iv: Interval) -> _Bounds:
    lower = -math.inf if iv.lower is None else iv.lower
    upper = math.inf if iv.upper is None else iv.upper
    return (lower, iv.lower_closed, upper, iv.upper_closed)


def _in_unit(claim: Claim, unit: str) -> Claim:
    """The claim restated in `unit` (through pint), so intervals compare."""
    if claim.unit == unit:
        return claim
    factor = convert(1.0, claim.unit, unit)
    return claim.model_copy(
        update={"value": claim.value * factor, "interval": claim.interval.scaled(factor), "unit": unit}
    )


def assess(fact: Fact) -> Assessment:
    """Decide whether the documents stating a fact agree (in the fact's unit)."""
    original = {c.ident: c for c in fact.claims}
    result = _assess([_in_unit(c, fact.unit) for c in fact.claims])
    return Assessment(
        result.status,
        camps=[[original[c.ident] for c in camp] for camp in result.camps],
        agreeing=[original[c.ident] for c in result.agreeing],
    )


def _assess(claims: list[Claim]) -> Assessment:
    # Built once: every comparison below reads these, and building one is the costly part.
    iv = {c.ident: c.interval for c in claims}
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_doc[claim.path].append(claim)
    if len(by_doc) < 2:
        return Assessment("single")

    clear_paths: set[str] = set()
    for cls in sorted({modality_class(c.modality) for c in claims}):
        # Targets, estimates and outcomes never contradict one another: each class is judged alone.
        conflict = _conflict([c for c in claims if modality_class(c.modality) == cls], iv)
        if isinstance(conflict, list):
            return Assessment("conflict", camps=conflict)
        clear_paths |= conflict

    # Corroboration: claims from different documents whose intervals overlap.
    agreeing = [
        c for c in claims if any(o.path != c.path and iv[c.ident].overlaps(iv[o.ident]) for o in claims)
    ]
    if len({c.path for c in agreeing}) < 2:
        return Assessment("single")
    for direction in (_LOWER, _UPPER):
        bounded = [c for c in agreeing if c.bound in direction and c.path in clear_paths]
        if any(not _same_figure(a, b) and a.path != b.path for a in bounded for b in bounded):
            return Assessment("disputed", camps=_figures(bounded), agreeing=agreeing)
    return Assessment("corroborated", agreeing=agreeing)


def _conflict(claims: list[Claim], iv: dict[str, Interval]) -> list[list[Claim]] | set[str]:
    """The camps of a conflict between documents, or (none) the documents consistent within themselves."""
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_doc[claim.path].append(claim)
    clear = {path: cs for path, cs in by_doc.items() if _consistent(cs, iv)}
    if len(clear) < 2:
        return set(clear)
    camps = _camps([c for cs in clear.values() for c in cs], iv)
    if len(camps) < 2:
        return set(clear)
    paths = [{c.path for c in camp} for camp in camps]
    if len(camps) >= 3 and all(len(p) == 1 for p in paths):
        # Three or more reports and no two agree: the subject gathers unrelated figures
        # (a kind of thing, not one fact), which is no evidence that any of them is wrong.
        return set(clear)
    if any(a != b for i, a in enumerate(paths) for b in paths[i + 1 :]):
        return camps
    return set(clear)


def _figures(claims: list[Claim]) -> list[list[Claim]]:
    by_value: dict[float, list[Claim]] = defaultdict(list)
    for c in claims:
        by_value[c.value].append(c)
    return [by_value[v] for v in sorted(by_value, reverse=True)]
