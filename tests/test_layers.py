"""The pipeline's import direction, checked: nothing below imports anything above.

models/errors/units/tracking/gcpause/packing  <  sources, extract, roots  <  store, executors  <  match, sync, summary  <  rules
    <  report, evaluate, glossary  <  config, configfile, selection, logs, pipeline, baseline, standing  <  app  <  cli, service
    <  api
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "checker"

RANK = {
    "models": 0,
    "errors": 0,
    "units": 0,
    "tracking": 0,
    "lazylog": 0,
    "gcpause": 0,
    "packing": 0,
    "codedigest": 0,
    "unitorder": 0,
    "roots": 1,
    "sync": 3,
    "summary": 3,
    "evaluate": 5,
    "incremental": 5,
    "loading": 5,
    "partition": 5,
    "kept": 5,
    "glossary": 5,
    "sources": 1,
    "extract": 1,
    "store": 2,
    "executors": 2,
    "match": 3,
    "rules": 4,
    "report": 5,
    "config": 6,
    "logs": 6,
    "pipeline": 6,
    "standing": 6,
    "renames": 3,
    "baseline": 6,
    "configfile": 6,
    "selection": 6,
    "app": 7,
    "api": 9,
    "cli": 8,
    "service": 8,
    "__main__": 9,
    # checker/__init__.py is the public façade: `checker.check` and `checker.extract` load the API on first use.
    "__init__": 10,
}


def _layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("checker."):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("checker.")]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(PACKAGE).as_posix() for p in MODULES])
def test_imports_point_down(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    here = rel.parts[0].removesuffix(".py")
    assert here in RANK, f"checker/{rel}: add its layer to RANK in {Path(__file__).name}"
    for line, module in _imports(path):
        there = _layer(module)
        assert there in RANK, f"checker/{rel}:{line} imports unknown layer {module}"
        assert RANK[there] <= RANK[here] or there == here, (
            f"checker/{rel}:{line} imports {module}: layer '{here}' may not depend on '{there}', which sits above it"
        )
