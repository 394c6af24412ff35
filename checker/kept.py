"""The units of an evaluation kept in the store, so that the next process carries them over too.

The memo of checker/incremental.py lives as long as a store object: the watch
service keeps it across runs, but every `checker check` is a new process that
starts with an empty one.  So each unit a run evaluates is also written to the
store, one row under a digest of its key, and a new memo starts from the rows
kept there (per set of roots: watchers of other folders on a shared store
keep their own).

The digest covers the unit's key (its claims' places, its documents'
signatures, its facts' shape) and what its findings follow from besides the
claims: each rule's kind and state (settings and loaded data, Rule.state) and
the code that judges (the package version and the source of the rule kinds,
matching, models and units; a rule kind's own module when a plugin brings it).
A row is found only by the digest of what it was computed from, so a stale
row, or one a crashed run left, is never taken for another unit: at worst a
unit is evaluated again.  Findings are kept, and the status of each of the
unit's facts: its groups are rebuilt from its facts, which costs less than
reading them back once judging their status is spared.  The facts of each
component are kept the same way (their claims by identity), under the code's
digest alone: grouping never reads the rules.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import marshal
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from checker.codedigest import code_digest
from checker.match.grouping import Fact
from checker.models import Claim, ClaimRef, Finding, GroupStatus
from checker.rules.base import Rule

# The code a finding follows from (what is extracted is in the documents' signatures already).
JUDGES = ("rules", "match", "models", "units", "incremental.py", "partition.py", "kept.py")


class KeptUnit(BaseModel):
    """What a unit's evaluation found, as kept in the store."""

    found: dict[str, list[Finding]]
    problems: list[str]
    statuses: list[GroupStatus] | None = None  # of the unit's facts, in order


# A quote kept by the identity of the unit's claim it copies (and its role and language) rather than whole:
# the unit's claims are in memory when it is read back, and a row that repeats each quoted sentence is most
# of its size.  A quote that is not such a plain copy is kept whole.
_QuoteRow = list[str | None] | dict[str, Any]


def kind(what: str, roots: Sequence[str]) -> str:
    """The rows of `what` ("units", "facts") of the runs over exactly these roots."""
    return f"{what} " + json.dumps(list(roots), ensure_ascii=False)


def salt(rules: Sequence[Rule]) -> str:
    """What every kept unit's findings follow from besides its claims: the rules and the code that judges."""
    h = hashlib.blake2b(digest_size=16)
    h.update(_code_digest().encode())
    for rule in rules:
        kind_of = type(rule)
        h.update(f"\x1e{kind_of.__module__}.{kind_of.__qualname__}\x1f{_file_digest(kind_of)}\x1f".encode())
        h.update(rule.state().encode())
    return h.hexdigest()


def digest(salt_: str, key: tuple[object, ...]) -> str:
    """A unit's row key: its key (nested tuples of strings and numbers) and the salt.

    The key is written by marshal's version 2, which has no back-references, so equal keys give equal
    bytes however their strings are shared (its repr took 0.34 s of 31,666 keys, 35 MB, at 10,000
    documents; marshal 0.19 s).  Only written, never read back.
    """
    h = hashlib.blake2b(salt_.encode(), digest_size=20)
    h.update(b"\x1f")
    h.update(marshal.dumps(cast("tuple[Any, ...]", key), 2))
    return h.hexdigest()


def encode(
    found: dict[str, list[Finding]],
    problems: list[str],
    claims: Sequence[Claim],
    statuses: Sequence[str] = (),
) -> bytes:
    """A unit's findings (by rule id), crashed rules and facts' statuses, as a row; `claims` are the unit's."""
    by_ident = {c.ident: c for c in claims}
    rows = {rule: [_finding_row(f, by_ident) for f in findings] for rule, findings in found.items()}
    return json.dumps(
        {"found": rows, "problems": problems, "statuses": list(statuses)}, ensure_ascii=False
    ).encode()


def decode(data: bytes, claims: Sequence[Claim]) -> KeptUnit | None:
    """A row read back with the unit's claims; None for a damaged one (the store is a file anyone may touch)."""
    try:
        row = json.loads(data)
        # Most units found nothing: their claims are not looked up by identity at all.
        by_ident = {c.ident: c for c in claims} if any(row["found"].values()) else {}
        found = {rule: [_finding(r, by_ident) for r in rows] for rule, rows in row["found"].items()}
        return KeptUnit(found=found, problems=row["problems"], statuses=row.get("statuses"))
    except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
        return None


def _finding_row(finding: Finding, claims: Mapping[str, Claim]) -> list[Any]:
    return [
        finding.model_dump(mode="json", exclude={"claims"}),
        [_quote_row(r, claims) for r in finding.claims],
    ]


def _finding(row: list[Any], claims: Mapping[str, Claim]) -> Finding:
    fields, quotes = row
    return Finding.model_validate({**fields, "claims": [_quote(q, claims) for q in quotes]})


def _quote_row(ref: ClaimRef, claims: Mapping[str, Claim]) -> _QuoteRow:
    claim = claims.get(ref.ident)
    if claim is not None and ref == ClaimRef.of(claim, ref.role, ref.language):
        return [ref.ident, ref.role, ref.language]
    return ref.model_dump(mode="json")


def _quote(row: _QuoteRow, claims: Mapping[str, Claim]) -> ClaimRef:
    if isinstance(row, dict):
        return ClaimRef.model_validate(row)
    ident, role, language = row
    return ClaimRef.of(claims[str(ident)], role, language)


def facts_salt() -> str:
    """What kept facts follow from besides their claims: grouping reads claims and dates, never the rules."""
    return _code_digest()


def encode_facts(facts: Sequence[Fact]) -> bytes:
    """A component's facts as a row: each fact's fields, and its claims by identity (the store has them)."""
    rows = [[f.model_dump(mode="json", exclude={"claims"}), [c.ident for c in f.claims]] for f in facts]
    return json.dumps(rows, ensure_ascii=False).encode()


def decode_facts(data: bytes, claims: Mapping[str, Claim]) -> list[Fact] | None:
    """A row read back with the component's claims; None for a damaged one (the facts are grouped again)."""
    try:
        rows = json.loads(data)
        return [
            Fact.model_validate({**fields, "claims": tuple(claims[i] for i in idents)})
            for fields, idents in rows
        ]
    except (ValueError, KeyError, TypeError, ValidationError):
        return None


def _code_digest() -> str:
    return code_digest(JUDGES)


@cache
def _file_digest(cls: type) -> str:
    """The digest of the file a rule kind is written in (a plugin's changes its kept findings too)."""
    try:
        source = inspect.getsourcefile(cls)
        return hashlib.blake2b(Path(source).read_bytes(), digest_size=16).hexdigest() if source else ""
    except (OSError, TypeError):
        return ""
