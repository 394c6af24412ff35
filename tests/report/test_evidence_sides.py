"""The odd one out's sides: held against each side's intersection, the same as against every member."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.models import ClaimRef, Interval
from checker.report.evidence import _sides

_ends = st.one_of(st.none(), st.integers(min_value=0, max_value=12).map(float))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a, b = draw(_ends), draw(_ends)
    if a is not None and b is not None and a > b:
        a, b = b, a
    return Interval(lower=a, upper=b, lower_closed=draw(st.booleans()), upper_closed=draw(st.booleans()))


def _pairwise(claims: list[ClaimRef]) -> list[list[ClaimRef]]:
    """The definition: a claim joins the first side every member of which it overlaps."""
    sides: list[list[ClaimRef]] = []
    for claim in sorted(claims, key=lambda c: (c.value, c.path, c.line)):
        for side in sides:
            if all(claim.interval.overlaps(o.interval) for o in side):
                side.append(claim)
                break
        else:
            sides.append([claim])
    return sorted(sides, key=lambda s: -len({c.path for c in s}))


@settings(max_examples=400, deadline=None)
@given(st.lists(intervals(), min_size=1, max_size=12))
def test_sides_equal_the_pairwise_definition(ivs: list[Interval]) -> None:
    claims = [
        ClaimRef(path=f"d{i % 4}.txt", line=i + 1, column=1, text=str(i), value=iv.lower or iv.upper or 0.0,
                 unit="count", interval=iv)
        for i, iv in enumerate(ivs)
    ]  # fmt: skip
    assert _sides(claims) == _pairwise(claims)
