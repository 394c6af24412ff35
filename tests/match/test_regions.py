"""Components kept across changes (match/regions.py) equal components worked out from scratch."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from checker.extract import extract
from checker.incremental import HeldDocument
from checker.loading import _as_before
from checker.match.components import components
from checker.match.regions import Regions
from checker.models import Claim, Document, Relation, relation_claims

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# Subjects one of which ends with another, so components join and split as documents change.
_SENTENCES = [
    "新增建成铁路里程{n}公里。",
    "全年建成铁路里程{n}公里。",
    "铁路里程达到{n}公里。",
    "高速铁路里程{n}公里。",
    "新建公共充电桩{n}个。",
    "公共充电桩{n}个。",
    "完成重点任务{n}项，其中第一轮{a}项、第二轮{b}项。",
    "全市共有{n}所学校。",
]


@dataclass
class _Doc:
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def _paragraphs() -> list[str]:
    out = [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    return [p for p in out if any(ch.isdigit() for ch in p)]


def _whole() -> list[str]:
    """Seeds with sectioned plans and headlines, and copies of other nouns.

    Every claim a plan or headline names is in one component, whatever its subject: the copies meet the
    originals only through that.
    """
    texts = [
        (SEEDS / f).read_text(encoding="utf-8")
        for f in ("002_ce81642fc312d168.txt", "004_f49a1b1707afa39c.txt")
    ]
    nouns = [("重点任务", "方面"), ("重大工程", "领域"), ("民生实事", "板块")]
    return [t.replace("重点任务", a).replace("方面", b) for t in texts for a, b in nouns]


def _document(path: str, rng: random.Random, paragraphs: list[str]) -> _Doc:
    parts = rng.sample(paragraphs, rng.randint(0, 2)) if rng.random() > 0.1 else [rng.choice(_whole())]
    for _ in range(rng.randint(0, 4)):
        n = rng.randint(10, 99)
        parts.append(rng.choice(_SENTENCES).format(n=n, a=n // 2, b=n - n // 2))
    text = "\n\n".join(parts)
    got = extract(Document(path=path, text=text, sha256=str(hash(text))))
    return _Doc(list(got.claims), list(got.relations))


def _idents(comps: list[list[Claim]]) -> list[list[str]]:
    return [[c.ident for c in comp] for comp in comps]


@pytest.mark.parametrize(("seed", "eager"), [(1, False), (2, False), (3, False), (1, True), (4, True)])
def test_kept_components_equal_a_split_from_scratch_after_every_change(seed: int, eager: bool) -> None:
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    docs = {f"d{i:02}.txt": _document(f"d{i:02}.txt", rng, paragraphs) for i in range(24)}
    regions = Regions()
    regions.eager = eager
    regions.update(docs, docs.keys(), {})
    # A service indexes the first split with it; a command's one run never indexes at all.
    assert regions._indexed is eager
    carried = 0
    for _ in range(40):
        before = dict(docs)
        changed = set()
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            path = f"d{rng.randrange(30):02}.txt"
            changed.add(path)
            if path in docs and rng.random() < 0.2:
                del docs[path]
            else:
                docs[path] = _document(path, rng, paragraphs)
        docs = dict(sorted(docs.items()))
        old = {id(c) for c in regions.comps}
        got = regions.update(docs, changed, before)
        claims = [c for d in docs.values() for c in d.claims]
        assert _idents(got) == _idents(components(claims, [r for d in docs.values() for r in d.relations]))
        carried += sum(id(c) in old for c in got)
    assert carried > 100, "most components are carried over, not split again"


def test_a_split_of_other_documents_than_it_kept_is_made_from_scratch() -> None:
    rng = random.Random(7)
    paragraphs = _paragraphs()
    docs = {f"d{i}.txt": _document(f"d{i}.txt", rng, paragraphs) for i in range(8)}
    regions = Regions()
    regions.update(docs, docs.keys(), {})
    others = {f"e{i}.txt": _document(f"e{i}.txt", rng, paragraphs) for i in range(8)}
    # `before` is not what the split was made of: its claims are in no component.
    got = regions.update({**docs, **others}, {"e0.txt"}, others)
    claims = [c for d in {**docs, **others}.values() for c in d.claims]
    relations = [r for d in {**docs, **others}.values() for r in d.relations]
    assert _idents(got) == _idents(components(claims, relations))


def test_a_component_of_the_same_claim_and_relation_objects_is_carried_whole() -> None:
    """A document read again with its claims and relations as they were (checker/loading.py keeps them)."""
    rng = random.Random(5)
    paragraphs = _paragraphs()
    docs = {f"d{i:02}.txt": _document(f"d{i:02}.txt", rng, paragraphs) for i in range(24)}
    regions = Regions()
    regions.eager = True
    regions.update(docs, docs.keys(), {})
    path = next(p for p, d in docs.items() if d.relations and len(d.claims) > 2)
    held = {c.ident: comp for comp in regions.comps for c in comp}
    theirs = {id(held[c.ident]) for c in docs[path].claims}

    same = dict(docs)
    same[path] = _Doc(list(docs[path].claims), list(docs[path].relations))
    got = regions.update(same, {path}, docs)
    assert {id(comp) for comp in got} == {id(comp) for comp in held.values()}, "every component carried"

    # The same claims, their relations made again: the components they name are split again.
    copies = dict(same)
    copies[path] = _Doc(list(same[path].claims), [r.model_copy() for r in same[path].relations])
    got = regions.update(copies, {path}, same)
    named = {id(held[i]) for r in same[path].relations for i in relation_claims(r) if i in held}
    assert named and not any(id(comp) in named for comp in got), "a relation made again is judged again"
    assert theirs - named <= {id(comp) for comp in got}, "the document's other components are carried"
    claims = [c for d in copies.values() for c in d.claims]
    assert _idents(got) == _idents(components(claims, [r for d in copies.values() for r in d.relations]))


def _edited(text: str, rng: random.Random, paragraphs: list[str]) -> str:
    """An edit as people make them: a sentence added at the end, or one figure's last digit changed."""
    figures = [m for m in re.finditer(r"\d+", text)]
    if figures and rng.random() < 0.5:
        m = rng.choice(figures)
        digit = str((int(m.group()[-1]) + rng.randint(1, 9)) % 10)
        return text[: m.end() - 1] + digit + text[m.end() :]
    n = rng.randint(10, 99)
    return text + "\n\n" + rng.choice(_SENTENCES).format(n=n, a=n // 2, b=n - n // 2)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_kept_components_equal_a_split_from_scratch_when_edits_keep_claims_as_they_were(seed: int) -> None:
    """A changed report's equal claims and relations are the last run's objects, as checker/loading.py keeps them."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    texts: dict[str, str] = {}
    docs: dict[str, _Doc] = {}

    def read(path: str) -> _Doc:
        got = extract(Document(path=path, text=texts[path], sha256=str(hash(texts[path]))))
        return _Doc(list(got.claims), list(got.relations))

    for i in range(24):
        path = f"d{i:02}.txt"
        parts = rng.sample(paragraphs, rng.randint(0, 2)) if rng.random() > 0.1 else [rng.choice(_whole())]
        texts[path] = "\n\n".join([*parts, rng.choice(_SENTENCES).format(n=42, a=21, b=21)])
        docs[path] = read(path)
    regions = Regions()
    regions.eager = True
    regions.update(docs, docs.keys(), {})
    carried = 0
    for _ in range(40):
        before = dict(docs)
        changed = set()
        for _ in range(rng.choice([1, 1, 1, 2])):
            path = f"d{rng.randrange(26):02}.txt"
            changed.add(path)
            if path in texts and rng.random() < 0.1:
                del texts[path], docs[path]
                continue
            texts[path] = _edited(texts[path], rng, paragraphs) if path in texts else rng.choice(paragraphs)
            now = read(path)
            if path in before:
                last = before[path]
                _as_before(
                    HeldDocument("", last.claims, last.relations), HeldDocument("", now.claims, now.relations)
                )
            docs[path] = now
        docs = dict(sorted(docs.items()))
        old = {id(c) for c in regions.comps}
        got = regions.update(docs, changed, before)
        claims = [c for d in docs.values() for c in d.claims]
        assert _idents(got) == _idents(components(claims, [r for d in docs.values() for r in d.relations]))
        assert sorted(id(c) for comp in got for c in comp) == sorted(map(id, claims)), (
            "no claim of the last run left"
        )
        carried += sum(id(c) in old for c in got)
    assert carried > 100, "most components are carried over, not split again"
