"""Every claim and relation of a fixed corpus, written to JSON or compared with an earlier snapshot.

    .venv/bin/python bench/extract_snapshot.py --write .checker/extract-snapshot.json
    .venv/bin/python bench/extract_snapshot.py --compare .checker/extract-snapshot.json

A speed-up of the extractor must not change what it extracts: write a snapshot
before the change, compare after it.  Comparison prints the documents that
differ and the first differing claim or relation of each, and exits 1.

The corpus (the same on every run: nothing here depends on the extractor):

- the seeds (`seeds/` and `../shared/seeds/`), read as the CLI reads them, and
  again as a dated document of paragraphs (one per line), which takes the other
  time and paragraph paths;
- every real corpus under `../shared/corpora/` (the 26 government work reports);
- the texts of the case files (`tests/cases/extraction.yml` and the rule case
  files, with their `[[ ]]` marks removed): many small edge cases;
- synthetic documents as `bench/latency.py` writes them (seed sentences and
  templated figures about made-up places, fixed random seed), without its
  filter that asks the extractor which sentences carry no figure;
- one long document: the seeds repeated to `--long-mb` megabytes, as the speed
  bench times them (a pass that is quadratic in the length shows there).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import FIGURES, PLACE_A, PLACE_B  # noqa: E402
from bench.measure import repeated  # noqa: E402
from checker.extract import extract  # noqa: E402
from checker.models import Document, DocumentMeta, PartialDate  # noqa: E402
from checker.sources.read import read_document  # noqa: E402

SHARED = REPO.parent / "shared"
SEED_DIRS = (REPO / "seeds", SHARED / "seeds")
CASES = REPO / "tests" / "cases"


def _doc(path: str, text: str, **extra: Any) -> Document:
    return Document(path=path, text=text, sha256=Document.hash_bytes(text.encode("utf-8")), **extra)


def seed_documents() -> list[Document]:
    """Each seed once (the first folder wins), as read from disk and as dated paragraphs."""
    seen: dict[str, Path] = {}
    for folder in SEED_DIRS:
        for path in sorted(folder.glob("*.txt")):
            seen.setdefault(path.name, path)
    docs = []
    for name, path in sorted(seen.items()):
        doc = read_document(path, f"seeds/{name}")
        docs.append(doc)
        starts = tuple(m.start() for m in re.finditer(r"^", doc.text, re.MULTILINE))
        meta = DocumentMeta(date=PartialDate(year=2024, month=6), date_source="front matter")
        docs.append(_doc(f"seeds-paragraphs/{name}", doc.text, paragraphs=starts, meta=meta))
    return docs


def corpus_documents() -> list[Document]:
    """Every text file of every corpus under ../shared/corpora/."""
    root = SHARED / "corpora"
    return [read_document(p, p.relative_to(root).as_posix()) for p in sorted(root.glob("*/*.txt"))]


def case_documents() -> list[Document]:
    """The texts of the extraction and rule case files."""
    docs = []
    for case in yaml.safe_load((CASES / "extraction.yml").read_text(encoding="utf-8")):
        docs.append(_doc(f"cases/extraction/{case['id']}", str(case["text"])))
    for path in sorted((CASES / "rules").glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).get("cases", []):
            for name, text in (case.get("docs") or {}).items():
                plain = str(text).replace("[[", "").replace("]]", "")
                docs.append(_doc(f"cases/{path.stem}/{case['name']}/{name}", plain))
    return docs


def synthetic_documents(count: int, seed: int = 7) -> list[Document]:
    """Documents in the manner of bench/latency.py's corpus; sentences taken from the seeds unfiltered."""
    rng = random.Random(seed)
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt")))
    sentences = [s + "。" for s in re.split(r"[。！？]", re.sub(r"\s+", "", text)) if 8 <= len(s) <= 80]
    places = [a + b for a in PLACE_A for b in PLACE_B]
    docs = []
    for n in range(count):
        facts = []
        for _ in range(rng.randint(3, 6)):
            noun, unit, (lo, hi) = rng.choice(FIGURES)
            facts.append(f"{rng.choice(places)}{rng.choice(places)}{noun}{rng.randint(lo, hi)}{unit}。")
        body = facts + rng.sample(sentences, rng.randint(4, 8))
        rng.shuffle(body)
        docs.append(_doc(f"synthetic/report{n:04d}.txt", f"第{n}号通讯\n" + "\n".join(body) + "\n"))
    return docs


