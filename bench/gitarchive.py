"""A commit's `checker/` unpacked beside the working tree, for benches that compare before and after in one run."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def unpack(commit: str, dest: Path) -> str | None:
    """Unpack `checker/` of `commit` into `dest`; the reason when that is impossible."""
    git = shutil.which("git")
    if git is None:
        return "git is not installed"
    try:
        proc = subprocess.run(
            [git, "-C", str(REPO), "archive", "--format=tar", commit, "checker"],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"git archive failed ({exc})"
    if proc.returncode != 0:
        return f"git archive {commit} failed: {proc.stderr.decode(errors='replace').strip()}"
    try:
        with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
            tar.extractall(dest, filter="data")
    except (tarfile.TarError, OSError) as exc:
        return f"cannot unpack {commit} ({exc})"
    return None
