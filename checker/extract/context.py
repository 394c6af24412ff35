"""What a Chinese figure measures: subject, time scope, year, modality, qualifiers, sentence.

Subjects feed cross-document grouping (equal subjects, or one a suffix of the
other), so they are normalised the same way everywhere:

- number + measure word followed directly by a noun → that noun phrase, up to
  punctuation, 的, 、 or a function word, prefixed by an immediately preceding
  "X的" modifier ("联合攻关的43个项目" → "联合攻关项目");
- otherwise the phrase before the figure in its clause, with time scopes,
  leading modality and region words, and trailing verbs stripped
  ("长三角地区新增建成铁路里程660公里" → "新增建成铁路里程");
- "A从2011年的100分增至2023年的267.57分": both take A; a clause that starts
  with 从, or has nothing left after stripping, takes the topic of the clause
  chain; an attribute word alone ("年均增速") is prefixed with that topic.

Time scopes are the nearest year or time word since the previous figure of
the sentence, else a time clause opening the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from checker.extract import words
from checker.extract.englishtime import english_context
from checker.extract.englishtime import sentence_start as english_sentence_start
from checker.extract.nouns import following_noun
from checker.extract.numbers import Figure
from checker.extract.periods import NO_PERIOD
from checker.extract.sections import Section, Sections
from checker.extract.timing import Timing
from checker.models import Modality, Period

_NARROW_BREAK: Final[str] = words.NARROW_BREAK
_WIDE_BREAK: Final[str] = words.WIDE_BREAK
_LOOKBACK: Final[int] = 60
_SENTENCE_REACH: Final[int] = 120
_MAX_SUBJECT: Final[int] = 24
_MAX_MODIFIER: Final[int] = 16
# Counts and durations measure the noun after them ("19个产业链联盟", "144小时过境免签政策");
# other figures the phrase before them ("合格率99%", "铁路里程660公里"), unless it is empty.
_NOUN_FIRST: Final[frozenset[str]] = frozenset({"count", "duration"})
_NO_FOLLOWING_NOUN: Final[frozenset[str]] = frozenset({"percent", "score", "ratio"})
# An "X的" modifier ending so is an enumeration ("……等在内的10个项目"), not part of the subject.
_ENUMERATION_ENDS: Final[tuple[str, ...]] = ("在内", "等")
# A modifier starts after the last of these ("是在之前……联合攻关的43个项目").
_MODIFIER_CUTS: Final[tuple[str, ...]] = ("是", "在", "之前", "为", "由", "对", "从", "和", "与", "将", "已")

# Break characters, searched on the reversed text before a figure: the first hit is the last break.
_NARROW_RE: Final[re.Pattern[str]] = re.compile(f"[{re.escape(_NARROW_BREAK)}]")
_WIDE_RE: Final[re.Pattern[str]] = re.compile(f"[{re.escape(_WIDE_BREAK)}]")
_SENTENCE_RE: Final[re.Pattern[str]] = re.compile(f"[{re.escape(words.SENTENCE_BREAK)}]")


@dataclass(slots=True)
class Context:
    """The context of one figure."""

    subject: str = ""
    time_scope: str | None = None
    year: int | None = None
    modality: Modality = Modality.REPORTED
    period: Period = NO_PERIOD  # shared: the model is frozen, and timing sets every figure's own
    qualifiers: list[str] = field(default_factory=list)
    sentence: str = ""
    sentence_offset: int = 0
    sentence_end: int = 0


@dataclass(slots=True)
class _Chain:
    """Topic and time scope carried from figure to figure within one sentence."""

    sentence_start: int = -1
    topic: str = ""
    from_topic: bool = False  # the topic was set by a 从 clause: attributes attach to it
    scope: tuple[str, int | None] | None = None
    prev_end: int = 0


def _start_after(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    """Just after the last character of `pattern` in text[lo:hi], or lo when there is none."""
    m = pattern.search(text[lo:hi][::-1])
    return hi - m.start() if m else lo


def _after_break(pattern: re.Pattern[str], back: str, hi: int, lo: int) -> int:
    """`_start_after(pattern, text, lo, hi)` on `back`, text[reach:hi] reversed for some reach <= lo."""
    m = pattern.search(back, 0, hi - lo)
    return hi - m.start() if m else lo


def _narrow(text: str, back: str, pos: int, lo: int, sent_start: int) -> tuple[int, int]:
    """Where the figure's own phrase starts and ends: after the last narrow break, before a bracketed note."""
    phrase_end = _note_start(text, pos, max(lo, sent_start))
    if phrase_end == pos:
        return max(_after_break(_NARROW_RE, back, pos, lo), sent_start), phrase_end
    return max(_start_after(_NARROW_RE, text, lo, phrase_end), sent_start), phrase_end


