"""The real CLI on temporary corpora: accept, re-render, stdout formats, escaping end to end."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from corpora import CLI, EVIL_A, EVIL_B, RAIL_A, RAIL_B, require_claims, write_corpus
from report_samples import ATTR, SCRIPT, TEMPLATE
from sarif_pydantic import Sarif

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


def _latest(tmp_path: Path) -> dict[str, Any]:
    return json.loads((tmp_path / "reports" / "latest.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _open_errors(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["severity"] == "error" and not f["passed"]]


@pytest.fixture
def rail(tmp_path: Path, cli: CLI) -> Path:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": RAIL_A, "b.txt": RAIL_B})
    require_claims(cli, corpus, ["660公里", "680公里"])
    return corpus


def test_accept_then_change_the_value(tmp_path: Path, cli: CLI, rail: Path) -> None:
    first = cli("check", rail)
    assert first.returncode == 1, first.stderr
    (finding,) = _open_errors(_latest(tmp_path))
    assert finding["status"] == "new"

    accepted = cli(
        "accept",
        finding["fingerprint"],
        "--reason",
        "B misprinted 660 (desk confirmed)",
        env={"CHECKER_USER": "tester"},
    )
    assert accepted.returncode == 0, accepted.stderr
    baseline = rail / "checker-baseline.yml"
    text = baseline.read_text(encoding="utf-8")
    assert (
        finding["fingerprint"] in text and "tester" in text and "desk confirmed" in text and "when:" in text
    )

    # The only error is accepted: the check passes and shows it as accepted.
    second = cli("check", rail)
    assert second.returncode == 0, second.stderr
    report = _latest(tmp_path)
    (again,) = [f for f in report["findings"] if f["fingerprint"] == finding["fingerprint"]]
    assert (again["status"], again["accepted_reason"]) == ("accepted", "B misprinted 660 (desk confirmed)")
    assert (report["summary"]["errors"], report["summary"]["accepted"]) == (0, 1)
    html = (tmp_path / "reports" / "latest.html").read_text(encoding="utf-8")
    assert 'data-status="accepted"' in html and "desk confirmed" in html

    # The value behind it changes: the acceptance no longer holds.
    (rail / "b.txt").write_text(RAIL_B.replace("680", "690"), encoding="utf-8")
    third = cli("check", rail)
    assert third.returncode == 1, third.stderr
    (back,) = [f for f in _latest(tmp_path)["findings"] if f["fingerprint"] == finding["fingerprint"]]
    assert back["status"] != "accepted" and back["accepted_reason"] is None
    assert _latest(tmp_path)["summary"]["errors"] == 1


def test_changed_accepted_finding_is_reported_as_new(tmp_path: Path, cli: CLI, rail: Path) -> None:
    cli("check", rail)
    (finding,) = _open_errors(_latest(tmp_path))
    cli("accept", finding["fingerprint"], "--reason", "known")
    cli("check", rail)
    (rail / "b.txt").write_text(RAIL_B.replace("680", "690"), encoding="utf-8")
    cli("check", rail)
    (back,) = [f for f in _latest(tmp_path)["findings"] if f["fingerprint"] == finding["fingerprint"]]
    assert back["status"] == "new"


def test_an_edited_baseline_is_read_by_the_next_run(tmp_path: Path, cli: CLI, rail: Path) -> None:
    assert cli("check", rail).returncode == 1
    (finding,) = _open_errors(_latest(tmp_path))
    assert cli("accept", finding["fingerprint"][:8], "--reason", "ok").returncode == 0
    assert cli("check", rail).returncode == 0
    (rail / "checker-baseline.yml").write_text("accepted: []\n", encoding="utf-8")
    assert cli("check", rail).returncode == 1


def test_accept_refuses_unknown_fingerprints_and_missing_store(tmp_path: Path, cli: CLI) -> None:
    result = cli("accept", "deadbeefdeadbeef", "--reason", "x")
    assert result.returncode == 2 and "checker check" in result.stderr
    result = cli("report")
    assert result.returncode == 2 and "checker check" in result.stderr
    assert not (tmp_path / "store.db").exists()


def test_accept_refuses_a_fingerprint_not_in_the_latest_run(tmp_path: Path, cli: CLI, rail: Path) -> None:
    cli("check", rail)
    result = cli("accept", "deadbeefdeadbeef", "--reason", "x")
    assert result.returncode == 2 and "no finding with fingerprint deadbeefdeadbeef" in result.stderr
    assert not (rail / "checker-baseline.yml").exists()


def test_report_rerenders_the_latest_run_in_every_format(tmp_path: Path, cli: CLI, rail: Path) -> None:
    cli("check", rail)
    reports = tmp_path / "reports"
    # Nothing is checked again: the corpus may even be gone.
    (rail / "a.txt").unlink()
    for fmt in ("json", "md", "html"):
        result = cli("report", "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert result.stdout == (reports / f"latest.{fmt}").read_text(encoding="utf-8")
    sarif = cli("report", "--format", "sarif", "--output", tmp_path / "out.sarif")
    assert sarif.returncode == 0 and sarif.stdout == ""
    log = Sarif.model_validate_json((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert [r.rule_id for r in log.runs[0].results or []] == ["agree"]
    junit = cli("report", "--format", "junit")
    assert ET.fromstring(junit.stdout).get("failures") == "1"


def test_check_prints_sarif_and_junit(tmp_path: Path, cli: CLI, rail: Path) -> None:
    result = cli("check", rail, "--format", "sarif")
    assert result.returncode == 1
    (run,) = Sarif.model_validate_json(result.stdout).runs
    (res,) = run.results or []
    assert res.rule_id == "agree" and res.level is not None and res.level.value == "error"
    places = [*(res.locations or []), *(res.related_locations or [])]
    uris = sorted(p.physical_location.artifact_location.uri for p in places)  # type: ignore[union-attr]
    assert uris == ["corpus/a.txt", "corpus/b.txt"]

    result = cli("check", rail, "--format", "junit")
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    (failure,) = root.iter("failure")
    assert "corpus/a.txt:1" in (failure.text or "") and "corpus/b.txt:1" in (failure.text or "")

    result = cli("check", rail, "--format", "json")
    jsonschema.validate(json.loads(result.stdout), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_quiet_when_stderr_is_not_a_terminal(tmp_path: Path, cli: CLI, rail: Path) -> None:
    result = cli("check", rail)
    assert "━" not in result.stderr.split("checker", 1)[0]
    assert "\x1b[" not in result.stderr


def test_payloads_in_the_corpus_stay_text(tmp_path: Path, cli: CLI) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": EVIL_A, "b.txt": EVIL_B})
    require_claims(cli, corpus, ["7万个以上", "5万个"])
    assert cli("check", corpus).returncode == 1
    report = _latest(tmp_path)
    sentences = " ".join(c["sentence"] for f in report["findings"] for c in f["claims"])
    assert SCRIPT in sentences or ATTR in sentences, "the findings should quote the payload sentences"
    html = (tmp_path / "reports" / "latest.html").read_text(encoding="utf-8")
    assert SCRIPT not in html and ATTR not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        or "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    )
    if ATTR in sentences:
        assert "&gt;" + TEMPLATE in html  # quoted verbatim, never evaluated to 49
    md = (tmp_path / "reports" / "latest.md").read_text(encoding="utf-8")
    assert SCRIPT not in md and "<img" not in md
