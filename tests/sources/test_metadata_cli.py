"""Document metadata through the real CLI: every source's date in the JSON report, errors, staleness."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliResult

TEXT = "长三角地区新增建成铁路里程660公里。\n"
Cli = Callable[..., CliResult]


def _docs(result: CliResult) -> dict[str, dict[str, Any]]:
    return {Path(d["path"]).name: d for d in result.json()["documents"]}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    _write(root / "front.md", "---\ndate: 2024-06-05\ntitle: 铁路\noutlet: 新华社\n---\n" + TEXT)
    _write(root / "side.txt", TEXT)
    _write(root / "side.txt.meta.yml", "date: 2023-05\nurl: https://example.org/a\n")
    _write(root / "stem.txt", TEXT)
    _write(root / "stem.meta.yml", "date: 2022\n")
    _write(root / "listed.txt", TEXT)
    _write(root / "sources.csv", "path,date,outlet\nlisted.txt,2021-01-02,人民日报\n")
    _write(root / "sub" / "yaml.txt", TEXT)
    _write(root / "sub" / "sources.yml", "yaml.txt:\n  date: 2020-03-04\n  language: zh\n")
    _write(root / "20190304_named.txt", TEXT)
    _write(root / "1998_政府工作报告.txt", TEXT)
    _write(root / "wire.txt", "新华社北京6月5日电（记者 李明）\n" + TEXT)
    _write(root / "2017_wire.txt", "新华社北京6月5日电\n" + TEXT)
    _write(root / "line.txt", "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n" + TEXT)
    _write(root / "english.txt", "BEIJING, June 5 (Xinhua) -- China built 660 km of railway.\n")
    _write(root / "english.txt.meta.yml", "title: Railways\n")
    _write(root / "2016_en_wire.txt", "BEIJING, June 5 (Xinhua) -- China built 660 km of railway.\n")
    _write(root / "plain.txt", TEXT)
    return root


def test_each_metadata_source_gives_the_date_and_says_which(cli: Cli, corpus: Path) -> None:
    result = cli("check", corpus, "--format", "json")
    assert result.code in (0, 1), result.stderr
    docs = _docs(result)
    got = {name: (d["date"], d["date_source"]) for name, d in docs.items()}
    assert got == {
        "front.md": ("2024-06-05", "front matter"),
        "side.txt": ("2023-05", "sidecar"),
        "stem.txt": ("2022", "sidecar"),
        "listed.txt": ("2021-01-02", "manifest"),
        "yaml.txt": ("2020-03-04", "manifest"),
        "20190304_named.txt": ("2019-03-04", "file name"),
        "1998_政府工作报告.txt": ("1998", "file name"),
        "wire.txt": (None, "unknown"),  # a month and a day, and no year anywhere
        "2017_wire.txt": ("2017-06-05", "dateline"),  # the year of the file name, the day of the dateline
        "line.txt": ("2024-03-05", "dateline"),
        "english.txt": (None, "unknown"),
        "2016_en_wire.txt": ("2016-06-05", "dateline"),
        "plain.txt": (None, "unknown"),
    }
    assert docs["front.md"]["title"] == "铁路" and docs["front.md"]["outlet"] == "新华社"
    assert docs["side.txt"]["url"] == "https://example.org/a"
    assert docs["listed.txt"]["outlet"] == "人民日报"
    assert docs["english.txt"]["title"] == "Railways" and docs["english.txt"]["language"] == "en"
    assert docs["plain.txt"]["language"] == "zh"
    # metadata files are never documents, whatever the include globs say
    again = cli("check", corpus, "--format", "json", "--include", "*.txt", "--include", "*.yml")
    assert not any(n.endswith((".yml", ".csv")) for n in _docs(again))
    assert not result.json()["errors"]


def test_front_matter_is_blanked_in_place(cli: Cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus / "a.txt", "---\ndate: 2024-06-05\nsummary: 新建公共充电桩7万个\n---\n\n" + TEXT)
    result = cli("check", corpus, "--format", "json")
    claims = [c for g in result.json()["groups"] for c in g["claims"]]
    assert [(c["text"], c["line"], c["column"]) for c in claims] == [("660公里", 6, 14)]


def test_a_malformed_date_is_one_error_naming_file_and_field(cli: Cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus / "2020_bad.txt", "---\ndate: 2024-13-45\n---\n" + TEXT)
    _write(corpus / "side.txt", TEXT)
    _write(corpus / "side.meta.yml", "title: x\ndate: 2024-02-30\n")
    result = cli("check", corpus, "--format", "json")
    report = result.json()
    errors = [(Path(e["path"]).name, e["line"], e["message"]) for e in report["errors"]]
    assert len(errors) == 2, errors
    assert (
        errors[0][:2] == ("2020_bad.txt", 2)
        and "field 'date'" in errors[0][2]
        and "2024-13-45" in errors[0][2]
    )
    assert errors[1][0] == "side.meta.yml" and "field 'date'" in errors[1][2] and "day 30" in errors[1][2]
    assert "side.meta.yml" in result.stderr and "2020_bad.txt:2" in result.stderr
    docs = _docs(result)
    # still checked, with the next source's date
    assert docs["2020_bad.txt"]["date"] == "2020" and docs["2020_bad.txt"]["claims"] == 1
    assert docs["side.txt"]["date"] is None and docs["side.txt"]["title"] == "x"
    # a later run that reads nothing still lists the errors
    assert len(cli("check", corpus, "--format", "json").json()["errors"]) == 2


def test_a_changed_or_deleted_sidecar_re_reads_its_document(cli: Cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus / "a.txt", "今年新增充电桩7万个。\n")
    sidecar = _write(corpus / "a.meta.yml", "date: 2023-03\n")
    first = cli("check", corpus, "--format", "json").json()
    assert _docs_claim(first)["period"]["start"] == "2023-01-01"
    _write(sidecar, "date: 2024-03\n")
    stamp = time.time() + 5  # a new mtime even on a coarse-grained file system
    os.utime(sidecar, (stamp, stamp))
    second = cli("check", corpus, "--format", "json").json()
    assert second["documents"][0]["date"] == "2024-03"
    assert _docs_claim(second)["period"]["start"] == "2024-01-01"
    sidecar.unlink()
    third = cli("check", corpus, "--format", "json").json()
    assert third["documents"][0]["date_source"] == "unknown"
    assert _docs_claim(third)["period"] == {
        "start": None, "end": None, "kind": "unknown", "text": "今年", "relative": True
    }  # fmt: skip


def _docs_claim(report: dict[str, Any]) -> dict[str, Any]:
    claims = [c for g in report["groups"] for c in g["claims"]]
    assert len(claims) == 1, claims
    return dict(claims[0])
