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
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from checker.models import Finding, Group, Report
from checker.report.evidence import OddOneOut, odd_one_out
from checker.report.htmlviews import ClaimView, claim_view

# A finding with at most this many quotes is shown whole on its documents' pages (at most this many
# pages change when it does); a larger one shows each page only what that document's edits change.
WHOLE = 20
_RANK = {"error": 0, "warning": 1, "info": 2}


def _digest(*parts: object) -> bytes:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).digest()


@dataclass
class Share:
    """One finding as every page listing it sees it."""

    finding: Finding
    groups: list[Group]
    whole: bool
    key: bytes = b""  # whole: the finding; else what all its pages show alike
    cards: dict[int, ClaimView] = field(default_factory=dict)

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

    def card(self, i: int) -> ClaimView:
        """The card of another document's quote (the same on every page: it links to no page)."""
        view = self.cards.get(i)
        if view is None:
            view = self.cards[i] = claim_view(self.finding.claims[i], self.odd)
        return view


@dataclass(frozen=True)
class Entry:
    """A finding on one document's page: its anchor there, the quotes shown, the digest of what shows."""

    share: Share
    anchor: str
    shown: Sequence[int]
    key: bytes


class Shares:
    """Each finding's share, made once in a run however many pages list the finding."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._shares: dict[int, Share] = {}

    def of(self, f: Finding) -> Share:
        """The share of `f` (made on first use)."""
        share = self._shares.get(id(f))
        if share is None:
            share = self._shares[id(f)] = Share(f, self.report.groups, len(f.claims) <= WHOLE)
            if share.whole:
                # Not shown: the status (new, persisting: it changes from run to run, the finding does not)
                # and the other rules' word on it (their messages list every place of a merged fact).
                dumped = f.model_dump_json(exclude={"status", "passed", "related"}).encode("utf-8")
                share.key = hashlib.sha256(dumped).digest()
            else:
                share.key = _digest(f.severity.value, f.code, f.rule, f.name, f.fact, f.accepted_reason)
        return share

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
            quotes = [f.claims[i].model_dump_json() for i in own]
            odd = share.odd
            verdict = (
                [] if odd is None else [odd.path == path, odd.path if odd.path != path else "", odd.agreed]
            )
            key = _digest(share.key.hex(), quotes, verdict)
            out.append(Entry(share, f"f-{_digest(f.rule, f.fact, quotes).hex()[:16]}", own, key))
        # The report's order holds fingerprints, and a large finding's changes when a document joins it.
        return sorted(out, key=lambda e: (_RANK.get(e.share.finding.severity.value, 3), e.share.finding.rule,
                                          e.anchor))  # fmt: skip
