"""The baseline file: accept a finding, and lose the acceptance when its claims change."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from checker.baseline import BASELINE_NAME, Baseline, baseline_path, claims_digest, current_user
from checker.errors import ConfigError
from checker.models import ClaimRef, Finding, Severity


def _finding(value_b: float = 680.0, text_b: str = "680公里") -> Finding:
    return Finding(
        rule="agree",
        severity=Severity.ERROR,
        message="Reports disagree on 新增建成铁路里程",
        fact="railway",
        fingerprint="0123456789abcdef",
        claims=[
            ClaimRef(path="a.txt", line=1, column=15, text="660公 里", value=660.0, unit="km"),
            ClaimRef(path="b.txt", line=3, column=15, text=text_b, value=value_b, unit="km"),
        ],
    )


def test_accept_save_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / BASELINE_NAME
    baseline = Baseline(path)
    when = datetime(2024, 6, 7, 8, 9, 10, tzinfo=UTC)
    baseline.accept(_finding(), "B misprinted; confirmed with the desk", who="alice", when=when)
    baseline.save()

    text = path.read_text(encoding="utf-8")
    assert text.startswith("# checker baseline")
    assert "0123456789abcdef" in text and "alice" in text and "新增建成铁路里程" in text

    loaded = Baseline.load(path)
    assert loaded.accepted(_finding()) == "B misprinted; confirmed with the desk"
    entry = loaded.entries["0123456789abcdef"]
    assert (entry.who, entry.when, entry.rule) == ("alice", when, "agree")


def test_changed_value_or_text_is_no_longer_accepted(tmp_path: Path) -> None:
    baseline = Baseline(tmp_path / BASELINE_NAME)
    baseline.accept(_finding(), "known", who="alice")
    assert baseline.accepted(_finding(value_b=690.0, text_b="690公里")) is None
    assert baseline.accepted(_finding(text_b="680 km")) is None


def test_digest_ignores_ocr_whitespace_and_claim_order() -> None:
    f = _finding()
    reflowed = f.model_copy(
        update={"claims": [f.claims[1], f.claims[0].model_copy(update={"text": "660\n公里"})]}
    )
    assert claims_digest(reflowed) == claims_digest(f)


def test_missing_file_is_empty_and_malformed_file_is_a_config_error(tmp_path: Path) -> None:
    assert Baseline.load(tmp_path / "none.yml").accepted(_finding()) is None
    bad = tmp_path / "bad.yml"
    bad.write_text("accepted: [{fingerprint: 1}]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yml"):
        Baseline.load(bad)
    bad.write_text("accepted: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid"):
        Baseline.load(bad)


def test_default_location_is_the_first_checked_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("x", encoding="utf-8")
    assert baseline_path(None, [corpus, tmp_path]) == corpus / BASELINE_NAME
    assert baseline_path(None, [corpus / "a.txt"]) == corpus / BASELINE_NAME
    assert baseline_path(tmp_path / "mine.yml", [corpus]) == tmp_path / "mine.yml"


def test_who_prefers_checker_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_USER", "reviewer-7")
    assert current_user() == "reviewer-7"
    monkeypatch.delenv("CHECKER_USER")
    assert current_user()
