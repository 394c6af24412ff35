"""A line break after an English full stop ends the sentence; after a digit's point it joins the figure."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.normalize import normalize
from checker.models import Document


def _claims(text: str) -> dict[float, str]:
    doc = Document(path="mixed.txt", text=text, sha256="0" * 64, encoding="utf-8")
    return {c.value: c.sentence for c in extract(doc).claims}


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n \n"])
def test_a_chinese_figure_after_an_english_sentence_starts_its_own(gap: str) -> None:
    said = _claims(
        f"Stoneton City will build more than 8,867 new public charging piles.{gap}2023年新增公路里程77公里。\n"
    )
    assert said[8867] == "Stoneton City will build more than 8,867 new public charging piles."
    assert said[77] == "2023年新增公路里程77公里。"


@pytest.mark.parametrize(
    ("ocr", "joined"), [("增长12.\n3%", "增长12.3%"), ("收入38\n00万元", "收入3800万元")]
)
def test_a_figure_broken_across_lines_is_still_joined(ocr: str, joined: str) -> None:
    assert normalize(ocr).text == joined
