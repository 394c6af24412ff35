"""checker/extract/data/nfkc.json is what unicodedata gives, and normalisation reads the same either way."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

from checker.extract import nfkc

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> object:
    spec = importlib.util.spec_from_file_location("nfkc_table", ROOT / "tools" / "nfkc_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_file_holds_what_unicodedata_gives() -> None:
    written = json.loads(nfkc.TABLE_PATH.read_text(encoding="utf-8"))
    assert written["unicode"] == unicodedata.unidata_version, (
        "nfkc.json is for another Unicode: make nfkc-table"
    )
    assert nfkc.rewrites() == nfkc.compute(), "checker/extract/data/nfkc.json is stale: run `make nfkc-table`"


def test_the_file_is_what_the_tool_writes() -> None:
    assert nfkc.TABLE_PATH.read_text(encoding="utf-8") == _tool().render()  # type: ignore[attr-defined]


# Normalises a sample with the file as it is, or with the file's Unicode version changed (so computed):
# checker.extract.nfkc is loaded first and pointed at the changed file, before normalize builds its table.
SAMPLE = """
import importlib.util, json, sys
from pathlib import Path
if sys.argv[1] == "other-unicode":
    spec = importlib.util.spec_from_file_location("checker.extract.nfkc", sys.argv[2])
    nfkc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(nfkc)
    data = json.loads(nfkc.TABLE_PATH.read_text(encoding="utf-8"))
    data["unicode"], data["rewrites"], data["variable"] = "0.0.0", {}, []
    nfkc.TABLE_PATH = Path(sys.argv[3]) / "nfkc.json"
    nfkc.TABLE_PATH.write_text(json.dumps(data), encoding="utf-8")
    sys.modules["checker.extract.nfkc"] = nfkc
from checker.extract.normalize import _TABLE, normalize
norm = normalize("２０２４年，全年ＧＤＰ增長５．２％，長度１２㎞，溫度３０℃，Ⅻ")
print(json.dumps([len(_TABLE), norm.text, norm.translated, norm.seg_norm, norm.seg_orig]))
"""


def test_another_unicode_version_computes_the_same_rewrites(tmp_path: Path) -> None:
    runs = [
        subprocess.run(
            [
                sys.executable,
                "-c",
                SAMPLE,
                mode,
                str(ROOT / "checker" / "extract" / "nfkc.py"),
                str(tmp_path),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        for mode in ("file", "other-unicode")
    ]
    assert runs[0] == runs[1]
    size, text, *_ = json.loads(runs[0])
    assert size > 6000 and text.startswith("2024年，全年GDP增长5.2%，长度12km")
