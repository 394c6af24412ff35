"""Rule files: loading, one clear error per broken file (file, line, key, fix), the rest still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.models import Severity
from checker.rules.loader import apply_settings, load_rules
from checker.rules.registry import load_registry


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def rules_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "rules"
    folder.mkdir()
    return folder


def only_problem(folder: Path) -> str:
    loaded = load_rules([folder])
    assert len(loaded.problems) == 1, [str(p) for p in loaded.problems]
    return str(loaded.problems[0])


def test_no_rules_folder_gives_every_kind_with_defaults(tmp_path: Path) -> None:
    loaded = load_rules([tmp_path / "missing"], explicit=False)
    assert not loaded.problems
    assert {r.id for r in loaded.rules} == set(load_registry().kinds)
    assert all(r.origin == "built-in" and r.severity is Severity.ERROR for r in loaded.rules)


def test_a_missing_path_the_user_named_is_an_error(tmp_path: Path) -> None:
    loaded = load_rules([tmp_path / "nowhere"], explicit=True)
    assert "no such file or folder" in str(loaded.problems[0])
    assert loaded.rules, "the built-in kinds still run"


def test_a_rule_file_configures_its_rule(rules_dir: Path) -> None:
    write(rules_dir, "agree.yml", "id: agree\nkind: agree\nseverity: warning\ndescription: Reports agree.\n")
    loaded = load_rules([rules_dir])
    assert not loaded.problems
    agree = next(r for r in loaded.rules if r.id == "agree")
    assert agree.severity is Severity.WARNING
    assert agree.description == "Reports agree."
    assert agree.origin == "rules/agree.yml"


def test_a_list_file_defines_several_rules_and_id_defaults_to_kind(rules_dir: Path) -> None:
    write(rules_dir, "many.yaml", "- kind: agree\n- id: agree-info\n  kind: agree\n  severity: info\n")
    loaded = load_rules([rules_dir])
    assert not loaded.problems
    ids = [r.id for r in loaded.rules]
    assert ids.count("agree") == 1 and "agree-info" in ids


def test_fact_sheets_are_not_rule_files(rules_dir: Path) -> None:
    write(rules_dir, "facts/sheet.yml", "title: not a rule\nfacts: []\n")
    loaded = load_rules([rules_dir])
    assert loaded.files == []
    assert not [p for p in loaded.problems if "sheet.yml" in str(p) and "kind" in str(p)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id: agree\nkind: agree\n\nseverity: warning\ndescripton: typo\n",
            "rules/broken.yml:5: key 'descripton': unknown key; did you mean 'description'?",
        ),
        ("id: x\nkind: agre\n", "rules/broken.yml:2: key 'kind': unknown kind 'agre'; did you mean 'agree'?"),
        (
            "id: x\nseverity: error\n",
            "rules/broken.yml:1: key 'kind': required key is missing; add 'kind: ...'",
        ),
        (
            "id: x\nkind: agree\nenabled: maybe\n",
            "rules/broken.yml:3: key 'enabled': expected true or false, got 'maybe'; change the value",
        ),
        ("id: x\nkind: agree\nseverity: fatal\n", "rules/broken.yml:3: key 'severity':"),
        ("id: x\nkind: agree\nid: y\n", "rules/broken.yml:3: key 'id': duplicate key"),
        ("id: x\nkind: agree\nseverity: [error\n", "rules/broken.yml:4: invalid YAML"),
        ("id: x\n  kind: agree\n", "rules/broken.yml:2: invalid YAML"),
        ("- just a string\n", "rules/broken.yml:1: expected a mapping of rule keys"),
        ("", "rules/broken.yml: the file is empty"),
        (
            "- kind: agree\n  id: a\n- kind: agree\n  id: b\n  colour: red\n",
            "rules/broken.yml:5: key 'colour': unknown key",
        ),
    ],
    ids=[
        "unknown-key",
        "unknown-kind",
        "missing-kind",
        "wrong-type",
        "bad-severity",
        "duplicate-key",
        "bad-yaml",
        "bad-indent",
        "not-a-mapping",
        "empty",
        "in-a-list",
    ],
)
def test_a_broken_file_gives_one_error_with_file_line_key_and_fix(
    rules_dir: Path, text: str, expected: str
) -> None:
    write(rules_dir, "broken.yml", text)
    write(rules_dir, "other.yml", "id: other\nkind: agree\nseverity: info\n")
    problem = only_problem(rules_dir)
    assert problem.startswith(expected), problem
    ids = {r.id for r in load_rules([rules_dir]).rules}
    assert "other" in ids, "every other rule still loads"


def test_a_broken_file_withholds_the_rule_it_meant_to_configure(rules_dir: Path) -> None:
    write(rules_dir, "agree.yml", "id: agree\nkind: agree\nseverty: info\n")
    loaded = load_rules([rules_dir])
    assert "did you mean 'severity'" in str(loaded.problems[0])
    assert "agree" not in {r.id for r in loaded.rules}


def test_duplicate_ids_across_files_name_the_first_file(rules_dir: Path) -> None:
    write(rules_dir, "a.yml", "id: same\nkind: agree\n")
    write(rules_dir, "b.yml", "kind: agree\nid: same\n")
    problem = only_problem(rules_dir)
    assert problem.startswith("rules/b.yml:2: key 'id': rule id 'same' is already defined in rules/a.yml")


def test_select_ignore_and_severity_by_id_or_kind(rules_dir: Path) -> None:
    write(rules_dir, "a.yml", "- id: first\n  kind: agree\n- id: second\n  kind: agree\n")
    rules = load_rules([rules_dir]).rules
    assert {r.id for r in apply_settings(rules, select=["first"])} == {"first"}
    assert "first" not in {r.id for r in apply_settings(rules, ignore=["first"])}
    assert not [r for r in apply_settings(rules, ignore=["agree"]) if r.kind == "agree"]
    levels = {
        r.id: r.severity
        for r in apply_settings(rules, severity={"agree": Severity.INFO, "first": Severity.WARNING})
    }
    assert levels["first"] is Severity.WARNING and levels["second"] is Severity.INFO


def test_a_formula_that_is_not_arithmetic_is_a_file_error(rules_dir: Path) -> None:
    write(rules_dir, "growth.yml", "id: growth\nkind: growth\nannual_formula: \"__import__('os')\"\n")
    problem = only_problem(rules_dir)
    assert problem.startswith("rules/growth.yml:3: key 'annual_formula':"), problem
    assert "only these functions may be called" in problem


def test_a_broken_fact_sheet_names_file_line_and_key(rules_dir: Path) -> None:
    write(
        rules_dir,
        "facts/sheet.yml",
        "title: t\nsource: s\nfacts:\n  - id: a\n    name: A\n    aliases: [a]\n    valu: 3\n    unit: km\n",
    )
    loaded = load_rules([rules_dir])
    problems = [str(p) for p in loaded.problems]
    assert problems == ["rules/facts/sheet.yml:7: key 'valu': unknown key; did you mean 'value'?"], problems
    assert "reference" in {r.id for r in loaded.rules}, "the rule still runs with the sheets that load"


def test_a_fact_sheet_with_an_unknown_unit(rules_dir: Path) -> None:
    write(
        rules_dir,
        "facts/sheet.yml",
        "title: t\nsource: s\nfacts:\n  - id: a\n    name: A\n    aliases: [a]\n    value: 3\n    unit: furlongz\n",
    )
    (problem,) = [str(p) for p in load_rules([rules_dir]).problems]
    assert problem.startswith("rules/facts/sheet.yml:8: key 'unit':") and "unknown unit" in problem, problem


def test_the_shipped_fact_sheet_loads() -> None:
    from checker.rules.factsheet import load_sheet
    from tests.conftest import ROOT

    sheet = load_sheet(ROOT / "rules" / "facts" / "2024-practical-projects.yml", "sheet")
    assert len(sheet.facts) >= 16
    assert {f.unit for f in sheet.facts} >= {"km", "count", "ratio", "percent", "hour"}
