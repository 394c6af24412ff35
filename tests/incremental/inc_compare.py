"""What must be equal between a re-check of a kept store and a fresh check: findings and report JSON.

Only what depends on the store's history is left out: the run's id, times and counts of what was
extracted, each finding's status (new, persisting) and the findings resolved since the previous run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import run_checker

# Run fields that describe this run, not the corpus (ids, times, durations, extraction counts).
RUN_KEPT = ("paths",)
SUMMARY_HISTORY = ("new", "persisting", "resolved", "accepted")
FINDING_HISTORY = ("status", "accepted_reason")
PLACE = ("path", "line", "column", "end_line", "end_column", "text")

FindingKey = tuple[str, str, str, str, bool, str, tuple[tuple[Any, ...], ...]]


def cli_report(folder: Path, store: str, reports: str) -> dict[str, Any]:
    """`checker check corpus` with the folder's rules into `store` and `reports` (a real subprocess): its latest.json."""
    result = run_checker(
        "check", "corpus", "--store", store, "--reports", reports, "--rules", "rules",
        "--format", "concise", "--quiet", "--exit-zero", cwd=folder,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    return load(folder / reports / "latest.json")


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def finding_keys(report: dict[str, Any]) -> set[FindingKey]:
    """Each finding as fingerprint, code, rule, severity, passed, message and the places of its claims."""
    return {
        (
            f["fingerprint"],
            f["code"],
            f["rule"],
            f["severity"],
            f["passed"],
            f["message"],
            tuple(tuple(c.get(k) for k in PLACE) for c in f["claims"]),
        )
        for f in report["findings"]
    }


def normalized(report: dict[str, Any]) -> dict[str, Any]:
    """The report without what only the store's history decides."""
    out = dict(report)
    out["run"] = {k: v for k, v in report["run"].items() if k in RUN_KEPT}
    out["summary"] = {k: v for k, v in report["summary"].items() if k not in SUMMARY_HISTORY}
    out["findings"] = [{k: v for k, v in f.items() if k not in FINDING_HISTORY} for f in report["findings"]]
    out.pop("resolved", None)
    return out


def differences(a: Any, b: Any, where: str = "$", limit: int = 8) -> list[str]:
    """The first few places where two JSON values differ, as `$.findings[3].message: x != y`."""
    if type(a) is not type(b):
        return [f"{where}: {_short(a)} != {_short(b)}"]
    if isinstance(a, dict):
        out: list[str] = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{where}.{k}: only in {'the first' if k in a else 'the second'}")
            elif a[k] != b[k]:
                out += differences(a[k], b[k], f"{where}.{k}", limit)
            if len(out) >= limit:
                break
        return out[:limit]
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items != {len(b)} items"]
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                out += differences(x, y, f"{where}[{i}]", limit)
            if len(out) >= limit:
                break
        return out[:limit]
    return [] if a == b else [f"{where}: {_short(a)} != {_short(b)}"]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


def mismatch(kept: dict[str, Any], fresh: dict[str, Any]) -> str | None:
    """None when the re-check equals the fresh check, else what differs, findings first."""
    a, b = finding_keys(kept), finding_keys(fresh)
    lines = [f"only in the re-check: {_short(k)}" for k in sorted(a - b)[:5]]
    lines += [f"only in the fresh check: {_short(k)}" for k in sorted(b - a)[:5]]
    lines += differences(normalized(kept), normalized(fresh))
    return "\n".join(lines) or None
