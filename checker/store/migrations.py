"""The SQL of one migration step of the store (the steps are `sqlite.MIGRATIONS`)."""

from __future__ import annotations

from importlib import resources


def statements(step: tuple[str, ...]) -> list[str]:
    """A migration's SQL statements; an entry ending in .sql names a packaged script."""
    out: list[str] = []
    for item in step:
        if item.endswith(".sql"):
            script = resources.files("checker.store").joinpath(item).read_text(encoding="utf-8")
            out += [s for s in script.split(";") if s.strip()]
        else:
            out.append(item)
    return out
