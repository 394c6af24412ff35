"""Small corpora with clear disagreements, and a guard for while the extractor cannot read them yet."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from report_samples import ATTR, SCRIPT, TEMPLATE

CLI = Callable[..., subprocess.CompletedProcess[str]]

RAIL_A = "长三角地区新增建成铁路里程660公里。\n"
RAIL_B = "长三角地区新增建成铁路里程680公里。\n"
# The payloads sit inside the sentences whose figures disagree, so the findings quote them.
EVIL_A = (
    f"长三角地区新建公共充电桩7万个以上{SCRIPT}，加快推动互联互通。\n长三角地区新增建成铁路里程660公里。\n"
)
EVIL_B = f"长三角地区新建公共充电桩5万个{ATTR}{TEMPLATE}，车桩比力争达到1.9以内。\n长三角地区新增建成铁路里程660公里。\n"


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def require_claims(cli: CLI, corpus: Path, figures: list[str]) -> None:
    """Skip unless `checker claims` finds these figures: the extractor is being rewritten elsewhere."""
    result = cli("claims", corpus, store=False)
    found = {"".join(json.loads(line)["text"].split()) for line in result.stdout.splitlines() if line.strip()}
    missing = [f for f in figures if not any(f in text for text in found)]
    if missing:
        pytest.skip(f"the extractor does not find {missing} in {corpus.name} yet (found {sorted(found)})")
