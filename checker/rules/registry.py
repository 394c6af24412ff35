"""The registry of rule kinds, fed by the `checker.rules` entry-point group.

Built-in kinds register through the same group as plugins (see pyproject.toml).
A plugin that cannot be imported, or is not a Rule, is logged and skipped: one
broken plugin never stops a check.  When the package metadata is stale (an
editable install from before a kind was added), the built-ins are imported
directly so they still run.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from checker.lazylog import logger
from checker.rules.base import Rule

GROUP = "checker.rules"

BUILTIN: dict[str, str] = {
    "agree": "checker.rules.agree:Agree",
    "count": "checker.rules.count:Count",
    "equivalence": "checker.rules.equivalence:Equivalence",
    "growth": "checker.rules.growth:Growth",
    "reference": "checker.rules.reference:Reference",
    "target": "checker.rules.target:Target",
    "total": "checker.rules.total:Total",
}


@dataclass
class Registry:
    """Rule kinds by name, where each came from, and the plugins that failed to load."""

    kinds: dict[str, type[Rule]] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, kind: str, cls: type[Rule], origin: str) -> None:
        self.kinds[kind] = cls
        self.origins[kind] = origin


def _load_target(target: str) -> Any:
    module, _, attr = target.partition(":")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def _validate(kind: str, obj: Any) -> type[Rule]:
    if not (isinstance(obj, type) and issubclass(obj, Rule)):
        raise TypeError(f"{obj!r} is not a subclass of checker.rules.base.Rule")
    if getattr(obj, "kind", None) != kind:
        raise TypeError(f"its class says kind {getattr(obj, 'kind', None)!r}; name the entry point after it")
    return obj


def load_registry(points: Iterable[EntryPoint] | None = None) -> Registry:
    """Every rule kind that can be loaded; failures become `problems`, never exceptions."""
    registry = Registry()
    found = list(entry_points(group=GROUP) if points is None else points)
    # Built-ins first, so a plugin can never silently replace one.
    found.sort(key=lambda ep: (BUILTIN.get(ep.name) != ep.value, ep.name, ep.value))
    for ep in found:
        origin = "built-in" if BUILTIN.get(ep.name) == ep.value else _distribution(ep)
        if ep.name in registry.kinds:
            if registry.origins[ep.name] != origin or BUILTIN.get(ep.name) != ep.value:
                problem = (
                    f"rule plugin {ep.name} ({ep.value}, from {origin}) skipped: kind {ep.name!r} "
                    f"is already provided by {registry.origins[ep.name]}; rename the plugin's kind"
                )
                logger.warning("{}", problem)
                registry.problems.append(problem)
            continue
        try:
            cls = _validate(ep.name, ep.load())
        except Exception as exc:  # any import-time error of third-party code
            problem = (
                f"rule plugin {ep.name} ({ep.value}, from {origin}) failed to load and is skipped: "
                f"{type(exc).__name__}: {exc}"
            )
            logger.warning("{}", problem)
            registry.problems.append(problem)
            continue
        registry.add(ep.name, cls, origin)
    for kind, target in BUILTIN.items():
        if kind in registry.kinds:
            continue
        logger.debug("built-in rule kind {} has no entry point (stale install?); importing it", kind)
        try:
            registry.add(kind, _validate(kind, _load_target(target)), "built-in")
        except Exception as exc:  # e.g. a module it needs is not there yet
            problem = f"built-in rule kind {kind} failed to load and is skipped: {type(exc).__name__}: {exc}"
            logger.warning("{}", problem)
            registry.problems.append(problem)
    registry.kinds = dict(sorted(registry.kinds.items()))
    return registry


def _distribution(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    name = getattr(dist, "name", None)
    return f"plugin {name}" if name else "plugin"
