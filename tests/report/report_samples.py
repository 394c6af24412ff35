"""A hand-built report with one of everything, optionally carrying script and template payloads."""

from __future__ import annotations

from datetime import UTC, datetime

from checker.models import (
    ClaimRef,
    DocumentSummary,
    Finding,
    Group,
    ReadError,
    Report,
    RunInfo,
    Severity,
    Summary,
)

SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{7*7}}"
PAYLOADS = (SCRIPT, ATTR, TEMPLATE)


def ref(
    path: str, line: int, text: str, value: float, sentence: str, unit: str = "km", **kw: object
) -> ClaimRef:
    return ClaimRef(
        path=path, line=line, column=3, text=text, value=value, unit=unit, sentence=sentence, **kw
    )  # type: ignore[arg-type]


def sample_report(payloads: bool = False) -> Report:
    """A run with one of everything: conflict, warning, accepted, persisting, passed, resolved, read error."""
    evil = f"{SCRIPT}{ATTR}{TEMPLATE}" if payloads else ""
    a, b, c = "docs/a.txt", f"docs/b{evil}.txt" if payloads else "docs/b.txt", "docs/c.txt"
    rail_a = ref(
        a, 4, "660公 里", 660, "长三角地区新增建成铁路里程660公里，杭温铁路建成通车。", role="camp 1"
    )
    rail_b = ref(b, 9, "680公里", 680, f"长三角地区新增建成铁路里程680公里{evil}。", role="camp 2")
    pile_a = ref(
        a,
        7,
        "7万个以上",
        70000,
        f"新建公共充电桩7万个以上{evil}，车桩比力争达到1.9以内。",
        unit="count",
        measure="个",
    )
    pile_c = ref(c, 2, "5万 个", 50000, "长三角地区新建公共充电桩5万个。", unit="count", measure="个")
    tasks_a = ref(a, 12, "165项", 165, "三年行动计划共165项重点任务。", unit="count", measure="项")
    tasks_c = ref(c, 5, "165 项", 165, "行动计划\n共有 165 项重点任务。", unit="count", measure="项")
    nosentence = ref(c, 8, "12项", 12, "", unit="count", measure="项")
    findings = [
        Finding(
            rule="agree",
            severity=Severity.ERROR,
            message=f"Reports disagree on 新增建成铁路里程: 660公里 vs 680公里{evil}.",
            claims=[rail_a, rail_b],
            fingerprint="aaaa000000000001",
            fact="railway",
            status="new",
        ),
        Finding(
            rule="agree",
            severity=Severity.ERROR,
            message=f"Reports disagree on 新建公共充电桩: 7万个以上 vs 5万个{evil}.",
            claims=[pile_a, pile_c],
            fingerprint="aaaa000000000002",
            fact="piles",
            status="persisting",
        ),
        Finding(
            rule="sum",
            severity=Severity.WARNING,
            message="Parts do not add up to the total: 12项.",
            claims=[nosentence],
            fingerprint="aaaa000000000003",
            fact="sum of parts",
            status="new",
        ),
        Finding(
            rule="agree",
            severity=Severity.ERROR,
            message="Reports disagree on 累计公共充电桩.",
            claims=[pile_c],
            fingerprint="aaaa000000000004",
            fact="total piles",
            status="accepted",
            accepted_reason=f"known misprint {evil}",
        ),
        Finding(
            rule="agree",
            severity=Severity.INFO,
            message="Reports agree on 重点任务: 165项.",
            claims=[tasks_a, tasks_c],
            fingerprint="aaaa000000000005",
            fact="tasks",
            passed=True,
        ),
    ]
    resolved = [
        Finding(
            rule="agree",
            severity=Severity.ERROR,
            message="Reports disagree on 跨省通办服务点位.",
            claims=[],
            fingerprint="aaaa000000000006",
            fact="points",
            status="persisting",
        )
    ]
    groups = [
        Group(
            key="tasks",
            subject="重点任务",
            unit="count",
            measure="项",
            status="corroborated",
            documents=[a, c],
            claims=[tasks_a, tasks_c],
        ),
        Group(
            key="railway",
            subject="新增建成铁路里程",
            unit="km",
            status="conflict",
            documents=[a, b],
            claims=[rail_a, rail_b],
        ),
    ]
    return Report(
        run=RunInfo(id=7, started=datetime(2024, 7, 1, 8, 0, tzinfo=UTC), paths=["docs"]),
        summary=Summary(
            documents=4,
            claims=7,
            groups=3,
            corroborated=1,
            conflicts=2,
            errors=2,
            warnings=1,
            checks_passed=1,
            new=2,
            persisting=1,
            resolved=1,
            accepted=1,
        ),
        documents=[
            DocumentSummary(path=a, claims=3, sha256="ab" * 32, encoding="utf-8"),
            DocumentSummary(path=b, claims=1, sha256="cd" * 32, encoding="gb18030"),
            DocumentSummary(path=c, claims=3, sha256="ef" * 32, encoding="utf-8"),
            DocumentSummary(path="docs/d.txt", errors=[f"empty file {evil}"]),
        ],
        groups=groups,
        findings=findings,
        resolved=resolved,
        errors=[ReadError(path="docs/d.txt", message=f"empty file {evil}")],
    )
