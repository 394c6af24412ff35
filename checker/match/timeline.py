"""A fact's timeline: what every report said about one subject, and for when.

Facts are split by period and modality (a 2023 outcome, a 2024 target); a
timeline puts them back together under their subject, unit and qualifiers, so
an editor asking "what did every report say about this, and when?" gets one
answer: each value with its bound, period, modality, document and date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from checker.match.grouping import Fact
from checker.models import Claim, PartialDate, Timeline, TimelinePoint

# What a run made each claim's point from (the claim object and its document's date), by id(claim):
# the watch service keeps unchanged documents' claims as the same objects from run to run.
Points = dict[int, tuple[Claim, PartialDate | None, TimelinePoint]]


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
    facts: Sequence[Fact], dates: Mapping[str, PartialDate | None], points: Points | None = None
) -> list[Timeline]:
    """One timeline per subject (with unit and qualifiers) that two or more documents state.

    `points` are the last run's points; they are replaced by this run's, so a claim that is the same
    object with the same date takes its point from there instead of making it again.
    """
    known = dict(points or {})
    if points is not None:
        points.clear()
    made: Points = points if points is not None else {}

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
    for (subject, unit, measure, qualifiers), claims in by_subject.items():
        documents = {c.path for c in claims}
        if len(documents) < 2 or not subject:
            continue
        points_ = sorted((point(c) for c in claims), key=_order)
        out.append(
            Timeline(
                subject=subject,
                unit=unit,
                measure=measure,
                qualifiers=list(qualifiers),
                documents=len(documents),
                points=points_,
            )
        )
    return sorted(out, key=lambda t: (-t.documents, t.subject))
