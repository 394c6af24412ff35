"""Run a set of rules over a context; one failing rule never stops the others.

One mistake, one finding: when one changed figure breaks checks of two kinds
(a sum and the agreement between reports, say), the report says it once, at
the most specific rule, and lists the other as related evidence.
"""

from __future__ import annotations

from collections.abc import Iterable

from loguru import logger

from checker.models import Finding, Related, Severity
from checker.rules.base import Rule, RuleContext

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def builtin_rules() -> list[Rule]:
    """The rules that run when no rule file configures them: every registered kind, defaults."""
    from checker.rules.loader import load_rules

    return load_rules([], explicit=False).rules


def _one_per_mistake(findings: list[Finding], specificity: dict[str, int]) -> list[Finding]:
    """Fold each open finding that shares a claim with a more specific one into it, as related evidence."""
    open_ = [f for f in findings if not f.passed]
    order = sorted(open_, key=lambda f: (-specificity.get(f.rule, 0), _RANK[f.severity], f.fingerprint))
    owner: dict[tuple[str, str], Finding] = {}  # claim -> the most specific open finding quoting it
    folded: set[int] = set()
    for f in order:
        keys = {(c.path, c.key) for c in f.claims}
        home = next((owner[k] for k in sorted(keys) if k in owner), None)
        if home is not None and specificity.get(home.rule, 0) > specificity.get(f.rule, 0):
            home.related.append(
                Related(rule=f.rule, code=f.code, name=f.name, message=f.message, fingerprint=f.fingerprint)
            )
            if _RANK[f.severity] < _RANK[home.severity]:
                home.severity = f.severity
            folded.add(id(f))
            continue
        for k in keys:
            owner.setdefault(k, f)
    return [f for f in findings if id(f) not in folded]


def run_rules(rules: Iterable[Rule], ctx: RuleContext) -> tuple[list[Finding], list[str]]:
    """All findings, and a message per rule that crashed (a bug to report, not a finding)."""
    findings: list[Finding] = []
    problems: list[str] = []
    specificity: dict[str, int] = {}
    for rule in rules:
        if not rule.config.enabled:
            continue
        specificity[rule.id] = rule.specificity
        try:
            findings.extend(rule.check(ctx))
        except Exception as exc:  # a rule's bug must not hide every other rule's findings
            logger.exception("rule {} failed", rule.id)
            problems.append(f"rule {rule.id} ({rule.kind}) failed: {type(exc).__name__}: {exc}")
    findings = _one_per_mistake(findings, specificity)
    findings.sort(
        key=lambda f: (f.passed, f.severity != "error", f.severity != "warning", f.rule, f.fingerprint)
    )
    return findings, problems
