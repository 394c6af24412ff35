"""Period and modality of each figure, set on its context: the one hook `context.describe` calls.

Kept apart so the context rules (subjects, qualifiers) and the time rules
(`periods`, `timewords`, `timeread`, `modality`) change independently.
"""

from __future__ import annotations

import re
from typing import Final, Protocol

from checker.extract.layout import Layout, layout_of
from checker.extract.modality import Modalities
from checker.extract.normalize import Normalized
from checker.extract.periods import Periods, year_of
from checker.models import Modality, PartialDate, Period

_YEAR_RE: Final[re.Pattern[str]] = re.compile(r"(?:1[89]|20)\d{2}")


class Timed(Protocol):
    """What timing sets on a figure's context."""

    period: Period
    time_scope: str | None
    year: int | None
    modality: Modality


# A change against the year before ("比上年增长9.3%") is about one year.
_YEAR_ON_YEAR_RE: Final[re.Pattern[str]] = re.compile(r"比上年|较上年|比去年|较去年|同比|上年同期")


class Timing:
    """Resolves periods and modalities of the figures of one normalised text, in text order."""

    def __init__(self, text: str, date: PartialDate | None, layout: Layout | None = None) -> None:
        self.periods = Periods(text, date, layout)
        self.modalities = Modalities(text, date)
        self.date = date

    def _one_year(self, period: Period, clause_start: int, start: int) -> Period:
        """A year-on-year figure in a several-year context: the last year over at the document's date.

        "１９８６年是开始执行第七个五年计划的一年……比上年增长９．３％" in the 1987 report
        is 1986, not 1986–1990.
        """
        date = self.date
        if (
            date is None
            or not period.known
            or not _YEAR_ON_YEAR_RE.search(self.periods.text, clause_start, start)
        ):
            return period
        assert period.start is not None and period.end is not None
        first, last = int(period.start[:4]), int(period.end[:4])
        year = date.year - 1
        if first == last or not first <= year <= last:
            return period
        return period.model_copy(update={"start": f"{year}-01-01", "end": f"{year}-12-31"})

    @classmethod
    def of(cls, norm: Normalized, date: PartialDate | None) -> Timing:
        """Timing of a normalised text, its paragraphs and headings taken from the lines it joined."""
        return cls(norm.text, date, layout_of(norm.translated, norm.from_original_all))

    def apply(
        self, ctx: Timed, span: tuple[int, int], own_start: int, clause_start: int, english: str | None
    ) -> None:
        """Set period, time scope, year and modality of the figure at `span` on `ctx`.

        `own_start` is where the figure's own clause starts (after the previous
        figure), `clause_start` where its comma clause starts; `english` is the
        English sentence before an English figure.
        """
        start, end = span
        timed = self.periods.resolve(start, end, own_start, english is not None)
        ctx.period = self._one_year(timed.period, clause_start, start)
        ctx.year = year_of(timed.period)
        if timed.ref is not None:
            ctx.time_scope = timed.ref.text
        elif ctx.time_scope is not None and _YEAR_RE.search(ctx.time_scope):
            # a year the period rules did not take (a comparison base): no scope rather than a wrong one
            ctx.time_scope = None
        ctx.modality = self.modalities.of(start, clause_start, timed.sentence_start, timed.period, english)
