"""What a finding rests on, in words every output shares: the odd one out, the fact sheet, the roles.

When several reports agree on a figure and one says another, that one is the
odd one out: the place a reader should look first (the terminal prints it as
the finding's location, the review page names it).  The groups of the report
give the other reports' side even when the finding itself quotes only one.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from checker.models import ClaimRef, FactSheetInfo, Finding, Group, Interval, Report
from checker.models.reuse import Recent, Same

# Roles of claims in a check, as a reader says them (rules name them for machines).
ROLE_WORDS = {
    "claim": "names the fact",
    "agrees": "agrees",
    "total": "the total",
    "part": "a part",
    "start": "start value",
    "end": "end value",
    "rate": "stated rate",
    "difference": "stated increase",
    "count": "stated count",
    "sections": "number of sections",
    "stated": "as stated",
    "restated": "restated",
    "nearby": "said nearby",
}
_SIDE = re.compile(r"^camp (\d+)$")
_SHEET = re.compile(r"^reference:(?P<name>[^#]+)#")


def role_words(role: str | None) -> str:
    """A claim's role in plain words ("camp 2" is "one side (2)")."""
    if not role:
        return ""
    side = _SIDE.match(role)
    if side:
        return f"side {chr(ord('A') + int(side.group(1)) - 1)}"
    return ROLE_WORDS.get(role, role.replace("_", " "))


def figure_text(claims: list[ClaimRef]) -> str:
    """The figures as written, spaces of OCR removed, each once ("660公里")."""
    return " / ".join(sorted({"".join(c.text.split()) for c in claims}))


@dataclass(frozen=True)
class OddOneOut:
    """The one report that differs, its claims, and the reports that agree among themselves."""

    path: str
    claims: list[ClaimRef]
    agreeing: list[str]
    agreed: str

    @property
    def said(self) -> str:
        """What the odd one out says."""
        return figure_text(self.claims)

    def sentence(self) -> str:
        """The odd one out in one sentence."""
        others = ", ".join(self.agreeing)
        return f"{self.path} is the odd one out ({self.said}); {others} agree on {self.agreed}"


def _place(c: ClaimRef) -> tuple[str, int, int]:
    return (c.path, c.line, c.column)


def _sides(claims: list[ClaimRef]) -> list[list[ClaimRef]]:
    """Claims split into sides whose intervals overlap pairwise, biggest first."""
    sides: list[list[ClaimRef]] = []
    # Intervals on a line overlap pairwise exactly when they share a point (Helly), so a side is
    # held against the intersection of its members: a fact of n claims costs n, not n², comparisons.
    common: list[Interval] = []
    ordered = sorted(claims, key=lambda c: (c.value, c.path, c.line))
    # A side whose intersection ends below every claim still to come takes none of them: it is no
    # longer tried.  A fact of 5,000 claims and hundreds of figures held hundreds of sides each claim.
    floors = [math.inf] * (len(ordered) + 1)
    for k in range(len(ordered) - 1, -1, -1):
        low = ordered[k].interval.lower
        floors[k] = min(floors[k + 1], -math.inf if low is None else low)
    live: list[int] = []  # the sides still tried, in the order they were made
    for k, claim in enumerate(ordered):
        for i in live:
            if claim.interval.overlaps(common[i]):
                sides[i].append(claim)
                common[i] = common[i].intersect(claim.interval)
                break
        else:
            live.append(len(sides))
            sides.append([claim])
            common.append(claim.interval)
        if floors[k + 1] > floors[k]:
            live = [i for i in live if not _ends_below(common[i], floors[k + 1])]
    return sorted(sides, key=lambda s: -len({c.path for c in s}))


def _ends_below(interval: Interval, floor: float) -> bool:
    return interval.upper is not None and interval.upper < floor


# The conflicting groups of the last list asked about, by claim place: every output asks about the
# same report's groups once per finding, and scanning them all each time is quadratic in the corpus.
# The sides of each set of claims asked about go with them: every output asks again, and splitting a
# large fact into sides is quadratic in its claims.
_INDEXED: list[
    tuple[list[Group], int, dict[tuple[str, int, int], list[int]], dict[object, OddOneOut | None]]
] = []


def _conflicts_at(
    groups: list[Group],
) -> tuple[dict[tuple[str, int, int], list[int]], dict[object, OddOneOut | None]]:
    """Claim place → indexes of the conflicting groups holding a claim there, and the answers so far."""
    if _INDEXED and _INDEXED[0][0] is groups and _INDEXED[0][1] == len(groups):
        return _INDEXED[0][2], _INDEXED[0][3]
    index: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if g.status in ("conflict", "disputed"):
            for place in {_place(c) for c in g.claims}:
                index[place].append(i)
    _INDEXED[:] = [(groups, len(groups), index, {})]
    _ANSWERS[:] = [_ANSWERS[-1], {}]
    return index, _INDEXED[0][3]


def odd_one_out(finding: Finding, groups: list[Group]) -> OddOneOut | None:
    """The report that differs when all the others agree, or None (a split, or one report only)."""
    claims = {_place(c): c for c in finding.claims}
    at, known = _conflicts_at(groups)
    held = sorted({i for place in list(claims) for i in at.get(place, ())})
    # A place some conflicting group holds is quoted as that group quotes it: only the rest tell apart.
    alone = sorted((p, c.value, c.text, c.role or "") for p, c in claims.items() if p not in at)
    key = (tuple(held), tuple(alone))
    if key not in known:
        for i in held:
            claims.update({_place(c): c for c in groups[i].claims})
        known[key] = _odd_remembered(list(claims.values()))
    return known[key]


