"""The period and modality of claims: resolved from the text and the document date."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.models import Claim, Document, DocumentMeta, Modality, PartialDate


def claims(text: str, year: int | None = None, month: int | None = None) -> list[Claim]:
    date = None if year is None else PartialDate(year=year, month=month)
    meta = DocumentMeta(date=date, date_source="file name" if date else "unknown")
    return extract(Document(path="t.txt", text=text, sha256="", meta=meta)).claims


def by_text(found: list[Claim], text: str) -> Claim:
    return next(c for c in found if c.text == text)


def span(c: Claim) -> tuple[str | None, str | None, str]:
    return c.period.start, c.period.end, c.period.kind.value


@pytest.mark.parametrize(
    ("text", "figure", "want"),
    [
        ("今年粮食产量达到5亿吨。", "5亿吨", ("1998-01-01", "1998-12-31", "span")),
        ("过去一年，粮食产量达到4.9亿吨。", "4.9亿吨", ("1997-01-01", "1997-12-31", "span")),
        ("去年城镇新增就业800万人。", "800万人", ("1997-01-01", "1997-12-31", "span")),
        ("五年来城镇新增就业3555万人。", "3555万人", ("1993-01-01", "1997-12-31", "span")),
        ("过去五年，国内生产总值年均增长11%。", "11%", ("1993-01-01", "1997-12-31", "span")),
        ("明年计划新建铁路1000公里。", "1000公里", ("1999-01-01", "1999-12-31", "span")),
        ("截至2023年底，累计建成铁路3000公里。", "3000公里", ("2023-12-31", "2023-12-31", "point")),
        ("2011—2022年，研发投入增长了2倍。", "2倍", ("2011-01-01", "2022-12-31", "span")),
        ("1979年到1984年，农业总产值增长55%。", "55%", ("1979-01-01", "1984-12-31", "span")),
        ("上半年出口增长8%。", "8%", ("1998-01-01", "1998-06-30", "span")),
        ("截至6月底，发放贷款200亿元。", "200亿元", ("1998-06-30", "1998-06-30", "point")),
        ("2004年末外汇储备余额6099亿美元。", "6099亿美元", ("2004-12-31", "2004-12-31", "point")),
        ("“九五”期间，新增铁路5000公里。", "5000公里", ("1996-01-01", "2000-12-31", "span")),
        ("Exports rose 8 percent last year.", "8 percent", ("1997-01-01", "1997-12-31", "span")),
    ],
)
def test_periods_from_the_text_and_the_document_date(
    text: str, figure: str, want: tuple[str, str, str]
) -> None:
    assert span(by_text(claims(text, 1998), figure)) == want


def test_the_adjacent_year_wins_over_the_sentence_opening_one() -> None:
    found = claims("2023年，综合指数从2018年的159.24分提高到2023年的409.89分。", 2024)
    assert by_text(found, "159.24分").year == 2018
    assert by_text(found, "409.89分").year == 2023
    english = claims("In 2023, the index rose from 159.24 points in 2018 to 409.89 points in 2023.", 2024)
    assert [c.year for c in english if c.unit == "point"] == [2018, 2023]


def test_year_and_time_scope_follow_the_period() -> None:
    found = claims("五年来城镇新增就业3555万人。1997年城镇新增就业700万人。", 1998)
    five, one = by_text(found, "3555万人"), by_text(found, "700万人")
    assert five.year is None and five.time_scope == "五年来"
    assert one.year == 1997 and one.time_scope == "1997年"


def test_an_undated_documents_relative_words_give_an_unknown_period() -> None:
    found = claims("今年新增就业900万人，去年新增就业800万人。2020年新增就业700万人。")
    for figure in ("900万人", "800万人"):
        c = by_text(found, figure)
        assert not c.period.known and c.period.relative and c.period.kind.value == "unknown"
        assert c.year is None
    assert by_text(found, "700万人").year == 2020


def test_context_words_take_the_year_of_the_section() -> None:
    text = "一、过去一年工作回顾\n\n全年粮食总产量达到46947万吨。\n\n二、2005年工作总体部署\n\n全年新增就业900万人。\n"
    found = claims(text, 2005)
    assert by_text(found, "46947万吨").year == 2004
    assert by_text(found, "900万人").year == 2005


def test_a_target_frame_makes_every_figure_of_its_list_a_target() -> None:
    text = (
        "今年经济社会发展的主要预期目标是：国内生产总值增长8%左右；城镇新增就业900万人，城镇登记失业率4.6%。"
    )
    found = claims(text, 2005)
    assert [c.modality for c in found] == [Modality.TARGET] * 3
    assert all(c.year == 2005 for c in found)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("去年国内生产总值增长9.5%。", Modality.REPORTED),
        ("去年已建成铁路1000公里。", Modality.ACHIEVED),
        ("力争今年粮食产量达到5亿吨。", Modality.TARGET),
        ("今年拟安排中央财政赤字3000亿元。", Modality.TARGET),
        ("预计今年财政收入增长10%。", Modality.ESTIMATE),
        ("到2030年，非化石能源比重达到25%。", Modality.TARGET),
        ("去年全年物价涨幅控制在3%以内。", Modality.REPORTED),
        ("The economy is expected to grow 5 percent this year.", Modality.ESTIMATE),
        ("China will build 1,000 km of railway next year.", Modality.TARGET),
    ],
)
def test_modality(text: str, want: Modality) -> None:
    found = claims(text, 2005)
    assert found and found[-1].modality is want, [(c.text, c.modality) for c in found]
