"""Write reports: each run's set published at once, a copy per run, old runs pruned.

`latest.json`, `latest.md` and `latest.html` are links into `.latest/`, itself a
link to the folder of the newest complete set (`.latest-<stamp>/`).  A run
writes its whole set into a fresh folder, then swaps `.latest` with one
rename: a reader sees the previous set or the new one, never a mix, and a
failure while writing (a full disk) leaves the previous set as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from checker.errors import ReportError
from checker.gcpause import paused_gc
from checker.models import Report
from checker.models.reportjson import json_file
from checker.report.html import render_html
from checker.report.json import render_json
from checker.report.markdown import render_markdown
from checker.report.spool import write_pieces

Renderer = Callable[[Report], str]
# What the publication writes each file with: the text, or its pieces (UTF-8).
Writer = Callable[[Report], str | Iterable[bytes]]

# What every run writes (latest.<ext> and runs/<stamp>.<ext>); SARIF and JUnit are on demand.
RENDERERS: dict[str, Renderer] = {"json": render_json, "md": render_markdown, "html": render_html}
# latest.json is compact: the JSON the store keeps of the run, made once for both (checker/models/reportjson.py).
WRITERS: dict[str, Writer] = {**RENDERERS, "json": json_file}
CURRENT = ".latest"
DOCS = "docs"  # the documents' own pages (checker/report/docfiles.py)
SET_PREFIX = ".latest-"


def _mode_of(path: Path) -> int:
    """The permissions of what `path` holds now (so a chmod by the user survives), else 0644."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o644


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); reports are meant to be read, e.g. served.
        os.fchmod(fd, _mode_of(path))
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: Path, text: str) -> None:
    """Write `text` to an output the user named (`-o`): `-` is stdout.

    A FIFO, a device or any other non-regular file is written into, as a shell
    redirection would; a regular file (or the file a link points to) is
    replaced atomically.  Failures are one ReportError naming the path.
    """
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        target = Path(os.path.realpath(path))
        kind = target.stat().st_mode if target.exists() else None
        if kind is not None and stat.S_ISDIR(kind):
            raise ReportError(f"cannot write {path}: it is a folder; name a file")
        if kind is not None and not stat.S_ISREG(kind):
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            atomic_write(target, text)
    except OSError as exc:
        raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from exc


def run_stamp(report: Report) -> str:
    """File name stem of a run: sortable time, then run id."""
    return f"{report.run.started:%Y%m%dT%H%M%S}-{report.run.id or 0:06d}"


def _reports_failure(folder: Path, exc: OSError) -> ReportError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ReportError(
            f"no space left on the device of the reports folder {folder}; the previous reports are "
            "intact and this run was not recorded: free some space and run again"
        )
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) or (folder.exists() and not folder.is_dir()):
        return ReportError(f"the reports folder {folder} is not a folder; move it or use --reports")
    return ReportError(
        f"cannot write the reports to {folder} ({exc.strerror or exc}); "
        "make it a writable folder or use --reports"
    )


def _link(path: Path, target: str) -> None:
    """Make `path` a symlink to `target`, replacing what was there with one rename."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _write_set(
    folder: Path, staging: Path, stamp: str, report: Report, writers: Mapping[str, Writer]
) -> None:
    """The set in its own (new) folder, each file synced, plus the per-run copies (hard links)."""
    staging.mkdir(parents=True)
    runs = folder / "runs"
    runs.mkdir(exist_ok=True)
    if (folder / DOCS).is_dir():
        # The documents' own pages are shared by every set and run copy: linked as docs/ beside each.
        os.symlink(f"../{DOCS}", staging / DOCS)
        _link(runs / DOCS, f"../{DOCS}")
    for ext, write in writers.items():
        file = staging / f"latest.{ext}"
        text = write(report)
        with open(file, "wb") as fh:
            # A renderer may give its text in pieces (latest.json): written as they come, never joined.
            if isinstance(text, str):
                fh.write(text.encode("utf-8"))
            else:
                write_pieces(fh, text)
            fh.flush()
            os.fsync(fh.fileno())
        file.chmod(_mode_of(folder / f"latest.{ext}"))
        copy = runs / f"{stamp}.{ext}"
        copy.unlink(missing_ok=True)
        try:
            os.link(file, copy)
        except OSError:
            shutil.copyfile(file, copy)


@paused_gc()
def write_reports(
    report: Report,
    folder: Path,
    retention: int = 50,
    renderers: Mapping[str, Writer] | None = None,
    before_switch: Callable[[], None] | None = None,
) -> dict[str, Path]:
    """Publish latest.<ext> (as one set) and runs/<stamp>.<ext>; return the latest paths.

    `before_switch` waits for what the set links (the documents' pages in the making).
    Raises ReportError when the folder cannot be used; the previous set stays.
    """
    writers: Mapping[str, Writer] = renderers or WRITERS
    stamp = run_stamp(report)
    # A new folder every time, even for the same run written again: the current set is never touched.
    staging = folder / f"{SET_PREFIX}{stamp}.{time.time_ns()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_set(folder, staging, stamp, report, writers)
        if before_switch is not None:
            before_switch()
        _link(folder / CURRENT, staging.name)  # the switch: one rename
        for ext in writers:
            _link(folder / f"latest.{ext}", f"{CURRENT}/latest.{ext}")
    except BaseException as exc:
        _discard(folder, staging, [f"{stamp}.{ext}" for ext in writers])
        if isinstance(exc, OSError):
            raise _reports_failure(folder, exc) from exc
        raise
    _prune_sets(folder, staging.name)
    prune_runs(folder / "runs", retention)
    return {ext: folder / f"latest.{ext}" for ext in writers}


def _discard(folder: Path, staging: Path, copies: list[str]) -> None:
    """Remove what a failed publication wrote, unless the switch to it already happened."""
    with contextlib.suppress(OSError):
        if (folder / CURRENT).resolve() == staging.resolve():
            return
        shutil.rmtree(staging, ignore_errors=True)
        for name in copies:
            (folder / "runs" / name).unlink(missing_ok=True)


def _prune_sets(folder: Path, current: str) -> None:
    """Drop old sets, keeping the one before the current (a reader may have just opened it)."""
    sets = sorted(p.name for p in folder.glob(f"{SET_PREFIX}*") if p.is_dir() and not p.is_symlink())
    keep = {current, *[s for s in sets if s < current][-1:]}
    for name in sets:
        if name not in keep:
            shutil.rmtree(folder / name, ignore_errors=True)


def prune_runs(runs: Path, keep: int) -> None:
    """Keep the newest `keep` runs (every format of a run counts as one)."""
    if not runs.is_dir():
        return
    stamps = sorted(
        {p.name.split(".", 1)[0] for p in runs.iterdir() if not p.name.startswith(".") and not p.is_dir()}
    )
    for old in stamps[: max(0, len(stamps) - keep)]:
        for p in runs.glob(f"{old}.*"):
            p.unlink(missing_ok=True)
