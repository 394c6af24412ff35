"""Issue 11, fast start: a command imports what it needs and nothing heavy besides.

Each test runs a real `python` process and reads its `sys.modules` at exit,
since an import made in this test process would hide one the command made.
The speed itself is measured by bench/start.py, not here.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click

from checker.cli import main, registry
from tests.conftest import ROOT, SEEDS

# The packages a command imports only when it needs them (or never, for `--help`).
OPTIONAL = ("pint", "psycopg", "psycopg_pool", "dask", "distributed", "jinja2", "watchdog", "apscheduler")
READERS = ("trafilatura", "pypdf", "docx", "lxml")
SERVICE = ("checker.service",)

# Runs `checker ARGS` in-process, then prints the top-level packages and checker's modules it imported.
PROBE = """
import json, sys
from checker.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
names = sorted({m.split(".")[0] for m in sys.modules} | {m for m in sys.modules if m.startswith("checker.")})
sys.stderr.write("\\nMODULES " + json.dumps(names) + "\\n")
"""


def imported(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> set[str]:
    """The modules a `checker ARGS` process had imported when it finished."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    last = done.stderr.rstrip().splitlines()[-1]
    assert last.startswith("MODULES "), done.stderr
    return set(json.loads(last.removeprefix("MODULES ")))


def heavy(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m in names or m.startswith(tuple(f"{n}." for n in names)))


def test_importing_the_cli_imports_no_optional_package(tmp_path: Path) -> None:
    code = "import sys, json, checker.cli.main; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True
    )
    modules = {m.split(".")[0] for m in json.loads(done.stdout)}
    assert heavy(modules, (*OPTIONAL, *READERS, "pydantic", "loguru", "yaml", "rich")) == []


def test_help_lists_every_command_without_importing_one(tmp_path: Path) -> None:
    modules = imported("--help", cwd=tmp_path)
    assert heavy(modules, (*OPTIONAL, *READERS, "pydantic", "loguru")) == []
    assert not {f"checker.cli.{m}" for m in ("check", "claims", "report", "rules", "watch")} & modules


