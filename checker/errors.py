"""The program's own failures.  Findings are data, never exceptions."""

from __future__ import annotations


class CheckerError(Exception):
    """Base of every error a user can be shown as one clear line."""


class SourceError(CheckerError):
    """A source file could not be read or decoded."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ConfigError(CheckerError):
    """Configuration (flags, checker.toml, [tool.checker]) is invalid."""


class RuleFileError(CheckerError):
    """A rule file is broken: names the file, line, key and the fix."""

    def __init__(self, path: str, problem: str, line: int | None = None, key: str | None = None) -> None:
        where = f"{path}:{line}" if line else path
        what = f" key '{key}':" if key else ""
        super().__init__(f"{where}:{what} {problem}")
        self.path = path
        self.line = line
        self.key = key
        self.problem = problem


class StoreError(CheckerError):
    """The store cannot be opened or is in use."""


class ExtractError(CheckerError):
    """Extraction failed on a document: a bug to report; the document is listed with this error."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ReportError(CheckerError):
    """Reports or another output could not be written (folder unusable, disk full)."""