def long_document(megabytes: float) -> Document:
    """The seeds repeated, as bench/extraction.py times them."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    return _doc("long/seeds-repeated.txt", repeated(texts, megabytes))


def corpus(synthetic: int, long_mb: float) -> list[Document]:
    """The whole fixed corpus, in a fixed order."""
    docs = [*seed_documents(), *corpus_documents(), *case_documents(), *synthetic_documents(synthetic)]
    if long_mb > 0:
        docs.append(long_document(long_mb))
    return docs


def snapshot(docs: list[Document]) -> dict[str, Any]:
    """Claims and relations of every document, as JSON-ready data keyed by path."""
    out: dict[str, Any] = {}
    for doc in docs:
        extraction = extract(doc)
        out[doc.path] = {
            "claims": [c.model_dump(mode="json") for c in extraction.claims],
            "relations": [r.model_dump(mode="json") for r in extraction.relations],
        }
    return out


def sizes(snap: dict[str, Any]) -> tuple[int, int, int]:
    """Documents, claims and relations in a snapshot."""
    claims = sum(len(d["claims"]) for d in snap.values())
    relations = sum(len(d["relations"]) for d in snap.values())
    return len(snap), claims, relations


def differences(old: dict[str, Any], new: dict[str, Any], limit: int = 20) -> list[str]:
    """One line per differing document (missing, added, or its first differing item), at most `limit`."""
    lines = []
    for path in sorted(old.keys() | new.keys()):
        if path not in new or path not in old:
            lines.append(f"{path}: {'missing now' if path not in new else 'new'}")
            continue
        for kind in ("claims", "relations"):
            a, b = old[path][kind], new[path][kind]
            if a == b:
                continue
            if len(a) != len(b):
                lines.append(f"{path}: {len(a)} {kind} before, {len(b)} now")
            i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
            if i is not None:
                keys = sorted(k for k in a[i].keys() | b[i].keys() if a[i].get(k) != b[i].get(k))
                changed = ", ".join(f"{k}: {a[i].get(k)!r} → {b[i].get(k)!r}" for k in keys)
                lines.append(f"{path}: {kind}[{i}] {changed}")
    return lines[:limit] + ([f"… and {len(lines) - limit} more"] if len(lines) > limit else [])


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the snapshot to this JSON file")
    group.add_argument("--compare", type=Path, help="compare with the snapshot in this JSON file")
    ap.add_argument("--synthetic", type=int, default=300, help="synthetic documents (default 300)")
    ap.add_argument("--long-mb", type=float, default=1.0, help="megabytes of the long document (default 1)")
    args = ap.parse_args()
    docs = corpus(args.synthetic, args.long_mb)
    t0 = time.process_time()
    snap = snapshot(docs)
    seconds = time.process_time() - t0
    n_docs, n_claims, n_relations = sizes(snap)
    print(f"{n_docs} documents, {n_claims} claims, {n_relations} relations ({seconds:.1f} s CPU to extract)")
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(json.dumps(snap, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        print(f"written to {args.write}")
        return 0
    old = json.loads(args.compare.read_text(encoding="utf-8"))
    diff = differences(old, snap)
    if diff:
        docs_before, claims_before, relations_before = sizes(old)
        print(
            f"differs from {args.compare} "
            f"({docs_before} documents, {claims_before} claims, {relations_before} relations there):"
        )
        print("\n".join(f"  {line}" for line in diff))
        return 1
    print(f"identical to {args.compare}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
