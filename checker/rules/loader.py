"""Rule files: YAML rule instances under rules/, each validated by its kind's model.

A rule file holds one rule (a mapping) or several (a list of mappings).  The
model is chosen by `kind` (a discriminated union over every registered kind)
and rejects unknown keys.  A broken file gives one error naming the file, the
line, the key and the fix; the other files still load, and every kind that no
file configures still runs with its defaults (id = kind), so a checker run
without any rules/ folder still checks everything it can.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, cast

from pydantic import Field, TypeAdapter, ValidationError, create_model

from checker.errors import RuleFileError
from checker.lazylog import logger
from checker.models import Severity
from checker.rules.base import Rule, RuleConfig
from checker.rules.registry import Registry, load_registry
from checker.rules.yamlfile import YamlFile, explain, read_yaml
from checker.sources.names import display_path

SUFFIXES = (".yml", ".yaml")
# Fact sheets live beside the rule files but are data for the reference rule, not rules.
DATA_FOLDERS = ("facts",)


@dataclass
class RuleSet:
    """Loaded rules, broken files, plugins that failed to load, and the files read."""

    rules: list[Rule] = field(default_factory=list)
    problems: list[RuleFileError] = field(default_factory=list)
    plugin_problems: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def rule_files(paths: Iterable[Path], *, explicit: bool) -> tuple[list[Path], list[RuleFileError]]:
    """The rule files under `paths`; a missing path is an error only when the user named it."""
    files: list[Path] = []
    problems: list[RuleFileError] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in SUFFIXES
                    and p.is_file()
                    and not any(part in DATA_FOLDERS for part in p.relative_to(path).parts[:-1])
                )
            )
        elif explicit:
            problems.append(
                RuleFileError(
                    display_path(path), "no such file or folder; fix --rules or the `rules` setting"
                )
            )
    return files, problems


def config_adapter(registry: Registry) -> TypeAdapter[Any]:
    """A discriminated union of every kind's config model, tagged by `kind`."""
    members = [
        create_model(
            f"{cls.config_model.__name__}_{kind}",
            __base__=cls.config_model,
            kind=(cast(Any, Literal)[kind], ...),
        )
        for kind, cls in registry.kinds.items()
    ]
    if len(members) == 1:
        return TypeAdapter(members[0])
    union: Any = Union[tuple(members)]  # noqa: UP007 - a union built at run time
    return TypeAdapter(Annotated[union, Field(discriminator="kind")])


def _entries(file: YamlFile) -> list[tuple[tuple[int, ...], Any]]:
    data = file.data
    if data is None:
        raise file.error("the file is empty; write a rule: id, kind and its keys (see rules/README.md)")
    if isinstance(data, list):
        return [((i,), item) for i, item in enumerate(data)]
    return [((), data)]


def parse_file(
    file: YamlFile, adapter: TypeAdapter[Any], registry: Registry
) -> tuple[list[RuleConfig], RuleFileError | None, set[str]]:
    """The rule configs of one file, or its first error and the ids it tried to define."""
    configs: list[RuleConfig] = []
    meant: set[str] = set()
    for loc, entry in _entries(file):
        if not isinstance(entry, Mapping):
            error = file.error(
                f"expected a mapping of rule keys (id, kind, severity, ...), got {type(entry).__name__}", loc
            )
            return [], error, meant
        item = dict(entry)
        kind = item.get("kind")
        if isinstance(kind, str) and "id" not in item:
            item["id"] = kind
        if isinstance(item.get("id"), str):
            meant.add(item["id"])
        cls = registry.kinds.get(kind) if isinstance(kind, str) else None
        try:
            configs.append(adapter.validate_python(item))
        except ValidationError as exc:
            model = cls.config_model if cls else None
            return [], explain(file, exc, model, loc, skip=registry.kinds), meant
    return configs, None, meant


def _prepare(rule: Rule, folders: Sequence[Path], origin: str) -> list[RuleFileError]:
    """The rule's data files loaded; a failure of its own (a bad glob) is a rule error, not a crash."""
    try:
        return rule.prepare(folders)
    except (OSError, ValueError, NotImplementedError, RecursionError) as exc:
        return [RuleFileError(origin, f"rule '{rule.id}' cannot load its data: {exc}; fix its settings")]


def load_rules(paths: Sequence[Path], *, explicit: bool = True, registry: Registry | None = None) -> RuleSet:
    """Rules from the files under `paths`, plus a default instance of every kind no file configures."""
    registry = registry or load_registry()
    result = RuleSet(plugin_problems=list(registry.problems))
    adapter = config_adapter(registry)
    files, result.problems = rule_files(paths, explicit=explicit)
    defined: dict[str, str] = {}
    withheld: set[str] = set()
    for path in files:
        name = display_path(path)
        result.files.append(name)
        try:
            file = read_yaml(path, name)
            configs, error, meant = parse_file(file, adapter, registry)
        except RuleFileError as exc:
            result.problems.append(exc)
            continue
        if error is not None:
            # The rules this file meant to define do not run, not even with their defaults.
            result.problems.append(error)
            withheld |= meant
            continue
        for i, config in enumerate(configs):
            if config.id in defined:
                loc: tuple[int | str, ...] = (i, "id") if isinstance(file.data, list) else ("id",)
                result.problems.append(
                    file.error(
                        f"rule id '{config.id}' is already defined in {defined[config.id]}; give it another id",
                        loc,
                        key="id",
                    )
                )
                continue
            defined[config.id] = name
            rule = registry.kinds[config.kind](config)
            rule.origin = name
            result.problems.extend(_prepare(rule, [path.parent], name))
            result.rules.append(rule)
    folders = [p if p.is_dir() else p.parent for p in paths if p.exists()]
    for kind, cls in registry.kinds.items():
        if kind in defined or kind in withheld:
            continue
        rule = cls(cls.config_model(id=kind, kind=kind))
        rule.origin = registry.origins[kind]
        result.problems.extend(_prepare(rule, folders, rule.origin))
        result.rules.append(rule)
    result.rules.sort(key=lambda r: r.id)
    return result


def apply_settings(
    rules: Iterable[Rule],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severity: Mapping[str, Severity] | None = None,
) -> list[Rule]:
    """Rules narrowed by select/ignore (ids or kinds) with severity overrides (id before kind)."""
    rules = list(rules)
    known = {r.id for r in rules} | {r.kind for r in rules}
    for name in [*select, *ignore, *(severity or {})]:
        if name not in known:
            logger.warning("rule {!r} in select/ignore/severity matches no rule id or kind", name)
    if select:
        rules = [r for r in rules if r.id in select or r.kind in select]
    rules = [r for r in rules if r.id not in ignore and r.kind not in ignore]
    overrides = severity or {}
    for rule in rules:
        level = overrides.get(rule.id, overrides.get(rule.kind))
        if level is not None:
            rule.config = rule.config.model_copy(update={"severity": Severity(level)})
    return rules