def describe(
    text: str, figures: list[Figure], sections: Sections, origins: list[int], timing: Timing | None = None
) -> list[Context]:
    """The context of every figure of one normalised text, in order.

    `origins` holds each figure's original offset, which places it in `sections`;
    `timing` reads periods and modality (against the document date).
    """
    out: list[Context] = []
    chain = _Chain()
    timing = timing or Timing(text, None)
    for fig, origin in zip(figures, origins, strict=True):
        lo = max(0, fig.start - _LOOKBACK)
        reach = max(0, fig.start - _SENTENCE_REACH)
        back = text[reach : fig.start][::-1]  # nearest first: the first break found is the last one
        sent_start = _after_break(_SENTENCE_RE, back, fig.start, reach)
        if sent_start != chain.sentence_start:
            chain = _Chain(sentence_start=sent_start, prev_end=sent_start)
            chain.scope = _opening_scope(text, sent_start, fig.start)
        wide_start = max(_after_break(_WIDE_RE, back, fig.start, lo), sent_start)
        narrow_start, phrase_end = _narrow(text, back, fig.start, lo, sent_start)
        own_start = max(narrow_start, chain.prev_end)
        ctx = Context()

        # time scope: nearest in the figure's own clause, else the sentence's opening scope
        follow = following_noun(text, fig.end)
        scope = _last_time(text, own_start, fig.start) or follow.scope or chain.scope
        if scope is not None:
            ctx.time_scope, ctx.year = scope
        ctx.qualifiers = _qualifiers(text, fig, (narrow_start, wide_start, own_start), sections.at(origin))

        english_window = None
        if fig.subject is not None:
            ctx.subject = fig.subject
            english_window = text[english_sentence_start(text, fig.start) : fig.start]
            english = english_context(english_window)
            ctx.time_scope, ctx.year = english.scope, english.year
        else:
            ctx.subject = _subject(
                text, fig, (narrow_start, own_start, phrase_end), noun=follow.noun, chain=chain
            ) or _subject_before(text, fig, figures, out)
        chain.prev_end = fig.end
        timing.apply(ctx, (fig.start, fig.end), own_start, wide_start, english_window)
        _place_in_sentence(ctx, text, fig, sent_start)
        out.append(ctx)
    return out


def _qualifiers(text: str, fig: Figure, starts: tuple[int, int, int], section: Section | None) -> list[str]:
    """Qualifiers of the figure's own clause, a region list just before it and its section label."""
    narrow_start, wide_start, own_start = starts
    found = words.qualifiers(text[own_start : fig.start], text[max(0, fig.start - 3) : fig.start])
    if narrow_start > wide_start and text[narrow_start - 1] == "、":
        found = list(dict.fromkeys([*words.region_list_before(text, narrow_start), *found]))
    if section is not None and section.label not in found:
        found.append(section.label)
    return found


def _subject_before(text: str, fig: Figure, figures: list[Figure], done: list[Context]) -> str:
    """A subject from a figure just before that states the same thing ("上海……1.7万亿元，增长3.5%；江苏2.1万亿元")."""
    for back in range(len(done) - 1, max(-1, len(done) - 4), -1):
        if _same_kind(figures[back], fig, text) and done[back].subject:
            return done[back].subject
    return ""


def _place_in_sentence(ctx: Context, text: str, fig: Figure, sent_start: int) -> None:
    """The sentence around the figure, stripped, and the figure's place in it."""
    sent_end_m = _SENTENCE_RE.search(text, fig.end, fig.end + _SENTENCE_REACH)
    sent_end = sent_end_m.end() if sent_end_m else min(len(text), fig.end + _SENTENCE_REACH)
    raw = text[sent_start:sent_end]
    ctx.sentence = raw.strip()
    ctx.sentence_offset = max(0, fig.start - sent_start - (len(raw) - len(raw.lstrip())))
    ctx.sentence_end = min(len(ctx.sentence), ctx.sentence_offset + fig.end - fig.start)


