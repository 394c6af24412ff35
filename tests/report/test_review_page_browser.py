"""The review page of a real run in headless Chromium: odd one out, fact sheet, document view, timelines, runs.

Two runs of the real CLI over the seeds (as they are, then with one figure
changed), as `make screenshots` does; screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_report_browser import ARTIFACTS, CHROMIUM, Page, browser  # noqa: F401 - the fixture

from tests.conftest import ROOT, SEEDS, replace_in

S0 = "000_92f2ac85fe6324f8.txt"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run `make browser` (as root)"),
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("review")
    shutil.copytree(ROOT / "rules", home / "rules")
    (home / "corpus").mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, home / "corpus" / f.name)
    argv = [sys.executable, "-m", "checker", "check", "corpus", "-q"]
    assert subprocess.run(argv, cwd=home, check=False, timeout=120).returncode == 0
    replace_in(home / "corpus" / S0, "660公里", "680公里")
    assert subprocess.run(argv, cwd=home, check=False, timeout=120).returncode == 1
    return home / "reports"


@pytest.fixture
def page(reports: Path, browser: Any) -> Iterator[Page]:  # noqa: F811 - the fixture
    p = Page(browser, reports / "latest.html")
    yield p
    p.close()


def test_finding_names_the_odd_one_out_and_the_fact_sheet(page: Page) -> None:
    p = page.page
    assert p.evaluate("document.documentElement.lang") == "zh"
    assert p.locator("header.top").get_attribute("lang") == "en"
    assert p.locator("tr.finding").count() == 1
    assert p.locator("#f-1 .c-rule").inner_text().split() == ["CK401", "reference.factsheet"]
    p.click("#f-1 button.toggle")
    detail = p.locator("#f-1-claims")
    odd = detail.locator("p.odd").inner_text()
    assert f"The odd one out is corpus/{S0} (680公里)" in odd and "agree on 660公里" in odd
    assert "rules/facts/2024-practical-projects.yml" in detail.locator("p.sheet").inner_text()
    assert "Source: 长三角区域合作办公室" in detail.locator("p.sheet").inner_text()
    assert "CK101" in detail.locator("p.related").inner_text()
    card = detail.locator("figure.claim.odd")
    assert card.locator(".role").inner_text() == "names the fact"
    text = detail.inner_text()
    for jargon in ("camp ", "|[", "reference:2024", "fact reference"):
        assert jargon not in text, jargon
    page.screenshot("review-finding.png")


def test_document_view_marks_claims_with_their_reading(page: Page) -> None:
    p = page.page
    p.click("#f-1 button.toggle")
    p.locator("#f-1-claims figure.odd a.open-text").click()
    view = p.locator("article.doctext.open")
    assert view.count() == 1 and view.get_attribute("data-path") == f"corpus/{S0}"
    flagged = view.locator("a.claim.flagged")
    assert flagged.all_inner_texts() == ["680公里"]
    tip = flagged.get_attribute("data-tip") or ""
    for part in (
        "value 680 km",
        "bound =",
        "period unknown period",
        "subject 新增建成铁路里程",
        "modality reported",
    ):
        assert part in tip, (part, tip)
    assert view.locator("mark.claim").count() >= 20
    flagged.hover()
    page.screenshot("review-document.png")
    flagged.click()  # a flagged claim opens its finding
    assert p.locator("#f-1-claims").is_visible()


def test_corroborations_timelines_and_runs(page: Page, reports: Path) -> None:
    p = page.page
    figures = p.locator("details.fact summary:has(.subject:text-is('产业链联盟')) .figures").inner_text()
    assert "两个" not in figures and "19个" in figures  # only the figures that agreed
    rail = p.locator("details.timeline:has(.subject:text-is('新增建成铁路里程'))")
    rail.locator("summary").click()
    assert rail.locator("svg.chart circle").count() == 3
    assert rail.locator("table.tl tbody tr").count() == 3
    assert "680公里" in rail.locator("table.tl").inner_text()
    runs = p.locator("#runs table.runs tbody tr")
    assert runs.count() == 2
    assert "+ CK401" in runs.nth(0).inner_text() and "no change in findings" in runs.nth(1).inner_text()


def test_index_of_runs(reports: Path, browser: Any) -> None:  # noqa: F811 - the fixture
    index = Page(browser, reports / "index.html")
    entries = index.page.locator("article.run-entry")
    assert entries.count() == 2
    newest = entries.nth(0).inner_text()
    assert "new error" in newest and "CK401" in newest and f"corpus/{S0}:17:12" in newest
    assert "No finding appeared or went away" in entries.nth(1).inner_text()
    href = entries.nth(0).locator("h2 a").get_attribute("href") or ""
    assert (reports / href).is_file()
    index.screenshot("review-runs.png")
    index.close()


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same two runs with every document on its own page (a corpus counted as large)."""
    home = tmp_path_factory.mktemp("paged")
    shutil.copytree(ROOT / "rules", home / "rules")
    (home / "corpus").mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, home / "corpus" / f.name)
    argv = [sys.executable, "-m", "checker", "check", "corpus", "-q"]
    env = {**os.environ, "CHECKER_DOCUMENT_PAGES_ABOVE": "1"}
    assert subprocess.run(argv, cwd=home, check=False, timeout=120, env=env).returncode == 0
    replace_in(home / "corpus" / S0, "660公里", "680公里")
    assert subprocess.run(argv, cwd=home, check=False, timeout=120, env=env).returncode == 1
    return home / "reports"


def test_large_corpus_opens_each_document_on_its_own_page(paged: Path, browser: Any) -> None:  # noqa: F811
    run_page = Page(browser, paged / "latest.html")
    try:
        p = run_page.page
        assert p.locator("article.doctext").count() == 0, "no text embedded in the run's page"
        p.click("#f-1 button.toggle")
        href = p.locator("#f-1-claims figure.odd a.open-text").get_attribute("href") or ""
        assert href.startswith("docs/") and "#c-" in href, href
        assert p.locator("a.doc-index").count() == 1
    finally:
        run_page.close()
    doc_page = Page(browser, paged / href.split("#")[0])
    try:
        p = doc_page.page
        assert p.locator("article.doctext").is_visible()
        flagged = p.locator("a.claim.flagged", has_text="680公里")
        assert flagged.count() == 1
        flagged.click()  # to the finding quoting it, on the same page
        assert p.evaluate("location.hash").startswith("#f-")
        assert "680公里" in p.locator(".finding-card").first.inner_text()
        doc_page.screenshot("document-page.png")
    finally:
        doc_page.close()
