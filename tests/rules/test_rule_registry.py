"""The registry: built-ins and plugins through the `checker.rules` entry points; broken plugins are skipped."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

from checker.rules.registry import BUILTIN, GROUP, load_registry
from tests.rules.sample_plugins import Echo


def ep(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group=GROUP)


def test_builtins_are_registered_through_the_entry_point_group() -> None:
    installed = {e.name: e.value for e in entry_points(group=GROUP)}
    assert installed == BUILTIN, "run `pip install -e .` after adding a kind to pyproject.toml"
    registry = load_registry()
    assert set(registry.kinds) >= set(BUILTIN)
    assert not registry.problems


def test_a_plugin_is_registered() -> None:
    registry = load_registry([ep("echo", "tests.rules.sample_plugins:Echo")])
    assert registry.kinds["echo"] is Echo
    assert registry.origins["echo"].startswith("plugin")


def test_plugins_that_fail_to_load_are_reported_and_skipped() -> None:
    registry = load_registry(
        [
            ep("missing", "no_such_module_anywhere:Rule"),
            ep("notarule", "tests.rules.sample_plugins:NotARule"),
            ep("wrong", "tests.rules.sample_plugins:WrongKind"),
            ep("echo", "tests.rules.sample_plugins:Echo"),
        ]
    )
    assert "echo" in registry.kinds
    assert not {"missing", "notarule", "wrong"} & set(registry.kinds)
    text = "\n".join(registry.problems)
    assert "missing" in text and "ModuleNotFoundError" in text
    assert "notarule" in text and "not a subclass" in text
    assert "wrong" in text and "kind 'other'" in text
    assert set(BUILTIN) <= set(registry.kinds), "built-ins load even when the metadata lacks them"


def test_a_plugin_cannot_replace_a_builtin_kind() -> None:
    points = [ep(k, v) for k, v in BUILTIN.items()] + [ep("agree", "tests.rules.sample_plugins:Echo")]
    registry = load_registry(points)
    assert registry.kinds["agree"].__module__ == "checker.rules.agree"
    assert any("already provided by built-in" in p for p in registry.problems)
