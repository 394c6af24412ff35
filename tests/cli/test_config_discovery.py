"""Config discovery through the real CLI: walking up, --config, relative paths, env lists, errors that say where."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, SEEDS, CliResult, replace_in


def _project(tmp_path: Path, config: str, name: str = "checker.toml") -> Path:
    """A project: the config, the rules in conf/rules, the corpus, and a subfolder to run from."""
    project = tmp_path / "project"
    (project / "sub" / "deeper").mkdir(parents=True)
    shutil.copytree(ROOT / "rules", project / "conf" / "rules")
    corpus = project / "corpus"
    corpus.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, corpus / f.name)
    replace_in(corpus / "000_92f2ac85fe6324f8.txt", "660公里", "680公里")
    (project / name).write_text(config, encoding="utf-8")
    return project


def test_found_from_a_subfolder_with_paths_relative_to_it(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    project = _project(tmp_path, 'rules = ["conf/rules"]\nreports = "out"\nstore = "state/c.db"\n')
    result = cli("check", "../../corpus", "--output-format", "concise", cwd=project / "sub" / "deeper")
    assert result.code == 1, result.stderr
    assert "CK401" in result.stdout  # the fact sheet under conf/rules was found
    assert (project / "out" / "latest.json").is_file() and (project / "state" / "c.db").is_file()
    assert not (project / "sub" / "deeper" / "reports").exists()
    assert not (project / "sub" / "deeper" / ".checker").exists()


def test_pyproject_table_and_explicit_config(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    project = _project(
        tmp_path, '[tool.checker]\nrules = ["conf/rules"]\nreports = "pp-out"\n', "pyproject.toml"
    )
    result = cli("check", "../corpus", "-q", cwd=project / "sub")
    assert result.code == 1 and (project / "pp-out" / "latest.json").is_file(), result.stderr
    other = tmp_path / "elsewhere.toml"
    other.write_text('reports = "explicit-out"\nselect = ["CK101"]\n', encoding="utf-8")
    named = cli("check", "corpus", "-q", "--config", other, "--output-format", "concise", cwd=project)
    assert named.code == 1, named.stderr
    assert (tmp_path / "explicit-out" / "latest.json").is_file()
    assert named.stdout.split(": ")[1].startswith("CK101")


def test_no_rules_folder_is_said(cli: Callable[..., CliResult], seeds_copy: Path) -> None:
    result = cli("check", seeds_copy, "--store", "s.db", "--reports", "out")
    assert "note: no rules folder at rules: every rule kind runs with its built-in defaults" in result.stderr
    quiet = cli("check", seeds_copy, "--store", "s.db", "--reports", "out", "-q")
    assert "note:" not in quiet.stderr


def test_environment_lists_take_commas(cli: Callable[..., CliResult], seeds_copy: Path) -> None:
    env = {"CHECKER_IGNORE": "reference,growth", "CHECKER_SEVERITY": "agree=warning"}
    result = cli("rules", "list", "--format", "json", "--rules", ROOT / "rules", env=env)
    assert result.code == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert "reference" not in rows and "growth" not in rows and rows["agree"]["severity"] == "warning"
    wrong = cli("rules", "list", "--rules", ROOT / "rules", env={"CHECKER_SELECT": "nosuch"})
    assert wrong.code == 2 and "CHECKER_SELECT: unknown rule 'nosuch'" in wrong.stderr


def test_config_errors_name_file_line_and_key(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    project = _project(tmp_path, 'reports = "out"\n\nretension = 3\n')
    result = cli("check", "corpus", cwd=project)
    assert result.code == 2
    assert "checker.toml:3: key 'retension': unknown setting; did you mean 'retention'?" in result.stderr
    (project / "checker.toml").write_text('[severity]\ngrowth = "loud"\n', encoding="utf-8")
    bad = cli("check", "corpus", cwd=project)
    assert bad.code == 2 and "checker.toml:1: key 'severity.growth'" in bad.stderr, bad.stderr
    (project / "checker.toml").write_text('select = ["agre"]\n', encoding="utf-8")
    unknown = cli("check", "corpus", cwd=project)
    assert unknown.code == 2 and "checker.toml:1: unknown rule 'agre'; did you mean 'agree'" in unknown.stderr
    missing = cli("check", "corpus", "--config", "nope.toml", cwd=project)
    assert missing.code == 2 and "--config nope.toml: no such file" in missing.stderr
