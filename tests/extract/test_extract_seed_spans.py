"""Every claim found in the seeds points at its exact original span, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract import extract
from checker.extract.normalize import normalize
from checker.models import Document

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_spans_point_at_the_original(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    claims = extract(Document(path=path.name, text=text, sha256="")).claims
    assert claims
    lines = text.split("\n")
    for claim in claims:
        assert claim.text == text[claim.offset : claim.end]
        line = lines[claim.line - 1]
        assert line[claim.column - 1 :].startswith(claim.text.split("\n")[0])
        assert text.count("\n", 0, claim.offset) + 1 == claim.line
        assert text.count("\n", 0, claim.end - 1) + 1 == claim.end_line
        end_line_start = text.rfind("\n", 0, claim.end - 1) + 1
        assert claim.end_column == claim.end - end_line_start + 1
        assert (
            claim.interval.lower is None
            or claim.interval.upper is None
            or claim.interval.lower <= claim.value <= claim.interval.upper
        )
        # the normalised sentence holds the claim where sentence_offset says
        first = normalize(claim.text).text[:1]
        assert claim.sentence[claim.sentence_offset : claim.sentence_offset + 1] == first
