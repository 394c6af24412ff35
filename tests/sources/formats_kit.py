"""Test files of every format, made by the tests themselves (nothing binary is kept in the repository).

Each maker writes one small file stating the figure `CHANGED` ("新增建成铁路里程680公里", where
the seeds say 660公里) and returns its path.  The PDF uses reportlab's built-in STSong-Light
(Adobe-GB1, not embedded), so its text layer is real CJK text with no font file to ship.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import docx
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

CHANGED = "680公里"
Maker = Callable[[Path], Path]
SIDEBAR = "9999公里"
TRADITIONAL = (
    "長三角發布10個實事項目清單\n\n"
    "實事項目清單提出，要建設軌道上的長三角，長三角地區新增建成鐵路里程680公里，"
    "杭溫鐵路、池黃高鐵建成投運。\n"
)

WEB_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>长三角发布10个实事项目清单_新闻_星报</title>
<meta property="og:title" content="长三角发布10个实事项目清单">
<meta property="og:site_name" content="星报">
<meta property="article:published_time" content="2024-06-07T08:00:00+08:00">
<link rel="canonical" href="https://news.example.cn/2024/06/07/rail.html">
</head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/a">长三角</a></li></ul></nav>
<div class="wrap">
<article class="content">
<h1>长三角发布10个实事项目清单</h1>
<p>星报讯（记者 章沁园） 6月6日，第六届长三角一体化发展高层论坛在浙江省温州市举行，论坛上，沪苏浙皖三省一市签约了10个合作项目。</p>
<p>实事项目清单提出，要建设轨道上的长三角，长三角地区新增建成铁路里程680公里，杭温铁路、池黄高铁建成投运。</p>
<p>新能源汽车充换电基础设施一张网方面，新建公共充电桩7万个以上。</p>
</article>
<aside class="sidebar related"><h3>相关新闻</h3><ul>
<li><a href="/x">长三角地区新增建成铁路里程9999公里</a></li>
<li><a href="/y">新建公共充电桩12万个</a></li></ul>
<div class="hot"><p>热门：长三角地区新增建成铁路里程9999公里，创历史新高。</p></div>
</aside>
</div>
<footer><p>版权所有 星报 2024 联系电话 12345678</p></footer>
</body></html>
"""


def web_page(path: Path) -> Path:
    """An article between navigation, a sidebar holding SIDEBAR, and a footer; published 2024-06-07."""
    path.write_text(WEB_PAGE, encoding="utf-8")
    return path


def _pdf_bytes(pages: list[list[str]]) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.setTitle("长三角实事项目清单")
    for lines in pages:
        c.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            c.drawString(72, 760 - 20 * i, line)
        if not lines:
            c.rect(72, 500, 200, 200, fill=1)  # a "scan": ink, no text
        c.showPage()
    c.save()
    return out.getvalue()


def _rewrite(data: bytes, password: str | None = None) -> bytes:
    """The PDF with a creation date of 2024-06-07 and, if given, a user password."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/CreationDate": "D:20240607090000+08'00'"})
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_PAGES = [
    ["长三角发布10个实事项目清单", "第六届长三角一体化发展高层论坛在浙江省温州市举行。"],
    ["实事项目清单提出，要建设轨道上的长三角，", "长三角地区新增建成铁路里程680公里，杭温铁路建成投运。"],
]


def two_page_pdf(path: Path) -> Path:
    """Two pages of CJK text; CHANGED is on page 2."""
    path.write_bytes(_rewrite(_pdf_bytes(PDF_PAGES)))
    return path


def scanned_pdf(path: Path) -> Path:
    """Two pages of ink and no text layer."""
    path.write_bytes(_rewrite(_pdf_bytes([[], []])))
    return path


def protected_pdf(path: Path) -> Path:
    """The two-page PDF behind a user password."""
    path.write_bytes(_rewrite(_pdf_bytes(PDF_PAGES), password="secret"))
    return path


def broken_pdf(path: Path) -> Path:
    """The two-page PDF cut in half."""
    data = _pdf_bytes(PDF_PAGES)
    path.write_bytes(data[: len(data) // 2])
    return path


def word_file(path: Path) -> Path:
    """CHANGED in a paragraph; 7万个以上 in a table row; created 2024-06-07."""
    document = docx.Document()
    document.add_heading("长三角发布10个实事项目清单", level=1)
    document.add_paragraph("第六届长三角一体化发展高层论坛在浙江省温州市举行。")
    document.add_paragraph("实事项目清单提出，要建设轨道上的长三角，长三角地区新增建成铁路里程680公里。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "目标"
    table.cell(1, 0).text, table.cell(1, 1).text = "新建公共充电桩", "7万个以上"
    document.add_paragraph("以上项目将在长三角加快推进。")
    document.core_properties.created = datetime(2024, 6, 7, 9, 0)
    document.core_properties.title = "长三角实事项目清单"
    document.save(str(path))
    return path


def truncated_word_file(path: Path) -> Path:
    """A Word file cut short, as an interrupted download leaves it."""
    word_file(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def big5_file(path: Path) -> Path:
    """Traditional Chinese stating CHANGED, saved as Big5."""
    path.write_bytes(TRADITIONAL.encode("big5"))
    return path


def traditional_file(path: Path) -> Path:
    """Traditional Chinese stating CHANGED, saved as UTF-8."""
    path.write_text(TRADITIONAL, encoding="utf-8")
    return path


def huge_web_page(path: Path, megabytes: int = 50) -> Path:
    """A web page of `megabytes` MB (10**6 bytes): far more than any article."""
    paragraph = "<p>长三角地区新增建成铁路里程680公里，杭温铁路建成投运。</p>\n".encode()
    repeat = (megabytes * 10**6 - 64) // len(paragraph)
    with path.open("wb") as fh:
        fh.write(b"<html><body><article>\n")
        fh.write(paragraph * repeat)
        fh.write(b"</article></body></html>\n")
    return path
