"""total: parts must add up to their total, within a document and across documents.

Reads sums the text states ("14个……加上5个联盟共有19个"), breakdowns
("共有5个，其中上海、江苏、浙江各1个，安徽2个": 各 counts every named item) and
document structure (numbered sections each stating "共有N项重点任务" against
"九个方面，共165项重点任务", and 九个方面 against the number of sections).  When a
document has the sections but not the headline, the headline of another
report that names the same number of sections is used; a report restating
the headline of a plan that adds up is held to that plan.  Counts are exact;
other figures carry their written precision, so rounded parts are no error.
A breakdown far short of its total may be a partial list: a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from checker.match import normalise_subject
from checker.models import ClaimRef, Finding, Severity
from checker.rules.base import Rule, RuleConfig, RuleContext
from checker.rules.figures import Span, number, quote, span_text, stated
from checker.rules.sections import Structure, beside_sections, headline_candidates, structure
from checker.rules.sums import Relation, in_text, part_text
from checker.rules.textscan import DocText

# A breakdown whose parts reach less than this share of its total may be a partial list.
PARTIAL = 0.8


class TotalConfig(RuleConfig):
    """Keys of a `total` rule."""

    in_text: bool = Field(default=True, description="check sums and breakdowns stated in sentences")
    sections: bool = Field(default=True, description="check numbered sections against the headline total")
    tolerance: float = Field(default=0.0, ge=0, description="extra slack, as a fraction of the total")


class Total(Rule):
    """Parts must add up to their stated total (sums, breakdowns, numbered sections)."""

    kind = "total"
    config_model = TotalConfig

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cfg = self.config
        assert isinstance(cfg, TotalConfig)
        docs = ctx.documents()
        structures: dict[str, Structure] = {}
        for doc in docs:
            if cfg.in_text:
                seen: dict[str, int] = {}
                for rel in in_text(doc):
                    label = (
                        rel.noun or normalise_subject(rel.totals[0].claim.subject) or rel.totals[0].claim.unit
                    )
                    seen[label] = seen.get(label, 0) + 1
                    suffix = f"#{seen[label]}" if seen[label] > 1 else ""
                    yield self._judge(rel, f"total:{label}@{doc.path}{suffix}", cfg.tolerance)
            found = structure(doc) if cfg.sections else None
            if found is not None:
                structures[doc.path] = found
        # A plan without its own headline takes other reports' (in _structure); a plan whose
        # sections add up to its own headline is what other reports' restatements are held to
        # (in _restated) — one that does not is already an error, and could be wrong either way.
        headlined = [s for s in structures.values() if s.totals and s.adds_up()]
        for doc in docs:
            if doc.path in structures:
                yield from self._structure(doc, structures[doc.path], docs, cfg.tolerance)
            elif headlined and beside_sections(doc):
                yield from self._restated(doc, headlined, cfg.tolerance)

    def _structure(
        self, doc: DocText, found: Structure, docs: list[DocText], tolerance: float
    ) -> Iterator[Finding]:
        n = len(found.sections)
        if not found.totals:
            # The headline is in another report: use those that name the same number of sections.
            for other in (d for d in docs if d is not doc and beside_sections(d)):
                elsewhere = headline_candidates(other, found.unit, found.noun, len(other.flat), sections=n)
                found.totals += elsewhere.totals
                found.stated_sections += elsewhere.stated_sections
        if found.totals:
            rel = Relation("sections", [(p, 1) for _, p in found.sections], found.totals, found.noun)
            yield self._judge(rel, f"total:sections:{found.noun}@{doc.path}", tolerance)
        if found.stated_sections:
            refs = [ClaimRef.of(p.claim, role="sections") for p in found.stated_sections]
            wrong = [p for p in found.stated_sections if p.claim.value != n]
            said = ", ".join(quote(p.claim) for p in found.stated_sections)
            fact = f"total:section-count:{found.noun}@{doc.path}"
            if wrong:
                message = f"The text says {said} sections, but {n} numbered sections follow."
                yield self.finding(message, refs, fact)
            else:
                yield self.finding(
                    f"{n} numbered sections, as the text says ({said}).", refs, fact, passed=True
                )

    def _restated(self, doc: DocText, structures: list[Structure], tolerance: float) -> Iterator[Finding]:
        """A report that restates a sectioned headline ("九个方面，共165项") against the sections' sum."""
        by_key: dict[tuple[str, str, int], list[Structure]] = {}
        for s in structures:
            by_key.setdefault((s.unit, s.noun, len(s.sections)), []).append(s)
        for (unit, noun, n), same in by_key.items():
            said = headline_candidates(doc, unit, noun, len(doc.flat), sections=n).totals
            if said:
                # Many copies of one plan may differ: hold the restatement to the sum most of them give.
                sums = [sum(p.claim.value for _, p in s.sections) for s in same]
                plan = next(
                    s for s in same if sum(p.claim.value for _, p in s.sections) == max(sums, key=sums.count)
                )
                rel = Relation("sections", [(p, 1) for _, p in plan.sections], said, noun)
                yield self._judge(rel, f"total:sections:{noun}@{doc.path}", tolerance)

    def _judge(self, rel: Relation, fact: str, tolerance: float) -> Finding:
        total_sum = Span(0.0, 0.0)
        for p, k in rel.parts:
            total_sum = total_sum + stated(p.claim).times(k)
        totals = [*rel.totals, *rel.restated]
        first = totals[0].claim
        slack = tolerance * abs(first.value)
        wrong = [t for t in totals if not stated(t.claim).overlaps(total_sum, slack)]
        refs = [ClaimRef.of(t.claim, role="total") for t in totals]
        refs += [ClaimRef.of(p.claim, role="part") for p, _ in rel.parts]
        got = span_text(total_sum, first)
        if rel.shape == "sections":
            sums = "+".join(number(p.claim.value) for p, _ in rel.parts)
            head = f"{len(rel.parts)} sections add up to {got} ({sums})"
        else:
            head = " + ".join(part_text(p, k) for p, k in rel.parts) + f" = {got}"
        if wrong:
            home = rel.parts[0][0].claim.path
            said = ", ".join(
                f"{quote(t.claim)} ({'line ' if t.claim.path == home else t.claim.path + ':'}{t.claim.line})"
                for t in wrong
            )
            if rel.shape == "breakdown" and all(total_sum.hi < PARTIAL * stated(t.claim).lo for t in wrong):
                # "共有50家，其中上海10家、江苏15家": far short of the total, the list may just be the
                # main items; a changed figure in a complete breakdown lands much closer.
                message = f"{head}, well short of the total {said}; if the list is partial, say so (等)."
                return self.finding(message, refs, fact, severity=Severity.WARNING)
            return self.finding(f"{head}, but the total says {said}.", refs, fact)
        said = ", ".join(quote(t.claim) for t in totals)
        return self.finding(f"{head}, as the total says ({said}).", refs, fact, passed=True)
