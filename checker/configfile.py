"""Where settings come from: the config file found by walking up, and CHECKER_* variables.

As ruff finds its configuration: from the current folder upwards, the first
folder holding a `checker.toml` or a `pyproject.toml` with a `[tool.checker]`
table is the config root (when it holds both, `checker.toml` wins key by key).
`--config PATH` names the file instead.  Every value remembers where it was
set (file and line, variable, flag), so an error can name it.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import ConfigError

CONFIG_NAME = "checker.toml"
PYPROJECT = "pyproject.toml"
ENV_PREFIX = "CHECKER_"


@dataclass
class Layer:
    """Values from one source, and where each top-level key was set ("checker.toml:3", "CHECKER_X")."""

    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)


@dataclass
class ConfigFiles:
    """The config files in use, their folder (the config root), and their merged values."""

    root: Path
    files: list[Path] = field(default_factory=list)
    layer: Layer = field(default_factory=Layer)


def _table(path: Path) -> tuple[dict[str, Any] | None, str, str]:
    """The checker table of a config file (None for a pyproject.toml without one), its text and name.

    A pyproject.toml holds it under [tool.checker]; any other file (checker.toml,
    or whatever --config names) at its top level.
    """
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: invalid TOML ({exc}); fix the file or pass another with --config"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it ({exc}); fix its permissions or encoding") from exc
    if path.name != PYPROJECT:
        return data, text, ""
    tool = data.get("tool", {})
    section = tool.get("checker") if isinstance(tool, dict) else None
    return (dict(section) if isinstance(section, dict) else None), text, "tool.checker"


def line_of(text: str, key: str, table: str = "") -> int | None:
    """The line (1-based) where `key` is set inside `table` ("" top level, "tool.checker")."""
    current = ""
    header = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")
    for number, line in enumerate(text.splitlines(), 1):
        m = header.match(line)
        if m:
            current = m.group(1).replace('"', "").replace(" ", "")
            if current == ".".join(p for p in (table, key) if p):
                return number
            continue
        if current == table and re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    return None


def _layer_of(path: Path) -> Layer | None:
    data, text, table = _table(path)
    if data is None:
        return None
    layer = Layer()
    for key, value in data.items():
        line = line_of(text, key, table)
        layer.values[key] = _relative(value, key, path.parent)
        layer.origins[key] = f"{path}:{line}" if line else str(path)
    return layer


# Settings that are paths: written relative to the file that sets them.
PATH_KEYS = ("store", "reports", "rules", "baseline", "log_file")


def shown(path: Path) -> Path:
    """A path relative to the working folder when it lies under it (as users typed it), else absolute."""
    try:
        return Path(os.path.relpath(path)) if path.resolve().is_relative_to(Path.cwd()) else path
    except (OSError, ValueError):
        return path


def _relative(value: Any, key: str, base: Path) -> Any:
    if key not in PATH_KEYS:
        return value
    if isinstance(value, list):
        return [_relative(v, key, base) for v in value]
    if isinstance(value, str) and value and "://" not in value:  # a URL (postgresql://) is no path
        return str(shown(base / value)) if not Path(value).is_absolute() else value
    return value


def discover(start: Path | None = None) -> Path | None:
    """The folder of the nearest config, from `start` (the working folder) upwards, or None."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _table(pyproject)[0] is not None:
            return candidate
    return None


def load_files(explicit: Path | None = None) -> ConfigFiles:
    """The config in use: the file `explicit` names, or the nearest one found; else none."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"--config {explicit}: no such file; name a checker.toml or pyproject.toml")
        layer = _layer_of(explicit)
        if layer is None:
            raise ConfigError(f"--config {explicit}: it has no [tool.checker] table; add one")
        return ConfigFiles(root=shown(explicit.resolve().parent), files=[explicit], layer=layer)
    folder = discover()
    if folder is None:
        return ConfigFiles(root=Path())
    found = ConfigFiles(root=shown(folder))
    # pyproject first, so checker.toml in the same folder wins key by key.
    for name in (PYPROJECT, CONFIG_NAME):
        path = shown(folder / name)
        layer = _layer_of(path) if path.is_file() else None
        if layer is not None:
            found.files.append(path)
            found.layer.values.update(layer.values)
            found.layer.origins.update(layer.origins)
    return found


def _env_value(name: str, raw: str, kind: str) -> Any:
    """A CHECKER_* value: lists and mappings as JSON or comma-separated ("a,b", "growth=warning")."""
    text = raw.strip()
    if kind == "list":
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{name}: invalid JSON list ({exc}); or write it comma-separated") from exc
        return [item.strip() for item in text.split(",") if item.strip()]
    if kind == "dict":
        if text.startswith("{"):
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{name}: invalid JSON object ({exc}); or write ID=LEVEL,…") from exc
        pairs = [item.partition("=") for item in text.split(",") if item.strip()]
        if any(not sep for _, sep, _ in pairs):
            raise ConfigError(f"{name}: write ID=LEVEL pairs separated by commas (growth=warning,total=info)")
        return {k.strip(): v.strip() for k, _, v in pairs}
    return raw


def env_layer(kinds: Mapping[str, str], environ: Mapping[str, str] | None = None) -> Layer:
    """Values from CHECKER_<SETTING> variables (names in any case); `kinds` says list/dict/other."""
    environ = os.environ if environ is None else environ
    layer = Layer()
    upper = {key.upper(): key for key in kinds}
    for name, raw in environ.items():
        if not name.upper().startswith(ENV_PREFIX):
            continue
        key = upper.get(name.upper()[len(ENV_PREFIX) :])
        if key is None:
            continue
        layer.values[key] = _env_value(name, raw, kinds[key])
        layer.origins[key] = name
    return layer
