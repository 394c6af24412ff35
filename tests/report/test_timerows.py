"""A timeline's table rows: repeats of one figure merged, a revision or a new period a new row; its chart."""

from __future__ import annotations

import pytest

from checker.models import Modality, Period, PeriodKind, Timeline, TimelinePoint
from checker.report.chart import chart
from checker.report.timerows import SHOWN_PLACES, timeline_rows

Y2022 = Period(start="2022-01-01", end="2022-12-31", kind=PeriodKind.SPAN)
Y2023 = Period(start="2023-01-01", end="2023-12-31", kind=PeriodKind.SPAN)


def point(
    text: str, n: int, period: Period = Y2023, modality: Modality = Modality.REPORTED, date: str | None = None
) -> TimelinePoint:
    value = float(text.rstrip("公里"))
    return TimelinePoint(
        value=value,
        unit="km",
        text=text,
        period=period,
        modality=modality,
        path=f"r{n}.txt",
        line=n,
        date=date,
    )


def rows_of(*points: TimelinePoint) -> list[tuple[str, list[str], int]]:
    timeline = Timeline(subject="铁路", unit="km", points=list(points))
    return [(r.first.text, r.places, r.more) for r in timeline_rows(timeline)]


CASES = {
    "one point, one row": ([point("660公里", 1)], [("660公里", ["r1.txt:1"], 0)]),
    "repeats merge": (
        [point("660公里", 1), point("660公里", 2)],
        [("660公里", ["r1.txt:1", "r2.txt:2"], 0)],
    ),
    "a revision is a row; the figure stated again joins its first row": (
        [point("660公里", 1), point("680公里", 2), point("660公里", 3)],
        [("660公里", ["r1.txt:1", "r3.txt:3"], 0), ("680公里", ["r2.txt:2"], 0)],
    ),
    "the same figure in periods apart is a row in each": (
        [point("660公里", 1, Y2022), point("680公里", 2), point("660公里", 3, Y2022)],
        [("660公里", ["r1.txt:1"], 0), ("680公里", ["r2.txt:2"], 0), ("660公里", ["r3.txt:3"], 0)],
    ),
    "another period is another row": (
        [point("660公里", 1, Y2022), point("660公里", 2)],
        [("660公里", ["r1.txt:1"], 0), ("660公里", ["r2.txt:2"], 0)],
    ),
    "a target is not an outcome": (
        [point("660公里", 1, modality=Modality.TARGET), point("660公里", 2)],
        [("660公里", ["r1.txt:1"], 0), ("660公里", ["r2.txt:2"], 0)],
    ),
    "places beyond the first are counted": (
        [point("660公里", n) for n in range(1, 11)],
        [("660公里", [f"r{n}.txt:{n}" for n in range(1, SHOWN_PLACES + 1)], 10 - SHOWN_PLACES)],
    ),
}


@pytest.mark.parametrize("points, expected", CASES.values(), ids=CASES.keys())
def test_rows(points: list[TimelinePoint], expected: list[tuple[str, list[str], int]]) -> None:
    assert rows_of(*points) == expected


def test_dates_span_the_merged_documents() -> None:
    timeline = Timeline(
        subject="铁路",
        unit="km",
        points=[
            point("660公里", 1, date="2023-03-01"),
            point("660公里", 2),
            point("660公里", 3, date="2023-01-05"),
        ],
    )
    (row,) = timeline_rows(timeline)
    assert (row.count, row.dated) == (3, "2023-01-05 – 2023-03-01")
    single = timeline_rows(
        Timeline(subject="铁路", unit="km", points=[point("660公里", 1, date="2023-03-01")])
    )
    assert single[0].dated == "2023-03-01"


def test_chart_has_a_dot_per_row_naming_its_places() -> None:
    points = [point("660公里", n) for n in range(1, 8)] + [point("680公里", 8)]
    shown = chart(timeline_rows(Timeline(subject="铁路", unit="km", points=points)))
    assert len(shown.dots) == 2
    assert "r1.txt:1, r2.txt:2, r3.txt:3 and 4 more" in shown.dots[0].title
    assert shown.dots[0].y > shown.dots[1].y  # 680 is drawn higher (SVG's y grows downwards)
    assert shown.line == f"{shown.dots[0].x},{shown.dots[0].y} {shown.dots[1].x},{shown.dots[1].y}"
