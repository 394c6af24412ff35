"""Documents' own pages above `document_pages_above`: written, linked, kept when unchanged, pruned.

Real `checker check` runs in a subprocess on a small corpus, with the
threshold lowered through CHECKER_DOCUMENT_PAGES_ABOVE so two documents
already count as a large corpus.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from corpora import CLI, RAIL_A, RAIL_B, require_claims, write_corpus

from checker.models import Related, Report
from checker.report.docpages import plan_pages
from checker.report.docshown import WHOLE
from checker.report.html import render_html
from checker.report.json import render_json

PLAIN = "长三角地区签约合作项目12个。\n"
LARGE = {"CHECKER_DOCUMENT_PAGES_ABOVE": "1"}
HREF = re.compile(r'href="([^"]*)"')


def _corpus(tmp_path: Path, cli: CLI) -> Path:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": RAIL_A, "b.txt": RAIL_B, "c.txt": PLAIN})
    require_claims(cli, corpus, ["660公里", "680公里"])
    return corpus


def _index(reports: Path) -> dict[str, Any]:
    return json.loads((reports / "docs" / "pages.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _page_of(reports: Path, path: str) -> Path:
    (name,) = [n for n, p in _index(reports)["pages"].items() if p["path"] == path]
    return reports / "docs" / name


def _broken_links(page: Path, only: str = "") -> list[str]:
    """Relative links of `page` (as a browser resolves them from where it was opened) that lead nowhere."""
    html = page.read_text(encoding="utf-8")
    broken = []
    for href in HREF.findall(html):
        if href.startswith(("http:", "https:", "#")) or not href.startswith(only):
            continue
        target, _, fragment = href.partition("#")
        file = Path(os.path.normpath(page.parent / target))
        if not file.is_file() or (fragment and f'id="{fragment}"' not in file.read_text(encoding="utf-8")):
            broken.append(href)
    return broken


def test_pages_above_the_threshold_are_written_and_every_link_resolves(tmp_path: Path, cli: CLI) -> None:
    corpus = _corpus(tmp_path, cli)
    done = cli("check", corpus, env=LARGE)
    assert done.returncode == 1, done.stderr
    reports = tmp_path / "reports"
    listed = _index(reports)["pages"]
    assert sorted(os.listdir(reports / "docs")) == sorted([*listed, "pages.json"])
    every, style = sorted(name for name, p in listed.items() if not p["path"])
    assert re.fullmatch(r"_all\.[0-9a-f]{16}\.html", every)
    # One stylesheet beside the pages, not 10 KB of CSS inside each of them.
    assert re.fullmatch(r"_style\.[0-9a-f]{16}\.css", style)
    css = (reports / "docs" / style).read_text(encoding="utf-8")
    assert "--fg" in css
    pages = {name: p for name, p in listed.items() if p["path"]}
    assert sorted(p["path"] for p in pages.values()) == ["corpus/a.txt", "corpus/b.txt", "corpus/c.txt"]
    assert all(re.fullmatch(r"[abc]\.[0-9a-f]{16}\.html", name) for name in pages)
    latest = (reports / "latest.html").read_text(encoding="utf-8")
    assert 'class="doctext' not in latest, "texts are on their own pages, not embedded"
    for name in [*pages, every]:
        assert f'href="docs/{name}"' in latest
    assert _broken_links(reports / "docs" / every) == []
    for name in pages:
        assert f'href="{name}"' in (reports / "docs" / every).read_text(encoding="utf-8")
    a_page = _page_of(reports, "corpus/a.txt").read_text(encoding="utf-8")
    # Never a link to another document's page: that name changes when the other document does.
    assert not [h for h in HREF.findall(a_page) if h.startswith(("b.", "c."))]
    assert re.search(r'<a class="claim flagged" id="c-\d+" href="#f-[0-9a-f]+"[^>]*>660公里</a>', a_page), (
        a_page
    )
    # From the latest set, its own folder, a run's copy (its other links are the script's), each page.
    assert _broken_links(reports / "latest.html") == []
    stamp = next(p for p in (reports / "runs").glob("*.html"))
    for page in [reports / ".latest" / "latest.html", stamp]:
        assert _broken_links(page, only="docs/") == [], page
    for name in [*pages, every]:
        page = (reports / "docs" / name).read_text(encoding="utf-8")
        assert f'<link rel="stylesheet" href="{style}">' in page and "<style>" not in page
        assert "style-src 'self'; script-src 'none'" in page.replace("&#39;", "'")
        assert _broken_links(reports / "docs" / name) == [], name


def test_below_the_threshold_texts_stay_in_the_page(tmp_path: Path, cli: CLI) -> None:
    corpus = _corpus(tmp_path, cli)
    done = cli("check", corpus)
    assert done.returncode == 1, done.stderr
    reports = tmp_path / "reports"
    assert not (reports / "docs").exists()
    assert 'class="doctext"' in (reports / "latest.html").read_text(encoding="utf-8")


def test_unchanged_pages_are_not_written_again(tmp_path: Path, cli: CLI) -> None:
    corpus = _corpus(tmp_path, cli)
    cli("check", corpus, env=LARGE)
    reports = tmp_path / "reports"
    before = {n: (reports / "docs" / n).stat() for n, p in _index(reports)["pages"].items() if p["path"]}
    (corpus / "c.txt").write_text(PLAIN + "长三角地区发布重点任务80项。\n", encoding="utf-8")
    again = cli("check", corpus, env=LARGE)
    assert again.returncode == 1, again.stderr
    pages = _index(reports)["pages"]
    last = max(q["run"] for q in pages.values())
    now = {p["path"]: n for n, p in pages.items() if p["run"] == last and p["path"]}
    for path in ("corpus/a.txt", "corpus/b.txt"):
        name = now[path]
        stat = (reports / "docs" / name).stat()
        assert (stat.st_ino, stat.st_mtime_ns) == (before[name].st_ino, before[name].st_mtime_ns), path
    assert now["corpus/c.txt"] not in before, "the edited document has a new page"
    assert "80" in (reports / "docs" / now["corpus/c.txt"]).read_text(encoding="utf-8")
    # The first run's copy still links the old page of c.txt: kept while that run is kept (retention 50).
    assert set(before) <= set(pages)
    assert all((reports / "docs" / n).is_file() for n in before)


def test_a_deleted_documents_page_goes_with_the_last_run_that_showed_it(tmp_path: Path, cli: CLI) -> None:
    corpus = _corpus(tmp_path, cli)
    env = {**LARGE, "CHECKER_RETENTION": "1"}
    cli("check", corpus, env=env)
    reports = tmp_path / "reports"
    c_page = _page_of(reports, "corpus/c.txt").name
    (corpus / "c.txt").unlink()
    cli("check", corpus, env=env)
    # The set before the current is kept for a reader who just opened it, and so are its pages.
    assert (reports / "docs" / c_page).is_file()
    cli("check", corpus, "--rerun", env=env)  # unchanged, the last run's report would stand
    assert not (reports / "docs" / c_page).exists()
    assert c_page not in _index(reports)["pages"]
    assert sorted(p["path"] for p in _index(reports)["pages"].values() if p["path"]) == [
        "corpus/a.txt",
        "corpus/b.txt",
    ]
    assert _broken_links(reports / "latest.html") == []


def test_long_lists_are_capped_and_point_to_the_json(report: Report) -> None:
    problems = [f for f in report.findings if not f.passed]
    assert len(problems) >= 2, "the sample report has several findings"
    html = render_html(report, cap=1)
    assert html.count('<tr class="finding') == 1
    assert f"{len(problems) - 1} more findings are not listed here" in html
    assert 'href="latest.json"' in html


def test_json_written_in_pieces_is_the_models_own_json(report: Report, evil_report: Report) -> None:
    for r in (report, evil_report):
        assert render_json(r) == r.model_dump_json() + "\n"


def test_a_large_findings_pages_show_their_own_part_and_a_document_joining_it_renders_one_page(
    tmp_path: Path, cli: CLI
) -> None:
    # 25 documents say 660, one says 680: one finding quoting all 26 documents (more than WHOLE quotes).
    files = {f"r{i:02d}.txt": RAIL_A for i in range(25)}
    corpus = write_corpus(tmp_path / "corpus", {**files, "odd.txt": RAIL_B})
    done = cli("check", corpus, env=LARGE)
    assert done.returncode == 1, done.stderr
    reports = tmp_path / "reports"
    report = json.loads((reports / "latest.json").read_text(encoding="utf-8"))
    (finding,) = [f for f in report["findings"] if not f["passed"] and len(f["claims"]) == 26]
    pages = {path: _page_of(reports, path) for path in ("corpus/odd.txt", "corpus/r07.txt")}
    for path, page in pages.items():
        html = page.read_text(encoding="utf-8")
        # Its own quote only; the finding's fingerprint and message change whenever a document joins it.
        assert re.findall(r'<code class="where">([^<:]+):', html) == [path], html
        assert finding["fingerprint"] not in html and finding["message"] not in html
        assert 'href="../latest.json"' in html and 'href="../latest.html#findings"' in html
        assert _broken_links(page) == [], path
    odd, agrees = (p.read_text(encoding="utf-8") for p in pages.values())
    assert "this document is the odd one out; the other documents agree on 660公里." in odd
    assert (
        "the odd one out is <code>corpus/odd.txt</code>; this document agrees with the others on 660公里."
        in (agrees)
    )
    before = {p["path"]: n for n, p in _index(reports)["pages"].items() if p["path"]}
    # A 26th document says 660: the finding, its message and its fingerprint change; no other page does.
    (corpus / "r25.txt").write_text(RAIL_A, encoding="utf-8")
    again = cli("check", corpus, env=LARGE)
    assert again.returncode == 1, again.stderr
    report = json.loads((reports / "latest.json").read_text(encoding="utf-8"))
    (grown,) = [f for f in report["findings"] if not f["passed"] and len(f["claims"]) == 27]
    assert grown["fingerprint"] != finding["fingerprint"]
    listed = _index(reports)["pages"]
    last = max(p["run"] for p in listed.values())
    now = {p["path"]: n for n, p in listed.items() if p["run"] == last and p["path"]}
    assert sorted(now) == sorted([*before, "corpus/r25.txt"])
    assert [path for path, name in now.items() if before.get(path) != name] == ["corpus/r25.txt"]
    # The report itself still has every quote.
    assert len(grown["claims"]) == 27


def test_a_page_is_named_by_what_it_shows_of_a_finding_not_by_what_it_leaves_out(report: Report) -> None:
    (f, *_) = [f for f in report.findings if not f.passed and 0 < len(f.claims) <= WHOLE]
    names = plan_pages(report, "salt").names

    def changed(**update: Any) -> dict[str, str]:
        findings = [g.model_copy(update=update) if g is f else g for g in report.findings]
        return plan_pages(report.model_copy(update={"findings": findings}), "salt").names

    # Another rule's word on the finding is not on the page (at 10,000 documents it listed every place
    # of a merged fact, and renamed every page quoting the finding when one document changed).
    assert changed(related=[*f.related, Related(rule="other", message="every place")]) == names
    reworded = changed(message=f.message + " Again.")
    assert sorted(p for p in names if reworded[p] != names[p]) == sorted({c.path for c in f.claims})
