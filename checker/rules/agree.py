"""agree: claims that state the same fact in different documents must agree.

The matcher decides a fact's status (checker/match/status.py); this rule
reports a conflict as an error, two same-direction bounds with different
figures as a warning, and a corroboration as a check that held.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from checker.match import Fact, assess
from checker.match.languages import claim_language
from checker.models import Claim, ClaimRef, Finding, Severity
from checker.rules.base import Rule, RuleContext

_LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}


def _plain_quote(camp: list[Claim]) -> str:
    texts = sorted({" ".join(c.text.split()) for c in camp})
    places = ", ".join(f"{c.path}:{c.line}" for c in camp)
    return f"{' / '.join(texts)} ({places})"


def _quotes(fact: Fact) -> Callable[[list[Claim]], str]:
    """Quotes of a camp; for a fact linked across languages, each language's figures named as such."""
    if len(fact.languages) < 2:
        return _plain_quote

    def quote(camp: list[Claim]) -> str:
        parts = []
        for language in sorted({claim_language(c) for c in camp}):
            mine = [c for c in camp if claim_language(c) == language]
            texts = sorted({" ".join(c.text.split()) for c in mine})
            places = ", ".join(f"{c.path}:{c.line}" for c in mine)
            parts.append(f"{' / '.join(texts)} ({_LANGUAGE_NAMES.get(language, language)}: {places})")
        return " / ".join(parts)

    return quote


def _label(fact: Fact) -> str:
    if len(fact.languages) < 2:
        return fact.label()
    return f"{fact.label()} (linked across languages on: {'; '.join(fact.linked_on)})"


def _ref(c: Claim, fact: Fact, role: str | None = None) -> ClaimRef:
    return ClaimRef.of(c, role=role, language=claim_language(c) if len(fact.languages) > 1 else None)


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
            label, _quote = _label(fact), _quotes(fact)
            if result.status == "conflict":
                message = (
                    f"Reports disagree on {label}: "
                    + " vs ".join(_quote(camp) for camp in result.camps)
                    + "."
                )
                refs = [_ref(c, fact, f"camp {i + 1}") for i, camp in enumerate(result.camps) for c in camp]
                yield self.finding(message, refs, fact.key, about=fact.key)
            elif result.status == "disputed":
                message = (
                    f"Reports bound {label} the same way but with different figures: "
                    + " vs ".join(_quote(camp) for camp in result.camps)
                    + "; both can hold, but they disagree about what was announced."
                )
                refs = [_ref(c, fact) for camp in result.camps for c in camp]
                yield self.finding(message, refs, fact.key, severity=Severity.WARNING, about=fact.key)
            elif result.status == "corroborated":
                docs = sorted({c.path for c in result.agreeing})
                message = f"{len(docs)} reports agree on {label}: {_quote(result.agreeing)}."
                refs = [_ref(c, fact, "agrees") for c in result.agreeing]
                yield self.finding(message, refs, fact.key, passed=True, about=fact.key)
