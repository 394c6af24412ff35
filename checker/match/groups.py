"""Facts as the report lists them: each with its status, conflicts first."""

from __future__ import annotations

from collections.abc import Sequence

from checker.match.grouping import Fact
from checker.match.languages import claim_language
from checker.models import ClaimRef, Group, GroupStatus

_STATUS_RANK = {"conflict": 0, "disputed": 1, "corroborated": 2, "single": 3}


def group_of(fact: Fact, status: GroupStatus | None = None) -> Group:
    """One fact with its status, and the languages of its quotes when it crosses languages.

    `status` is the fact's, when an earlier evaluation judged it already (checker/kept.py).
    """
    crosses = len(fact.languages) > 1
    return Group(
        key=fact.key,
        subject=fact.label(),
        unit=fact.unit,
        measure=fact.measure,
        time_scope=str(fact.year) if fact.year is not None else None,
        status=status or fact.assessment.status,
        documents=fact.documents,
        claims=[ClaimRef.of(c, language=claim_language(c) if crosses else None) for c in fact.claims],
        languages=list(fact.languages) if crosses else [],
        linked_on=list(fact.linked_on),
    )


def report_order(group: Group) -> tuple[int, str, str]:
    """Conflicts first, then by subject; the key settles ties, so any evaluation lists them alike."""
    return (_STATUS_RANK[group.status], group.subject, group.key)


def groups_of(facts: Sequence[Fact]) -> list[Group]:
    """Every fact with its status, in report order."""
    return sorted((group_of(fact) for fact in facts), key=report_order)
