"""agree: claims that state the same fact in different documents must agree.

The matcher decides a fact's status (checker/match/status.py); this rule
reports a conflict as an error, two same-direction bounds with different
figures as a warning, and a corroboration as a check that held.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.match import assess
from checker.models import Claim, ClaimRef, Finding, Severity
from checker.rules.base import Rule, RuleContext


def _quote(camp: list[Claim]) -> str:
    texts = sorted({" ".join(c.text.split()) for c in camp})
    places = ", ".join(f"{c.path}:{c.line}" for c in camp)
    return f"{' / '.join(texts)} ({places})"


class Agree(Rule):
    """Claims that state the same fact in different documents must agree."""

    kind = "agree"
    code = "CK101"
    name = "consistency.agree"
    groups = ("all", "consistency")
    specificity = 1

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for fact in ctx.facts:
            result = assess(fact)
            label = fact.label()
            if result.status == "conflict":
                message = (
                    f"Reports disagree on {label}: "
                    + " vs ".join(_quote(camp) for camp in result.camps)
                    + "."
                )
                refs = [
                    ClaimRef.of(c, role=f"camp {i + 1}") for i, camp in enumerate(result.camps) for c in camp
                ]
                yield self.finding(message, refs, fact.key, about=fact.key)
            elif result.status == "disputed":
                message = (
                    f"Reports bound {label} the same way but with different figures: "
                    + " vs ".join(_quote(camp) for camp in result.camps)
                    + "; both can hold, but they disagree about what was announced."
                )
                refs = [ClaimRef.of(c) for camp in result.camps for c in camp]
                yield self.finding(message, refs, fact.key, severity=Severity.WARNING, about=fact.key)
            elif result.status == "corroborated":
                docs = sorted({c.path for c in result.agreeing})
                message = f"{len(docs)} reports agree on {label}: {_quote(result.agreeing)}."
                refs = [ClaimRef.of(c, role="agrees") for c in result.agreeing]
                yield self.finding(message, refs, fact.key, passed=True, about=fact.key)
