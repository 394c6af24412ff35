"""Traditional Chinese reads like Simplified: OpenCC's character table, one character onto one."""

from __future__ import annotations

import opencc
import pytest

from checker.extract import extract_text
from checker.extract.normalize import normalize
from checker.extract.traditional import TRADITIONAL_TO_SIMPLIFIED


def test_table_is_openccs_and_one_to_one() -> None:
    assert len(TRADITIONAL_TO_SIMPLIFIED) > 4000
    assert all(len(k) == 1 and len(v) == 1 and k != v for k, v in TRADITIONAL_TO_SIMPLIFIED.items())
    t2s = opencc.OpenCC("t2s")
    trad = list(TRADITIONAL_TO_SIMPLIFIED)
    converted = t2s.convert("\n".join(trad)).split("\n")
    # A few regional variants come from tw2s/hk2s; every other pair is t2s's own.
    differ = [t for t, s in zip(trad, converted, strict=True) if s != TRADITIONAL_TO_SIMPLIFIED[t]]
    assert len(differ) < 20, differ


@pytest.mark.parametrize("word", ["崗", "溫", "職", "郵", "黃", "鐵", "區", "國", "衞"])
def test_characters_the_hand_table_missed(word: str) -> None:
    assert word in TRADITIONAL_TO_SIMPLIFIED


def test_simplified_text_is_left_alone() -> None:
    text = "什么是显著的就业岗位增长，杭温铁路新增里程"
    assert normalize(text).text == text


def test_traditional_figure_reads_as_simplified_with_exact_span() -> None:
    text = "杭溫鐵路全長約260公里，新增就業崗位1.2萬個。"
    claims = extract_text(text, "t.txt")
    assert [c.text for c in claims] == ["約260公里", "1.2萬個"]
    assert claims[0].bound == "~"
    assert all(text[c.offset : c.end] == c.text for c in claims)
    assert claims[1].value == 12000
    assert "岗位" in claims[1].subject
