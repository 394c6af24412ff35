"""A fact's timeline: what every report said about one subject, and for when.

Facts are split by period and modality (a 2023 outcome, a 2024 target); a
timeline puts them back together under their subject, unit and qualifiers, so
an editor asking "what did every report say about this, and when?" gets one
answer: each value with its bound, period, modality, document and date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from checker.match.grouping import Fact
from checker.models import Claim, PartialDate, Timeline, TimelinePoint
from checker.models.reuse import same_objects

LineKey = tuple[str, str, str | None, tuple[str, ...]]  # subject, unit, measure, qualifiers
# A point as a run made it: from the claim object and its document's date.
Point = tuple[Claim, PartialDate | None, TimelinePoint]


@dataclass(frozen=True)
class Kept:
    """What a run made one subject's timeline from, for the next run to take it whole where that is the same."""

    facts: tuple[Fact, ...]
    claims: tuple[Claim, ...]
    paths: tuple[str, ...]  # the documents that state it, sorted
    when: tuple[PartialDate | None, ...]  # their dates
    timeline: Timeline | None  # None: fewer than two documents state it
    points: dict[int, Point]  # by id(claim)


class Lines:
    """The last run's timelines by subject, unit and qualifiers, and the facts and dates they were made from.

    The watch service keeps a run's unchanged documents' claims, and the facts made of them, as the same
    objects from run to run: a run works out again only the subjects of facts that came or went.
    """

    def __init__(self) -> None:
        self.kept: dict[LineKey, Kept] = {}
        self.facts: dict[int, Fact] = {}  # the last run's facts with a timeline's subject, by id (held)
        self.stating: dict[LineKey, list[Fact]] = {}  # those facts by subject, in the order given
        self.dates: Mapping[str, PartialDate | None] = {}


def _key(fact: Fact) -> LineKey:
    return (fact.subject, fact.unit, fact.measure, fact.qualifiers)


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
    facts: Sequence[Fact], dates: Mapping[str, PartialDate | None], lines: Lines | None = None
) -> list[Timeline]:
    """One timeline per subject (with unit and qualifiers) that two or more documents state.

    `facts` in the order grouping and linking give them (by key).  `lines` are the last run's, replaced by
    this run's: only the subjects of facts that are not the last run's objects are worked out again (all
    of them when a document's date changed), and of those, one whose claims are the same objects, of
    documents with the same dates, keeps its timeline; one made again takes the points of its claims
    that are the same objects of the same date.  At 10,000 documents the walk of every claim was 0.19 s
    of each run of the service, and the walk of every subject 0.08 s.
    """
    lines = lines if lines is not None else Lines()
    # 工作, 项目 …: a kind of thing has no timeline.
    now = {id(f): f for f in facts if f.specific and f.subject}
    if dates != lines.dates:
        # A document's date changed (its metadata did): every subject is worked out again.
        went, lines.stating = set(lines.stating), {}
        redo = _restate(lines, now, now.values(), went)
    else:
        went = {_key(f) for i, f in lines.facts.items() if now.get(i) is not f}
        redo = _restate(lines, now, [f for i, f in now.items() if lines.facts.get(i) is not f], went)
    lines.facts, lines.dates = now, dict(dates)  # a copy: the caller's may change in place
    for key in redo:
        stating = lines.stating.get(key)
        if stating:
            lines.kept[key] = _line(key, tuple(stating), dates, lines.kept.get(key))
        else:
            lines.stating.pop(key, None)
            lines.kept.pop(key, None)
    # Subjects stated as often are in the order of their first facts (the order of `facts`), as ever.
    out = [(k.timeline, k.facts[0].key) for k in lines.kept.values() if k.timeline is not None]
    out.sort(key=lambda line: (-line[0].documents, line[0].subject, line[1]))
    return [timeline for timeline, _ in out]


def _restate(lines: Lines, now: Mapping[int, Fact], came: Iterable[Fact], went: set[LineKey]) -> set[LineKey]:
    """The subjects to work out again, their facts listed anew: those of facts gone, and of facts come."""
    for key in went:
        if key in lines.stating:
            lines.stating[key] = [f for f in lines.stating[key] if now.get(id(f)) is f]
    redo = set(went)
    for fact in came:
        key = _key(fact)
        redo.add(key)
        lines.stating.setdefault(key, []).append(fact)
    for key in redo:
        if len(stating := lines.stating.get(key, [])) > 1:
            stating.sort(key=lambda f: f.key)
    return redo


def _line(
    key: LineKey, facts: tuple[Fact, ...], dates: Mapping[str, PartialDate | None], hit: Kept | None
) -> Kept:
    """The subject's timeline: the last run's where its facts (or claims) and their dates are the same."""
    same_facts = hit is not None and same_objects(hit.facts, facts)
    claims = hit.claims if hit is not None and same_facts else tuple(c for f in facts for c in f.claims)
    if (
        hit is not None
        and (same_facts or same_objects(hit.claims, claims))
        and _same_dates(hit.when, tuple(map(dates.get, hit.paths)))
    ):
        return hit if same_facts else Kept(facts, claims, hit.paths, hit.when, hit.timeline, hit.points)
    paths = tuple(sorted({c.path for c in claims}))
    when = tuple(map(dates.get, paths))
    if len(paths) < 2:
        return Kept(facts, claims, paths, when, None, {})
    before = hit.points if hit is not None else {}
    points: dict[int, Point] = {}
    for claim in claims:
        date = dates.get(claim.path)
        point = before.get(id(claim))
        if point is None or point[0] is not claim or point[1] != date:
            point = (claim, date, _point(claim, date))
        points[id(claim)] = point
    subject, unit, measure, qualifiers = key
    timeline = Timeline(
        subject=subject,
        unit=unit,
        measure=measure,
        qualifiers=list(qualifiers),
        documents=len(paths),
        points=sorted((points[id(c)][2] for c in claims), key=_order),
    )
    return Kept(facts, claims, paths, when, timeline, points)


def _same_dates(before: Sequence[PartialDate | None], now: Sequence[PartialDate | None]) -> bool:
    # The same objects, mostly (a stored row's metadata is the object it was): compared in C first.
    return same_objects(before, now) or (
        len(before) == len(now) and all(a is b or a == b for a, b in zip(before, now, strict=True))
    )
