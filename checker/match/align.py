"""Whether an English subject and a Chinese subject name the same thing, and on which words.

Every content word of the English subject and every character of the Chinese
subject must be accounted for: by a glossary term matched on both sides
("charging piles" ↔ 充电桩), by a CC-CEDICT gloss ("new" ↔ 新建, whose senses
include "newly built"), or by a word the lexicon lets either side leave
unmatched (长三角, region).  One unexplained modifier is enough to refuse:
"public charging piles" is not 累计公共充电桩 (in total) nor 新建公共充电桩 (new).
How much evidence a link needs is decided by the caller (match/languages.py):
the alignment says how many English words rest on the glossary and how many on
the dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.match.bilingual import STOP_WORDS, Lexicon, english_words, stem

_WORD_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Alignment:
    """How an English subject maps onto a Chinese one: the word pairs, and how much they weigh."""

    pairs: tuple[str, ...]
    glossary: int  # English words accounted for by glossary terms
    dictionary: int  # English words accounted for by CC-CEDICT glosses
    measures: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()  # the glossary's Chinese phrases matched

    @property
    def weight(self) -> int:
        """How many English words the link rests on."""
        return self.glossary + self.dictionary

    @property
    def score(self) -> int:
        return 2 * self.glossary + self.dictionary


def content_words(subject: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    """(word, stem) of the English subject's content words, ignorable words left out."""
    out = []
    for word in _WORD_RE.findall(subject.lower()):
        s = stem(word)
        if word not in STOP_WORDS and s not in lexicon.ignore_english:
            out.append((word, s))
    return out


def _find(seq: list[str], phrase: tuple[str, ...]) -> list[tuple[int, ...]]:
    """Where a glossary phrase's words stand in the subject: in order, or all in another order.

    "stay visa-free" is "visa-free stay".
    """
    n = len(phrase)
    found = [tuple(range(i, i + n)) for i in range(len(seq) - n + 1) if tuple(seq[i : i + n]) == phrase]
    if not found and n > 1 and set(phrase) <= set(seq):
        found = [tuple(seq.index(w) for w in phrase)]
    return found


def _spans(text: str, phrase: str) -> list[int]:
    """Where `phrase` starts in `text`, occurrences not overlapping (as re.finditer finds a literal)."""
    # str.find, not a regular expression: every glossary phrase is looked for in every aligned subject.
    if not phrase:
        return list(range(len(text) + 1))
    out, at = [], text.find(phrase)
    while at >= 0:
        out.append(at)
        at = text.find(phrase, at + len(phrase))
    return out


class _Work:
    """The words of both sides and which of them are accounted for."""

    def __init__(self, english: list[tuple[str, str]], chinese: str) -> None:
        self.words = [w for w, _ in english]
        self.stems = [s for _, s in english]
        self.chinese = chinese
        self.en = [False] * len(english)
        self.zh = [False] * len(chinese)
        self.pairs: list[str] = []
        self.measures: set[str] = set()
        self.terms: set[str] = set()

    def cover_zh(self, start: int, size: int) -> None:
        for i in range(start, start + size):
            self.zh[i] = True

    def uncovered_runs(self) -> list[tuple[int, str]]:
        runs, start = [], None
        for i, done in enumerate([*self.zh, True]):
            if not done and start is None:
                start = i
            elif done and start is not None:
                runs.append((start, self.chinese[start:i]))
                start = None
        return runs


def _terms(work: _Work, lexicon: Lexicon) -> int:
    hits = 0
    for term in lexicon.terms:
        zh_hits = [(i, len(p), p) for p in term.chinese for i in _spans(work.chinese, p)]
        en_hits = [where for p in term.english for where in _find(work.stems, p)]
        if not zh_hits or not en_hits:
            continue
        for i, size, _ in zh_hits:
            work.cover_zh(i, size)
        for where in en_hits:
            hits += sum(not work.en[j] for j in where)
            for j in where:
                work.en[j] = True
        said = " ".join(work.words[j] for j in en_hits[0])
        work.pairs.append(f"{said} ↔ {zh_hits[0][2]} ({term.source or 'glossary'})")
        work.measures.update(term.measures)
        work.terms.update(term.chinese)
    return hits


def _ignorable(work: _Work, lexicon: Lexicon) -> None:
    for word in lexicon.ignore_chinese:
        for start in _spans(work.chinese, word):
            if not any(work.zh[start : start + len(word)]):
                work.cover_zh(start, len(word))


def _examples(work: _Work) -> None:
    """A list of examples ending in 等 before the head noun: left unmatched, English reports drop them.

    "米面油肉蛋奶等重点食品合格率" is the pass rate of key foods; rice, flour and oil are examples.
    """
    at = work.chinese.find("等")
    if 0 < at <= len(work.chinese) - 3 and not any(work.zh[:at]):
        work.cover_zh(0, at + 1)
        work.pairs.append(f"{work.chinese[: at + 1]} (examples) left unmatched")


def _dictionary(work: _Work, lexicon: Lexicon) -> int:
    hits = 0
    for start, run in work.uncovered_runs():
        offset = start
        for seg in lexicon.segment(run):
            gloss = lexicon.gloss(seg)
            if gloss is not None:
                matched = [j for j, s in enumerate(work.stems) if s in gloss.words]
                # One Chinese word may stand for several English ones: 年均 ↔ "average annual".
                fresh = [j for j in matched if not work.en[j]] or matched[:1]
                if fresh:
                    for j in fresh:
                        work.en[j] = True
                    work.cover_zh(offset, len(seg))
                    work.measures.update(gloss.classifiers)
                    work.pairs.append(f"{' '.join(work.words[j] for j in fresh)} ↔ {seg} (CC-CEDICT)")
                    hits += len(fresh)
            offset += len(seg)
    return hits


