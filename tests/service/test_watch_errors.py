"""Acceptance 4: bad files and broken rule files are logged by name; the service keeps reporting the rest."""

from __future__ import annotations

import re
from pathlib import Path

from servicekit import sha, wait_until

GOOD = "长三角地区新增建成铁路里程660公里。\n"


def test_unreadable_files_are_named_in_the_log_and_the_rest_is_reported(tmp_path: Path, watch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = corpus / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    svc = watch()

    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "latin.txt").write_bytes(b"caf\xe9 \x80\x81 na\xefve \xff\n")
    (corpus / "empty.txt").write_bytes(b"")
    vanish = corpus / "vanish.txt"
    vanish.write_text(GOOD, encoding="utf-8")
    vanish.unlink()
    other = corpus / "other.txt"
    other.write_text(GOOD.replace("660", "661"), encoding="utf-8")

    def errors_reported() -> bool:
        report = svc.latest()
        named = {e["path"] for e in report["errors"]}
        return named == {"corpus/binary.txt", "corpus/latin.txt", "corpus/empty.txt"} and (
            svc.documents().get("corpus/other.txt") == sha(other)
        )

    wait_until(errors_reported, 5, "the three unreadable files in the report's errors, other.txt read")
    log = svc.stderr()
    assert "corpus/binary.txt: binary file" in log
    assert "corpus/latin.txt: invalid UTF-8" in log
    assert "corpus/empty.txt: empty file" in log
    assert re.search(r"corpus/vanish\.txt: (gone before it could be read|deleted|vanished)", log), log
    assert (tmp_path / "state" / "checker.log").read_text(encoding="utf-8").count("corpus/binary.txt") >= 1

    # Still running, still reporting.
    good.write_text(GOOD.replace("660", "662"), encoding="utf-8")
    wait_until(lambda: svc.documents().get("corpus/good.txt") == sha(good), 5, "the next edit")
    assert svc.alive()
    assert svc.stop() == 0


def test_a_rule_file_broken_while_running_is_logged_and_the_service_keeps_going(
    tmp_path: Path, watch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (tmp_path / "rules").mkdir()
    doc = corpus / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    svc = watch("corpus", "--rules", "rules")

    rule = tmp_path / "rules" / "broken.yaml"
    rule.write_text("rules: [unclosed\n  - {\n", encoding="utf-8")
    wait_until(
        lambda: re.search(r"ERROR +rules/broken\.yaml:\d+: invalid YAML", svc.stderr()),
        5,
        "an error naming rules/broken.yaml and its line in the log",
    )
    assert svc.alive()

    doc.write_text(GOOD.replace("660", "663"), encoding="utf-8")
    wait_until(
        lambda: svc.documents().get("corpus/a.txt") == sha(doc),
        5,
        "the next edit, with the rules that loaded",
    )

    rule.write_text("id: agree-again\nkind: agree\nseverity: warning\n", encoding="utf-8")
    wait_until(
        lambda: re.search(r"rules reloaded: \d+ rules in use, 0 rule errors", svc.stderr()), 5, "the fix"
    )
    assert svc.stop() == 0
