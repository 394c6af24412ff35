"""Text read from a web page or a Word file holds one paragraph a line: a line break ends it.

Plain text joins a figure or a word broken over lines (OCR, hard wrapping); a paragraph
boundary of an extracted format must not be joined, or a heading or a table's header
row would run into the next paragraph's subject.
"""

from __future__ import annotations

from checker.extract import extract, extract_text
from checker.extract.normalize import normalize
from checker.models import Document

ROWS = "项目\t目标\n新建公共充电桩\t7万个以上\n以上项目将在长三角加快推进。"


def test_line_breaks_are_kept_but_spaces_still_join() -> None:
    norm = normalize("新增建成铁路里程680 公里\n长三角 地区", lines_are_paragraphs=True)
    assert norm.text == "新增建成铁路里程680公里\n长三角地区"
    assert normalize("新增建成铁路里程680\n公里").text == "新增建成铁路里程680公里"


def test_table_row_keeps_its_own_subject() -> None:
    joined = extract_text(ROWS, "x.txt")
    (claim,) = extract_text(ROWS, "x.docx", lines_are_paragraphs=True)
    assert claim.subject == "新建公共充电桩"
    assert joined[0].subject != "新建公共充电桩"  # as plain text the lines run together
    assert (claim.offset, claim.end, claim.line) == (joined[0].offset, joined[0].end, 2)


def test_document_paragraphs_and_pages_place_claims() -> None:
    text = "第一段10个项目。\n第二段680公里。\n\n第三页5个联盟。"
    doc = Document(path="d.docx", text=text, sha256="0", paragraphs=(0, 10), pages=(0, 20))
    placed = [(c.text, c.paragraph, c.page) for c in extract(doc).claims]
    assert placed == [("10个", 1, 1), ("680公里", 2, 1), ("5个", 2, 2)]
    assert Document(path="p.txt", text=text, sha256="0").page_at(5) is None
