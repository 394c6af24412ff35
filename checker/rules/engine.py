"""Run a set of rules over a context; one failing rule never stops the others."""

from __future__ import annotations

from collections.abc import Iterable

from loguru import logger

from checker.models import Finding
from checker.rules.base import Rule, RuleConfig, RuleContext


def builtin_rules() -> list[Rule]:
    """The rules that run when no rule file configures them."""
    from checker.rules.agree import Agree

    return [Agree(RuleConfig(id="agree", kind="agree", description=Agree.summary()))]


def run_rules(rules: Iterable[Rule], ctx: RuleContext) -> tuple[list[Finding], list[str]]:
    """All findings, and a message per rule that crashed (a bug to report, not a finding)."""
    findings: list[Finding] = []
    problems: list[str] = []
    for rule in rules:
        if not rule.config.enabled:
            continue
        try:
            findings.extend(rule.check(ctx))
        except Exception as exc:  # a rule's bug must not hide every other rule's findings
            logger.exception("rule {} failed", rule.id)
            problems.append(f"rule {rule.id} ({rule.kind}) failed: {type(exc).__name__}: {exc}")
    findings.sort(
        key=lambda f: (f.passed, f.severity != "error", f.severity != "warning", f.rule, f.fingerprint)
    )
    return findings, problems
