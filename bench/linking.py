"""Cross-language linking time as a corpus grows: the candidate index against judging every pair.

Run by hand or with `make bench-linking`; not a timed test.

    .venv/bin/python bench/linking.py [--sizes 1000 2000 5000] [--exhaustive-up-to 2000]

For each size a synthetic corpus of bench/corpus.py (one document in ten
English) is extracted and grouped in-process, then `link_languages` runs with
the lexicon a run without a rules folder has (CC-CEDICT only, as in
bench/scale.py) and with the shipped rules' glossary: once with the index of
checker/match/candidates.py and, up to `--exhaustive-up-to` documents, once
with `exhaustive`, the loop linking used before the index (every English claim
judged against every Chinese fact whose unit and time fit).  Printed: the
English claims and Chinese facts, CPU seconds of each (a fresh lexicon each,
CC-CEDICT loaded beforehand), and whether both gave the same facts.
tests/match/test_linking_index.py holds the two against each other on real
corpora too.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import Corpus  # noqa: E402
from checker.extract import extract_text  # noqa: E402
from checker.glossary import load_lexicon  # noqa: E402
from checker.match import group_claims  # noqa: E402
from checker.match.bilingual import Lexicon, load_cedict  # noqa: E402
from checker.match.candidates import Candidate, Side, dimension_fits, judge, times_fit  # noqa: E402
from checker.match.grouping import Fact  # noqa: E402
from checker.match.languages import Finder, fact_languages, link_languages  # noqa: E402
from checker.models import Claim  # noqa: E402
from checker.rules.loader import load_rules  # noqa: E402


def exhaustive(
    chinese: Sequence[Fact], english: Sequence[list[Claim]], lexicon: Lexicon
) -> Callable[[list[Claim]], list[Candidate]]:
    """Linking before the index: every Chinese fact of a fitting unit and time is judged."""
    sides = [Side.of(f) for f in chinese]

    def candidates(part: list[Claim]) -> list[Candidate]:
        out = []
        for side in sides:
            if dimension_fits(part[0], side.fact.unit) and times_fit(part, side.years, side.periods):
                found = judge(part, side, lexicon)
                if found is not None:
                    out.append(found)
        return out

    return candidates


def synthetic_claims(size: int) -> list[Claim]:
    """The claims of bench/corpus.py's corpus of `size` documents, extracted in-process."""
    corpus = Corpus(size)
    return [
        c
        for n in range(size)
        for c in extract_text(corpus.document(n), Corpus.path(Path("corpus"), n).as_posix())
    ]


def rules_lexicon() -> Lexicon:
    """The lexicon of the shipped rules folder: its glossary, fact sheets and CC-CEDICT."""
    lexicon, errors = load_lexicon(load_rules([REPO / "rules"]).rules)
    assert not errors, errors
    return lexicon


def cedict_only() -> Lexicon:
    """The lexicon of a run without a rules folder (bench/scale.py's): CC-CEDICT alone."""
    return Lexicon(loader=load_cedict)


def _timed(facts: list[Fact], make: Callable[[], Lexicon], finder: Finder | None) -> tuple[float, list[Fact]]:
    lexicon = make()
    start = time.process_time()
    out = link_languages(facts, lexicon) if finder is None else link_languages(facts, lexicon, finder)
    return time.process_time() - start, out


def main() -> None:
    """Print linking CPU time per corpus size, indexed and (for small sizes) exhaustive."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000])
    parser.add_argument("--exhaustive-up-to", type=int, default=2000, help="largest size judged pair by pair")
    args = parser.parse_args()
    load_cedict()
    print(
        f"{'documents':>9} {'lexicon':>8} {'en claims':>9} {'zh facts':>8} {'indexed':>8} {'exhaustive':>10}  same"
    )
    for size in args.sizes:
        facts = group_claims(synthetic_claims(size))
        langs = [fact_languages(f) for f in facts]
        en = sum(len(f.claims) for f, lang in zip(facts, langs, strict=True) if lang == ("en",))
        zh = langs.count(("zh",))
        for name, make in (("cedict", cedict_only), ("rules", rules_lexicon)):
            indexed, out = _timed(facts, make, None)
            row = f"{size:>9} {name:>8} {en:>9} {zh:>8} {indexed:>7.2f}s"
            if size <= args.exhaustive_up_to:
                slow, reference = _timed(facts, make, exhaustive)
                same = [f.model_dump() for f in out] == [f.model_dump() for f in reference]
                row += f" {slow:>9.2f}s  {'yes' if same else 'NO'}"
            print(row, flush=True)


if __name__ == "__main__":
    main()
