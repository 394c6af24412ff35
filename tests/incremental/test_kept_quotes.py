"""Quotes are shared, not copied: one ClaimRef per claim, role and language in a run, and kept rows name them.

A finding quotes its claims as ClaimRefs (each a copy of the claim's fields);
at 10,000 documents 312,000 such copies of 60,000 claims were a quarter of
the service's peak memory, and kept units repeated every quoted sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import kept
from checker.extract import extract_text
from checker.match import status
from checker.match.grouping import Fact
from checker.match.status import Assessment
from checker.models import Claim, ClaimRef, Finding, Severity
from checker.models.claims import shared_refs
from checker.pipeline import check
from checker.rules.loader import load_rules
from checker.store import open_store

TEXT = "全年新增建成铁路里程660公里，新建公共充电桩7万个以上。其中高速铁路320公里。"


def _claims() -> list[Claim]:
    claims = extract_text(TEXT, "a.txt")
    assert len(claims) >= 3
    return claims


def _finding(refs: list[ClaimRef]) -> Finding:
    return Finding(rule="agree", code="CK101", severity=Severity.ERROR, message="m", claims=refs, fact="f")


def test_within_shared_refs_one_claim_in_one_role_is_one_object() -> None:
    a, b = _claims()[:2]
    with shared_refs():
        first, again = ClaimRef.of(a, "total"), ClaimRef.of(a, "total")
        assert first is again
        assert ClaimRef.of(a, "part") is not first
        assert ClaimRef.of(a, "total", "zh") is not first
        assert ClaimRef.of(b, "total") is not first
    outside = ClaimRef.of(a, "total")
    assert outside is not first and outside == first, "outside the context every quote is its own copy"


def test_a_shared_ref_is_the_claim_with_its_role() -> None:
    claim = _claims()[0]
    with shared_refs():
        ref = ClaimRef.of(claim, "start", "en")
    assert ref.role == "start" and ref.language == "en"
    assert {n: getattr(ref, n) for n in Claim.model_fields} == dict(claim)
    assert ref.model_fields_set == set(ClaimRef.model_fields)
    # Validated from its own dump it is the same ref: model_construct left nothing out.
    assert ClaimRef.model_validate(ref.model_dump()) == ref


def test_a_kept_unit_names_its_quotes_and_reads_back_equal_and_shared() -> None:
    claims = _claims()
    found = {"agree": [_finding([ClaimRef.of(claims[0], "total"), ClaimRef.of(claims[1])])]}
    row = kept.encode(found, ["a problem"], claims)
    assert claims[0].sentence not in row.decode(), "a plain quote is kept by its claim's identity"
    with shared_refs():
        back = kept.decode(row, claims)
        twice = kept.decode(row, claims)
    assert back is not None and twice is not None
    assert back.found == found and back.problems == ["a problem"]
    assert back.found["agree"][0].claims[0] is twice.found["agree"][0].claims[0]


def test_a_quote_that_is_not_a_plain_copy_of_a_unit_claim_is_kept_whole() -> None:
    claims = _claims()
    changed = ClaimRef.of(claims[0], "total").model_copy(update={"value": 999.0})
    stranger = ClaimRef.of(extract_text("新建公共充电桩8万个。", "b.txt")[0], "part")
    found = {"total": [_finding([changed, stranger, ClaimRef.of(claims[2], "part")])]}
    row = kept.encode(found, [], claims)
    quotes = json.loads(row)["found"]["total"][0][1]
    assert [isinstance(q, dict) for q in quotes] == [True, True, False]
    back = kept.decode(row, claims)
    assert back is not None and back.found == found


def test_a_quote_equal_to_its_claim_but_made_apart_is_named_by_its_identity_too() -> None:
    claims = _claims()
    apart = ClaimRef.model_validate(ClaimRef.of(claims[0], "total").model_dump())
    assert apart.interval is not claims[0].interval, "not the claim's own values: compared field by field"
    found = {"agree": [_finding([apart])]}
    row = kept.encode(found, [], claims)
    assert json.loads(row)["found"]["agree"][0][1] == [[claims[0].ident, "total", None]]
    back = kept.decode(row, claims)
    assert back is not None and back.found == found


def test_a_row_naming_a_claim_the_unit_does_not_hold_is_damaged() -> None:
    claims = _claims()
    row = kept.encode({"agree": [_finding([ClaimRef.of(claims[0])])]}, [], claims)
    assert kept.decode(row, claims[1:]) is None, "evaluated again rather than guessed"


def test_a_kept_unit_keeps_its_facts_statuses_and_a_bad_one_is_damaged() -> None:
    claims = _claims()
    row = kept.encode({}, [], claims, ["conflict", "single"])
    back = kept.decode(row, claims)
    assert back is not None and back.statuses == ["conflict", "single"]
    older = json.dumps({"found": {}, "problems": []}).encode()
    back = kept.decode(older, claims)
    assert back is not None and back.statuses is None, "a row without statuses: judged again"
    bad = json.dumps({"found": {}, "problems": [], "statuses": ["wrong"]}).encode()
    assert kept.decode(bad, claims) is None


def test_a_new_process_takes_each_facts_status_from_the_store_without_judging_it(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = load_rules([]).rules
    store = open_store(tmp_path / "s.db")
    first, _ = check(store, [seeds_copy], rules, include=["*.txt"], exclude=[])
    store.close()
    judged: list[str] = []
    real = status.assess

    def counted(fact: Fact) -> Assessment:
        judged.append(fact.key)
        return real(fact)

    monkeypatch.setattr(status, "assess", counted)
    store = open_store(tmp_path / "s.db")  # a new store object: a new process's empty memo
    again, _ = check(store, [seeds_copy], rules, include=["*.txt"], exclude=[])
    store.close()
    assert len(first.groups) > 50
    assert judged == [], "every unit was kept, and with it its facts' statuses"
    assert [(g.key, g.status) for g in again.groups] == [(g.key, g.status) for g in first.groups]
    assert {g.status for g in again.groups} >= {"corroborated", "single"}


def test_a_claims_identity_is_kept_once_made_and_a_copy_elsewhere_has_its_own() -> None:
    claim = _claims()[0]
    assert claim.ident == f"a.txt:{claim.offset}:{claim.end}" and "ident" in claim.__dict__
    moved = claim.model_copy(update={"path": "b.txt"})  # as a rename moves a finding's quotes
    assert moved.ident == f"b.txt:{claim.offset}:{claim.end}"
    assert ClaimRef.of(moved, "total").ident == moved.ident
    assert claim.model_copy() == claim and moved != claim
    assert claim.model_dump_json() == Claim.model_validate(claim.model_dump()).model_dump_json()
