"""A timeline's table on the review page: one row per figure stated for a period, its repeats merged.

A fact that hundreds of reports restate ("新组建产业链联盟3个" in 4,874 documents of
a 10,000-document corpus) made a table of thousands of rows, one per document:
nothing a reviewer reads, and most of the main page's size.  Within one period
(the timeline's order: by period, then document date), the points that state
the same figure with the same modality are one row, in the order the figures
first appear, naming the first documents, counting the others and spanning
their dates: a figure revised and then stated again shows as two rows whose
dates overlap.  latest.json keeps every point.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.models import Timeline, TimelinePoint

# Places named in a merged row; the rest are counted.
SHOWN_PLACES = 3


@dataclass
class TimelineRow:
    """One row of the table: a figure, its period and modality, and the places that state it."""

    first: TimelinePoint
    places: list[str] = field(default_factory=list)  # "path:line", the first SHOWN_PLACES
    count: int = 0  # points merged into this row
    earliest: str = ""  # the stating documents' dates (ISO, to their precision)
    latest: str = ""

    @property
    def more(self) -> int:
        """Places stated but not named."""
        return self.count - len(self.places)

    @property
    def dated(self) -> str:
        """The date, or the earliest and latest dates of the documents that state it."""
        return self.earliest if self.earliest == self.latest else f"{self.earliest} – {self.latest}"


def timeline_rows(t: Timeline) -> list[TimelineRow]:
    """The rows of `t`'s table, period by period in its order."""
    rows: list[TimelineRow] = []
    period = None
    by_figure: dict[tuple[str, float, str], TimelineRow] = {}
    for p in t.points:
        if p.period != period:
            period, by_figure = p.period, {}
        row = by_figure.get(figure := (p.text, p.value, p.modality.value))
        if row is None:
            row = by_figure[figure] = TimelineRow(p)
            rows.append(row)
        row.count += 1
        if len(row.places) < SHOWN_PLACES:
            row.places.append(f"{p.path}:{p.line}")
        if p.date:
            row.earliest = min(row.earliest, p.date) if row.earliest else p.date
            row.latest = max(row.latest, p.date)
    return rows
