"""Run a set of rules over a context; one failing rule never stops the others."""

from __future__ import annotations

from collections.abc import Iterable

from loguru import logger

from checker.models import Finding, Severity
from checker.rules.base import Rule, RuleContext


def builtin_rules() -> list[Rule]:
    """The rules that run when no rule file configures them: every registered kind, defaults."""
    from checker.rules.loader import load_rules

    return load_rules([], explicit=False).rules


def _claim_key(finding: Finding) -> set[tuple[str, int, int, str]]:
    return {(c.path, c.line, c.column, c.text) for c in finding.claims}


def _defer_secondary(findings: list[Finding], secondary: set[str]) -> None:
    """A secondary rule's error on a claim a primary rule already failed becomes a warning.

    The primary finding (a sum, a growth rate) says which figure is wrong; the
    secondary one (two reports differ) is the same mistake seen from afar.
    """
    failed: dict[tuple[str, int, int, str], str] = {}
    for f in findings:
        if f.rule not in secondary and not f.passed and f.severity is Severity.ERROR:
            for key in _claim_key(f):
                failed.setdefault(key, f.rule)
    for f in findings:
        if f.rule in secondary and not f.passed and f.severity is Severity.ERROR:
            culprits = sorted({failed[k] for k in _claim_key(f) if k in failed})
            if culprits:
                f.severity = Severity.WARNING
                f.message += f" (A figure here already fails rule {', '.join(culprits)}.)"


def run_rules(rules: Iterable[Rule], ctx: RuleContext) -> tuple[list[Finding], list[str]]:
    """All findings, and a message per rule that crashed (a bug to report, not a finding)."""
    findings: list[Finding] = []
    problems: list[str] = []
    secondary: set[str] = set()
    for rule in rules:
        if not rule.config.enabled:
            continue
        if rule.secondary:
            secondary.add(rule.id)
        try:
            findings.extend(rule.check(ctx))
        except Exception as exc:  # a rule's bug must not hide every other rule's findings
            logger.exception("rule {} failed", rule.id)
            problems.append(f"rule {rule.id} ({rule.kind}) failed: {type(exc).__name__}: {exc}")
    _defer_secondary(findings, secondary)
    findings.sort(
        key=lambda f: (f.passed, f.severity != "error", f.severity != "warning", f.rule, f.fingerprint)
    )
    return findings, problems
