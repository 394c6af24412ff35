"""What every rule kind is: an id, a docstring, a severity and a check."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from checker.errors import RuleFileError
from checker.match import Fact, normalise_subject
from checker.models import Claim, ClaimRef, Finding, Relation, Severity
from checker.rules.textscan import DocText


class RuleConfig(BaseModel):
    """Settings every rule instance has; kinds extend this with their own keys."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: str
    severity: Severity = Severity.ERROR
    description: str = ""
    enabled: bool = True


@dataclass
class RuleContext:
    """What rules see: every claim, grouped facts, and each document's text."""

    claims: list[Claim]
    facts: list[Fact]
    relations: list[Relation] = field(default_factory=list)
    text_of: Callable[[str], str | None] = lambda _path: None
    by_path: dict[str, list[Claim]] = field(default_factory=dict)
    _docs: dict[str, DocText | None] = field(default_factory=dict, repr=False)
    _subjects: dict[str, list[Claim]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.by_path:
            grouped: dict[str, list[Claim]] = defaultdict(list)
            for claim in self.claims:
                grouped[claim.path].append(claim)
            self.by_path = {p: sorted(cs, key=lambda c: c.offset) for p, cs in grouped.items()}

    def document(self, path: str) -> DocText | None:
        """A document's flat text with its claims placed, built once per run for all rules."""
        if path not in self._docs:
            raw = self.text_of(path)
            self._docs[path] = DocText(path, raw, self.by_path.get(path, [])) if raw is not None else None
        return self._docs[path]

    def with_subject(self, subject: str) -> list[Claim]:
        """Claims whose normalised subject is `subject` (indexed once per run; rules look this up often)."""
        if self._subjects is None:
            self._subjects = defaultdict(list)
            for claim in self.claims:
                self._subjects[normalise_subject(claim.subject)].append(claim)
        return self._subjects.get(subject, [])

    def documents(self) -> list[DocText]:
        """Every document with claims and text, in path order."""
        return [d for p in sorted(self.by_path) if (d := self.document(p)) is not None]


class Rule(ABC):
    """A rule kind.  The first docstring line is what `checker rules list` shows."""

    kind: ClassVar[str]
    config_model: ClassVar[type[RuleConfig]] = RuleConfig
    # A secondary rule restates what other rules see more precisely (agree: two reports
    # differ).  When a claim it cites already fails a primary rule's check, its error
    # becomes a warning, so one wrong figure gives one error.
    secondary: ClassVar[bool] = False

    def __init__(self, config: RuleConfig) -> None:
        self.config = config
        # Where the instance came from: a rule file, "built-in", or a plugin's distribution.
        self.origin = "built-in"

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def severity(self) -> Severity:
        return self.config.severity

    @property
    def description(self) -> str:
        return self.config.description or self.summary()

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""

    def prepare(self, folders: Sequence[Path]) -> list[RuleFileError]:
        """Load what the rule needs besides its config (fact sheets), from `folders`.

        Called once when the rules are loaded, so a broken data file is reported
        with the broken rule files, not in the middle of a run.
        """
        del folders
        return []

    @abstractmethod
    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield a finding per discrepancy, and an info finding per check that held."""

    def finding(
        self,
        message: str,
        claims: list[ClaimRef],
        fact: str,
        *,
        severity: Severity | None = None,
        passed: bool = False,
    ) -> Finding:
        """A finding of this rule with its stable fingerprint."""
        sev = Severity.INFO if passed else (severity or self.severity)
        return Finding(
            rule=self.id,
            severity=sev,
            message=message,
            claims=claims,
            fact=fact,
            passed=passed,
            fingerprint=Finding.make_fingerprint(self.id, fact, [c.path for c in claims]),
        )
