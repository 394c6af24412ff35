"""Claims' period and modality in the JSON report (groups and findings), through the real CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import CliResult

PLAN = "今年经济社会发展的主要预期目标是：国内生产总值增长8%左右。\n长三角地区新增建成铁路里程660公里。\n"
REVIEW = "过去一年，长三角地区新增建成铁路里程680公里。\n"


def _claims(report: dict[str, Any]) -> list[dict[str, Any]]:
    quoted = [c for g in report["groups"] for c in g["claims"]]
    quoted += [c for f in report["findings"] for c in f["claims"]]
    return quoted


def test_groups_and_findings_quote_period_and_modality(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2024_plan.txt").write_text(PLAN, encoding="utf-8")
    (corpus / "2025_review.txt").write_text(REVIEW, encoding="utf-8")
    (corpus / "undated.txt").write_text("今年新增就业900万人。\n", encoding="utf-8")
    report = cli("check", corpus, "--format", "json").json()
    quoted = _claims(report)
    assert report["findings"], "the two railway figures are compared"
    assert all({"period", "modality"} <= set(c) for c in quoted)
    assert all({"start", "end", "kind"} <= set(c["period"]) for c in quoted)
    by_text = {c["text"]: c for c in quoted}
    growth = by_text["8%左右"]
    assert growth["modality"] == "target"
    assert (growth["period"]["start"], growth["period"]["end"]) == ("2024-01-01", "2024-12-31")
    review = by_text["680公里"]
    assert review["modality"] == "reported"
    assert (review["period"]["start"], review["period"]["kind"]) == ("2024-01-01", "span")
    jobs = by_text["900万人"]
    assert (
        jobs["period"]["kind"] == "unknown" and jobs["period"]["start"] is None and jobs["period"]["relative"]
    )
