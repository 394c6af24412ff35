"""Finding status across runs: new, persisting, accepted, and the findings now resolved."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checker.models import Finding

# Given a finding, the reason a reviewer accepted it, or None.
Acceptance = Callable[[Finding], str | None]


def track(
    findings: Sequence[Finding], previous: Sequence[Finding], accept: Acceptance | None = None
) -> list[Finding]:
    """Set each open finding's status against the previous run; return the previous ones now gone.

    An accepted finding whose claims changed is no longer accepted (the baseline
    keeps a digest of its claims): it is news again.
    """
    before = {f.fingerprint for f in previous if not f.passed and f.status != "accepted"}
    now = {f.fingerprint for f in findings}
    for f in findings:
        if f.passed:
            continue
        reason = accept(f) if accept else None
        if reason is not None:
            f.status, f.accepted_reason = "accepted", reason
        else:
            f.status = "persisting" if f.fingerprint in before else "new"
    return [f for f in previous if not f.passed and f.fingerprint not in now]