# The answers of the last list of groups and of this one, by what decides them: the watch service asks
# after each edit about new groups holding mostly the same claims, and the sides cost quadratic time.
# An answer is kept as positions in its claims, so it hands back this run's claims, not the last run's.
_Answer = tuple[str, tuple[int, ...], list[str], str] | None
_ANSWERS: list[dict[tuple[object, ...], _Answer]] = [{}, {}]


def _odd_remembered(claims: list[ClaimRef]) -> OddOneOut | None:
    """`_odd(claims)`, from an earlier answer when the claims differ in nothing `_odd` reads."""
    key = tuple(
        (c.path, c.line, c.value, c.text, c.interval.lower, c.interval.upper,
         c.interval.lower_closed, c.interval.upper_closed)
        for c in claims
    )  # fmt: skip
    if key in _ANSWERS[-1]:
        answer = _ANSWERS[-1][key]
    elif key in _ANSWERS[0]:
        answer = _ANSWERS[-1][key] = _ANSWERS[0][key]
    else:
        odd = _odd(claims)
        at = {id(c): i for i, c in enumerate(claims)}
        answer = (odd.path, tuple(at[id(c)] for c in odd.claims), odd.agreeing, odd.agreed) if odd else None
        _ANSWERS[-1][key] = answer
    if answer is None:
        return None
    path, rest, agreeing, agreed = answer
    return OddOneOut(path=path, claims=[claims[i] for i in rest], agreeing=list(agreeing), agreed=agreed)


def _odd(claims: list[ClaimRef]) -> OddOneOut | None:
    sides = _sides(claims)
    if len(sides) < 2:
        return None
    main, rest = sides[0], [c for side in sides[1:] for c in side]
    main_docs = sorted({c.path for c in main})
    rest_docs = {c.path for c in rest}
    if len(main_docs) < 2 or len(rest_docs) != 1 or rest_docs & set(main_docs):
        return None
    return OddOneOut(path=rest_docs.pop(), claims=rest, agreeing=main_docs, agreed=figure_text(main))


def primary(finding: Finding, groups: list[Group]) -> ClaimRef | None:
    """The claim a finding is reported at: the odd one out's, else the first quoted."""
    odd = odd_one_out(finding, groups)
    if odd is not None:
        own = [c for c in finding.claims if c.path == odd.path]
        return (own or odd.claims)[0]
    return finding.claims[0] if finding.claims else None


def fact_sheet(finding: Finding, report: Report) -> FactSheetInfo | None:
    """The fact sheet a reference finding cites, with its file and source."""
    m = _SHEET.match(finding.fact)
    if m is None:
        return None
    return next((s for s in report.fact_sheets if s.name == m.group("name")), None)


def agreeing_claims(group: Group) -> list[ClaimRef]:
    """The claims of a corroborated fact that state the figure the documents agree on.

    A group can hold a figure that is another one ("两个" among "19个 / 十九个"):
    it is left out, so a corroboration lists only what agreed.
    """
    by_doc: dict[str, int] = defaultdict(int)
    sides = _sides(group.claims)
    if not sides:
        return []
    for c in sides[0]:
        by_doc[c.path] += 1
    return sides[0] if len(by_doc) >= 2 else []


_AGREED: list[tuple[list[Group], int, list[tuple[Group, list[ClaimRef]]]]] = []


class KeptAgreed:
    """A process's groups' agreeing claims from one run to the next.

    By the group when it is the same object (models/reuse.py `Same`), else by the identities of its claims,
    with those claims (held: no other claim can take their ids while they are kept).
    """

    def __init__(self) -> None:
        self.same: Same[list[ClaimRef]] = Same()
        self.by_claims: Recent[tuple[list[ClaimRef], tuple[ClaimRef, ...]]] = Recent()

    def turn(self) -> None:
        self.same.turn()
        self.by_claims.turn()


def corroborations(groups: list[Group], kept: KeptAgreed | None = None) -> list[tuple[Group, list[ClaimRef]]]:
    """The corroborated groups with the claims that agreed (none: left out); cached for `groups`.

    With `kept`, a group whose claims are the last run's takes the claims that agreed from there.
    """
    if _AGREED and _AGREED[0][0] is groups and _AGREED[0][1] == len(groups):
        return _AGREED[0][2]
    found = [(g, agreed) for g in groups if g.status == "corroborated" and (agreed := _agreeing(g, kept))]
    _AGREED[:] = [(groups, len(groups), found)]
    if kept is not None:
        kept.turn()
    return found


def _agreeing(group: Group, kept: KeptAgreed | None) -> list[ClaimRef]:
    if kept is None:
        return agreeing_claims(group)
    same = kept.same.get(group)
    if same is not None:
        return same
    key = tuple(map(id, group.claims))
    hit = kept.by_claims.get(key)
    if hit is None:
        hit = (agreeing_claims(group), tuple(group.claims))
        kept.by_claims.put(key, hit)
    kept.same.put(group, hit[0])
    return hit[0]
