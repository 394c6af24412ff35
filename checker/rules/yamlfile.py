"""YAML files with line numbers: read once, validate with pydantic, explain errors by line.

PyYAML's composed node tree keeps the line of every key and value; pydantic's
error locations (("rules", 0, "tolerence")) are walked down that tree, so an
error names the file, the line, the key and the fix:
"rules/total.yml:7: key 'tolerence': unknown key; did you mean 'tolerance'?".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from checker.errors import RuleFileError

Loc = Sequence[int | str]

# A rule file or fact sheet is a few kilobytes.  The caps bound the time and
# memory of everything after parsing (duplicate checks, validation): a few
# hundred bytes of nested anchors and aliases (a "YAML bomb") would otherwise
# expand to billions of nodes.
MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000

# libyaml's parser, when PyYAML was built with it, reads a rules folder about ten times faster than
# the pure-Python one (a noticeable part of a one-document check); both keep every node's line.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_EXPECTED = {
    "float": "expected a number",
    "int": "expected a whole number",
    "bool": "expected true or false",
    "string": "expected text",
    "list": "expected a list",
    "dict": "expected a mapping of keys",
    "model": "expected a mapping of keys",
}


@dataclass
class YamlFile:
    """A parsed YAML file: its data, its node tree, and the name used in messages."""

    name: str
    data: Any
    node: yaml.Node | None

    def error(self, problem: str, loc: Loc = (), key: str | None = None) -> RuleFileError:
        """An error about the node at `loc` (as far down as it exists)."""
        line = line_of(self.node, loc)
        return RuleFileError(self.name, problem, line=line, key=key)


def read_yaml(path: Path, name: str) -> YamlFile:
    """Parse `path` safely (no tags, no code); syntax errors name the line."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RuleFileError(
                name, f"too large ({size} bytes, limit {MAX_FILE_BYTES}); split it into several files"
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(name, f"cannot read the file ({exc}); make it a UTF-8 text file") from exc
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        _check_size(name, node)
        _check_duplicates(name, node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise RuleFileError(
            name, f"invalid YAML: {problem}; check the indentation and quoting", line=line
        ) from exc
    except yaml.YAMLError as exc:
        raise RuleFileError(name, f"invalid YAML: {exc}; check the indentation and quoting") from exc
    except RecursionError as exc:
        raise RuleFileError(name, "nested too deeply; flatten the structure") from exc
    finally:
        loader.dispose()
    return YamlFile(name=name, data=data, node=node)


M = TypeVar("M", bound=BaseModel)


def load_model(path: Path, name: str, model: type[M], expected: str) -> M:
    """A YAML file holding one mapping validated as `model`, or a RuleFileError naming file, line and key.

    `expected` says what the mapping should hold, for a file that is not one.
    """
    file = read_yaml(path, name)
    if not isinstance(file.data, dict):
        raise file.error(expected)
    try:
        return model.model_validate(file.data)
    except ValidationError as exc:
        raise explain(file, exc, model) from None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_size(name: str, root: yaml.Node | None) -> None:
    """Refuse a document whose aliases expand past MAX_NODES nodes (counted without expanding)."""
    sizes: dict[int, int] = {}
    pending: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in pending:
            raise RuleFileError(
                name, "an alias refers to its own anchor; remove the loop", line=node.start_mark.line + 1
            )
        pending.add(key)
        total = 1
        for child in _children(node):
            total += size(child)
            if total > MAX_NODES:
                raise RuleFileError(
                    name,
                    f"expands to more than {MAX_NODES} values through anchors and aliases; "
                    "write the rules out instead of nesting aliases",
                    line=node.start_mark.line + 1,
                )
        pending.discard(key)
        sizes[key] = total
        return total

    if root is not None:
        size(root)


def _check_duplicates(name: str, node: yaml.Node | None) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise RuleFileError(
                        name,
                        "duplicate key; keep one of them",
                        line=key.start_mark.line + 1,
                        key=key.value,
                    )
                seen.add(key.value)
            _check_duplicates(name, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(name, item)


def _child(node: yaml.Node, part: int | str, *, want_key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key if want_key else value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item: yaml.Node = node.value[part]
        return item
    return None


def line_of(node: yaml.Node | None, loc: Loc, *, key_line: bool = False) -> int | None:
    """The 1-based line of the deepest node on `loc`; with key_line, of the last key itself."""
    if node is None:
        return None
    current = node
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        found = _child(current, part, want_key=key_line and last)
        if found is None:
            break
        current = found
    return current.start_mark.line + 1


def explain(
    file: YamlFile,
    exc: ValidationError,
    model: type[BaseModel] | None = None,
    prefix: Loc = (),
    skip: Iterable[str] = (),
) -> RuleFileError:
    """One error for the file: its first problem by line, and how many more there are.

    `model` is what was validated (it names the allowed keys), `prefix` is where
    the validated data sits in the file; a first loc part in `skip` (a tagged
    union's tag, as pydantic inserts it) is not a key of the file.
    """
    dropped = set(skip)
    errors = [_one(file, err, model, prefix, dropped) for err in exc.errors()]
    errors.sort(key=lambda e: e.line or 0)
    first = errors[0]
    if len(errors) > 1:
        more = len(errors) - 1
        return RuleFileError(
            first.path, f"{first.problem} (and {more} more problem{'s' * (more > 1)})", first.line, first.key
        )
    return first


def _one(
    file: YamlFile, err: ErrorDetails, model: type[BaseModel] | None, prefix: Loc, skip: set[str]
) -> RuleFileError:
    inner = list(err["loc"])
    if inner and isinstance(inner[0], str) and inner[0] in skip:
        inner = inner[1:]
    loc = [*prefix, *inner]
    kind, ctx = err["type"], err.get("ctx") or {}
    key = next((str(p) for p in reversed(loc) if isinstance(p, str)), None)
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, inner[:-1])
        line = line_of(file.node, loc, key_line=True)
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        fix = f"did you mean '{close[0]}'?" if close else f"remove it (known keys: {', '.join(allowed)})"
        return RuleFileError(file.name, f"unknown key; {fix}", line, key)
    if kind == "missing" and key == "kind" and skip:
        return RuleFileError(
            file.name,
            f"required key is missing; add 'kind: ...' (one of: {', '.join(sorted(skip))})",
            line_of(file.node, loc[:-1]),
            key,
        )
    if kind == "missing":
        return RuleFileError(
            file.name, f"required key is missing; add '{key}: ...'", line_of(file.node, loc[:-1]), key
        )
    if kind == "literal_error" and inner == ["kind"] and skip:
        # With a single registered kind the union is that one model, and a wrong tag a literal error.
        kind, ctx = "union_tag_invalid", {"tag": err.get("input"), "expected_tags": ", ".join(sorted(skip))}
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        known = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",") if t.strip()]
        tag = ctx.get("tag")
        line = line_of(file.node, [*loc, "kind"])
        if tag is None:
            return RuleFileError(
                file.name,
                f"required key is missing; add 'kind: ...' (one of: {', '.join(known)})",
                line,
                "kind",
            )
        close = difflib.get_close_matches(str(tag), known, n=1, cutoff=0.5)
        fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known)}"
        return RuleFileError(file.name, f"unknown kind '{tag}'; {fix}", line, "kind")
    expected = next((v for k, v in _EXPECTED.items() if kind.startswith(k)), None)
    got = err.get("input")
    if expected:
        problem = f"{expected}, got {got!r}; change the value"
    else:
        problem = f"{err['msg']} (got {got!r}); change the value"
    return RuleFileError(file.name, problem, line_of(file.node, loc), key)


def _allowed_keys(model: type[BaseModel] | None, loc: Loc) -> list[str]:
    """The keys the model allows at `loc`, following nested models and lists of them."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if (
            not (isinstance(current, type) and issubclass(current, BaseModel))
            or part not in current.model_fields
        ):
            return []
        current = _model_in(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
