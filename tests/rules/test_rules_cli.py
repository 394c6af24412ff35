"""`checker rules list` and `checker rules validate`, and rule options on `checker check`, as subprocesses."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from checker.rules.registry import BUILTIN
from tests.conftest import ROOT, CliResult

PLUGIN = '''
from checker.rules.base import Rule


class Hello(Rule):
    """Greets every corpus (a sample plugin)."""

    kind = "hello"

    def check(self, ctx):
        yield self.finding("hello", [], "hello", passed=True)
'''


def install_plugins(site: Path) -> dict[str, str]:
    """A fake installed distribution with one good and one broken `checker.rules` entry point."""
    site.mkdir(parents=True)
    (site / "hello_plugin.py").write_text(PLUGIN, encoding="utf-8")
    (site / "broken_plugin.py").write_text("raise RuntimeError('plugin exploded')\n", encoding="utf-8")
    info = site / "hello_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: hello-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[checker.rules]\nhello = hello_plugin:Hello\nbroken = broken_plugin:Broken\n", encoding="utf-8"
    )
    return {"PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}


def test_list_shows_every_kind_with_id_kind_severity_description(cli: Callable[..., CliResult]) -> None:
    result = cli("rules", "list", "--format", "json")
    assert result.code == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert set(rows) >= set(BUILTIN)
    agree = rows["agree"]
    assert agree["kind"] == "agree" and agree["severity"] == "error"
    assert agree["description"].startswith("Claims that state the same fact")
    table = cli("rules", "list")
    assert table.code == 0 and "agree" in table.stdout and "description" in table.stdout


def test_list_applies_select_ignore_and_severity(cli: Callable[..., CliResult]) -> None:
    rows = json.loads(
        cli("rules", "list", "--format", "json", "--select", "agree", "--severity", "agree=warning").stdout
    )
    assert [(r["id"], r["severity"]) for r in rows] == [("agree", "warning")]
    rows = json.loads(cli("rules", "list", "--format", "json", "--ignore", "agree").stdout)
    assert "agree" not in {r["id"] for r in rows}


def test_severity_from_checker_toml_and_flag_on_top(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text('[severity]\nagree = "info"\n', encoding="utf-8")
    rows = {r["id"]: r for r in json.loads(cli("rules", "list", "--format", "json").stdout)}
    assert rows["agree"]["severity"] == "info"
    rows = {
        r["id"]: r
        for r in json.loads(cli("rules", "list", "--format", "json", "--severity", "agree=warning").stdout)
    }
    assert rows["agree"]["severity"] == "warning"


def test_a_bad_severity_flag_is_a_usage_error(cli: Callable[..., CliResult]) -> None:
    result = cli("rules", "list", "--severity", "agree=fatal")
    assert result.code == 2
    assert "ID=LEVEL" in result.stderr


def test_plugins_are_listed_and_a_broken_one_is_reported_and_skipped(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    env = install_plugins(tmp_path / "site")
    result = cli("rules", "list", "--format", "json", env=env)
    assert result.code == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["hello"]["origin"] == "plugin hello-plugin"
    assert rows["hello"]["description"] == "Greets every corpus (a sample plugin)."
    assert "broken" not in rows
    assert "broken" in result.stderr and "plugin exploded" in result.stderr


def test_validate_passes_on_the_shipped_rules_folder(cli: Callable[..., CliResult]) -> None:
    result = cli("rules", "validate", cwd=ROOT)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("ok:")


def test_validate_names_each_broken_file_and_exits_2(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "good.yml").write_text("id: agree\nkind: agree\n", encoding="utf-8")
    (rules / "typo.yml").write_text("id: t\nkind: agree\nenabeld: true\n", encoding="utf-8")
    (rules / "kind.yml").write_text("id: k\nkind: nosuchkind\n", encoding="utf-8")
    result = cli("rules", "validate")
    assert result.code == 2
    assert "rules/typo.yml:3: key 'enabeld': unknown key; did you mean 'enabled'?" in result.stderr
    assert "rules/kind.yml:2: key 'kind': unknown kind 'nosuchkind'" in result.stderr
    assert "good.yml" not in result.stderr


def test_check_takes_select_ignore_and_severity(cli: Callable[..., CliResult], seeds_copy: Path) -> None:
    from tests.conftest import replace_in

    replace_in(seeds_copy / "002_ce81642fc312d168.txt", "共有25项", "共有28项")
    args = ("check", seeds_copy, "--store", "store.db", "--reports", "out", "--format", "json")
    failing = cli(*args)
    assert failing.code == 1
    assert {f["rule"] for f in failing.json()["findings"] if f["severity"] == "error"} == {"total"}
    warned = cli(*args, "--severity", "total=warning")
    assert warned.code == 0, warned.stderr
    assert any(f["rule"] == "total" and f["severity"] == "warning" for f in warned.json()["findings"])
    ignored = cli(*args, "--ignore", "total")
    assert ignored.code == 0 and "total" not in {f["rule"] for f in ignored.json()["findings"]}
    selected = cli(*args, "--select", "count,growth")
    assert {f["rule"] for f in selected.json()["findings"]} == {"count", "growth"}
