"""Dates a document carries in its name or its first lines.

File names: ``2024-06-05``, ``20240605``, ``2024年6月5日``, ``2024-06``, or a
leading year (``2013_…``, ``1998_政府工作报告.txt``).  First lines: a date line
("——2024年3月5日在第十四届全国人民代表大会第二次会议上", "（2024年6月5日）",
"2024-06-05", "June 5, 2024"), or a wire dateline with month and day only
("新华社北京6月5日电", "BEIJING, June 5 (Xinhua) --") whose year comes from
elsewhere (the file name, or a date line).  Anything impossible is no date.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from checker.models import PartialDate
from checker.sources.dates import MONTHS, make_date

_Y = r"(?P<y>(?:1[89]|20)\d{2})"
_NAME_PATTERNS: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(rf"(?<!\d){_Y}(?P<sep>[-_.])(?P<m>\d{{2}})(?P=sep)(?P<d>\d{{2}})(?!\d)"),
    re.compile(rf"(?<!\d){_Y}(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
    re.compile(rf"{_Y}年(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})日)?"),
    re.compile(rf"(?<!\d){_Y}-(?P<m>\d{{2}})(?![\d-])"),
    re.compile(rf"\A{_Y}(?!\d)"),
)
_FULL_CJK_RE: Final[re.Pattern[str]] = re.compile(
    rf"{_Y}\s*年\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?"
)
_ISO_RE: Final[re.Pattern[str]] = re.compile(rf"(?<!\d){_Y}-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?!\d)")
_EN_FULL_RE: Final[re.Pattern[str]] = re.compile(
    rf"\b(?P<mon>[A-Z][a-z]{{2,8}})\.?\s+(?P<d>\d{{1,2}}),?\s+{_Y}\b|\b(?P<d2>\d{{1,2}})\s+(?P<mon2>[A-Z][a-z]{{2,8}})\.?,?\s+(?P<y2>(?:1[89]|20)\d{{2}})\b"
)
# Wire datelines: agency and place, then month and day, then 电/讯 ("新华社北京6月5日电").
_CJK_WIRE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:社|网|报|台|记者)[^\n。，,]{0,16}?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:电|讯)"
)
_EN_WIRE_RE: Final[re.Pattern[str]] = re.compile(
    r"^[A-Z][A-Z .'-]{1,30},\s+(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})\s*(?:\([^)\n]{1,30}\)\s*)?(?:--|—|–|-)",
    re.MULTILINE,
)
# What may stand before a date line's date: dashes, brackets, a label such as "发布时间：" or "Published:".
_LINE_LEAD_RE: Final[re.Pattern[str]] = re.compile(
    r"[ \t]*(?:[—–-]{1,2}|[(（【\[])?[ \t]*(?:[^\d\n:：]{1,10}[:：][ \t]*)?"
)
_TIME_OF_DAY_RE: Final[re.Pattern[str]] = re.compile(r"\A[T ]?\d{1,2}:\d{2}(?::\d{2})?")
_SHORT_REST: Final[int] = 12
_HEAD_LINES: Final[int] = 8
_HEAD_CHARS: Final[int] = 800


def from_file_name(name: str) -> PartialDate | None:
    """The date a file name states, or None."""
    stem = unicodedata.normalize("NFKC", name)
    for pattern in _NAME_PATTERNS:
        for m in pattern.finditer(stem):
            groups = m.groupdict()
            month = int(groups["m"]) if groups.get("m") else None
            day = int(groups["d"]) if groups.get("d") else None
            found = make_date(int(groups["y"]), month, day)
            if found is not None:
                return found
    return None


def head(text: str) -> str:
    """The first lines of a text that are not blank, NFKC-normalised (full-width digits read as digits)."""
    lines = [ln for ln in text[: _HEAD_CHARS * 2].split("\n") if ln.strip()][:_HEAD_LINES]
    return unicodedata.normalize("NFKC", "\n".join(lines))[:_HEAD_CHARS]


def _line_date(line: str) -> tuple[PartialDate | None, int]:
    """The date a line opens with, and where it ends."""
    m = _FULL_CJK_RE.match(line) or _ISO_RE.match(line)
    if m:
        day = m.group("d")
        return make_date(int(m.group("y")), int(m.group("m")), int(day) if day else None), m.end()
    m = _EN_FULL_RE.match(line)
    if m:
        mon, day, year = (m.group("mon"), m.group("d"), m.group("y"))
        if not mon:
            mon, day, year = m.group("mon2"), m.group("d2"), m.group("y2")
        if mon.lower() in MONTHS:
            return make_date(int(year), MONTHS[mon.lower()], int(day)), m.end()
    return None, 0


def _date_line(top: str) -> PartialDate | None:
    """A line that is a date: alone, after a dash or bracket, or after a short label ("发布时间：")."""
    for raw in top.split("\n"):
        m = _LINE_LEAD_RE.match(raw)
        lead = m.group(0) if m else ""
        line = raw[len(lead) :]
        found, end = _line_date(line)
        if found is None:
            continue
        rest = _TIME_OF_DAY_RE.sub("", line[end:]).strip(" )）】]")
        # A dated lead ("2024年3月5日，国务院……") opens news copy; a year alone opens prose, not a date line.
        lead_in = found.day is not None and line[end : end + 1] in "，,"
        if lead.strip() or lead_in or len(rest) <= _SHORT_REST:
            return found
    return None


def _wire(top: str) -> tuple[int, int] | None:
    m = _CJK_WIRE_RE.search(top)
    if m:
        return int(m.group("m")), int(m.group("d"))
    m = _EN_WIRE_RE.search(top)
    if m and m.group("mon").lower() in MONTHS:
        return MONTHS[m.group("mon").lower()], int(m.group("d"))
    return None


def from_dateline(text: str, year: int | None) -> PartialDate | None:
    """The date the first lines state; a month-and-day dateline takes `year` (known from elsewhere)."""
    top = head(text)
    full = _date_line(top)
    wire = _wire(top)
    if wire is not None:
        wire_year = year if year is not None else (full.year if full is not None else None)
        if wire_year is not None:
            found = make_date(wire_year, *wire)
            if found is not None:
                return found
    return full
