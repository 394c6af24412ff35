"""Which rules a name means: codes (CK101, or a prefix: CK2), dotted names, groups, ids and kinds.

`--select`, `--ignore` and `--severity` take any of these, as ruff and sqlfluff
do.  A name that means no rule is a usage error with the nearest names
offered, never a check that silently runs nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence

from checker.config import Settings
from checker.errors import ConfigError
from checker.models import Severity
from checker.rules.base import Rule
from checker.rules.loader import apply_settings, load_rules

_CODE_PREFIX = re.compile(r"^CK\d{0,3}$", re.IGNORECASE)


class UnknownRule(ConfigError):
    """A --select, --ignore or --severity name that matches no rule (exit 2)."""


def names_of(rule: Rule) -> dict[str, int]:
    """Every name a rule answers to, with how specific it is (an id beats a kind beats a group)."""
    names = {group: 0 for group in type(rule).groups}
    names.update({rule.kind: 1, rule.code: 2, type(rule).name: 2, rule.id: 3})
    names.pop("", None)
    return names


def matches(name: str, rule: Rule) -> int | None:
    """How specifically `name` means `rule` (None: not at all); codes match by prefix."""
    found = names_of(rule).get(name)
    if found is not None:
        return found
    if _CODE_PREFIX.match(name) and rule.code and rule.code.upper().startswith(name.upper()):
        return 2
    return None


def check_names(names: Iterable[str], rules: Sequence[Rule], where: str) -> None:
    """Raise UnknownRule for the first name that means no rule, with a did-you-mean."""
    known = sorted({n for r in rules for n in names_of(r)})
    for name in names:
        if any(matches(name, r) is not None for r in rules):
            continue
        near = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        raise UnknownRule(
            f"{where}: unknown rule {name!r}{hint} (`checker rules list` shows each rule's code, name, "
            "groups and id)"
        )


def select_ids(rules: Sequence[Rule], select: Sequence[str], ignore: Sequence[str]) -> list[str]:
    """The ids of the rules to run: selected (all when none is) and not ignored."""
    chosen = [r for r in rules if not select or any(matches(n, r) is not None for n in select)]
    return [r.id for r in chosen if not any(matches(n, r) is not None for n in ignore)]


def severities(rules: Sequence[Rule], levels: Mapping[str, Severity]) -> dict[str, Severity]:
    """Severity overrides by rule id; the most specific name wins (an id over a code over a group)."""
    out: dict[str, Severity] = {}
    for rule in rules:
        best: tuple[int, Severity] | None = None
        for name, level in levels.items():
            rank = matches(name, rule)
            if rank is not None and (best is None or rank >= best[0]):
                best = (rank, Severity(level))
        if best is not None:
            out[rule.id] = best[1]
    return out


def rules_for(settings: Settings) -> tuple[list[Rule], list[str]]:
    """The rules to run, and a message per rule file or plugin that could not be loaded.

    Rule files come from `settings.rules` (a missing default rules/ folder is fine:
    every kind then runs with its defaults); select, ignore and severity apply on
    top, by code, name, group, id or kind.  A name that means no rule raises
    UnknownRule (a usage error, exit 2).
    """
    loaded = load_rules(settings.rules, explicit="rules" in settings.model_fields_set)
    for key in ("select", "ignore", "severity"):
        check_names(list(getattr(settings, key)), loaded.rules, settings.origin(key))
    ids = select_ids(loaded.rules, settings.select, settings.ignore)
    chosen = [r for r in loaded.rules if r.id in ids]
    rules = apply_settings(chosen, (), (), severities(chosen, settings.severity))
    return rules, [str(p) for p in loaded.problems] + loaded.plugin_problems


def rules_note(settings: Settings) -> str | None:
    """A note when no rules folder is found: the built-in defaults run and no fact sheet is read."""
    if "rules" in settings.model_fields_set or any(p.exists() for p in settings.rules):
        return None
    where = ", ".join(str(p) for p in settings.rules)
    return (
        f"no rules folder at {where}: every rule kind runs with its built-in defaults and no fact sheet "
        "is read; pass --rules or set `rules` in checker.toml"
    )
