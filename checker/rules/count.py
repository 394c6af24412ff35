"""count: a stated count must match the list it introduces.

Judges the extractor's list relations: "科大讯飞股份有限公司、……、安徽珍珠水泥集团股份有限公司
9家安徽企业入选" names nine companies; "5个联盟分别是：A；B；C；D；E" five alliances.
A list closed by 等 (or introduced by 包括/including) may be partial: fewer
items than the count is fine there, more is not.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from checker.match import normalise_subject
from checker.models import Claim, ClaimRef, Finding, ListRelation
from checker.rules.base import Rule, RuleConfig, RuleContext
from checker.rules.wording import quote


class CountConfig(RuleConfig):
    """Keys of a `count` rule."""

    max_item_length: int = Field(
        default=40,
        ge=2,
        description="longer pieces mean it is not a list of names (the extractor reads up to 40)",
    )
    min_count: int = Field(default=2, ge=2, description="smaller counts are not checked")


class Count(Rule):
    """A stated count must match the number of items its list names."""

    kind = "count"
    code = "CK301"
    name = "lists.count"
    groups = ("all", "lists")
    specificity = 2
    scope = "document"
    config_model = CountConfig

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cfg = self.config
        assert isinstance(cfg, CountConfig)
        for rel in ctx.relations_of(ListRelation):
            claim = ctx.claim(rel.count)
            if claim.value < cfg.min_count or any(len(s) > cfg.max_item_length for s in rel.items):
                continue
            label = rel.noun or normalise_subject(claim.subject) or "items"
            finding = self._judge(rel, claim, f"count:{label}@{rel.path}")
            if finding is not None:
                yield finding

    def _judge(self, rel: ListRelation, claim: Claim, fact: str) -> Finding | None:
        n, said = len(rel.items), int(claim.value)
        refs = [ClaimRef.of(claim, role="count")]
        names = "、".join(rel.items) if not rel.items[0].isascii() else ", ".join(rel.items)
        if n == said:
            return self.finding(
                f"The list names {n} items, as {quote(claim)} says: {names}.", refs, fact, passed=True
            )
        if n < said and rel.open_ended:
            return None  # "A、B等9家": the list does not claim to be complete
        return self.finding(
            f"The list names {n} items, but the count says {said} ({quote(claim)}): {names}.", refs, fact
        )
