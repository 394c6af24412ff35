from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import SourceError
from checker.sources import decode, discover, read_document
from checker.sources.decode import decode_bytes

TEXT = "长三角地区新增建成铁路里程660公里。"
HANT = "長三角地區新增建成鐵路里程660公里，這是一個重要的進展。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (b"plain ascii 660 km", "utf-8"),
        (HANT.encode("big5"), "big5"),
        (HANT.encode("cp950"), "big5"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom", "ascii", "big5", "cp950"],
)
def test_decodes_text_encodings(data: bytes, encoding: str) -> None:
    text, found = decode_bytes("x.txt", data)
    assert found == encoding
    assert "660" in text
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"valid start \xff\xfe\xfd\x80\x80 then junk \xc3\x28", "invalid UTF-8"),
    ],
    ids=["png", "all-bytes", "invalid-utf8"],
)
def test_refuses_binary_and_undecodable(data: bytes, needle: str) -> None:
    with pytest.raises(SourceError) as info:
        decode_bytes("bad.txt", data)
    assert "bad.txt" in str(info.value)
    assert needle in str(info.value)


def test_invalid_utf8_names_line(tmp_path: Path) -> None:
    f = tmp_path / "broken.txt"
    f.write_bytes("第一行\n第二行\n".encode() + b"\xff\xfe\x00"[:2] + b"\x80abc")
    with pytest.raises(SourceError) as info:
        read_document(f, "broken.txt")
    assert "line 3" in str(info.value)


def test_vanished_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_document(tmp_path / "gone.txt", "gone.txt")
    assert "vanished" in str(info.value)


def test_crlf_is_normalised_and_hash_is_of_bytes(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("一行\r\n两行\r\n".encode())
    doc = read_document(f, "a.txt")
    assert doc.text == "一行\n两行\n"
    assert doc.sha256 == doc.hash_bytes(f.read_bytes())


def test_discover_filters_and_recurses(tmp_path: Path) -> None:
    for name in ["a.txt", "b.md", "c.py", ".hidden.txt", "d.txt~", ".#e.txt", "f.swp", "g.tmp", "sub/h.TXT"]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "i.txt").write_text("x")
    found = sorted(p.relative_to(tmp_path).as_posix() for p in discover([tmp_path]))
    assert found == ["a.txt", "b.md", "sub/h.TXT"]


def test_big5_and_gbk_are_told_apart() -> None:
    """Both decode much of the other's bytes: the reading full of common characters wins."""
    assert decode_bytes("hant.txt", HANT.encode("big5")) == (HANT, "big5")
    # These Big5 bytes read as GB18030 too ("竒蕾祇甶瓣產参璸Ы祇ガ"): plausible, but rare characters.
    hant = "經濟發展，國家統計局發布"
    assert hant.encode("big5").decode("gb18030")
    assert decode_bytes("hant2.txt", hant.encode("big5")) == (hant, "big5")
    simplified = "新增建成铁路里程660公里，这是一个重要的进展。"
    assert decode_bytes("hans.txt", simplified.encode("gbk")) == (simplified, "gb18030")


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=300).filter(lambda b: b"\x00" not in b),
    st.text(max_size=200).filter(lambda t: "\x00" not in t),
)
def test_control_bytes_counted_as_one_by_one(noise: bytes, text: str) -> None:
    """A file is binary past 10% control bytes other than tab and line ends (counted in C, as by hand)."""
    for data in (noise, text.encode("utf-8") + noise, noise * 20):
        sample = data[:4096]
        by_hand = sum(1 for b in sample if b < 32 and chr(b) not in "\t\n\r\f\v")
        assert decode._looks_binary(data) == (bool(sample) and by_hand / len(sample) > 0.10)
