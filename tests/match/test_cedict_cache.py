"""CC-CEDICT is parsed once per machine and read back after (match/cedict.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.match import cedict


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _no_parse() -> dict[str, list[str]]:
    raise AssertionError("the dictionary was parsed again")


def test_the_parsed_senses_are_kept_and_read_back(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = cedict.senses()
    assert cedict.cache_file().parent == cache and cedict.cache_file().is_file()
    assert "新建" in first and any("new" in s for s in first["新建"])
    monkeypatch.setattr(cedict, "_parse", _no_parse)
    assert cedict.senses() == first


@pytest.mark.parametrize("damage", [b'{"format": 1, "senses": {"a": 1}}', b"\x00garbage", b"[]"])
def test_a_damaged_cache_is_parsed_again_and_mended(cache: Path, damage: bytes) -> None:
    good = cedict.senses()
    cedict.cache_file().write_bytes(damage)
    assert cedict.senses() == good
    assert cedict._read(cedict.cache_file()) == good


def test_no_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "blocked").write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "blocked" / "cache"))
    assert "新建" in cedict.senses()
    assert list(tmp_path.iterdir()) == [tmp_path / "blocked"]
