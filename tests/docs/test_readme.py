"""The README cannot go stale: its console example is run, its claim example and Python example checked."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, run_checker

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.DOTALL)


def _sessions(block: str) -> list[tuple[str, list[str]]]:
    """Each `$ command` of a console block with the lines it shows."""
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def test_console_example_prints_what_the_readme_shows(tmp_path: Path) -> None:
    (block,) = _blocks("console")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
    }
    sessions = _sessions(block)
    assert len(sessions) >= 3
    for command, shown in sessions:
        done = subprocess.run(
            ["bash", "-c", "{ " + command + "; } 2>&1"],
            check=False,
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        expected = "\n".join(shown).rstrip("\n")
        assert done.stdout.rstrip("\n") == expected, (
            f"$ {command}\n--- README shows:\n{expected}\n--- it prints:\n{done.stdout}"
        )


def test_claim_example_is_what_checker_claims_prints() -> None:
    block = next(b for b in _blocks("json") if '"text": "7万个以上"' in b)
    shown = json.loads(block)
    result = run_checker("claims", shown["path"], cwd=ROOT)
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    actual = next(c for c in claims if c["text"] == shown["text"] and c["line"] == shown["line"])
    assert {k: actual[k] for k in shown} == shown


def test_python_example_runs(tmp_path: Path) -> None:
    (block,) = [b for b in _blocks("python") if "checker.extract" in b]
    code = "\n".join(line[2:] if line.startswith("  ") else line for line in block.splitlines())
    done = subprocess.run(
        [sys.executable, "-c", code + "\nprint(len(report.findings) > 0, type(errors).__name__)"],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CHECKER_STORE": str(tmp_path / "api.db")},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "list"]


def test_every_screenshot_the_readme_shows_is_in_docs() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\((docs/[^)]+\.png)\)", README)
    assert {"docs/screenshot.png", "docs/finding.png", "docs/document.png", "docs/runs.png"} <= set(pictures)
    for picture in pictures:
        assert (ROOT / picture).stat().st_size > 10_000, picture
    assert "screenshots:" in (ROOT / "Makefile").read_text(encoding="utf-8")
