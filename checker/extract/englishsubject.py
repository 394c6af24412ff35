"""What an English figure counts or measures: the noun phrase it belongs to.

- the noun phrase after the figure ("165 key tasks"), after its "of" for
  measured figures ("660 kilometers of railway") and after a container's "of"
  ("two rounds of action plans");
- else the subject of the clause before it, when a verb stands between them:
  its head and "of" phrase, without determiners, adverbs and time words in
  front or prepositional phrases behind ("the pass rate of staple foods is
  expected to remain above 99 percent" → "pass rate of staple foods");
- else the last words of the clause before it ("bringing the number of X to").

Then the reading is resolved against the figures before it: a pronoun or a
general noun ("it", "the network", "a base") measures what the previous
figure of its unit in the sentence measured, and a bare head noun ("320
tasks") is the fuller phrase an earlier figure of the document gave that head
("165 key tasks"), without the words that say new or in total.
"""

from __future__ import annotations

import re
from typing import Final

from checker.extract.englishtime import CLAUSE_RE
from checker.extract.numbers import Figure

_NOUN_RE: Final[re.Pattern[str]] = re.compile(r"\s+(of\s+(?:the\s+)?)?((?:[a-z][a-z-]*\s+){0,3}[a-z][a-z-]*)")
STOP: Final[frozenset[str]] = frozenset(
    {
        "of", "in", "to", "and", "or", "for", "with", "by", "from", "at", "on", "the", "a", "an",
        "this", "that", "these", "those", "were", "was", "is", "are", "be", "been", "have", "has",
        "had", "will", "would", "can", "could", "may", "than", "as", "per", "each", "every", "into",
        "over", "under", "about", "after", "before", "since", "until", "ago", "later", "earlier",
        "old", "more", "less", "its", "their", "his", "her", "our", "your", "which", "who", "whose",
        "what", "when", "where", "while", "during", "now", "across", "through", "within", "between",
        "among", "including", "last", "next",
    }
)  # fmt: skip
# Verbs between a noun phrase and its figure ("the pass rate is expected to remain above 99 percent").
_LEVEL_VERBS: Final[frozenset[str]] = frozenset(
    {
        "reached", "hit", "totalled", "totaled", "stood", "rose", "fell", "rise", "rises", "grow", "grows",
        "remain", "remains", "stay", "stays", "expected", "reach", "reaches", "exceed", "exceeds", "passed",
        "covers", "cover", "climbed", "increased", "increase",
    }
)  # fmt: skip
# Where a clause's subject ends: a finite verb, an auxiliary or a modal.
_VERB_STARTS: Final[frozenset[str]] = _LEVEL_VERBS | frozenset(
    {"is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "may", "should"}
)
_PREDICATE: Final[frozenset[str]] = _VERB_STARTS | frozenset(
    {"be", "been", "to", "expected", "likely", "projected", "set", "at", "still", "now", "already", "well"}
)
# Words before a clause's subject that say when or how, not what ("today the network covers").
_LEADING: Final[frozenset[str]] = frozenset(
    {
        "the", "a", "an", "its", "their", "and", "but", "so", "today", "now", "also", "meanwhile",
        "currently", "still", "then", "already", "far", "overall", "yet",
    }
)  # fmt: skip
# Prepositions that end a subject's noun phrase; "of" does not ("completion rate of the key tasks in ...").
_PHRASE_ENDS: Final[frozenset[str]] = frozenset(
    {"in", "for", "at", "on", "by", "from", "with", "between", "across", "under", "among", "within", "to"}
)
_LEADS: Final[frozenset[str]] = frozenset(
    {"bringing", "raising", "taking", "lifting", "pushing", "increasing"}
)
_CONTAINERS: Final[frozenset[str]] = frozenset(
    {"rounds", "batches", "kinds", "types", "categories", "sets", "groups", "pieces", "pairs", "lots"}
)
_PRONOUNS: Final[frozenset[str]] = frozenset({"", "it", "they", "this", "that", "which", "these"})
# Nouns that name no thing of their own: they refer back to what the sentence already measures.
_GENERAL: Final[frozenset[str]] = frozenset(
    {"network", "base", "total", "figure", "level", "system", "tally", "sum", "amount", "up", "from"}
)
# Words an anaphoric head noun does not inherit: the earlier figure was new, the later one need not be.
_NOVELTY: Final[frozenset[str]] = frozenset(
    {"new", "newly", "additional", "added", "further", "extra", "total", "cumulative", "overall", "another"}
)
_NAMES_RE: Final[re.Pattern[str]] = re.compile(
    r"[A-Z][a-z]+(?:,\s+[A-Z][a-z]+)+,?\s+(?:and|or)\s+[A-Z][a-z]+"
)
_NUMBER_OF_RE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:the\s+)?(?:number|numbers|count)\s+of\s+", re.IGNORECASE
)
_FULL_STOP_RE: Final[re.Pattern[str]] = re.compile(r"[.!?]\s|\n")


