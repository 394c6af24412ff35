"""latest.html in headless Chromium: filters, opening a finding, inert payloads, phone width.

Debian's Chromium at /usr/bin/chromium (`make browser` installs it), driven by
Playwright's Python package; Playwright never downloads a browser here.
Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpora import CLI, EVIL_A, EVIL_B, require_claims, write_corpus
from report_samples import ATTR, SCRIPT, TEMPLATE, sample_report

from checker.report.html import render_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(
    os.environ.get("CHECKER_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts")
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run `make browser` (as root)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page with every dialog and every request recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1280, height: int = 900) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def visible_rows(self) -> list[str]:
        return [
            str(r.get_attribute("data-fingerprint")) for r in self.page.locator("tr.finding:visible").all()
        ]

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def close(self) -> None:
        # Anything fetched but the page itself (and a document page's stylesheet beside it) would be the
        # network (or a payload) at work.
        folder = self.url.rsplit("/", 1)[0]
        own = {self.url} | {
            u for u in self.requests if re.fullmatch(re.escape(folder) + r"/_style\.[0-9a-f]{16}\.css", u)
        }
        assert self.requests[:1] == [self.url] and set(self.requests) == own, self.requests
        assert self.errors == [], self.errors
        self.page.close()


@pytest.fixture
def sample_page(tmp_path: Path, browser: Any) -> Iterator[Page]:
    path = tmp_path / "latest.html"
    path.write_text(render_html(sample_report()), encoding="utf-8")
    page = Page(browser, path)
    yield page
    page.close()


def test_filter_by_severity_and_open_a_finding(sample_page: Page) -> None:
    page = sample_page.page
    assert page.evaluate("document.characterSet") == "UTF-8"
    assert page.locator('[data-count="errors"]').inner_text() == "2"
    assert sample_page.visible_rows() == [f"aaaa00000000000{i}" for i in (1, 2, 3, 4)]
    # Closed findings show no claims.
    assert page.locator("tr.detail:visible").count() == 0

    page.select_option("#filter-severity", "warning")
    assert sample_page.visible_rows() == ["aaaa000000000003"]
    assert page.locator("#shown").inner_text() == "1"
    page.select_option("#filter-severity", "error")
    assert sample_page.visible_rows() == ["aaaa000000000001", "aaaa000000000002", "aaaa000000000004"]
    page.select_option("#filter-status", "accepted")
    assert sample_page.visible_rows() == ["aaaa000000000004"]
    page.click("#filters button[type=reset]")
    page.select_option("#filter-document", "docs/b.txt")
    assert sample_page.visible_rows() == ["aaaa000000000001"]
    page.select_option("#filter-rule", "sum")
    assert sample_page.visible_rows() == []
    assert page.locator("#none-shown").is_visible()
    page.click("#filters button[type=reset]")
    page.select_option("#filter-severity", "error")

    # Open the first finding: its claims, side by side, each with the figure marked in its sentence.
    page.click("#f-1 button.toggle")
    assert page.locator("#f-1 button.toggle").get_attribute("aria-expanded") == "true"
    detail = page.locator("#f-1-claims")
    assert detail.is_visible()
    cards = detail.locator("figure.claim")
    assert cards.count() == 2
    assert cards.locator("mark").all_inner_texts() == ["660公里", "680公里"]
    assert cards.nth(0).locator("q").inner_text() == "长三角地区新增建成铁路里程660公里，杭温铁路建成通车。"
    assert cards.nth(0).locator(".where").inner_text() == "docs/a.txt:4:3"
    assert cards.nth(1).locator(".where").inner_text() == "docs/b.txt:9:3"
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert (
        first
        and second
        and abs(first["y"] - second["y"]) < 1
        and second["x"] > first["x"] + first["width"] - 1
    )
    assert "aaaa000000000001" in detail.locator(".meta").inner_text()
    # A claim with no sentence shows its text alone, still marked.
    page.click("#filters button[type=reset]")
    page.click("#f-3 button.toggle")
    assert page.locator("#f-3-claims q.bare mark").inner_text() == "12项"
    sample_page.screenshot("report-laptop.png")

    page.click("#f-1 button.toggle")
    assert not detail.is_visible()


def test_document_view_and_corroborated_facts(sample_page: Page) -> None:
    page = sample_page.page
    doc = page.locator('article.doc[data-path="docs/c.txt"]')
    assert doc.locator("li").count() == 3
    doc.locator("button.only-doc").click()
    assert page.locator("#filter-document").input_value() == "docs/c.txt"
    assert sample_page.visible_rows() == ["aaaa000000000002", "aaaa000000000003", "aaaa000000000004"]
    page.locator('article.doc[data-path="docs/a.txt"] a.open-finding').first.click()
    assert page.locator("#f-1-claims").is_visible() and sample_page.visible_rows()[0] == "aaaa000000000001"

    fact = page.locator("details.fact").first
    fact.locator("summary").click()
    assert "重点任务" in fact.inner_text() and "2 documents agree" in fact.inner_text()
    assert fact.locator("mark").all_inner_texts() == ["165项", "165 项"]
    assert page.locator("#unreadable").inner_text().count("docs/d.txt") == 1


def test_readable_at_phone_width(tmp_path: Path, browser: Any) -> None:
    path = tmp_path / "latest.html"
    path.write_text(render_html(sample_report()), encoding="utf-8")
    phone = Page(browser, path, width=390, height=844)
    page = phone.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("#f-1 button.toggle")
    cards = page.locator("#f-1-claims figure.claim")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first and second and second["y"] >= first["y"] + first["height"]  # stacked on a phone
    assert first["x"] + first["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot("report-phone.png")
    phone.close()


def _assert_inert(page: Page) -> None:
    p = page.page
    # Every way in: the page as loaded, a finding opened, every filter value selected.
    for row in p.locator("tr.finding").all():
        row.locator("button.toggle").click()
    for select in ("#filter-document", "#filter-severity"):
        for value in p.locator(f"{select} option").evaluate_all("os => os.map(o => o.value)"):
            p.select_option(select, value)
    p.wait_for_timeout(200)
    assert page.dialogs == []
    assert p.locator("img").count() == 0
    assert p.locator("script").count() == 1
    assert (
        p.evaluate(
            "Array.from(document.querySelectorAll('*')).filter(e => e.getAttributeNames().some(n => n.startsWith('on'))).length"
        )
        == 0
    )
    text = p.locator("body").inner_text()
    assert SCRIPT in text or ATTR in text


def test_payloads_in_a_hand_built_report_are_inert_text(tmp_path: Path, browser: Any) -> None:
    path = tmp_path / "latest.html"
    path.write_text(render_html(sample_report(payloads=True)), encoding="utf-8")
    page = Page(browser, path)
    _assert_inert(page)
    text = page.page.locator("body").inner_text()
    assert SCRIPT in text and ATTR in text
    # Corpus text is never template source: the payload is followed by {{7*7}} itself, not 49.
    assert text.count(ATTR + TEMPLATE) == text.count(ATTR) > 0
    page.screenshot("report-payloads.png")
    page.close()


def test_payloads_in_a_corpus_are_inert_text(tmp_path: Path, cli: CLI, browser: Any) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": EVIL_A, "b.txt": EVIL_B})
    require_claims(cli, corpus, ["7万个以上", "5万个"])
    result = cli("check", corpus)
    assert result.returncode == 1, result.stderr
    page = Page(browser, tmp_path / "reports" / "latest.html")
    _assert_inert(page)
    text = page.page.locator("body").inner_text()
    assert text.count(ATTR + TEMPLATE) == text.count(ATTR)
    page.screenshot("report-corpus-payloads.png")
    page.close()


def test_a_documents_own_page_is_styled_by_the_shared_stylesheet(
    tmp_path: Path, cli: CLI, browser: Any
) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": EVIL_A, "b.txt": EVIL_B})
    require_claims(cli, corpus, ["7万个以上", "5万个"])
    # Two documents count as a large corpus: each gets its own page under reports/docs/.
    result = cli("check", corpus, env={"CHECKER_DOCUMENT_PAGES_ABOVE": "1"})
    assert result.returncode == 1, result.stderr
    docs = tmp_path / "reports" / "docs"
    for name in [n for n in os.listdir(docs) if n.endswith(".html")]:
        page = Page(browser, docs / name)
        # report.css sets the body's colour (--fg) and the font; unstyled, the body is black on default.
        color = page.page.evaluate("getComputedStyle(document.body).color")
        assert color == "rgb(31, 35, 40)", (name, color)
        assert page.errors == [], page.errors  # a CSP refusal of the stylesheet is a console error
        # The page and its stylesheet beside it, nothing else (the payloads fetch nothing).
        (style,) = [n for n in os.listdir(docs) if n.endswith(".css")]
        assert set(page.requests) == {page.url, (docs / style).resolve().as_uri()}, page.requests
        page.close()
