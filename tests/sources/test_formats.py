"""Each format's reader: the text it gives, where claims are in it, and what it says about the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import SourceError
from checker.extract import extract
from checker.models import Claim, Document, PartialDate
from checker.sources import read_document
from checker.sources.read import READERS
from tests.sources import formats_kit as kit


def _claim(document: Document, text: str) -> Claim:
    found = [c for c in extract(document).claims if c.text == text]
    assert len(found) == 1, [c.text for c in extract(document).claims]
    return found[0]


def test_web_page_reads_the_article_not_the_sidebar(tmp_path: Path) -> None:
    doc = read_document(kit.web_page(tmp_path / "rail.html"), "rail.html")
    assert "铁路里程680公里" in doc.text
    for boilerplate in (kit.SIDEBAR, "相关新闻", "首页", "版权所有", "12345678"):
        assert boilerplate not in doc.text
    assert all(kit.SIDEBAR not in c.text for c in extract(doc).claims)
    claim = _claim(doc, kit.CHANGED)
    assert claim.subject.endswith("新增建成铁路里程")
    # line, column and paragraph count in the extracted text, one paragraph a line
    line = doc.text.split("\n")[claim.line - 1]
    assert line[claim.column - 1 :].startswith(kit.CHANGED)
    assert claim.paragraph == claim.line == 3
    assert claim.page is None


def test_web_page_metadata(tmp_path: Path) -> None:
    meta = read_document(kit.web_page(tmp_path / "rail.html"), "rail.html").meta
    assert meta.date == PartialDate(year=2024, month=6, day=7)
    assert meta.date_source == "html"
    assert meta.title == "长三角发布10个实事项目清单"
    assert meta.outlet == "星报"
    assert meta.url == "https://news.example.cn/2024/06/07/rail.html"
    assert meta.language == "zh-CN"


def test_web_page_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = tmp_path / "gbk.htm"
    page.write_bytes(kit.WEB_PAGE.replace('charset="utf-8"', 'charset="gb2312"').encode("gbk"))
    doc = read_document(page, "gbk.htm")
    assert doc.encoding == "gb2312"
    assert _claim(doc, kit.CHANGED).paragraph == 3


def test_pdf_pages_and_cjk_text_layer(tmp_path: Path) -> None:
    doc = read_document(kit.two_page_pdf(tmp_path / "bulletin.pdf"), "bulletin.pdf")
    assert len(doc.pages) == 2
    assert "长三角发布10个实事项目清单" in doc.text
    claim = _claim(doc, kit.CHANGED)
    assert claim.page == 2
    assert claim.subject.endswith("新增建成铁路里程")
    assert _claim(doc, "10个").page == 1
    assert doc.text[claim.offset : claim.end] == claim.text
    assert doc.meta.date == PartialDate(year=2024, month=6, day=7)
    assert doc.meta.date_source == "pdf"
    assert doc.meta.title == "长三角实事项目清单"


def test_scanned_pdf_has_one_clear_note(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_document(kit.scanned_pdf(tmp_path / "scan.pdf"), "scan.pdf")
    assert str(info.value).startswith("scan.pdf: has no text to read")
    assert "OCR is out of scope" in str(info.value)


def test_word_paragraphs_and_tables_in_reading_order(tmp_path: Path) -> None:
    doc = read_document(kit.word_file(tmp_path / "release.docx"), "release.docx")
    lines = doc.text.split("\n")
    assert lines[0] == "长三角发布10个实事项目清单"
    assert lines[3:6] == ["项目\t目标", "新建公共充电桩\t7万个以上", "以上项目将在长三角加快推进。"]
    in_paragraph = _claim(doc, kit.CHANGED)
    in_table = _claim(doc, "7万个以上")
    assert (in_paragraph.paragraph, in_table.paragraph) == (3, 5)
    assert in_table.subject.endswith("新建公共充电桩")
    assert in_table.interval.lower == 70000
    assert doc.meta.date == PartialDate(year=2024, month=6, day=7)
    assert doc.meta.date_source == "docx"


@pytest.mark.parametrize("maker", [kit.big5_file, kit.traditional_file], ids=["big5", "utf8"])
def test_traditional_chinese_reads_like_simplified(tmp_path: Path, maker: kit.Maker) -> None:
    doc = read_document(maker(tmp_path / "hant.txt"), "hant.txt")
    assert doc.encoding == ("big5" if maker is kit.big5_file else "utf-8")
    claim = _claim(doc, kit.CHANGED)
    assert claim.subject.endswith("新增建成铁路里程")
    assert doc.text[claim.offset : claim.end] == kit.CHANGED
    assert claim.line == 3


@pytest.mark.parametrize(
    ("maker", "name", "problem"),
    [
        (kit.broken_pdf, "broken.pdf", "cannot be read as a PDF"),
        (kit.protected_pdf, "locked.pdf", "is password-protected"),
        (kit.truncated_word_file, "cut.docx", "cannot be read as a Word file"),
        (kit.huge_web_page, "huge.html", "web page too large"),
    ],
    ids=["broken-pdf", "protected-pdf", "truncated-docx", "huge-html"],
)
def test_unreadable_files_are_one_clear_error(
    tmp_path: Path, maker: kit.Maker, name: str, problem: str
) -> None:
    with pytest.raises(SourceError) as info:
        read_document(maker(tmp_path / name), name)
    assert str(info.value).startswith(f"{name}: {problem}")
    assert "\n" not in str(info.value)


def test_a_reader_that_does_not_load_fails_its_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(READERS, ".html", "no_such_reader")
    with pytest.raises(SourceError) as info:
        read_document(kit.web_page(tmp_path / "rail.html"), "rail.html")
    assert str(info.value).startswith("rail.html: cannot be read: the no_such_reader reader did not load")
    assert read_document(kit.traditional_file(tmp_path / "hant.txt"), "hant.txt").text == kit.TRADITIONAL
