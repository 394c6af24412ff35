"""Cross-language links: precision and recall on English reports written for the seeds' events.

Run by hand or with `make bench`; not a timed test.

    .venv/bin/python bench/crosslang.py [--misses]

The seeds and the English reports of `bench/data/crosslang/` are read and
extracted as `checker check` reads them, grouped into facts, and linked
across languages with the lexicon of the shipped `rules/` folder (glossary
and fact sheets) and CC-CEDICT.  Every English claim is labelled in
`labels.yml` with the Chinese fact it restates, or with null.  A link is an
English claim placed in a fact that has Chinese claims; it is right when the
fact's subject holds one of the labelled words.  Printed: precision (right
links over all links), recall (right links over labelled links), the counts,
and with --misses every wrong or missing link.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from checker.extract import extract  # noqa: E402
from checker.glossary import load_lexicon  # noqa: E402
from checker.match import group_claims  # noqa: E402
from checker.match.languages import claim_language, link_languages  # noqa: E402
from checker.models import Claim  # noqa: E402
from checker.rules.loader import load_rules  # noqa: E402
from checker.sources import read_document  # noqa: E402

DATA = REPO / "bench" / "data" / "crosslang"
SEEDS = REPO / "seeds"


@dataclass
class Score:
    """Links made and expected, and the ones that went wrong."""

    made: int = 0
    expected: int = 0
    right: int = 0
    unlabelled: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.made if self.made else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def _claims() -> list[Claim]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(DATA.glob("*.txt"))
    return [c for p in paths for c in extract(read_document(p, p.name)).claims]


def _linked_subjects(claims: list[Claim]) -> dict[str, str]:
    """Each English claim's ident → the subject of the Chinese fact it joined."""
    lexicon, errors = load_lexicon(load_rules([REPO / "rules"]).rules)
    assert not errors, errors
    out = {}
    for fact in link_languages(group_claims(claims), lexicon):
        if "zh" in {claim_language(c) for c in fact.claims}:
            out.update({c.ident: fact.subject for c in fact.claims if claim_language(c) == "en"})
    return out


def _find(claims: list[Claim], path: str, label: dict[str, Any]) -> Claim | None:
    text = str(label["text"])
    on_line = [c for c in claims if c.path == path and c.line == label["line"] and c.text.startswith(text)]
    nth = int(label.get("nth", 1))
    return on_line[nth - 1] if len(on_line) >= nth else None


def score() -> Score:
    """Precision and recall of the links made over the labelled English reports."""
    labels: dict[str, list[dict[str, Any]]] = yaml.safe_load((DATA / "labels.yml").read_text("utf-8"))
    claims = _claims()
    linked = _linked_subjects(claims)
    result = Score()
    seen: set[str] = set()
    for path, items in labels.items():
        for label in items:
            want = label["link"]
            words = [want] if isinstance(want, str) else list(want or [])
            claim = _find(claims, path, label)
            where = f"{path}:{label['line']} {label['text']!r}"
            if claim is None:
                result.expected += bool(words)
                result.misses.append(f"{where}: not extracted (want {words or 'no link'})")
                continue
            seen.add(claim.ident)
            got = linked.get(claim.ident)
            result.expected += bool(words)
            result.made += got is not None
            if got is not None and any(w in got for w in words):
                result.right += 1
            elif got is not None or words:
                result.misses.append(
                    f"{where} [{claim.subject}]: linked to {got!r}, want {words or 'no link'}"
                )
    for c in claims:
        if claim_language(c) == "en" and c.ident not in seen:
            result.unlabelled.append(f"{c.path}:{c.line} {c.text!r}")
            result.made += c.ident in linked
    return result


def main() -> None:
    """Print precision and recall (and the misses with --misses)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every wrong or missing link")
    args = parser.parse_args()
    s = score()
    print(f"cross-language links ({len(list(DATA.glob('*.txt')))} English reports + seeds)")
    print(f"  precision {s.precision:.3f}  ({s.right} right of {s.made} links made)")
    print(f"  recall    {s.recall:.3f}  ({s.right} right of {s.expected} links expected)")
    if s.unlabelled:
        print(f"  unlabelled English claims (count as 'no link'): {', '.join(s.unlabelled)}")
    if args.misses:
        for miss in s.misses:
            print(f"  miss: {miss}")


if __name__ == "__main__":
    main()
