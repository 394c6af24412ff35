"""What an evaluation reads: the claims and relations of the documents, from the store only where they changed.

The memo of the last run (checker/incremental.py) holds each document's claims and relations with the
signature they follow from; a document whose signature is the same keeps them, the others are read
(or taken from what this run's sync extracted), and the run is told which documents changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checker.incremental import HeldDocument, Memo
from checker.models import Claim, Relation, relation_claims
from checker.models.claims import compact
from checker.store.base import Store, StoredDocument, Written, content_signature


def signature(document: StoredDocument) -> str:
    """What a document's claims and dates follow from (store/base.py `content_signature`)."""
    return content_signature(document.sha256, document.extractor, document.meta)


@dataclass
class Loaded:
    """The claims and relations of the documents, in store order, their signatures, and what changed."""

    claims: list[Claim]
    relations: list[Relation]
    signatures: dict[str, str]
    changed: set[str]  # documents read again, added or gone since the memo's last run
    before: dict[str, HeldDocument]  # the memo's documents before


def load(
    memo: Memo, store: Store, documents: dict[str, StoredDocument], made: Mapping[str, Written] | None = None
) -> Loaded:
    """Claims and relations of `documents` in store order, read from the store only where they changed.

    `made`: what this run's sync extracted and stored, by path; taken as it is where the store holds that
    content, extractor and metadata (a cold check of 10,000 documents read 60,000 claims back: 0.7 s).
    """
    # A stored row is the same object while it is unchanged (store/base.py `DocumentRows`): signed once.
    signed, memo.signed = memo.signed, {}
    for p, d in documents.items():
        hit = signed.get(p)
        memo.signed[p] = hit if hit is not None and hit[0] is d else (d, signature(d))
    signatures = {p: s for p, (_, s) in memo.signed.items()}
    stale = [p for p, s in signatures.items() if p not in memo.documents or memo.documents[p].signature != s]
    fresh = {p: HeldDocument(signatures[p], [], [], documents[p].meta.date) for p in stale}
    given = {
        p: m.extraction
        for p in stale
        if (m := (made or {}).get(p)) is not None and m.signature == signatures[p]
    }
    for p, extraction in given.items():
        fresh[p].claims.extend(compact(c) for c in extraction.claims)
        fresh[p].relations.extend(extraction.relations)
    wanted = [p for p in stale if p not in given]
    for claim in store.claims(wanted) if wanted else []:
        fresh[claim.path].claims.append(claim)
    for relation in store.relations(wanted) if wanted else []:
        fresh[relation.path].relations.append(relation)
    for p, now in fresh.items():
        if (last := memo.documents.get(p)) is not None and last.date == now.date:
            _as_before(last, now)
    before = memo.documents
    memo.documents = {p: fresh.get(p) or memo.documents[p] for p in sorted(documents)}
    claims = [c for d in memo.documents.values() for c in d.claims]
    relations = [r for d in memo.documents.values() for r in d.relations]
    changed = {*stale, *(p for p in before if p not in documents)}
    return Loaded(claims, relations, signatures, changed, before)


def _as_before(last: HeldDocument, now: HeldDocument) -> None:
    """The claims and relations of a changed document that equal the last run's are the last run's objects.

    An edit changes a few of a report's figures (or adds a sentence); its other claims are read again
    as new objects, equal to the old ones.  Held as the old objects, what was judged of them is known by
    identity (rules/base.py `Recall`), and so is all that is made of their findings.  Only while the
    document's date is the same: a claim's period is judged against it (match/identity.py).
    """
    claims = {c.ident: c for c in last.claims}
    now.claims[:] = [old if (old := claims.get(c.ident)) is not None and old == c else c for c in now.claims]
    relations = {(type(r), *relation_claims(r)): r for r in last.relations}
    now.relations[:] = [
        was if (was := relations.get((type(r), *relation_claims(r)))) is not None and was == r else r
        for r in now.relations
    ]
