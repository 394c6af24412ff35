"""Rule classes that the registry tests load through entry points."""

from __future__ import annotations

from collections.abc import Iterator

from checker.models import Finding
from checker.rules.base import Rule, RuleContext


class Echo(Rule):
    """Says hello once per run (a test plugin)."""

    kind = "echo"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield self.finding("hello", [], "echo", passed=True)


class WrongKind(Echo):
    """A plugin whose class disagrees with its entry point's name."""

    kind = "other"


NotARule = object()
