"""Mini-corpora for the rule case files: documents as strings, claims marked in place.

A claim is written ``[[7万个以上]]`` inside the document text; the markup is
removed and the claim gets the offsets, line and column of the span in the
plain text, as the extractor would give them.  Value, unit, measure word and
bound are read from the span by a deliberately small parser (the case files
test rules, not extraction); anything else, or anything the parser gets
wrong, is set after a bar: ``[[两年多|unit=year;subject=安全运行]]``.

Intervals are made by the extractor's own function (checker/extract/bounds.py):
a plain figure is its rounding interval, a plain count is exact, 以上 is
[v, inf), 多 is (v, v+step).  Relations between the claims are read by the
extractor's relation readers (checker/extract/relations/), as in a real run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from checker.extract.bounds import interval
from checker.extract.relations import relate
from checker.extract.words import YEAR as _YEAR
from checker.models import Bound, Claim, Interval, Modality, Period, PeriodKind, Relation

MARK = re.compile(r"\[\[(.+?)\]\]", re.S)

# fmt: off
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# fmt: on
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_EN = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
EN_NUMBERS = {w: i for i, w in enumerate([*_EN.split(), "seventeen", "eighteen", "nineteen", "twenty"])}
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "million": 1e6, "billion": 1e9, "thousand": 1e3}
# (written unit, canonical unit, measure word); longest first when matching.
UNITS: list[tuple[str, str, str | None]] = sorted(
    [
        ("个月", "month", None),
        ("小时", "hour", None),
        ("天", "day", None),
        ("周", "week", None),
        ("年", "year", None),
        ("公里", "km", None),
        ("米", "m", None),
        ("%", "percent", None),
        ("个百分点", "percentage_point", None),
        ("分", "point", None),
        ("元", "CNY", None),
        ("倍", "ratio", None),
        ("months", "month", None),
        ("month", "month", None),
        ("hours", "hour", None),
        ("days", "day", None),
        ("day", "day", None),
        ("weeks", "week", None),
        ("years", "year", None),
        ("year", "year", None),
        ("km", "km", None),
        ("kilometres", "km", None),
        ("kilometers", "km", None),
        ("percent", "percent", None),
        ("points", "point", None),
        ("yuan", "CNY", None),
        *((w, "count", w) for w in "个 项 家 条 批次 所 名 座 件 位 批 处 种 类 轮 届 方面 部分".split()),  # noqa: SIM905
    ],
    key=lambda u: -len(u[0]),
)
PREFIX_BOUNDS = [
    ("不少于", Bound.GE), ("至少", Bound.GE), ("不低于", Bound.GE), ("at least", Bound.GE),
    ("超过", Bound.GT), ("超", Bound.GT), ("逾", Bound.GT), ("more than", Bound.GT), ("over", Bound.GT),
    ("不超过", Bound.LE), ("最多", Bound.LE), ("up to", Bound.LE), ("at most", Bound.LE),
    ("不到", Bound.LT), ("不足", Bound.LT), ("less than", Bound.LT),
    ("近", Bound.APPROX), ("nearly", Bound.APPROX), ("约", Bound.APPROX), ("about", Bound.APPROX),
]  # fmt: skip
SUFFIX_BOUNDS = [
    ("及以上", Bound.GE),
    ("以上", Bound.GE),
    ("以内", Bound.LE),
    ("之内", Bound.LE),
    ("以下", Bound.LE),
]


@dataclass
class Figure:
    value: float
    unit: str
    measure: str | None
    bound: Bound
    interval: Interval


def _cn_number(s: str) -> float:
    total, current = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
    return float(total + current)


NUMBER = re.compile(
    r"(?P<arabic>\d[\d,]*(?:\.\d+)?)|(?P<cn>[零〇一二两三四五六七八九十百千]+)|(?P<en>\b(?:"
    + "|".join(sorted(EN_NUMBERS, key=len, reverse=True))
    + r")\b)",
    re.I,
)


def parse_figure(span: str) -> Figure:
    """Value, unit, measure and bound of a marked span, extractor style."""
    text = " ".join(span.split())
    compact = text.replace(" ", "") if not re.search(r"[A-Za-z]{2}", text) else text
    lowered = compact.lower()
    rest = lowered
    m = NUMBER.search(rest)
    if not m:
        raise ValueError(f"no number in marked span {span!r}")
    bound = next((b for word, b in PREFIX_BOUNDS if word in rest[: m.start()]), Bound.EQ)
    if m.group("arabic"):
        digits = m.group("arabic").replace(",", "")
        value = float(digits)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        precision = 10.0**-decimals
    elif m.group("cn"):
        value, precision = _cn_number(m.group("cn")), 1.0
    else:
        value, precision = float(EN_NUMBERS[m.group("en").lower()]), 1.0
    after = rest[m.end() :].lstrip()
    for word, factor in MULTIPLIERS.items():
        if after.startswith(word):
            value, precision, after = value * factor, precision * factor, after[len(word) :].lstrip()
            break
    more = after.startswith(("多", "余"))
    if more:
        after = after[1:]
    unit, measure = "count", None
    for word, canonical, mw in UNITS:
        if after.startswith(word):
            unit, measure, after = canonical, mw, after[len(word) :]
            break
    if after.startswith(("多", "余")):
        more, after = True, after[1:]
    for word, b in SUFFIX_BOUNDS:
        if after.startswith(word):
            bound = b
    if more:
        bound = Bound.GT
    span = interval(
        value,
        bound,
        precision,
        step=precision if more else 0.0,
        nearly="近" in compact or "nearly" in lowered,
        count=unit == "count",
    )
    return Figure(value, unit, measure, bound, span)


def _overrides(spec: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in filter(None, (s.strip() for s in spec.split(";"))):
        key, _, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if key in ("value", "lower", "upper"):
            out[key] = None if value == "none" else float(value)
        elif key == "year":
            out[key] = int(value)
        elif key == "period" and value == "relative":
            out[key] = Period(relative=True)  # 今年 in an undated report
        elif key == "period":
            # "2006" or "2001-2005": a span of whole years
            first, _, last = value.partition("-")
            out[key] = Period(start=f"{first}-01-01", end=f"{last or first}-12-31", kind=PeriodKind.SPAN)
            out.setdefault("year", int(first) if not last else None)
        elif key == "modality":
            out[key] = Modality(value)
        elif key == "qualifiers":
            out[key] = [q for q in value.split(",") if q]
        elif key == "bound":
            out[key] = Bound(value)
        elif key == "measure":
            out[key] = value or None
        else:
            out[key] = value
    return out


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def mark_up(path: str, marked: str) -> tuple[str, list[Claim]]:
    """The plain text of a marked document and its claims."""
    plain: list[str] = []
    spans: list[tuple[int, int, str, str]] = []
    pos = out = 0
    for m in MARK.finditer(marked):
        plain.append(marked[pos : m.start()])
        out += m.start() - pos
        span, _, spec = m.group(1).partition("|")
        plain.append(span)
        spans.append((out, out + len(span), span, spec))
        out += len(span)
        pos = m.end()
    plain.append(marked[pos:])
    text = "".join(plain)
    claims = []
    for start, end, span, spec in spans:
        fig = parse_figure(span)
        line, column = _line_col(text, start)
        end_line, end_column = _line_col(text, end)
        fields: dict[str, Any] = {
            "value": fig.value,
            "unit": fig.unit,
            "measure": fig.measure,
            "bound": fig.bound,
            "interval": fig.interval,
        }
        override = _overrides(spec)
        bounds = {k: override.pop(k) for k in ("lower", "upper") if k in override}
        if bounds:
            fields["interval"] = fig.interval.model_copy(update={**bounds, "exact": False})
        fields.update(override)
        # As the extractor does: the year written right against a figure wins ("2018年的159.24分").
        fields["year"] = adjacent_year(text, start, end) or fields.get("year")
        sentence_start = max(text.rfind(ch, 0, start) for ch in "。！？\n") + 1
        claims.append(
            Claim(
                path=path,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                offset=start,
                end=end,
                text=span,
                sentence=text[sentence_start : start + 40].split("。")[0],
                sentence_offset=start - sentence_start,
                sentence_end=end - sentence_start,
                **fields,
            )
        )
    return text, claims


# The extractor reads a claim's period from its text (checker/extract/periods.py); a marked claim
# gets at least the year written right against it, as the extractor would give it.
_YEAR_BEFORE_RE: re.Pattern[str] = re.compile(rf"({_YEAR})\s*年(?:的|底|末|初)?\s*$")
_YEAR_AFTER_RE: re.Pattern[str] = re.compile(rf"^\s*(?:[A-Za-z]+\s+){{0,2}}?in\s+({_YEAR})\b")


def adjacent_year(text: str, start: int, end: int) -> int | None:
    """The year written right against a figure: "2018年的159.24分", "409.89 points in 2023".

    It wins over a time scope read forwards: in "从2018年的159.24分提高到2023年的409.89分"
    each figure has its own year.
    """
    m = _YEAR_BEFORE_RE.search(text, max(0, start - 10), start) or _YEAR_AFTER_RE.match(text[end : end + 30])
    return int(m.group(1)) if m else None


def build(docs: dict[str, str]) -> tuple[dict[str, str], list[Claim], list[Relation]]:
    """Plain texts by path, every claim of every document, and the relations between them."""
    texts: dict[str, str] = {}
    claims: list[Claim] = []
    relations: list[Relation] = []
    for path, marked in docs.items():
        texts[path], found = mark_up(path, marked)
        claims.extend(found)
        relations.extend(relate(path, texts[path], found))
    return texts, claims, relations
