"""Extraction's two shortcuts keep the contract.

Claims are built without pydantic's validation, from values the extractor typed
itself: each must be what validation would have made of the same fields.  The
cyclic collector is paused during extraction: extraction must leave no cycles
behind, or a long document would pile them up until the pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bench.extract_snapshot import case_documents, corpus_documents, seed_documents
from checker.extract import extract, extract_text
from checker.models import Claim, Document


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return seed_documents() + case_documents() + corpus_documents()


def _claims(documents: list[Document]) -> Iterator[Claim]:
    for doc in documents:
        yield from extract(doc).claims
        yield from extract_text(doc.text, doc.path)


def test_every_claim_validates_to_itself(documents: list[Document]) -> None:
    claims = list(_claims(documents))
    # The real reports of ../shared/corpora bring most of them; a clone without them has the seeds and cases.
    assert len(claims) > (5000 if corpus_documents() else 1000)
    for claim in claims:
        assert Claim.model_validate(claim.model_dump()) == claim, claim.where()
        # the fields the extractor sets, validated as `Claim(...)` did before the shortcut
        validated = Claim(**{name: getattr(claim, name) for name in claim.model_fields_set})
        assert validated == claim, claim.where()
        assert validated.model_fields_set == claim.model_fields_set, claim.where()
        # JSON tells an int from a float and a tuple from a list, which == does not
        assert validated.model_dump_json() == claim.model_dump_json(), claim.where()
        assert type(claim.value) is float, claim.where()
        # its fields in order; besides them only the identity, kept once asked for (not a field)
        assert [k for k in claim.__dict__ if k != "ident"] == list(Claim.model_fields), claim.where()
    # each claim owns its list of qualifiers, as validation's copy gave it
    assert len({id(c.qualifiers) for c in claims}) == len(claims)


def test_extraction_leaves_no_reference_cycles(documents: list[Document]) -> None:
    for doc in documents[:50]:
        extract(doc)  # patterns compiled and caches filled before counting
    gc.collect()
    gc.disable()
    try:
        for doc in documents:
            extract(doc)
            extract_text(doc.text, doc.path)
        found = gc.collect()
    finally:
        gc.enable()
    assert found == 0


def test_the_collector_is_back_on_after_extraction(documents: list[Document]) -> None:
    assert gc.isenabled()
    extract_text(documents[0].text)
    assert gc.isenabled()
