"""SARIF, JUnit and JSON on a hand-built report, read back by independent readers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
from report_samples import SCRIPT
from sarif_pydantic import Level, Sarif

from checker.models import Report
from checker.report.json import render_json
from checker.report.junit import render_junit, xml_text
from checker.report.sarif import FINGERPRINT_KEY, artifact_uri, render_sarif

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


def test_sarif_reads_back_with_rules_levels_and_locations(report: Report) -> None:
    log = Sarif.model_validate_json(render_sarif(report))
    assert log.version == "2.1.0"
    (run,) = log.runs
    rules = [r.id for r in run.tool.driver.rules or []]
    assert rules == ["agree", "sum"]
    results = run.results or []
    everything = [*report.findings, *report.resolved]
    assert len(results) == len(everything)
    for result, finding in zip(results, everything, strict=True):
        assert result.rule_id == finding.rule
        assert rules[result.rule_index or 0] == finding.rule
        expected = (
            "none"
            if finding.passed
            else {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        )
        assert result.level == Level(expected)
        assert result.message.text == finding.message
        assert (result.partial_fingerprints or {})[FINGERPRINT_KEY] == finding.fingerprint
        places = [*(result.locations or []), *(result.related_locations or [])]
        assert len(places) == len(finding.claims)
        for place, claim in zip(places, finding.claims, strict=True):
            physical = place.physical_location
            assert (
                physical is not None
                and physical.artifact_location is not None
                and physical.region is not None
            )
            assert physical.artifact_location.uri == artifact_uri(claim.path)
            assert (physical.region.start_line, physical.region.start_column) == (claim.line, claim.column)


def test_sarif_baseline_state_and_suppressions(report: Report) -> None:
    results = json.loads(render_sarif(report))["runs"][0]["results"]
    by_fp = {r["partialFingerprints"][FINGERPRINT_KEY]: r for r in results}
    assert by_fp["aaaa000000000001"]["baselineState"] == "new"
    assert by_fp["aaaa000000000002"]["baselineState"] == "unchanged"
    assert by_fp["aaaa000000000006"]["baselineState"] == "absent"
    accepted = by_fp["aaaa000000000004"]
    assert accepted["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "known misprint "}
    ]
    assert "suppressions" not in by_fp["aaaa000000000001"]
    passed = by_fp["aaaa000000000005"]
    assert (passed["kind"], passed["level"]) == ("pass", "none")
    # The other document of a cross-document finding is a related location.
    conflict = by_fp["aaaa000000000001"]
    assert conflict["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/a.txt"
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in conflict["relatedLocations"]] == [
        "docs/b.txt"
    ]
    assert conflict["relatedLocations"][0]["message"]["text"] == "camp 2: 680公里"


def test_sarif_uris_are_encoded() -> None:
    assert artifact_uri("报告/第 1 篇.txt") == "%E6%8A%A5%E5%91%8A/%E7%AC%AC%201%20%E7%AF%87.txt"
    assert artifact_uri("/srv/a b.txt") == "file:///srv/a%20b.txt"


def test_sarif_survives_payloads(evil_report: Report) -> None:
    text = render_sarif(evil_report)
    log = Sarif.model_validate_json(text)
    assert SCRIPT in (log.runs[0].results or [])[0].message.text


def test_junit_findings_fail_passed_checks_pass(report: Report) -> None:
    root = ET.fromstring(render_junit(report))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped"), root.get("errors")) == (
        "6",
        "3",
        "1",
        "1",
    )
    cases = {
        c.get("name", "").rsplit("[", 1)[1].rstrip("]"): c
        for c in root.iter("testcase")
        if "[" in (c.get("name") or "")
    }
    failure = cases["aaaa000000000001"].find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert "docs/a.txt:4:3" in (failure.text or "") and "docs/b.txt:9:3" in (failure.text or "")
    assert cases["aaaa000000000003"].find("failure").get("type") == "warning"  # type: ignore[union-attr]
    skipped = cases["aaaa000000000004"].find("skipped")
    assert skipped is not None and "known misprint" in (skipped.get("message") or "")
    assert list(cases["aaaa000000000005"]) == []  # passing case: no child element
    read = [s for s in root.iter("testsuite") if s.get("name") == "read"]
    assert read and read[0].find("testcase/error") is not None


def test_junit_is_well_formed_with_payloads_and_control_characters(evil_report: Report) -> None:
    f = evil_report.findings[0]
    evil_report.findings[0] = f.model_copy(update={"message": f.message + "\x0c\x00 page break"})
    root = ET.fromstring(render_junit(evil_report))
    assert any(SCRIPT in (c.get("message") or "") for c in root.iter("failure"))
    assert xml_text("a\x00b\x1fc\td") == "a\ufffdb\ufffdc\td"


def test_json_report_validates_against_the_published_schema(report: Report, evil_report: Report) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for r in (report, evil_report):
        jsonschema.validate(json.loads(render_json(r)), schema, cls=jsonschema.Draft202012Validator)
