"""Run a set of rules over a context; one failing rule never stops the others.

One mistake, one finding: when one changed figure breaks checks of two kinds
(a sum and the agreement between reports, say), the report says it once, at
the most specific rule, and lists the other as related evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from checker.lazylog import logger
from checker.models import Finding, Related, Severity
from checker.rules.base import Rule, RuleContext

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def builtin_rules() -> list[Rule]:
    """The rules that run when no rule file configures them: every registered kind, defaults."""
    from checker.rules.loader import load_rules

    return load_rules([], explicit=False).rules


def _place(f: Finding) -> tuple[object, ...]:
    """A total order among findings that tie on rule and fingerprint: where they are, then what they say."""
    return (tuple((c.path, c.line, c.column) for c in f.claims), f.message)


def _one_per_mistake(findings: list[Finding], specificity: dict[str, int]) -> list[Finding]:
    """Fold each open finding that shares a claim with a more specific one into it, as related evidence.

    Never changes a finding it was given: a home gets a copy with its related evidence (incremental
    runs carry findings over from run to run).
    """
    open_ = [f for f in findings if not f.passed]
    order = _by_place_on_ties(
        open_, lambda f: (-specificity.get(f.rule, 0), _RANK[f.severity], f.fingerprint)
    )
    owner: dict[tuple[str, str], int] = {}  # claim -> the most specific open finding quoting it
    homes: dict[int, Finding] = {}  # id of a finding given -> its copy with related evidence
    folded: set[int] = set()
    copied: set[int] = set()
    for f in order:
        keys = {(c.path, c.key) for c in f.claims}
        # The owner of the first of its claims, in their order, that one owns (the least: no sort needed).
        first = min((k for k in keys if k in owner), default=None)
        home_id = owner[first] if first is not None else -1
        home = homes.get(home_id)
        if home is not None and specificity.get(home.rule, 0) > specificity.get(f.rule, 0):
            if home_id not in copied:
                home = homes[home_id] = home.model_copy()
                copied.add(home_id)
            home.related = [
                *home.related,
                Related(rule=f.rule, code=f.code, name=f.name, message=f.message, fingerprint=f.fingerprint),
            ]
            if _RANK[f.severity] < _RANK[home.severity]:
                home.severity = f.severity
            folded.add(id(f))
            continue
        homes[id(f)] = f
        for k in keys:
            owner.setdefault(k, id(f))
    return [homes.get(id(f), f) for f in findings if id(f) not in folded]


def collect(rules: Iterable[Rule], ctx: RuleContext) -> tuple[dict[str, list[Finding]], list[str]]:
    """Each enabled rule's findings over `ctx`, and a message per rule that crashed (a bug, not a finding)."""
    found: dict[str, list[Finding]] = {}
    problems: list[str] = []
    for rule in rules:
        if not rule.config.enabled:
            continue
        try:
            found[rule.id] = list(rule.check(ctx))
        except Exception as exc:  # a rule's bug must not hide every other rule's findings
            logger.exception("rule {} failed", rule.id)
            found[rule.id] = []
            problems.append(f"rule {rule.id} ({rule.kind}) failed: {type(exc).__name__}: {exc}")
    return found, problems


def settle(rules: Iterable[Rule], findings: list[Finding]) -> list[Finding]:
    """One finding per mistake, in report order (errors first)."""
    specificity = {rule.id: rule.specificity for rule in rules if rule.config.enabled}
    return _by_place_on_ties(_one_per_mistake(findings, specificity), _head)


def _by_place_on_ties(findings: list[Finding], head: Callable[[Finding], tuple[Any, ...]]) -> list[Finding]:
    """Sorted by `head`, then by place where heads tie: the order sorting by both gives.

    Without making every finding's place (10,000 tuples of its quotes' places a run at 10,000 documents, for
    a handful of ties); each head is made once.
    """
    heads = list(map(head, findings))
    order = sorted(range(len(findings)), key=heads.__getitem__)
    out: list[Finding] = []
    start = 0
    while start < len(order):
        end, first = start + 1, heads[order[start]]
        while end < len(order) and heads[order[end]] == first:
            end += 1
        tied = [findings[i] for i in order[start:end]]
        out.extend(sorted(tied, key=_place) if end - start > 1 else tied)
        start = end
    return out


def settled_order(f: Finding) -> tuple[tuple[bool, bool, bool, str, str], tuple[object, ...]]:
    """Where `settle` puts a finding (the order is total): by its head, then its place."""
    return _head(f), _place(f)


def _head(f: Finding) -> tuple[bool, bool, bool, str, str]:
    return (f.passed, f.severity != "error", f.severity != "warning", f.rule, f.fingerprint)


def run_rules(rules: Iterable[Rule], ctx: RuleContext) -> tuple[list[Finding], list[str]]:
    """All findings, and a message per rule that crashed (a bug to report, not a finding)."""
    rules = list(rules)
    found, problems = collect(rules, ctx)
    return settle(rules, [f for fs in found.values() for f in fs]), problems
