"""The flat text the relation readers read: OCR breaks out, every position mapped back to the decoded text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.extract.relations.text import DocText
from tests.conftest import SEEDS

PIECES = st.sampled_from(
    ["长", "三", "角", "a", "b", "1", ".", "，", " ", "\n", "\n\n", "\u3000", "。", "Co"]
)


def check_mapping(raw: str) -> None:
    doc = DocText("x", raw, [])
    assert "\n" not in doc.flat
    for i, ch in enumerate(doc.flat):
        at = doc.raw_offset(i)
        assert raw[at] == ch or (ch == " " and raw[at].isspace())
        assert doc.at(at) == i
    for offset in range(len(raw) + 1):
        assert 0 <= doc.at(offset) <= len(doc.flat)


@given(st.lists(PIECES, max_size=40).map("".join))
def test_every_flat_position_maps_back(raw: str) -> None:
    check_mapping(raw)


def test_seeds_map_back_and_keep_english_words_apart() -> None:
    for path in SEEDS.glob("*.txt"):
        check_mapping(path.read_text(encoding="utf-8"))
    doc = DocText("x", "安徽珍珠水泥集\n\n团股份有限公司 and Anhui\nPearl Cement", [])
    assert doc.flat == "安徽珍珠水泥集团股份有限公司and Anhui Pearl Cement"
