"""A timeline as a small chart: the geometry of an inline SVG, computed here, drawn by the template.

One dot per row of the timeline's table (timerows.py: a figure stated, its
repeats merged), in the timeline's order (by period, then document date), its
height the value; outcomes are joined by a line, targets and estimates are open
dots.  No script, no fonts, no styles: the page's CSP holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.report.timerows import TimelineRow

WIDTH, HEIGHT, PAD = 320, 120, 18


@dataclass(frozen=True)
class Dot:
    """A figure on the chart: where, what kind, and its hover text."""

    x: float
    y: float
    modality: str
    title: str


@dataclass(frozen=True)
class Chart:
    """The chart of one timeline: its dots, the outcome line, and the axis labels."""

    dots: list[Dot]
    line: str
    low: str
    high: str
    width: int = WIDTH
    height: int = HEIGHT


def _label(x: float) -> str:
    return f"{x:,.6g}"


def chart(rows: list[TimelineRow]) -> Chart:
    """The chart of a timeline's rows (values in the unit of each point; a fact has one unit)."""
    values = [r.first.value for r in rows]
    low, high = min(values), max(values)
    span = (high - low) or max(abs(high), 1.0)
    step = (WIDTH - 2 * PAD) / max(len(rows) - 1, 1)
    dots = []
    for i, r in enumerate(rows):
        p = r.first
        x = PAD + i * step if len(rows) > 1 else WIDTH / 2
        y = HEIGHT - PAD - (p.value - low) / span * (HEIGHT - 2 * PAD)
        where = ", ".join(r.places) + (f" and {r.more:,} more" if r.more else "")
        title = f"{p.text} · {p.period.label()} · {p.modality.value} · {where}" + (
            f" · {r.dated}" if r.dated else ""
        )
        dots.append(Dot(round(x, 1), round(y, 1), p.modality.value, title))
    outcomes = [d for d in dots if d.modality in ("reported", "achieved")]
    line = " ".join(f"{d.x},{d.y}" for d in outcomes) if len(outcomes) > 1 else ""
    return Chart(dots=dots, line=line, low=_label(low), high=_label(high))
