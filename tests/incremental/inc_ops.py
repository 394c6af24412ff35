"""Random changes to a corpus and its rules, as people make them; each returns what it did, in words."""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from pathlib import Path

from tests.incremental.inc_corpus import DATES, real_documents, synthetic_document

FIGURE = re.compile(r"\d+(?:\.\d+)?")
YEAR = re.compile(r"(?:19|20)\d\d(?=年)")
DATED = re.compile(r"^\d{4}-\d\d-\d\d_")
# Subjects the real and synthetic reports share: swapping one moves a claim from one fact to another.
SUBJECTS = (
    "新增建成铁路里程",
    "新建公共充电桩",
    "城镇新增就业",
    "铁路营业里程",
    "国内生产总值",
    "累计公共充电桩",
)
MIN_DOCUMENTS = 3

Op = Callable[[Path, Path, random.Random], str]


def documents(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.txt"))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _name(path: Path, corpus: Path) -> str:
    return path.relative_to(corpus).as_posix()


def _other_figure(figure: str, rng: random.Random) -> str:
    """A nearby or far figure of the same form: the last digit moved, or the whole scaled."""
    whole, _, frac = figure.partition(".")
    if frac and rng.random() < 0.6:
        return f"{whole}.{frac[:-1]}{(int(frac[-1]) + rng.randint(1, 9)) % 10}"
    step = rng.choice([1, 1, 2, 10, 100, int(whole) or 1])
    return f"{max(0, int(whole) + rng.choice([-1, 1]) * step)}" + (f".{frac}" if frac else "")


def _sentences_with_figures(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence (up to 。 or a line break) that holds a figure."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^。\n]+(?:。|\n|$)", text)]
    return [(a, b) for a, b in spans if FIGURE.search(text[a:b])]


def edit_figure(corpus: Path, rules: Path, rng: random.Random) -> str:
    doc = rng.choice(documents(corpus))
    text = _read(doc)
    figures = list(FIGURE.finditer(text))
    if not figures:
        return f"no figure to edit in {_name(doc, corpus)}"
    m = rng.choice(figures)
    new = _other_figure(m.group(), rng)
    _write(doc, text[: m.start()] + new + text[m.end() :])
    return f"edit {_name(doc, corpus)}@{m.start()}: {m.group()} -> {new}"


def restate(corpus: Path, rules: Path, rng: random.Random) -> str:
    """A sentence of one report said again in another, as is or with one figure changed."""
    source, target = rng.sample(documents(corpus), 2)
    spans = _sentences_with_figures(_read(source))
    if not spans:
        return f"nothing to restate from {_name(source, corpus)}"
    a, b = rng.choice(spans)
    sentence = _read(source)[a:b].strip()
    if rng.random() < 0.5:
        m = rng.choice(list(FIGURE.finditer(sentence)))
        sentence = sentence[: m.start()] + _other_figure(m.group(), rng) + sentence[m.end() :]
    _write(target, _read(target).rstrip("\n") + "\n\n" + sentence + "\n")
    return f"restate in {_name(target, corpus)} from {_name(source, corpus)}: {sentence[:60]!r}"


def drop_sentence(corpus: Path, rules: Path, rng: random.Random) -> str:
    doc = rng.choice(documents(corpus))
    text = _read(doc)
    spans = _sentences_with_figures(text)
    if not spans:
        return f"no sentence to drop in {_name(doc, corpus)}"
    a, b = rng.choice(spans)
    _write(doc, text[:a] + text[b:])
    return f"drop from {_name(doc, corpus)}: {text[a:b].strip()[:60]!r}"


def move_fact(corpus: Path, rules: Path, rng: random.Random) -> str:
    """Another year or another subject for one statement: its claims leave one fact for another."""
    doc = rng.choice(documents(corpus))
    text = _read(doc)
    years = list(YEAR.finditer(text))
    subjects = [(m, s) for s in SUBJECTS for m in re.finditer(s, text)]
    if years and (not subjects or rng.random() < 0.5):
        m, new = (y := rng.choice(years)), str(int(y.group()) + rng.choice([-1, 1]))
    elif subjects:
        m, old = rng.choice(subjects)
        new = rng.choice([s for s in SUBJECTS if s != old])
    else:
        return f"no year or subject to move in {_name(doc, corpus)}"
    _write(doc, text[: m.start()] + new + text[m.end() :])
    return f"move {_name(doc, corpus)}@{m.start()}: {m.group()} -> {new}"


def add_document(corpus: Path, rules: Path, rng: random.Random, english: bool = False) -> str:
    if rng.random() < 0.25:
        name, text = rng.choice(sorted(real_documents().items()))
        name = f"{rng.choice(DATES)}_copy{rng.randrange(1000):03d}_{name}"
    else:
        name, text = synthetic_document(rng, english=english)
    path = corpus / (f"sub/{name}" if rng.random() < 0.2 else name)
    _write(path, text)
    return f"add {_name(path, corpus)} ({len(text)} chars)"


