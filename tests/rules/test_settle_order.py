"""One finding per mistake, in report order (checker/rules/engine.py `settle`).

The order is a total one: any evaluation (incremental or fresh, findings given in any order) lists the
same findings the same way.  Checked against the order written out in full: errors before warnings
before information, passed checks last, then rule, fingerprint, and the places of the quotes.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

from checker.models import ClaimRef, Finding, Severity
from checker.rules.engine import settle


def _claim(path: str, line: int, sentence: str) -> ClaimRef:
    return ClaimRef(path=path, line=line, column=3, text="660公里", value=660, unit="km", sentence=sentence)


def _finding(
    rule: str, fp: str, claims: list[ClaimRef], severity: Severity = Severity.ERROR, **kw: object
) -> Finding:
    return Finding(rule=rule, severity=severity, message=f"{rule} {fp}", claims=claims, fingerprint=fp, **kw)


def _rules(*ids: str) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(id=r, specificity=n, config=SimpleNamespace(enabled=True)) for n, r in enumerate(ids)
    ]


def _full_order(f: Finding) -> tuple[object, ...]:
    return (
        f.passed, f.severity != "error", f.severity != "warning", f.rule, f.fingerprint,
        tuple((c.path, c.line, c.column) for c in f.claims), f.message,
    )  # fmt: skip


def test_findings_in_any_order_settle_into_one_total_order() -> None:
    # Each claim in words of its own (a claim's key is the words around it, figures left out).
    claims = [
        _claim(f"docs/{p}.txt", line, f"{place}{side}里程660公里。")
        for p, place in zip("abc", "甲乙丙", strict=True)
        for line, side in ((2, "东"), (9, "西"))
    ]
    findings = [
        _finding("agree", "f1", [claims[3]]),
        _finding("agree", "f1", [claims[1]]),  # ties with the one above on everything but its place
        _finding("agree", "f1", [claims[0], claims[5]]),
        _finding("count", "f0", [claims[2]], Severity.WARNING),
        _finding("growth", "f2", [claims[4]], Severity.INFO),
        _finding("agree", "f3", [claims[0]], passed=True),
        _finding("agree", "f9", [claims[2]], passed=True),
    ]
    expected = sorted(findings, key=_full_order)
    for seed in range(20):
        shuffled = findings[:]
        random.Random(seed).shuffle(shuffled)
        assert settle(_rules("agree", "count", "growth"), shuffled) == expected  # type: ignore[arg-type]


def test_a_finding_sharing_claims_with_two_more_specific_ones_folds_into_the_first_by_claim() -> None:
    # Its two claims are each owned by a more specific finding: it goes to the owner of the least claim.
    a = _claim("docs/a.txt", 2, "甲里程660公里。")
    b = _claim("docs/b.txt", 2, "乙里程660公里。")
    loose = _finding("agree", "aa", [b, a])
    home_a, home_b = _finding("total", "tb", [b]), _finding("total", "ta", [a])
    first = min([(a.path, a.key), (b.path, b.key)])
    owner = home_b if first == (a.path, a.key) else home_a
    for given in ([loose, home_a, home_b], [home_b, loose, home_a]):
        settled = settle(_rules("agree", "total"), given)  # type: ignore[arg-type]
        assert [f.fingerprint for f in settled] == ["ta", "tb"]
        (folded,) = [f for f in settled if f.related]
        assert folded.fingerprint == owner.fingerprint and folded.related[0].fingerprint == "aa"
        assert not owner.related, "the finding given is never changed: its home is a copy"
