"""What every rule kind is: an id, a docstring, a severity and a check."""

from __future__ import annotations

import operator
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, TypeVar, cast

from pydantic import BaseModel, ConfigDict

from checker.errors import RuleFileError
from checker.match import Fact, normalise_subject
from checker.models import Claim, ClaimRef, Finding, PartialDate, Relation, Severity, relation_claims

R = TypeVar("R")
T = TypeVar("T")
# A judgement by the rule that made it and the identities of what it was made from.
Recalled = dict[tuple[object, ...], tuple[tuple[object, ...], object]]


@dataclass
class Recall:
    """What rules judged from the very same objects when the part that held them was last evaluated.

    One edited report in a component of thousands re-evaluates the whole component, yet each sum and each
    fact in it but the edited report's is made of the same claim, relation and fact objects as before (the
    memo carries them by identity): a judgement of those is given back as it was, the same finding objects,
    so nothing made of them later (the report's JSON, the review page) is made again either.
    """

    last: Mapping[tuple[object, ...], tuple[tuple[object, ...], object]] = field(default_factory=dict)
    made: Recalled = field(default_factory=dict)

    def __call__(self, rule: str, of: tuple[object, ...], judge: Callable[[], T]) -> T:
        """`judge()`, unless `rule` judged exactly the objects `of` (every judgement it reads) last time."""
        ids = (rule, *map(id, of))
        hit = self.last.get(ids)
        # The objects are held with the judgement, so an id is never another object's while it is kept.
        value = cast("T", hit[1]) if hit is not None and all(map(operator.is_, hit[0], of)) else judge()
        self.made[ids] = (of, value)
        return value


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
    """What rules see: every claim, the relations the extractor found between them, grouped facts.

    Never the text of a document: reading text is the extractor's job.
    """

    claims: list[Claim]
    facts: list[Fact]
    relations: list[Relation] = field(default_factory=list)
    dates: dict[str, PartialDate | None] = field(default_factory=dict)
    # Judgements made of the same objects in the last evaluation (checker/incremental.py); none by default.
    recall: Recall = field(default_factory=Recall)
    _by_id: dict[str, Claim] = field(default_factory=dict, repr=False)
    _subjects: dict[str, list[Claim]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.claims}

    def claim(self, claim_id: str) -> Claim:
        """The claim a relation names."""
        return self._by_id[claim_id]

    def has(self, claim_id: str) -> bool:
        return claim_id in self._by_id

    def relations_of(self, kind: type[R]) -> list[R]:
        """The relations of one type whose claims are all known, in document order."""
        return [
            r
            for r in self.relations
            if isinstance(r, kind) and all(i in self._by_id for i in relation_claims(r))
        ]

    def with_subject(self, subject: str) -> list[Claim]:
        """Claims whose normalised subject is `subject` (indexed once per run; rules look this up often)."""
        if self._subjects is None:
            self._subjects = defaultdict(list)
            for claim in self.claims:
                self._subjects[normalise_subject(claim.subject)].append(claim)
        return self._subjects.get(subject, [])


class Rule(ABC):
    """A rule kind.  The first docstring line is what `checker rules list` shows."""

    kind: ClassVar[str]
    # As sqlfluff has them: a stable code (never reused), a dotted name, and groups.
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    groups: ClassVar[tuple[str, ...]] = ("all",)
    config_model: ClassVar[type[RuleConfig]] = RuleConfig
    # When one changed figure breaks checks of two kinds, the report says it once, at the
    # most specific rule (a fact sheet over arithmetic over two reports that differ); the
    # other becomes related evidence of that finding.
    specificity: ClassVar[int] = 1
    # What a check needs to see, so an incremental run knows what to evaluate again
    # (checker/incremental.py): "document" (the claims and relations of one document),
    # "component" (the claims that can share a fact or a relation, match/components.py),
    # or "corpus" (everything: the safe default for kinds from plugins).
    scope: ClassVar[str] = "corpus"

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

    def state(self) -> str:
        """What its findings follow from besides the claims: its settings, and any data `prepare` loaded.

        A finding kept from an earlier process (checker/kept.py) is reused only while this is unchanged.
        """
        return self.config.model_dump_json()

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
        about: str | None = None,
    ) -> Finding:
        """A finding of this rule, fingerprinted by what it is about.

        `about` is the identity of what was checked (a fact's key); by default the
        identities of the claims it quotes (document, sentence, place in it), never
        line numbers or occurrence counters, so unrelated edits leave it unchanged.
        """
        sev = Severity.INFO if passed else (severity or self.severity)
        identity = about if about is not None else "+".join(sorted(c.key for c in claims))
        return Finding(
            rule=self.id,
            code=self.code,
            name=self.name,
            severity=sev,
            message=message,
            claims=claims,
            fact=fact,
            passed=passed,
            fingerprint=Finding.make_fingerprint(self.id, identity, [c.path for c in claims]),
        )
