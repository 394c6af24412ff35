"""The Python API: check a corpus or extract claims from a text without the command line.

    >>> import checker
    >>> claims = checker.extract("长三角地区新增建成铁路里程660公里。")
    >>> [(c.value, c.unit, c.subject) for c in claims]
    [(660.0, 'km', '新增建成铁路里程')]
    >>> report = checker.check(["seeds/"], store=":memory:", reports=None)  # doctest: +SKIP
    >>> [f.code for f in report.findings if not f.passed]  # doctest: +SKIP

`check` takes the settings `checker check` takes (store, rules, select,
ignore, severity, include, exclude, …) as keyword arguments, read on top of
the config file and CHECKER_* variables as the CLI reads them.  It raises
CheckerError (ConfigError, UnknownRule) for what the CLI reports as exit 2.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.models import Claim, Report


def extract(text: str, path: str = "text") -> list[Claim]:
    """The numeric claims of a text, in text order (each line break ends a paragraph's line as in a file)."""
    from checker.extract import extract_text

    return extract_text(text, path)


def check(
    paths: Sequence[str | Path],
    *,
    store: str | Path | None = None,
    reports: str | Path | None = None,
    config: str | Path | None = None,
    **settings: Any,
) -> Report:
    """Check the reports under `paths` and return the report of the run.

    `store=":memory:"` (or None) keeps the store in a temporary folder that is
    removed afterwards; `reports=None` writes no report files.  Every other
    keyword is a setting (`select=["CK101"]`, `severity={"growth": "warning"}`).
    """
    from checker.app import Checker
    from checker.config import load_settings
    from checker.selection import rules_for

    with tempfile.TemporaryDirectory(prefix="checker-api-") as tmp:
        where = Path(tmp) / "checker.db" if store in (None, ":memory:") else Path(store)
        folder = Path(reports) if reports is not None else Path(tmp) / "reports"
        loaded = load_settings(
            config=Path(config) if config is not None else None, store=where, reports=folder, **settings
        )
        rules, problems = rules_for(loaded)
        app = Checker(loaded, rules, problems, carry=False)  # one run, and the caller's process goes on
        try:
            return app.run([Path(p) for p in paths], write=reports is not None).report
        finally:
            app.close()