def test_help_is_what_a_group_of_the_imported_commands_shows(tmp_path: Path) -> None:
    for name, entry in registry.COMMANDS.items():
        # The registry's line is the one click takes from the command's own docstring.
        assert entry.help == registry.load(name).get_short_help_str(limit=10_000), name
    eager = click.Group(
        main.cli.name,
        commands={name: registry.load(name) for name in registry.COMMANDS},
        params=main.cli.params,
        help=main.cli.help,
        context_settings=main.cli.context_settings,
    )
    with eager.make_context("checker", [], resilient_parsing=True, terminal_width=80) as ctx:
        expected = eager.get_help(ctx)
    done = subprocess.run(
        [sys.executable, "-m", "checker", "--help"],
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "80"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout == expected + "\n"
    assert all(f"  {name} " in done.stdout for name in registry.COMMANDS)


def test_every_command_module_is_registered() -> None:
    exported = set()
    for path in sorted((ROOT / "checker" / "cli").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "\nCOMMANDS = " in text:
            module = __import__(f"checker.cli.{path.stem}", fromlist=["COMMANDS"])
            exported |= {(f"checker.cli.{path.stem}", c.name) for c in module.COMMANDS}
    registered = {(e.module, name) for name, e in registry.COMMANDS.items()}
    assert exported == registered


def test_an_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "chek"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "No such command 'chek'" in done.stderr


def test_claims_needs_no_pint_store_rules_or_reports(tmp_path: Path) -> None:
    modules = imported("claims", SEEDS, cwd=tmp_path)
    assert heavy(modules, (*OPTIONAL, *SERVICE)) == []
    # Plain text without front matter needs no YAML parser; JSON lines need no terminal tables.
    assert heavy(modules, ("yaml", "rich")) == []
    assert not {"checker.store", "checker.rules", "checker.report", "checker.app"} & modules


def test_a_one_document_check_imports_no_service_server_or_cluster(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), tmp_path / "one" / "report.txt")
    args = ("check", "one", "--rules", ROOT / "rules", "--store", "s.db", "--reports", "out")
    modules = imported(*args, cwd=tmp_path)
    # jinja2 renders latest.html, which every run writes; the units of the seeds are all in units/table.json.
    assert (
        heavy(modules, ("pint", "psycopg", "dask", "distributed", "watchdog", "apscheduler", *SERVICE)) == []
    )
    assert heavy(modules, READERS) == []  # a .txt needs no web page, PDF or Word reader
    # Nothing is logged and stderr is a pipe: no logger (nor the asyncio under it), no terminal tables.
    assert heavy(modules, ("loguru", "asyncio", "rich")) == []
    assert (tmp_path / "out" / "latest.html").is_file()


def test_a_unit_outside_the_table_still_converts(tmp_path: Path) -> None:
    code = (
        "import sys; from checker.units import convert, dimension_of; "
        "print(dimension_of('万元'), 'pint' in sys.modules, round(convert(2, 'inch', 'cm'), 2), 'pint' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["[currency_cny]", "False", "5.08", "True"]


# Renders latest.json (argv[1]) as the HTML page, and counts the templates Jinja compiled on the way.
RENDER = """
import json, sys
from pathlib import Path
from checker.models import Report
from checker.report import html
env = html._environment()
compiled = []
original = env.compile
env.compile = lambda *a, **k: compiled.append(1) or original(*a, **k)
page = html.render_html(Report.model_validate_json(Path(sys.argv[1]).read_text(encoding="utf-8")))
print(json.dumps({"compiled": len(compiled), "page": page}))
"""


def test_the_report_page_is_the_same_from_the_template_cache(tmp_path: Path) -> None:
    """The first process compiles the page's templates and keeps them; the next loads them, same page."""
    (tmp_path / "one").mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), tmp_path / "one" / "report.txt")
    cache_root = tmp_path / "tmp"
    cache_root.mkdir()
    env = {**os.environ, "TMPDIR": str(cache_root)}
    args = ("check", "one", "--store", "s.db", "--reports", "out", "--format", "concise")
    imported(*args, cwd=tmp_path, env=env)
    assert list(cache_root.glob("_jinja2-cache-*/*.cache")), "no compiled template was kept"
    runs = []
    for fresh in (True, False):
        run_env = {**env, "TMPDIR": str(tmp_path / "empty")} if fresh else env
        (tmp_path / "empty").mkdir(exist_ok=True)
        done = subprocess.run(
            [sys.executable, "-c", RENDER, "out/latest.json"],
            cwd=tmp_path,
            env=run_env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        runs.append(json.loads(done.stdout))
    # report.html.j2 (and what it includes): compiled in a fresh cache, none from a kept one.
    assert runs[0]["compiled"] >= 1 and runs[1]["compiled"] == 0
    assert len(runs[0]["page"]) > 1000 and runs[0]["page"] == runs[1]["page"]


def test_checker_logs_through_the_deferred_logger() -> None:
    """Only checker.lazylog imports loguru's logger: an import of it elsewhere would load loguru at start."""
    direct = []
    for path in sorted((ROOT / "checker").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "loguru"
                and any(alias.name == "logger" for alias in node.names)
            ):
                direct.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert [d.partition(":")[0] for d in direct] == ["checker/lazylog.py"], (
        f"import the logger from checker.lazylog instead: {direct}"
    )


def test_a_loaded_command_leaves_its_import_out_of_later_collections(tmp_path: Path) -> None:
    code = (
        "import gc; from checker.cli import registry; before = gc.get_freeze_count(); "
        "registry.load('claims'); print(before, gc.get_freeze_count() > before, gc.isenabled())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["0", "True", "True"]
