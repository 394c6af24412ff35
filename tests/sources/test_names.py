"""One pass over many files names them as one call per file would (sources/names.py, sources/metafiles.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.sources.metafiles import FolderNames, _names_of, manifests_of, sidecars_of, signature
from checker.sources.names import Names, display_path

TRICKY = ["report.txt", "a.tar.gz", ".hidden", ".x.txt", "noext", "trailing.", "Report.TXT", "报告.md"]


@pytest.mark.parametrize("name", TRICKY)
def test_metadata_names_are_those_the_candidates_have(name: str) -> None:
    path = Path("/corpus") / name
    assert _names_of(path) == [p.name for p in [*sidecars_of(path), *manifests_of(path)]]


def test_listed_folders_give_the_same_signatures(tmp_path: Path) -> None:
    for name in TRICKY:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "report.txt.meta.yml").write_text("date: 2024-01-01\n", encoding="utf-8")
    (tmp_path / "a.tar.meta.yaml").write_text("date: 2024-01-02\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("path,date\n", encoding="utf-8")
    listing = FolderNames()
    signatures = {n: signature(tmp_path / n, listing) for n in TRICKY}
    assert signatures == {n: signature(tmp_path / n) for n in TRICKY}
    assert len(set(signatures.values())) > 2, "the sidecars must make some signatures differ"


def test_names_agree_with_display_path_through_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    (real / "sub" / "b.txt").symlink_to(real / "sub" / "a.txt")
    monkeypatch.chdir(tmp_path)
    names = Names()
    paths = [Path("link/sub/a.txt"), Path("real/sub/b.txt"), Path("real/sub/a.txt"), real / "sub" / "a.txt"]
    for path in paths:
        assert names.display(path) == display_path(path)
        assert names.real(path) == str(path.resolve())
    assert names.display(Path("link/sub/a.txt")) == "real/sub/a.txt"
    monkeypatch.chdir(real / "sub")
    assert Names().display(Path("../../link/sub/a.txt")) == display_path(Path("../../link/sub/a.txt"))
    assert Names().display(Path("../../link/sub/a.txt")) == "a.txt"
    assert os.path.isabs(Names().display(Path("../../real")))
