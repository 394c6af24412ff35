"""Write reports atomically, keep a copy per run, prune old runs."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from checker.models import Report
from checker.report.html import render_html
from checker.report.json import render_json
from checker.report.markdown import render_markdown

Renderer = Callable[[Report], str]

# What every run writes (latest.<ext> and runs/<stamp>.<ext>); SARIF and JUnit are on demand.
RENDERERS: dict[str, Renderer] = {"json": render_json, "md": render_markdown, "html": render_html}


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); reports are meant to be read, e.g. served.
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = 0o644
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_stamp(report: Report) -> str:
    """File name stem of a run: sortable time, then run id."""
    return f"{report.run.started:%Y%m%dT%H%M%S}-{report.run.id or 0:06d}"


def write_reports(
    report: Report, folder: Path, retention: int = 50, renderers: Mapping[str, Renderer] | None = None
) -> dict[str, Path]:
    """Write runs/<stamp>.<ext> and latest.<ext> for each format; return the latest paths."""
    renderers = renderers or RENDERERS
    stamp = run_stamp(report)
    written: dict[str, Path] = {}
    for ext, render in renderers.items():
        text = render(report)
        atomic_write(folder / "runs" / f"{stamp}.{ext}", text)
        latest = folder / f"latest.{ext}"
        atomic_write(latest, text)
        written[ext] = latest
    prune_runs(folder / "runs", retention)
    return written


def prune_runs(runs: Path, keep: int) -> None:
    """Keep the newest `keep` runs (every format of a run counts as one)."""
    if not runs.is_dir():
        return
    stamps = sorted({p.name.split(".", 1)[0] for p in runs.iterdir() if not p.name.startswith(".")})
    for old in stamps[: max(0, len(stamps) - keep)]:
        for p in runs.glob(f"{old}.*"):
            p.unlink(missing_ok=True)