def noun_after(text: str, pos: int, need_of: bool) -> str:
    """The noun phrase after a figure: directly for counts, after "of" for measured figures."""
    m = _NOUN_RE.match(text, pos)
    if m is None or (need_of and not m.group(1)):
        return ""
    kept: list[str] = []
    words = m.group(2).split()
    for i, word in enumerate(words):
        # "3,000 culture and tourism venues": one word, "and", and the head noun, then the phrase ends.
        rest = words[i + 1 :]
        joined = (
            word == "and"
            and len(kept) == 1
            and 1 <= len(rest) <= 2
            and not set(rest) & STOP
            and m.end() == _end(text, m)
        )
        if word in STOP and not joined:
            break
        kept.append(word)
    while kept and kept[-1].endswith("ed") and len(kept) > 1:
        kept.pop()  # "two cities joined": a verb, not part of the noun
    if len(kept) == 1 and kept[0] in _CONTAINERS:
        # "two rounds of action plans": the container counts, the noun after "of" says of what.
        after = noun_after(text, m.start(2) + len(kept[0]), need_of=True)
        if after:
            return f"{kept[0]} of {after}"
    return " ".join(kept)


def _end(text: str, m: re.Match[str]) -> int:
    """Where the noun phrase ends when nothing but punctuation follows its last word."""
    rest = text[m.end() : m.end() + 2]
    return m.end() if not rest[:1].isalpha() and not rest.startswith(" a") else -1


def _is_name(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()


def _clause_words(text: str, pos: int) -> list[str]:
    # "in Shanghai, Jiangsu, Zhejiang and Anhui for up to 144 hours": a list of names is one place,
    # not three clauses, and a place says where, not what.
    window = _NAMES_RE.sub(lambda names: names.group(0).replace(",", ""), text[max(0, pos - 120) : pos])
    m = CLAUSE_RE.search(window)
    return [w for w in (m.group(1) if m else window).split() if w[:1].isalpha()]


def _clause_subject(words: list[str]) -> str:
    """The subject of a clause whose verb comes before the figure, or "" when no verb does."""
    lowered = [w.lower().strip("'\"") for w in words]
    verb = next((i for i, w in enumerate(lowered) if i and w in _VERB_STARTS), None)
    # Only a predicate that the figure completes ("was", "is expected to remain", "reached"): after
    # "can stay visa-free for" the figure measures the stay, not the travellers.
    if verb is None or not set(lowered[verb:]) <= _PREDICATE:
        return ""
    start = 0
    while start < verb and lowered[start] in _LEADING:
        start += 1
    kept = []
    for word, low in zip(words[start:verb], lowered[start:verb], strict=True):
        if low in _PHRASE_ENDS:
            break
        if low not in ("the", "a", "an"):
            kept.append(word)
    while len(kept) > 1 and (kept[-1].lower().endswith("ed") or kept[-1].lower() == "of"):
        kept.pop()  # "diseases covered by ...": a participle, not part of the noun
    return " ".join(kept)


def before(text: str, pos: int, keep: int = 4) -> str:
    """What the clause before a figure says it measures: its subject, else its last `keep` words."""
    words = _clause_words(text, pos)
    subject = _clause_subject(words)
    if subject:
        return subject
    while words and (words[-1].lower() in STOP | _LEVEL_VERBS or (len(words) > 1 and _is_name(words[-1]))):
        words.pop()
    words = words[-keep:]
    # "bringing the total number of piles to": the gerund leads into the measured noun phrase.
    while words and (
        words[0].lower() in ("the", "a", "an", "its", "their", "and") or words[0].lower() in _LEADS
    ):
        words.pop(0)
    return " ".join(words)


def resolve(fig: Figure, earlier: list[Figure], text: str) -> None:
    """A pronoun, a general noun or a bare head noun takes the fuller subject an earlier figure gave.

    "the total number of charging piles" is the total of charging piles: "number of" says nothing.
    """
    fig.subject = _NUMBER_OF_RE.sub("", fig.subject or "")
    words = [w for w in (fig.subject or "").lower().split() if w not in ("the", "a", "an")]
    if all(w in _GENERAL or w in _PRONOUNS for w in words):
        _from_sentence(fig, earlier, text)
    elif len(words) == 1:
        _from_document(fig, earlier, words[0])


def _from_sentence(fig: Figure, earlier: list[Figure], text: str) -> None:
    """The subject of the sentence's previous figure of this unit.

    "4,000 km of railway in 2018; today the network covers 7,100 km, and it is expected to reach 8,000 km".
    """
    if fig.unit == "count":
        return
    found = list(_FULL_STOP_RE.finditer(text, max(0, fig.start - 300), fig.start))
    start = found[-1].end() if found else max(0, fig.start - 300)
    for prev in reversed(earlier):
        if prev.start < start:
            return
        if prev.unit == fig.unit and prev.subject:
            fig.subject = prev.subject
            return


def _from_document(fig: Figure, earlier: list[Figure], head: str) -> None:
    """The fuller phrase of an earlier figure with this head: "165 key tasks … covered 320 tasks"."""
    for prev in reversed(earlier):
        words = (prev.subject or "").split()
        if prev.unit != fig.unit or len(words) < 2 or words[-1].lower() != head:
            continue
        kept = [w for w in words if w.lower() not in _NOVELTY]
        fig.subject = " ".join(kept)
        return
