"""count: a stated count must match the list it introduces.

"科大讯飞股份有限公司、……、安徽珍珠水泥集团股份有限公司9家安徽企业入选" names nine
companies; "5个联盟分别是：A；B；C；D；E" five alliances.  OCR line breaks inside
names are read through.  A list closed by 等 (or introduced by 包括/including)
may be partial: fewer items than the count is fine there, more is not.
"各1个" (one each) and "三省一市" (a count followed by another) are not list counts.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from checker.match import normalise_subject
from checker.models import ClaimRef, Finding
from checker.rules.base import Rule, RuleConfig, RuleContext
from checker.rules.figures import is_exact_count, quote
from checker.rules.lists import ItemList, list_after, list_before
from checker.rules.textscan import DocText, Placed

NUMERAL_NEXT = "0123456789一二两三四五六七八九十"


class CountConfig(RuleConfig):
    """Keys of a `count` rule."""

    max_item_length: int = Field(default=40, ge=2, description="longer pieces mean it is not a list of names")
    min_count: int = Field(default=2, ge=2, description="smaller counts are not checked")


class Count(Rule):
    """A stated count must match the number of items its list names."""

    kind = "count"
    config_model = CountConfig

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cfg = self.config
        assert isinstance(cfg, CountConfig)
        for doc in ctx.documents():
            seen: dict[str, int] = {}
            for p in doc.placed:
                found = self._list_for(doc, p, cfg)
                if found is None:
                    continue
                label = doc.noun_after(p) or normalise_subject(p.claim.subject) or "items"
                seen[label] = seen.get(label, 0) + 1
                fact = f"count:{label}@{doc.path}" + (f"#{seen[label]}" if seen[label] > 1 else "")
                finding = self._judge(p, found, fact)
                if finding is not None:
                    yield finding

    def _list_for(self, doc: DocText, p: Placed, cfg: CountConfig) -> ItemList | None:
        c = p.claim
        if not is_exact_count(c) or c.value < cfg.min_count or doc.in_brackets(p):
            return None
        if doc.flat[p.end : p.end + 1] in tuple(NUMERAL_NEXT):
            return None
        return list_before(doc, p, cfg.max_item_length) or list_after(doc, p, cfg.max_item_length)

    def _judge(self, p: Placed, found: ItemList, fact: str) -> Finding | None:
        n, said = len(found.items), int(p.claim.value)
        refs = [ClaimRef.of(p.claim, role="count")]
        names = "、".join(found.items) if not found.items[0].isascii() else ", ".join(found.items)
        if n == said:
            return self.finding(
                f"The list names {n} items, as {quote(p.claim)} says: {names}.", refs, fact, passed=True
            )
        if n < said and found.open_ended:
            return None  # "A、B等9家": the list does not claim to be complete
        return self.finding(
            f"The list names {n} items, but the count says {said} ({quote(p.claim)}): {names}.", refs, fact
        )
