"""Make the README's screenshots from the seeds with one changed figure (`make screenshots`).

Two runs of the real CLI in a temporary folder (the seeds as they are, then
with 660公里 changed to 680公里 in one report), so the run index has something
that changed; then headless Chromium (Debian's, at /usr/bin/chromium) takes:
the landing view, the finding opened, the document view with a claim hovered,
and the index of runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHANGED = ("000_92f2ac85fe6324f8.txt", "660公里", "680公里")
SHOTS = {
    "screenshot.png": "the landing view",
    "finding.png": "an opened finding",
    "document.png": "a document view",
    "runs.png": "the index of runs",
}


def _check(home: Path) -> None:
    argv = [sys.executable, "-m", "checker", "check", "corpus", "-q"]
    done = subprocess.run(argv, cwd=home, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"checker check failed: {done.stderr}")


def make_reports(home: Path) -> Path:
    """Two runs over the seeds, the second with one changed figure; the reports folder."""
    corpus = home / "corpus"
    corpus.mkdir()
    shutil.copytree(ROOT / "rules", home / "rules")
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(f, corpus / f.name)
    _check(home)
    name, old, new = CHANGED
    path = corpus / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    _check(home)
    return home / "reports"


def shoot(reports: Path, out: Path) -> list[Path]:
    """The four screenshots, into `out`."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto((reports / "latest.html").resolve().as_uri())
        page.screenshot(path=str(out / "screenshot.png"))
        page.click("#f-1 button.toggle")
        page.locator("#f-1").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('f-1').scrollIntoView({block: 'start'})")
        page.screenshot(path=str(out / "finding.png"))
        page.locator("#f-1-claims figure.odd a.open-text").first.click()
        page.locator("article.doctext.open a.claim.flagged").first.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -200)")
        page.locator("article.doctext.open a.claim.flagged").first.hover()
        page.screenshot(path=str(out / "document.png"))
        page.goto((reports / "index.html").resolve().as_uri())
        page.screenshot(path=str(out / "runs.png"))
        browser.close()
    return [out / name for name in SHOTS]


def main() -> None:
    """Write the screenshots into the folder named on the command line (docs/ by default)."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    with tempfile.TemporaryDirectory(prefix="checker-shots-") as tmp:
        for path in shoot(make_reports(Path(tmp)), out):
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
