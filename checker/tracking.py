"""Finding status across runs: new, persisting, accepted, and the findings now resolved."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from checker.models import Finding

# Given a finding, the reason a reviewer accepted it, or None.
Acceptance = Callable[[Finding], str | None]


@dataclass(frozen=True)
class Previous:
    """The last run's open findings as tracking reads them: fingerprints and statuses, the gone ones whole.

    A new process reads only the pairs from the store (pipeline.py): at 10,000 documents the last run's
    1,900 open findings were 93 MB of models and 0.14 s, read for their fingerprints.
    """

    heads: Sequence[tuple[str, str]]  # (fingerprint, status) of each, in report order
    whole: Callable[[Collection[str]], list[Finding]]  # the findings of these fingerprints, in report order

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> Previous:
        """The open ones of `findings` (held whole)."""
        held = [f for f in findings if not f.passed]
        return cls(
            [(f.fingerprint, f.status) for f in held], lambda gone: [f for f in held if f.fingerprint in gone]
        )


NOTHING = Previous.of([])


def track(findings: Sequence[Finding], previous: Previous, accept: Acceptance | None = None) -> list[Finding]:
    """Set each open finding's status against the previous run; return the previous ones now gone.

    An accepted finding whose claims changed is no longer accepted (the baseline
    keeps a digest of its claims): it is news again.
    """
    before = {fingerprint for fingerprint, status in previous.heads if status != "accepted"}
    now = {f.fingerprint for f in findings}
    for f in findings:
        if f.passed:
            continue
        # Both fields, always: the finding may be the last run's copy (checker/incremental.py `_copy`).
        reason = accept(f) if accept else None
        if reason is not None:
            f.status, f.accepted_reason = "accepted", reason
        else:
            f.status, f.accepted_reason = "persisting" if f.fingerprint in before else "new", None
    gone = {fingerprint for fingerprint, _ in previous.heads} - now
    return previous.whole(gone) if gone else []
