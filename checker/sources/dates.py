"""Dates as people write them, to a PartialDate: 2024, 2024-06, 2024-06-05, 2024年6月5日, June 5, 2024.

A metadata value that is not a date (``2024-13-45``) is an error the user
must fix, so `parse_date` raises with the reason; dates found in file names
and datelines are guesses, so their finders use `make_date`, which answers
None for an impossible date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import Final

from checker.models import PartialDate

MONTHS: Final[dict[str, int]] = {
    name: i for i in range(1, 13) for name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())
} | {"sept": 9}

_NUMERIC_RE: Final[re.Pattern[str]] = re.compile(
    r"(?P<y>\d{4})(?:(?P<sep>[-/.])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT_RE: Final[re.Pattern[str]] = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_CJK_RE: Final[re.Pattern[str]] = re.compile(
    r"(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?"
)
_EN_MDY_RE: Final[re.Pattern[str]] = re.compile(
    r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?:(?P<d>\d{1,2}),?\s+)?(?P<y>\d{4})"
)
_EN_DMY_RE: Final[re.Pattern[str]] = re.compile(
    r"(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})"
)

FORMS: Final[str] = "YYYY, YYYY-MM or YYYY-MM-DD (or 2024年6月5日, June 5, 2024)"


def check_date(year: int, month: int | None = None, day: int | None = None) -> PartialDate:
    """The date, or ValueError saying which part is impossible."""
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1-12")
    if day is not None:
        if month is None:
            raise ValueError("a day needs a month")
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"day {day} is not 1-{last} in {year}-{month:02d}")
    return PartialDate(year=year, month=month, day=day)


def make_date(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    """The date, or None when it cannot exist (a guess from a file name or a dateline)."""
    try:
        return check_date(year, month, day)
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)


def _from_text(text: str) -> PartialDate:
    for pattern in (_NUMERIC_RE, _COMPACT_RE, _CJK_RE):
        m = pattern.fullmatch(text)
        if m:
            return check_date(int(m.group("y")), _int(m.group("m")), _int(m.group("d")))
    for pattern in (_EN_MDY_RE, _EN_DMY_RE):
        m = pattern.fullmatch(text)
        if m and m.group("mon").lower() in MONTHS:
            return check_date(int(m.group("y")), MONTHS[m.group("mon").lower()], _int(m.group("d")))
    raise ValueError("not a date")


def parse_date(value: object) -> PartialDate:
    """A metadata value (YAML date, year number or text) as a date; ValueError says why it is not one."""
    if isinstance(value, datetime):
        return PartialDate(year=value.year, month=value.month, day=value.day)
    if isinstance(value, date):
        return PartialDate(year=value.year, month=value.month, day=value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        return check_date(value)
    if isinstance(value, str) and value.strip():
        return _from_text(value.strip())
    raise ValueError("not a date")


def refines(coarse: PartialDate, fine: PartialDate) -> bool:
    """Whether `fine` says more than `coarse` and agrees with everything `coarse` says."""
    if fine.year != coarse.year:
        return False
    if coarse.month is None:
        return fine.month is not None
    return fine.month == coarse.month and coarse.day is None and fine.day is not None
