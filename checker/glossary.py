"""The bilingual lexicon of a run: glossary files beside the rules, fact sheet aliases, CC-CEDICT.

Glossary files sit in `facts/glossary/*.yml` under each folder the rule files
come from (the shipped one: rules/facts/glossary/domain.yml), so they are
neither rule files nor fact sheets.  They are validated like fact sheets: a
broken file is one error naming the file, the line and the key, and the other
files still load.  Every fact sheet fact with both Chinese and English aliases
is a glossary term too (new-railway: 新增建成铁路里程 ↔ "new railway").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from checker.errors import RuleFileError
from checker.match.bilingual import Lexicon, Term, has_han, load_cedict, stem
from checker.models import ReadError
from checker.rules.base import Rule
from checker.rules.reference import Reference
from checker.rules.yamlfile import load_model
from checker.sources.names import display_path

GLOSSARY_GLOB = "facts/glossary/*.yml"


def _english(phrases: list[str]) -> list[str]:
    for phrase in phrases:
        if has_han(phrase) or not any(ch.isalpha() for ch in phrase):
            raise ValueError(f"{phrase!r} is not an English phrase; put Chinese phrases under zh")
    return phrases


def _chinese(phrases: list[str]) -> list[str]:
    for phrase in phrases:
        if not has_han(phrase):
            raise ValueError(f"{phrase!r} has no Chinese character; put English phrases under en")
    return phrases


class GlossaryTerm(BaseModel):
    """One term: its English and Chinese names and the measure words it counts with."""

    model_config = ConfigDict(extra="forbid")

    en: list[str] = Field(min_length=1)
    zh: list[str] = Field(min_length=1)
    measures: list[str] = Field(default_factory=list)

    _en = field_validator("en")(_english)
    _zh = field_validator("zh")(_chinese)


class IgnoreWords(BaseModel):
    """Words that say where or when, not what: either side may leave them unmatched."""

    model_config = ConfigDict(extra="forbid")

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)

    _en = field_validator("en")(_english)
    _zh = field_validator("zh")(_chinese)


class GlossaryFile(BaseModel):
    """A glossary file: terms, and words to ignore."""

    model_config = ConfigDict(extra="forbid")

    terms: list[GlossaryTerm] = Field(default_factory=list)
    ignore: IgnoreWords = Field(default_factory=IgnoreWords)


def load_glossary(path: Path) -> GlossaryFile:
    """One glossary file, or a RuleFileError naming the file, line and key."""
    return load_model(
        path,
        display_path(path),
        GlossaryFile,
        "expected a mapping with terms (en, zh, measures) and ignore (en, zh)",
    )


def rule_folders(rules: Sequence[Rule]) -> list[Path]:
    """The folders the rule files came from (built-in rules come from none)."""
    folders: dict[Path, None] = {}
    for rule in rules:
        origin = Path(rule.origin)
        if origin.suffix in (".yml", ".yaml") and origin.is_file():
            folders[origin.parent] = None
    return list(folders)


def _sheet_terms(rules: Sequence[Rule]) -> list[Term]:
    terms = []
    for rule in rules:
        if not isinstance(rule, Reference):
            continue
        for stem_name, sheet in rule.sheets:
            for fact in sheet.facts:
                zh = [a for a in fact.aliases if has_han(a)]
                en = [a for a in fact.aliases if not has_han(a)]
                if zh and en:
                    measures = [fact.measure] if fact.measure else []
                    terms.append(Term.of(en, zh, measures, source=f"fact sheet {stem_name}#{fact.id}"))
    return terms


def load_lexicon(rules: Sequence[Rule]) -> tuple[Lexicon, list[ReadError]]:
    """The run's lexicon, and one error per broken glossary file."""
    terms: list[Term] = []
    ignore_en: set[str] = set()
    ignore_zh: set[str] = set()
    errors: list[ReadError] = []
    for folder in rule_folders(rules):
        for path in sorted(folder.glob(GLOSSARY_GLOB)):
            try:
                glossary = load_glossary(path)
            except RuleFileError as exc:
                errors.append(ReadError(path=exc.path, message=str(exc), line=exc.line))
                continue
            name = f"glossary {path.name}"
            terms += [Term.of(t.en, t.zh, t.measures, source=name) for t in glossary.terms]
            ignore_en |= {stem(w) for w in glossary.ignore.en}
            ignore_zh |= {"".join(w.split()) for w in glossary.ignore.zh}
    terms += _sheet_terms(rules)
    lexicon = Lexicon(
        terms=terms,
        ignore_english=frozenset(ignore_en),
        ignore_chinese=tuple(sorted(ignore_zh, key=len, reverse=True)),
        loader=load_cedict,
    )
    return lexicon, errors
