"""The `checker` command ends without Python's teardown (cli/main.py `_leave`): nothing it wrote is lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_leaving_keeps_the_status_the_output_and_every_logged_line(tmp_path: Path) -> None:
    code = (
        "from pathlib import Path\n"
        "from checker.cli.main import _leave\n"
        "from checker.lazylog import logger\n"
        "from checker.logs import setup_logging\n"
        "setup_logging('INFO', log_file=Path('x.log'))\n"  # a file sink is fed through a queue thread
        "for i in range(3000): logger.info('line {}', i)\n"
        "print('the findings', end='')\n"  # a pipe's buffer
        "_leave(3)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 3
    assert done.stdout == "the findings"
    assert (tmp_path / "x.log").read_text(encoding="utf-8").count(" line ") == 3000


def test_the_command_ends_with_its_exit_status(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("新增建成铁路里程660公里。\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "c", "--store", "s.db", "--reports", "r", "--format", "concise"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 documents" in done.stderr and (tmp_path / "r" / "latest.json").is_file()


def test_under_a_profiler_the_command_exits_as_python_does(tmp_path: Path) -> None:
    """cProfile (and coverage) write what they measured at the exit that `_leave` skips."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("新增建成铁路里程660公里。\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", "p.prof", "-m", "checker", "check", "c", "--store", "s.db",
         "--no-reports"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "p.prof").stat().st_size > 0