def _from_sentence(work: _Work, sentence: str, lexicon: Lexicon) -> None:
    """Chinese modifiers the English sentence says elsewhere: accounted for, no evidence of their own.

    "service points for its remote virtual window" ↔ 远程虚拟窗口服务点位.
    """
    said = set(english_words(sentence))
    for term in lexicon.terms:
        if any(set(p) <= said for p in term.english):
            for phrase in term.chinese:
                for start in _spans(work.chinese, phrase):
                    if not any(work.zh[start : start + len(phrase)]):
                        work.cover_zh(start, len(phrase))
                        work.pairs.append(f"{phrase} said in the sentence")
    for start, run in work.uncovered_runs():
        offset = start
        for seg in lexicon.segment(run):
            gloss = lexicon.gloss(seg)
            if gloss is not None and gloss.words & said:
                work.cover_zh(offset, len(seg))
                work.pairs.append(f"{seg} said in the sentence (CC-CEDICT)")
            offset += len(seg)


def _measure(work: _Work, measure: str | None, lexicon: Lexicon) -> int:
    """English words the Chinese measure word says: "two rounds of action plans" ↔ 两轮行动计划."""
    gloss = lexicon.gloss(measure) if measure and measure != "个" else None
    if gloss is None:
        return 0
    hits = [j for j, s in enumerate(work.stems) if not work.en[j] and s in gloss.counts]
    for j in hits:
        work.en[j] = True
        work.pairs.append(f"{work.words[j]} ↔ {measure} (measure word, CC-CEDICT)")
    return len(hits)


def _of_phrase(work: _Work, english: str, chinese_sentence: str, lexicon: Lexicon) -> None:
    """Words of an "of" phrase the Chinese sentence says: accounted for, no evidence of their own.

    "the completion rate of the key tasks" ↔ 完成率, in a sentence about 重点任务: the Chinese
    subject stops at the head noun, the English one goes on to say of what.
    """
    lowered = _WORD_RE.findall(english.lower())
    if "of" not in lowered or not chinese_sentence:
        return
    after = set(english_words(" ".join(lowered[lowered.index("of") + 1 :])))
    open_words = {j for j, done in enumerate(work.en) if not done}
    if not open_words or not {work.stems[j] for j in open_words} <= after:
        return
    for term in lexicon.terms:
        if any(p in chinese_sentence for p in term.chinese):
            for where in (w for p in term.english for w in _find(work.stems, p)):
                _said_in_chinese(work, where, term.chinese[0])
    # In the sentence's order, not a set's: the pairs a reviewer reads must not change from run to run.
    for seg in dict.fromkeys(lexicon.segment(chinese_sentence)):
        gloss = lexicon.gloss(seg) if len(seg) > 1 else None
        if gloss is not None:
            _said_in_chinese(work, [j for j in open_words if work.stems[j] in gloss.words], seg)


def _said_in_chinese(work: _Work, where: Sequence[int], phrase: str) -> None:
    fresh = [j for j in where if not work.en[j]]
    for j in fresh:
        work.en[j] = True
    if fresh:
        work.pairs.append(f"{' '.join(work.words[j] for j in fresh)}: {phrase} said in the sentence")


def align(
    english: str,
    chinese: str,
    lexicon: Lexicon,
    sentence: str = "",
    measure: str | None = None,
    *,
    chinese_sentence: str = "",
) -> Alignment | None:
    """The word pairs that make `english` and `chinese` one subject, or None when some word is left over.

    `sentence` is the English claim's sentence: it may account for Chinese modifiers, never for
    English words.  `measure` is the Chinese claims' measure word, which may account for English ones.
    `chinese_sentence` (the Chinese claims' sentences) may account for the words of an English "of"
    phrase, never for the head.
    """
    words = content_words(english, lexicon)
    if not words or not chinese:
        return None
    work = _Work(words, chinese)
    glossary = _terms(work, lexicon)
    _ignorable(work, lexicon)
    _examples(work)
    dictionary = _dictionary(work, lexicon) + _measure(work, measure, lexicon)
    if not all(work.en):
        _of_phrase(work, english, chinese_sentence, lexicon)
    if not all(work.en):
        return None
    if sentence and not all(work.zh):
        _from_sentence(work, sentence, lexicon)
    if not all(work.zh):
        return None
    return Alignment(
        pairs=tuple(work.pairs),
        glossary=glossary,
        dictionary=dictionary,
        measures=frozenset(work.measures),
        stems=frozenset(work.stems),
        terms=frozenset(work.terms),
    )


def measure_fits(measure: str | None, alignment: Alignment, lexicon: Lexicon) -> bool:
    """A Chinese measure word an English count can stand for.

    个, one its words count with, or any when neither the glossary nor CC-CEDICT
    names the measure words of the aligned words.
    """
    if not measure or measure == "个" or measure in alignment.measures:
        return True
    gloss = lexicon.gloss(measure)
    # "20 batches" ↔ 20万批次; "165 tasks" ↔ 165项 (项: "classifier for … tasks").
    if gloss is not None and (gloss.words | gloss.counts) & alignment.stems:
        return True
    # Words whose measure words no source lists: no evidence against (5项一级指标 ↔ "five indicators").
    return not alignment.measures
