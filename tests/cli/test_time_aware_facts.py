"""Facts that know when they hold (issue 10), through the real CLI on temporary folders.

Each report is dated by its file name, as a newsroom archive names them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import CliResult


def _check(cli: Callable[..., CliResult], files: dict[str, str], tmp_path: Path) -> dict[str, Any]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    result = cli("check", corpus, "--store", "store.db", "--reports", "out")
    assert result.code in (0, 1), result.stderr
    report: dict[str, Any] = json.loads((tmp_path / "out" / "latest.json").read_text(encoding="utf-8"))
    assert (result.code == 1) == any(_open(report, "error")), result.stdout
    return report


def _open(report: dict[str, Any], severity: str, code: str | None = None) -> list[dict[str, Any]]:
    return [
        f
        for f in report["findings"]
        if not f["passed"] and f["severity"] == severity and (code is None or f["code"] == code)
    ]


def test_one_indicator_in_reports_of_two_years_is_no_error(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    report = _check(
        cli,
        {
            "2006-03-05_report.txt": "过去一年，城镇新增就业970万人，经济平稳较快发展。",
            "2007-03-05_report.txt": "过去一年，城镇新增就业1184万人，经济平稳较快发展。",
        },
        tmp_path,
    )
    assert not _open(report, "error")
    periods = {c["period"]["start"] for g in report["groups"] for c in g["claims"] if c["value"] > 1e6}
    assert periods == {"2005-01-01", "2006-01-01"}
    assert {d["date"] for d in report["documents"]} == {"2006-03-05", "2007-03-05"}
    assert {d["date_source"] for d in report["documents"]} == {"file name"}


def test_the_same_years_figure_a_week_apart_is_an_error(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    report = _check(
        cli,
        {
            "2007-03-05_a.txt": "2006年，城镇新增就业1184万人。",
            "2007-03-12_b.txt": "2006年，城镇新增就业1084万人。",
        },
        tmp_path,
    )
    (error,) = _open(report, "error", "CK101")
    assert "1184" in error["message"] and "1084" in error["message"]


def test_a_past_year_changed_three_years_later_is_a_revision(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    report = _check(
        cli,
        {
            "2005-03-05_a.txt": "2004年，全国粮食总产量达到46947万吨。",
            "2008-03-05_b.txt": "2004年，全国粮食总产量达到47500万吨。",
        },
        tmp_path,
    )
    assert not _open(report, "error")
    (revision,) = _open(report, "warning", "CK101")
    assert revision["message"].startswith("Revised:")
    assert "2005-03-05" in revision["message"] and "2008-03-05" in revision["message"]
    roles = {c["role"]: c["path"] for c in revision["claims"]}
    assert roles["earlier"].endswith("2005-03-05_a.txt") and roles["later"].endswith("2008-03-05_b.txt")


def test_a_years_target_met_and_missed_by_the_next_years_report(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    report = _check(
        cli,
        {
            "2006-03-05_plan.txt": "今年经济社会发展的主要预期目标是：城镇新增就业900万人，粮食总产量5亿吨以上。",
            "2007-03-05_review.txt": "过去一年，城镇新增就业1184万人，粮食总产量4.9亿吨。",
        },
        tmp_path,
    )
    assert not _open(report, "error")
    met = [f for f in report["findings"] if f["code"] == "CK102" and f["passed"]]
    missed = _open(report, "warning", "CK102")
    assert [f["message"].split(":")[0] for f in met] == ["Target met"], met
    assert "城镇新增就业" in met[0]["message"] and "284万" in met[0]["message"]
    assert len(missed) == 1 and "粮食总产量" in missed[0]["message"] and "short of" in missed[0]["message"]
    roles = {c["role"] for c in missed[0]["claims"]}
    assert roles == {"target", "outcome"}


def test_an_undated_reports_relative_figures_never_conflict_with_dated_ones(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    report = _check(
        cli,
        {
            "2007-03-05_review.txt": "2006年，城镇新增就业1184万人。",
            "notes.txt": "今年城镇新增就业1000万人。",
        },
        tmp_path,
    )
    assert not _open(report, "error")
    undated = next(c for g in report["groups"] for c in g["claims"] if c["path"].endswith("notes.txt"))
    assert undated["period"]["start"] is None and undated["period"]["relative"] is True
