"""A fact's timeline: what every report said about one subject, and for when.

Facts are split by period and modality (a 2023 outcome, a 2024 target); a
timeline puts them back together under their subject, unit and qualifiers, so
an editor asking "what did every report say about this, and when?" gets one
answer: each value with its bound, period, modality, document and date.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Mapping, Sequence

from checker.match.grouping import Fact
from checker.models import Claim, PartialDate, Timeline, TimelinePoint

# What a run made each claim's point from (the claim object and its document's date), by id(claim):
# the watch service keeps unchanged documents' claims as the same objects from run to run.
Points = dict[int, tuple[Claim, PartialDate | None, TimelinePoint]]
_Line = tuple[str, str, str | None, tuple[str, ...]]
# What a run made each timeline from (the claim objects and their documents' dates), by its subject, unit and
# qualifiers: a timeline whose claims are the same objects, of the same dates, is the same object next run.
Lines = dict[_Line, tuple[tuple[Claim, ...], tuple[PartialDate | None, ...], Timeline]]


def _point(claim: Claim, date: PartialDate | None) -> TimelinePoint:
    return TimelinePoint(
        value=claim.value,
        unit=claim.unit,
        measure=claim.measure,
        bound=claim.bound,
        text=" ".join(claim.text.split()),
        period=claim.period,
        modality=claim.modality,
        path=claim.path,
        line=claim.line,
        date=date.iso() if date else None,
    )


def _order(p: TimelinePoint) -> tuple[str, str, str, int]:
    # Unknown periods last; then by the document's date, path and line.
    return (p.period.start or "9999", p.date or "9999", p.path, p.line)


def timelines(
    facts: Sequence[Fact],
    dates: Mapping[str, PartialDate | None],
    points: Points | None = None,
    lines: Lines | None = None,
) -> list[Timeline]:
    """One timeline per subject (with unit and qualifiers) that two or more documents state.

    `points` and `lines` are the last run's; they are replaced by this run's, so a claim that is the
    same object with the same date takes its point from there instead of making it again, and a
    timeline of the same claims is the last run's timeline.
    """
    made = _Made(dates, points if points is not None else {}, lines if lines is not None else {})
    by_subject: dict[_Line, list[Claim]] = defaultdict(list)
    for fact in facts:
        if not fact.specific:
            continue  # 工作, 项目 …: a kind of thing has no timeline
        by_subject[(fact.subject, fact.unit, fact.measure, fact.qualifiers)].extend(fact.claims)
    out = [
        made.line(key, claims)
        for key, claims in by_subject.items()
        if key[0] and len({c.path for c in claims}) >= 2
    ]
    return sorted(out, key=lambda t: (-t.documents, t.subject))


class _Made:
    """A run's points and timelines, taken from the last run's where their claims are the same."""

    def __init__(self, dates: Mapping[str, PartialDate | None], points: Points, lines: Lines) -> None:
        self.dates = dates
        self.known, self.known_lines = dict(points), dict(lines)
        points.clear()
        lines.clear()
        self.points, self.lines = points, lines

    def point(self, claim: Claim) -> TimelinePoint:
        date = self.dates.get(claim.path)
        hit = self.known.get(id(claim))
        if hit is None or hit[0] is not claim or hit[1] != date:
            hit = (claim, date, _point(claim, date))
        self.points[id(claim)] = hit
        return hit[2]

    def line(self, key: _Line, claims: list[Claim]) -> Timeline:
        when = tuple(self.dates.get(c.path) for c in claims)
        hit = self.known_lines.get(key)
        if hit is not None and _same(hit[0], claims) and _same_dates(hit[1], when):
            line = hit[2]
            self.points.update((id(c), self.known[id(c)]) for c in claims if id(c) in self.known)
        else:
            subject, unit, measure, qualifiers = key
            line = Timeline(
                subject=subject,
                unit=unit,
                measure=measure,
                qualifiers=list(qualifiers),
                documents=len({c.path for c in claims}),
                points=sorted((self.point(c) for c in claims), key=_order),
            )
        self.lines[key] = (tuple(claims), when, line)
        return line


def _same(before: Sequence[Claim], now: Sequence[Claim]) -> bool:
    return len(before) == len(now) and all(map(operator.is_, before, now))


def _same_dates(before: Sequence[PartialDate | None], now: Sequence[PartialDate | None]) -> bool:
    return len(before) == len(now) and all(a is b or a == b for a, b in zip(before, now, strict=True))
