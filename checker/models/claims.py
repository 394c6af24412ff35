"""Claims: numeric statements with their exact place, interval, subject, period and modality."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from functools import cached_property
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from checker.models.documents import Period
from checker.models.values import Bound, Interval

M = TypeVar("M", bound=BaseModel)
_FIGURES = re.compile(r"[\d.,，零〇一二两三四五六七八九十百千万亿]+")


class Modality(StrEnum):
    """Whether a figure is an outcome, a goal or plan, or an estimate.

    `reported` is an outcome (what happened); `achieved` an outcome the text
    marks as reached (已, 累计, 完成); `target` a goal or plan (预期目标, 力争, 计划, 拟,
    将, 要, 到20XX年达到); `estimate` a forecast or estimate (预计, 估计).  A target
    never contradicts an outcome.
    """

    TARGET = "target"
    ACHIEVED = "achieved"
    REPORTED = "reported"
    ESTIMATE = "estimate"

    @property
    def is_outcome(self) -> bool:
        return self in (Modality.REPORTED, Modality.ACHIEVED)


class Claim(BaseModel):
    """A numeric statement found in a document, with its exact place.

    `value` is the stated figure in `unit` (70000 for "7万个"); `interval` is
    what the statement allows once its bound word and its written precision
    are taken into account (a plain count of things is exact: "19个" is 19).
    """

    model_config = ConfigDict(frozen=True)

    path: str
    line: int = Field(ge=1, description="1-based line of the span's first character in the original file")
    column: int = Field(ge=1, description="1-based column of that character")
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1, description="1-based column just past the span's last character")
    offset: int = Field(ge=0, description="character offset of the span in the decoded text")
    end: int = Field(ge=0, description="exclusive end offset")
    text: str = Field(description="the exact original span, OCR breaks and spaces kept")
    value: float
    unit: str = Field(description="canonical unit: km, count, percent, CNY, hour, day, point, ratio, ...")
    measure: str | None = Field(
        default=None, description="for counts, the measure word as written (个, 项, 家)"
    )
    bound: Bound = Bound.EQ
    interval: Interval = Field(default_factory=Interval, description="the values the statement allows")
    subject: str = Field(default="", description="the phrase the figure measures")
    kind: str = Field(default="quantity", description="count, amount, percent, length, duration, score, ...")
    time_scope: str | None = Field(default=None, description="2024年度, 到2025年, 2018年以来, ...")
    year: int | None = Field(default=None, description="the year the figure refers to, when stated")
    modality: Modality = Modality.REPORTED
    period: Period = Field(default_factory=Period, description="when the figure holds")
    qualifiers: list[str] = Field(default_factory=list, description="words that set look-alikes apart")
    sentence: str = Field(default="", description="the sentence around the claim, normalised, for excerpts")
    sentence_offset: int = Field(
        default=0, description="index of the claim's first character within `sentence`"
    )
    sentence_end: int = Field(
        default=0, description="index just past the claim's last character in `sentence`"
    )
    page: int | None = Field(default=None, ge=1, description="1-based page of a paged document (PDF)")
    paragraph: int | None = Field(
        default=None, ge=1, description="1-based paragraph of a web page or Word file"
    )

    @property
    def figure(self) -> Interval:
        """The written figure with its rounding, bound word ignored ("不超过144小时" → [143.5, 144.5])."""
        iv = self.interval
        if iv.exact or self.bound in (Bound.EQ, Bound.RANGE):
            return iv
        half = iv.precision / 2
        return Interval(lower=self.value - half, upper=self.value + half, precision=iv.precision)

    @cached_property
    def ident(self) -> str:
        """Identity within a run: document and character span (relations name claims by it).

        Kept once made: a run asks each claim for it tens of times (761,000 times a run at 10,000
        documents).  The claim is frozen; a copy with other fields forgets it (model_copy).
        """
        return f"{self.path}:{self.offset}:{self.end}"

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, without the identity and key kept for the original (its path or sentence may be others)."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("ident", None)
        copy.__dict__.pop("key", None)
        return copy

    @property
    def id(self) -> str:
        return self.ident

    @cached_property
    def key(self) -> str:
        """The claim's identity by its place in words: the words around it in its sentence.

        Never offsets or line numbers (an unrelated paragraph added above changes
        neither), never the figures (a changed figure is the same claim with
        another value, so a finding about it keeps its fingerprint), and not the
        path: fingerprints add the documents themselves, so a renamed file's
        findings can be followed.  Kept once made, as `ident` is: settling one run's findings at
        10,000 documents asked for 20,000 keys (0.07 s of a 0.15 s step).
        """
        before = _FIGURES.sub("#", self.sentence[: self.sentence_offset])
        after = _FIGURES.sub("#", self.sentence[self.sentence_end :])
        payload = "\x1f".join([before, after])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class ClaimRef(Claim):
    """A claim as quoted in a finding or group, with its role in the check (total, part, start, ...).

    The span's end and offsets default to 0 so findings stored by earlier versions still load.
    """

    end_line: int = 0
    end_column: int = 0
    offset: int = 0
    end: int = 0

    role: str | None = Field(
        default=None, description="what the claim is in the check: total, part, start, ..."
    )
    language: str | None = Field(
        default=None, description="zh or en, for the quotes of a fact linked across languages"
    )

    def place(self) -> str:
        """Page and paragraph in words ("page 2, paragraph 5"); empty for plain text."""
        parts = [
            f"page {self.page}" if self.page else "",
            f"paragraph {self.paragraph}" if self.paragraph else "",
        ]
        return ", ".join(p for p in parts if p)

    @classmethod
    def of(cls, claim: Claim, role: str | None = None, language: str | None = None) -> ClaimRef:
        """The claim quoted in this role; within `shared_refs()`, one object for each claim, role and language."""
        shared = _SHARED.get()
        key = (id(claim), role, language)
        if shared is not None and (hit := shared.get(key)) is not None and hit[0] is claim:
            return hit[1]
        # The claim was validated when it was made: its fields are copied, not validated again (and not
        # through model_construct, whose loop over the fields was 29 of 30 µs a quote).  Every field is
        # given, so every ref's set of given fields is the same one (frozen: nothing ever adds to it).
        ref = built(cls, {**claim.__dict__, "role": role, "language": language}, _REF_FIELDS)
        if shared is not None:
            shared[key] = (claim, ref)
        return ref


_REF_FIELDS = set(ClaimRef.model_fields)
_new = object.__new__
_set = object.__setattr__


def built(cls: type[M], fields: dict[str, Any], given: set[str]) -> M:
    """A model of `cls` from values already of its fields' types, in its fields' order: no validation.

    What model_construct leaves behind, without its work per field; for values the checker made itself
    and typed (tests hold such models equal to validated ones).
    """
    model: M = _new(cls)
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", given)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


# A claim is quoted by every finding and group about it, each once per rule kind: at 10,000 documents, 312,000
# quotes of 60,000 claims took 494 MB as copies.  Refs are frozen, so one object can stand in every one of them.
# The claim is kept beside its ref so that its id is not reused while the context lasts.
_SHARED: ContextVar[dict[tuple[int, str | None, str | None], tuple[Claim, ClaimRef]] | None] = ContextVar(
    "shared_refs", default=None
)


# A model keeps the set of field names it was given, and a set of 25 names takes 2.2 KB: of the 6.2 KB a
# stored claim took in memory (with its interval and period), 3.7 KB were such sets, all alike.
_GIVEN: dict[frozenset[str], set[str]] = {}


def compact(claim: Claim) -> Claim:
    """The claim (as read from the store) with its sets of given field names shared with every claim's alike.

    Claims, intervals and periods are frozen, so nothing ever adds to the set they share.
    """
    for model in (claim, claim.interval, claim.period):
        given = model.__pydantic_fields_set__
        object.__setattr__(model, "__pydantic_fields_set__", _GIVEN.setdefault(frozenset(given), given))
    return claim


@contextmanager
def shared_refs() -> Iterator[None]:
    """Within it, quoting the same claim in the same role and language gives the same ClaimRef object."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)
