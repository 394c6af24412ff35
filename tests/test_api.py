"""The Python API: checker.check and checker.extract, and `import checker` staying cheap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import checker
from checker.errors import ConfigError
from tests.conftest import ROOT, replace_in


def test_import_checker_loads_nothing_else() -> None:
    code = (
        "import sys, checker; print(sorted(m for m in sys.modules if m.startswith(('checker.', 'pydantic'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_extract_a_text() -> None:
    claims = checker.extract("长三角地区新建公共充电桩7万个以上。")
    (c,) = claims
    assert (c.value, c.unit, c.measure, c.bound.value, c.subject) == (
        70000.0,
        "count",
        "个",
        ">=",
        "新建公共充电桩",
    )


def test_check_a_corpus(seeds_copy: Path, tmp_path: Path) -> None:
    replace_in(seeds_copy / "000_92f2ac85fe6324f8.txt", "660公里", "680公里")
    report = checker.check([seeds_copy], rules=[ROOT / "rules"], select=["consistency"])
    (finding,) = [f for f in report.findings if not f.passed]
    assert finding.code == "CK101" and "680公里" in finding.message
    assert report.has_errors and not (tmp_path / "reports").exists()
    written = checker.check(
        [seeds_copy], rules=[ROOT / "rules"], reports=tmp_path / "out", store=tmp_path / "s.db"
    )
    assert (tmp_path / "out" / "latest.json").is_file() and (tmp_path / "s.db").is_file()
    assert {f.code for f in written.findings if not f.passed} == {"CK401"}


def test_check_rejects_an_unknown_rule(seeds_copy: Path) -> None:
    with pytest.raises(ConfigError, match="unknown rule 'agre'; did you mean 'agree'"):
        checker.check([seeds_copy], select=["agre"])
