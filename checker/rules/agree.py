"""agree: claims that state the same fact in different documents must agree.

The matcher decides a fact's status (checker/match/status.py): claims of one
subject, unit, qualifiers and period, outcomes judged with outcomes and targets
with targets.  This rule reports a conflict as an error, two same-direction
bounds with different figures as a warning, and a corroboration as a check
that held.  When the reports that disagree were written clearly apart (more
than `revision_days`, from their dates), the later one revised the figure: a
warning naming both documents, their dates and which is later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from pydantic import Field

from checker.match import Fact
from checker.match.languages import claim_language
from checker.models import Claim, ClaimRef, Finding, PartialDate, Severity
from checker.rules.base import Rule, RuleConfig, RuleContext


class AgreeConfig(RuleConfig):
    """Keys of an `agree` rule."""

    revision_days: int = Field(
        default=180,
        ge=0,
        description="reports this many days apart or more that disagree on a past period: a revision (warning)",
    )


def _latest(camp: list[Claim], dates: dict[str, PartialDate | None]) -> float | None:
    known = [d.ordinal() for c in camp if (d := dates.get(c.path)) is not None]
    return max(known) if len(known) == len(camp) else None


def _revision(camps: list[list[Claim]], dates: dict[str, PartialDate | None], days: int) -> int | None:
    """The index of the camp that revised the others, when every report is dated and it came clearly later."""
    latest = [_latest(camp, dates) for camp in camps]
    if any(x is None for x in latest):
        return None
    order = sorted(range(len(camps)), key=lambda i: latest[i] or 0.0)
    newest = order[-1]
    first = min(d.ordinal() for c in camps[newest] if (d := dates.get(c.path)) is not None)
    others = max(latest[i] or 0.0 for i in order[:-1])
    return newest if first - others >= days else None


def _dated(camp: list[Claim], dates: dict[str, PartialDate | None]) -> str:
    texts = sorted({" ".join(c.text.split()) for c in camp})
    places = ", ".join(
        f"{c.path}:{c.line}" + (f", {d.iso()}" if (d := dates.get(c.path)) is not None else "") for c in camp
    )
    return f"{' / '.join(texts)} ({places})"


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
    config_model = AgreeConfig
    code = "CK101"
    name = "consistency.agree"
    groups = ("all", "consistency")
    specificity = 1
    scope = "component"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for fact in ctx.facts:
            # A fact is the same object while its claims are (their documents' dates with them).
            if (finding := ctx.recall(self.id, (fact,), partial(self._judge, fact, ctx))) is not None:
                yield finding

    def _judge(self, fact: Fact, ctx: RuleContext) -> Finding | None:
        result = fact.assessment
        label, _quote = _label(fact), _quotes(fact)
        if result.status == "conflict" and (revision := self._revised(fact.key, label, result.camps, ctx)):
            return revision
        if result.status == "conflict":
            message = (
                f"Reports disagree on {label}: " + " vs ".join(_quote(camp) for camp in result.camps) + "."
            )
            refs = [_ref(c, fact, f"camp {i + 1}") for i, camp in enumerate(result.camps) for c in camp]
            return self.finding(message, refs, fact.key, about=fact.key)
        if result.status == "disputed":
            message = (
                f"Reports bound {label} the same way but with different figures: "
                + " vs ".join(_quote(camp) for camp in result.camps)
                + "; both can hold, but they disagree about what was announced."
            )
            refs = [_ref(c, fact) for camp in result.camps for c in camp]
            return self.finding(message, refs, fact.key, severity=Severity.WARNING, about=fact.key)
        if result.status == "corroborated":
            docs = sorted({c.path for c in result.agreeing})
            message = f"{len(docs)} reports agree on {label}: {_quote(result.agreeing)}."
            refs = [_ref(c, fact, "agrees") for c in result.agreeing]
            return self.finding(message, refs, fact.key, passed=True, about=fact.key)
        return None

    def _revised(self, key: str, label: str, camps: list[list[Claim]], ctx: RuleContext) -> Finding | None:
        cfg = self.config
        assert isinstance(cfg, AgreeConfig)
        newest = _revision(camps, ctx.dates, cfg.revision_days)
        if newest is None:
            return None
        later = camps[newest]
        earlier = [c for i, camp in enumerate(camps) if i != newest for c in camp]
        message = (
            f"Revised: {label} was {_dated(earlier, ctx.dates)}; the later report says "
            f"{_dated(later, ctx.dates)}."
        )
        refs = [ClaimRef.of(c, role="earlier") for c in earlier] + [
            ClaimRef.of(c, role="later") for c in later
        ]
        return self.finding(message, refs, key, severity=Severity.WARNING, about=key)