def delete_document(corpus: Path, rules: Path, rng: random.Random) -> str:
    docs = documents(corpus)
    if len(docs) <= MIN_DOCUMENTS:
        return "too few documents to delete one"
    doc = rng.choice(docs)
    doc.unlink()
    return f"delete {_name(doc, corpus)}"


def rename_document(corpus: Path, rules: Path, rng: random.Random) -> str:
    """A new name: another folder, or another date in the name (the report's date changes with it)."""
    doc = rng.choice(documents(corpus))
    base = DATED.sub("", doc.name)
    choice = rng.random()
    if choice < 0.4:
        name = f"{rng.choice(DATES)}_{base}"
    elif choice < 0.7:
        name = f"sub/{doc.name}" if doc.parent == corpus else f"../{doc.name}"
    else:
        name = f"r{rng.randrange(1000):03d}_{doc.name}"
    target = Path(os.path.normpath(doc.parent / name))
    if target.exists():
        return f"{_name(target, corpus)} exists: no rename"
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(doc, target)
    return f"rename {_name(doc, corpus)} -> {_name(target, corpus)}"


def touch(corpus: Path, rules: Path, rng: random.Random) -> str:
    doc = rng.choice(documents(corpus))
    if rng.random() < 0.5:
        os.utime(doc)
        return f"touch {_name(doc, corpus)}"
    _write(doc, _read(doc))
    return f"rewrite {_name(doc, corpus)} unchanged"


def sidecar(corpus: Path, rules: Path, rng: random.Random) -> str:
    """A sidecar dates a report (or stops dating it): metadata changes, the text does not."""
    doc = rng.choice(documents(corpus))
    meta = doc.with_name(doc.name + ".meta.yml")
    if meta.exists() and rng.random() < 0.5:
        meta.unlink()
        return f"remove {_name(meta, corpus)}"
    date = rng.choice(DATES)
    _write(meta, f"date: {date}\n")
    return f"sidecar {_name(meta, corpus)}: date {date}"


def blank(corpus: Path, rules: Path, rng: random.Random) -> str:
    doc = rng.choice(documents(corpus))
    _write(doc, "")
    return f"empty {_name(doc, corpus)}"


# Settings that change what rules find, each with the values it takes turns at.
_RULE_SETTINGS = (
    ("growth.yml", r"tolerance: [\d.]+", ("tolerance: 0.0", "tolerance: 0.5")),
    ("total.yml", r"tolerance: [\d.]+", ("tolerance: 0.0", "tolerance: 0.05")),
    ("agree.yml", r"revision_days: \d+", ("revision_days: 180", "revision_days: 30")),
    ("equivalence.yml", r"nearby: \w+", ("nearby: false", "nearby: true")),
    ("agree.yml", r"severity: \w+", ("severity: error", "severity: warning")),
    ("target.yml", r"severity: \w+", ("severity: warning", "severity: info")),
    # The glossary decides which Chinese fact an English claim joins.
    ("facts/glossary/domain.yml", r"zh: \[充电\w\]", ("zh: [充电桩]", "zh: [充电站]")),
)


def change_rules(corpus: Path, rules: Path, rng: random.Random) -> str:
    """A curated figure of the fact sheet, or a rule's setting, changed."""
    if rng.random() < 0.5:
        sheet = rules / "facts" / "2024-practical-projects.yml"
        text = _read(sheet)
        m = rng.choice(list(re.finditer(r"(?<=value: )[\d.]+", text)))
        new = _other_figure(m.group(), rng)
        _write(sheet, text[: m.start()] + new + text[m.end() :])
        return f"fact sheet value {m.group()} -> {new}"
    file, pattern, values = rng.choice(_RULE_SETTINGS)
    text = _read(rules / file)
    old = re.search(pattern, text)
    assert old is not None, f"{pattern} not in rules/{file}"
    new = next(v for v in values if v != old.group())
    _write(rules / file, text[: old.start()] + new + text[old.end() :])
    return f"rules/{file}: {old.group()} -> {new}"


# Weights: figures change most; rules seldom.
OPERATIONS: dict[Op, int] = {
    edit_figure: 25,
    restate: 12,
    drop_sentence: 6,
    move_fact: 8,
    add_document: 10,
    delete_document: 6,
    rename_document: 8,
    touch: 3,
    sidecar: 3,
    blank: 1,
    change_rules: 3,
}


def random_changes(corpus: Path, rules: Path, rng: random.Random, english: bool = False) -> str:
    """One change, or now and then a burst of a few (a `git pull`, a batch the watch service coalesces)."""
    count = 1 if rng.random() < 0.85 else rng.randint(2, 4)
    return "; ".join(random_step(corpus, rules, rng, english) for _ in range(count))


def random_step(corpus: Path, rules: Path, rng: random.Random, english: bool = False) -> str:
    """One weighted random change; new reports are in English now and then only when `english`."""
    op = rng.choices(list(OPERATIONS), weights=list(OPERATIONS.values()))[0]
    if op is add_document:
        return add_document(corpus, rules, rng, english=english)
    return op(corpus, rules, rng)