def _opening_scope(text: str, sent_start: int, limit: int) -> tuple[str, int | None] | None:
    m = words.OPENING_TIME_RE.match(text, sent_start, limit)
    if m is None:
        return None
    return words.scope_of(m.group("scope"))


def _last_time(text: str, lo: int, hi: int) -> tuple[str, int | None] | None:
    found = None
    for m in words.times_in(text, lo, hi):
        if not words.is_comparison_base(text, m.start()):
            found = m
    return None if found is None else words.scope_of(found.group(0))


def _modifier(text: str, lo: int, hi: int) -> str:
    """The "X" of an "X的" right before a figure, cut to its last phrase."""
    raw = text[lo:hi]
    if raw.endswith(_ENUMERATION_ENDS):
        return ""
    cut = max((i + len(w) for w in _MODIFIER_CUTS if (i := raw.rfind(w)) >= 0), default=0)
    phrase = words.clean_phrase(raw[cut:])
    return "" if words.is_time_word(phrase) else phrase[-_MAX_MODIFIER:]


def _note_start(text: str, pos: int, lo: int) -> int:
    """Where a bracketed note right before a figure opens, else `pos`.

    "建成和美乡村（美丽乡村）6000个以上": the note names the subject again; the subject is
    read before it, not after its bracket.
    """
    if pos <= lo or text[pos - 1] not in "）)":
        return pos
    opening = max(text.rfind("（", lo, pos - 1), text.rfind("(", lo, pos - 1))
    inside = text[opening + 1 : pos - 1]
    if opening < 0 or not inside or _NARROW_RE.search(inside):
        return pos
    return opening


def _subject(text: str, fig: Figure, starts: tuple[int, int, int], *, noun: str, chain: _Chain) -> str:
    clause_start, own_start, end = starts
    if noun and fig.kind in _NOUN_FIRST:
        modifier = ""
        if end > own_start and text[end - 1] == "的":
            modifier = _modifier(text, own_start, end - 1)
        subject = _cap(modifier + noun)
        if not chain.topic and not words.is_attribute(subject):
            chain.topic = subject
        return subject
    phrase = text[own_start:end]
    from_clause = "从" in phrase
    if from_clause:
        phrase = phrase.rpartition("从")[0]
    times = [
        m
        for m in words.times_in(phrase)
        if m.group(0)[:1].isdigit() and not words.is_comparison_base(phrase, m.start())
    ]
    cut_at_time = bool(times) and times[-1].end() < len(phrase)
    if cut_at_time:
        # "……报告发布2018年以来年均增幅": what follows the time scope is the subject
        phrase = phrase[times[-1].end() :]
    cleaned = words.clean_phrase(phrase)
    if not cleaned and noun and fig.kind not in _NO_FOLLOWING_NOUN:
        return _cap(noun)
    if not cleaned:
        if from_clause and own_start == clause_start:
            # "成果共用指标增幅最大，从2018年的159.24分": the topic of the previous clause
            topic = words.topic_of(_previous_clause(text, clause_start))
            if topic:
                chain.topic, chain.from_topic = topic, True
        return _cap(chain.topic)
    if words.is_attribute(cleaned):
        # "……616836亿元，……同比增长5.0%": the growth of what the sentence is about
        if chain.topic and (chain.from_topic or not cut_at_time):
            return _cap(chain.topic + cleaned)
        return _cap(cleaned)
    if from_clause or not chain.topic:
        chain.topic, chain.from_topic = cleaned, from_clause
    return _cap(cleaned)


def _same_kind(prev: Figure, fig: Figure, text: str) -> bool:
    return (
        prev.unit == fig.unit
        and prev.measure == fig.measure
        and fig.start - prev.end <= _LOOKBACK
        and "。" not in text[prev.end : fig.start]
    )


def _previous_clause(text: str, clause_start: int) -> str:
    end = clause_start - 1
    if end <= 0:
        return ""
    start = _start_after(_WIDE_RE, text, max(0, end - _LOOKBACK), end)
    return text[start:end]


def _cap(subject: str) -> str:
    return subject[-_MAX_SUBJECT:]
