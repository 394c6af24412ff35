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
    known = dict(points or {})
    if points is not None:
        points.clear()
    made: Points = points if points is not None else {}
    known_lines = dict(lines or {})
    if lines is not None:
        lines.clear()

    def point(claim: Claim) -> TimelinePoint:
        date = dates.get(claim.path)
        hit = known.get(id(claim))
        if hit is not None and hit[0] is claim and hit[1] == date:
            made[id(claim)] = hit
            return hit[2]
        made[id(claim)] = (claim, date, _point(claim, date))
        return made[id(claim)][2]

    by_subject: dict[tuple[str, str, str | None, tuple[str, ...]], list[Claim]] = defaultdict(list)
    for fact in facts:
        if not fact.specific:
            continue  # 工作, 项目 …: a kind of thing has no timeline
        by_subject[(fact.subject, fact.unit, fact.measure, fact.qualifiers)].extend(fact.claims)
    out = []
    for key, claims in by_subject.items():
        subject, unit, measure, qualifiers = key
        documents = {c.path for c in claims}
        if len(documents) < 2 or not subject:
            continue
        when = tuple(dates.get(c.path) for c in claims)
        hit = known_lines.get(key)
        if hit is not None and _same(hit[0], claims) and _same_dates(hit[1], when):
            line = hit[2]
            made.update((id(c), known[id(c)]) for c in claims if id(c) in known)
        else:
            line = Timeline(
                subject=subject,
                unit=unit,
                measure=measure,
                qualifiers=list(qualifiers),
                documents=len(documents),
                points=sorted((point(c) for c in claims), key=_order),
            )
        if lines is not None:
            lines[key] = (tuple(claims), when, line)
        out.append(line)
    return sorted(out, key=lambda t: (-t.documents, t.subject))


def _same(before: Sequence[Claim], now: Sequence[Claim]) -> bool:
    return len(before) == len(now) and all(map(operator.is_, before, now))


def _same_dates(before: Sequence[PartialDate | None], now: Sequence[PartialDate | None]) -> bool:
    return len(before) == len(now) and all(a is b or a == b for a, b in zip(before, now, strict=True))
