"""The baseline: findings a reviewer accepted, kept beside the corpus in checker-baseline.yml.

An entry holds the finding's fingerprint and a digest of the claims behind it
(path, text and value of each).  The fingerprint survives unrelated edits; the
digest does not survive a change to the figures, so an accepted finding whose
claims change comes back as new instead of staying silently accepted.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError

from checker.errors import ConfigError
from checker.models import Finding

BASELINE_NAME = "checker-baseline.yml"

_HEADER = (
    "# checker baseline: findings a reviewer accepted (`checker accept FINGERPRINT --reason ...`).\n"
    "# An entry stops applying when the claims behind its finding change (digest).\n"
)


class BaselineEntry(BaseModel):
    """One accepted finding: which, on what evidence, why, by whom and when."""

    fingerprint: str
    digest: str = Field(description="claims_digest() of the finding when it was accepted")
    reason: str
    who: str
    when: datetime
    rule: str = ""
    message: str = Field(default="", description="the finding's message then, for people reading the file")


class BaselineFile(BaseModel):
    """The file's layout."""

    version: int = 1
    accepted: list[BaselineEntry] = Field(default_factory=list)


def claims_digest(finding: Finding) -> str:
    """A digest of path, text and value of the finding's claims, in no particular order.

    Whitespace is dropped from the text: OCR line breaks move when a page is
    re-flowed, which changes nothing that was accepted.
    """
    parts = sorted(f"{c.path}\x1f{''.join(c.text.split())}\x1f{c.value!r}" for c in finding.claims)
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()[:16]


def current_user() -> str:
    """Who is accepting: $CHECKER_USER, else the login name."""
    user = os.environ.get("CHECKER_USER", "").strip()
    if user:
        return user
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        # No login name in a bare container: still record the decision.
        return "unknown"


def baseline_path(configured: Path | None, roots: Sequence[Path]) -> Path:
    """The baseline file: the configured one, else checker-baseline.yml in the first checked folder."""
    if configured is not None:
        return configured
    if roots:
        first = roots[0]
        return (first if first.is_dir() else first.parent) / BASELINE_NAME
    return Path(BASELINE_NAME)


class Baseline:
    """The accepted findings of one baseline file."""

    def __init__(self, path: Path, entries: Sequence[BaselineEntry] = ()) -> None:
        self.path = path
        self.entries: dict[str, BaselineEntry] = {e.fingerprint: e for e in entries}

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read the file; a missing file is an empty baseline, a malformed one a configuration error."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the baseline {path}: {exc}") from exc
        try:
            data = yaml.safe_load(text) or {}
            layout = BaselineFile.model_validate(data)
        except (yaml.YAMLError, ValidationError) as exc:
            raise ConfigError(
                f"the baseline {path} is not valid ({exc.__class__.__name__}: {str(exc).splitlines()[0]}); "
                "fix or delete it"
            ) from exc
        return cls(path, layout.accepted)

    def accepted(self, finding: Finding) -> str | None:
        """The reason the finding was accepted, or None (also when its claims changed since)."""
        entry = self.entries.get(finding.fingerprint)
        if entry is None or entry.digest != claims_digest(finding):
            return None
        return entry.reason

    def accept(
        self, finding: Finding, reason: str, who: str | None = None, when: datetime | None = None
    ) -> BaselineEntry:
        """Record (or replace) the decision to accept `finding`."""
        entry = BaselineEntry(
            fingerprint=finding.fingerprint,
            digest=claims_digest(finding),
            reason=reason,
            who=who or current_user(),
            when=(when or datetime.now(UTC)).replace(microsecond=0),
            rule=finding.rule,
            message=" ".join(finding.message.split()),
        )
        self.entries[finding.fingerprint] = entry
        return entry

    def dump(self) -> str:
        """The file's text: a comment saying what it is, then the entries by fingerprint."""
        layout = BaselineFile(accepted=sorted(self.entries.values(), key=lambda e: e.fingerprint))
        body = yaml.safe_dump(layout.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=100)
        return _HEADER + body

    def save(self) -> None:
        """Write the file atomically (a watch run may read it at any moment)."""
        from checker.report.writer import write_output

        write_output(self.path, self.dump())
