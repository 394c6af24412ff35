"""Findings (the outcome of one check) and groups of claims that state one fact."""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.models.claims import ClaimRef


class Severity(StrEnum):
    """How much a finding matters: errors fail the check (exit status 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


GroupStatus = Literal["corroborated", "conflict", "disputed", "single"]


class Group(BaseModel):
    """Claims that state the same fact, possibly across documents."""

    # Never changed once made: what is made of it is kept by its identity (models/reuse.py).
    model_config = ConfigDict(frozen=True)

    key: str = Field(description="stable identity of the fact: subject, unit, measure, scope")
    subject: str
    unit: str
    measure: str | None = None
    time_scope: str | None = None
    status: GroupStatus
    documents: list[str]
    claims: list[ClaimRef]
    languages: list[str] = Field(
        default_factory=list, description="zh, en: set when the fact crosses languages"
    )
    linked_on: list[str] = Field(
        default_factory=list, description="the word pairs an English-Chinese link rests on, for the reviewer"
    )


FindingStatus = Literal["new", "persisting", "accepted"]


class Related(BaseModel):
    """Another rule's view of the same mistake, shown with the finding instead of beside it."""

    rule: str
    code: str = ""
    name: str = ""
    message: str
    fingerprint: str = ""


class Finding(BaseModel):
    """The outcome of one check: a discrepancy, or (severity info) a confirmation."""

    rule: str = Field(description="the rule instance's id (a rule file may define several of one kind)")
    code: str = Field(default="", description="the rule kind's stable code, as sqlfluff has them: CK101")
    name: str = Field(default="", description="the rule kind's dotted name: consistency.agree")
    severity: Severity
    message: str
    claims: list[ClaimRef]
    related: list[Related] = Field(
        default_factory=list, description="the same mistake as other rules see it (one mistake, one finding)"
    )
    fingerprint: str = ""
    fact: str = Field(default="", description="what was checked, in words: the subject or the arithmetic")
    passed: bool = Field(default=False, description="True when the check held (reported so reviewers see it)")
    status: FindingStatus = "new"
    accepted_reason: str | None = None

    @staticmethod
    def make_fingerprint(rule: str, fact: str, documents: list[str]) -> str:
        """Stable across unrelated edits: rule, fact and document identities, never line numbers."""
        payload = "\x1f".join([rule, fact, *sorted(set(documents))])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
