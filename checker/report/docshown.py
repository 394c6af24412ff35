"""What a document's own page shows of each finding quoting it, worked out once per finding in a run.

A finding with at most WHOLE quotes is shown whole on the page of each document
it quotes: its message, every quote, its odd one out, its fingerprint.  A larger
one (a fact hundreds of documents report) changes whenever one of them joins,
leaves or edits its figure: its message lists every place, its fingerprint names
every document.  Shown whole, every one of its pages was rendered again after
one such edit (3,046 pages after one edited file at 10,000 documents).  Its pages
show what the rest of the fact leaves alone instead: the rule, this document's
own quotes (their role names its side), the verdict on this document (the odd
one out, or that it agrees with the others and on what) and where the others
are (the latest report).  `Entry.key` digests exactly that, and a page's name
digests its entries: an edit renders again the pages whose content it changed.

A process that makes many runs keeps what pages show of findings from one run
to the next (`KeptShown`), by what it is digested from (models/reuse.py): an
edit leaves most findings as they were, and each was serialised again to be
digested again.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from checker.models import ClaimRef, Finding, Group, Report
from checker.models.reuse import Recent, shape_of
from checker.report.cards import claim_card
from checker.report.evidence import OddOneOut, odd_one_out
from checker.report.htmlviews import claim_view

# A finding with at most this many quotes is shown whole on its documents' pages (at most this many
# pages change when it does); a larger one shows each page only what that document's edits change.
WHOLE = 20
_RANK = {"error": 0, "warning": 1, "info": 2}
# Not shown: the status (new, persisting: it changes from run to run, the finding does not) and the
# other rules' word on it (their messages list every place of a merged fact).
NOT_SHOWN = frozenset({"status", "passed", "related"})


def _digest(*parts: object) -> bytes:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).digest()


def _shown_digest(f: Finding) -> bytes:
    return hashlib.sha256(f.model_dump_json(exclude=set(NOT_SHOWN)).encode("utf-8")).digest()


@dataclass
class Share:
    """One finding as every page listing it sees it."""

    finding: Finding
    groups: list[Group]
    whole: bool
    key: bytes = b""  # whole: the finding; else what all its pages show alike
    cards: dict[int, Markup] = field(default_factory=dict)

    @cached_property
    def at(self) -> dict[str, list[int]]:
        """Path → the positions of its quotes (made when a page needs it)."""
        at: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(self.finding.claims):
            at[c.path].append(i)
        return dict(at)

    @cached_property
    def odd(self) -> OddOneOut | None:
        """The odd one out, worked out when a page shows it or a large finding's digest needs it.

        Not for every finding of every run: near a fact of thousands of claims it costs 20 ms a finding.
        """
        return odd_one_out(self.finding, self.groups)

    def card(self, i: int) -> Markup:
        """The card of another document's quote, made once: the same on every page (it links to no page)."""
        card = self.cards.get(i)
        if card is None:
            card = self.cards[i] = claim_card(claim_view(self.finding.claims[i], self.odd))
        return card


@dataclass
class KeptShown:
    """What pages showed of findings in a process's last run, with the models its keys name by identity.

    A whole finding's digest; a large finding's anchor and digest on a page, by the quotes it shows there.
    """

    whole: Recent[tuple[bytes, tuple[object, ...]]] = field(default_factory=Recent)
    parts: Recent[tuple[str, bytes, tuple[object, ...]]] = field(default_factory=Recent)

    def turn(self) -> None:
        """A plan was made: what it did not use is forgotten."""
        self.whole.turn()
        self.parts.turn()


@dataclass(frozen=True)
class Entry:
    """A finding on one document's page: its anchor there, the quotes shown, the digest of what shows."""

    share: Share
    anchor: str
    shown: Sequence[int]
    key: bytes


class Shares:
    """Each finding's share, made once in a run however many pages list the finding."""

    def __init__(self, report: Report, kept: KeptShown | None = None) -> None:
        self.report = report
        self._shares: dict[int, Share] = {}
        self._kept = kept

    def of(self, f: Finding) -> Share:
        """The share of `f` (made on first use)."""
        share = self._shares.get(id(f))
        if share is None:
            share = self._shares[id(f)] = Share(f, self.report.groups, len(f.claims) <= WHOLE)
            if share.whole:
                share.key = self._whole(f)
            else:
                share.key = _digest(f.severity.value, f.code, f.rule, f.name, f.fact, f.accepted_reason)
        return share

    def _whole(self, f: Finding) -> bytes:
        """The digest of what a page shows of a whole finding: the last run's if it is kept."""
        shape = shape_of(type(f), NOT_SHOWN)
        if self._kept is None or shape is None:
            return _shown_digest(f)
        key = shape.key(f)
        hit = self._kept.whole.get(key)
        if hit is None:
            hit = (_shown_digest(f), shape.held(f))
            self._kept.whole.put(key, hit)
        return hit[0]

    def entries(self, path: str, findings: list[Finding]) -> list[Entry]:
        """The findings on the page of `path`, in an order no other document's edit changes."""
        out = []
        for f in findings:
            share = self.of(f)
            if share.whole:
                # Named by the finding, not its place in a list: the page must not change when others do.
                anchor = f"f-{f.fingerprint}" if f.fingerprint else f"f-{_digest(share.key.hex()).hex()[:16]}"
                out.append(Entry(share, anchor, range(len(f.claims)), share.key))
                continue
            own = share.at.get(path, [])
            odd = share.odd
            verdict = (
                [] if odd is None else [odd.path == path, odd.path if odd.path != path else "", odd.agreed]
            )
            anchor, key = self._part(share, [f.claims[i] for i in own], verdict)
            out.append(Entry(share, anchor, own, key))
        # The report's order holds fingerprints, and a large finding's changes when a document joins it.
        return sorted(out, key=lambda e: (_RANK.get(e.share.finding.severity.value, 3), e.share.finding.rule,
                                          e.anchor))  # fmt: skip

    def _part(self, share: Share, quoted: list[ClaimRef], verdict: list[object]) -> tuple[str, bytes]:
        """A large finding's anchor and digest on a page showing `quoted` of it: the last run's if kept."""
        f = share.finding
        key = (share.key, f.rule, f.fact, tuple(map(id, quoted)), *verdict)
        hit = self._kept.parts.get(key) if self._kept is not None else None
        if hit is None:
            quotes = [c.model_dump_json() for c in quoted]
            anchor = f"f-{_digest(f.rule, f.fact, quotes).hex()[:16]}"
            hit = (anchor, _digest(share.key.hex(), quotes, verdict), tuple(quoted))
            if self._kept is not None:
                self._kept.parts.put(key, hit)
        return hit[0], hit[1]
