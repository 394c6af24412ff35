"""latest.json's pieces kept from one run to the next of a process (models/reuse.py, KeptJson).

Each test makes "runs" as the evaluation makes them (findings copied, then their status set by tracking
and their related evidence by settling; groups of units carried over the same objects; summaries and
timelines rebuilt) and holds the JSON written with the kept pieces to `Report.model_dump_json()`.
"""

from __future__ import annotations

import gc
from types import SimpleNamespace

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError, computed_field
from report_samples import ref, sample_report

from checker.models import (
    DocumentSummary,
    Finding,
    Group,
    Modality,
    Period,
    Related,
    Report,
    Severity,
    Timeline,
    TimelinePoint,
)
from checker.models.reportjson import KeptJson, ReportJson
from checker.models.reuse import Recent, Shape, shape_of
from checker.rules.engine import settle
from checker.tracking import Previous, track

# The models of a report's lists: each must be kept, by a key over every one of its fields.
LISTED = (DocumentSummary, Group, Finding, Timeline)


def _point(path: str, value: float, line: int = 4) -> TimelinePoint:
    return TimelinePoint(
        value=value, unit="km", text=f"{value:g}公里", period=Period(), modality=Modality.REPORTED,
        path=path, line=line,
    )  # fmt: skip


def _report() -> Report:
    report = sample_report()
    points = [_point("docs/a.txt", 660), _point("docs/b.txt", 680, 9)]
    report.timelines = [Timeline(subject="新增建成铁路里程", unit="km", documents=2, points=points)]
    return report


def _next_run(report: Report) -> Report:
    """The next run's report as the evaluation makes it: what it carries over, what it makes again."""
    return report.model_copy(
        update={
            "findings": [f.model_copy() for f in report.findings],
            "groups": list(report.groups),
            "documents": [d.model_copy() for d in report.documents],
            "timelines": [t.model_copy(update={"points": list(t.points)}) for t in report.timelines],
        }
    )


def _written(report: Report, kept: KeptJson) -> bytes:
    made = ReportJson(report, kept)
    data = b"".join(made.file())
    assert data == report.model_dump_json().encode("utf-8") + b"\n"
    return data


@pytest.mark.parametrize("cls", LISTED, ids=lambda c: c.__name__)
def test_every_listed_model_is_kept_by_a_key_over_all_its_fields(cls: type) -> None:
    shape = shape_of(cls)
    assert shape is not None, f"{cls.__name__} would be serialised again every run"
    assert shape.fields == set(cls.model_fields)


def test_a_float_extra_or_computed_field_leaves_a_model_unkept() -> None:
    # 0.0 and -0.0 are equal keys and print apart; extra fields are in the JSON and in no key.
    class Figure(BaseModel):
        value: float

    class Open(BaseModel):
        model_config = ConfigDict(extra="allow")
        name: str

    class Derived(BaseModel):
        name: str

        @computed_field  # type: ignore[prop-decorator]
        @property
        def shown(self) -> str:
            return self.name.upper()

    assert shape_of(Figure) is None and shape_of(Open) is None and shape_of(Derived) is None
    kept = KeptJson()
    assert kept.json(Figure(value=-0.0)) == b'{"value":-0.0}'
    assert kept.json(Figure(value=0.0)) == b'{"value":0.0}'


def test_unchanged_models_are_not_serialised_again_and_changed_ones_are() -> None:
    kept = KeptJson()
    first = _report()
    _written(first, kept)
    second = _next_run(first)
    _written(second, kept)
    # The same bytes object: taken from the last run, not made again.
    assert kept.json(second.findings[2]) is kept.json(first.findings[2])
    assert kept.json(second.groups[0]) is kept.json(first.groups[0])
    assert kept.json(second.timelines[0]) is kept.json(first.timelines[0])
    assert kept.json(second.documents[1]) is kept.json(first.documents[1])


def test_statuses_set_by_tracking_show_in_the_next_runs_json() -> None:
    kept = KeptJson()
    first = _report()
    _written(first, kept)
    second = _next_run(first)
    track(
        second.findings, Previous.of(first.findings), lambda f: "ok" if f.fingerprint.endswith("3") else None
    )
    assert [f.status for f in second.findings if not f.passed] == [
        "persisting",
        "persisting",
        "accepted",
        "new",
    ]
    assert b'"status":"accepted","accepted_reason":"ok"' in _written(second, kept)
    third = _next_run(second)
    track(third.findings, Previous.of(second.findings))
    _written(third, kept)


def test_related_evidence_set_by_settling_shows_in_the_next_runs_json() -> None:
    kept = KeptJson()
    first = _report()
    _written(first, kept)
    second = _next_run(first)
    # A more specific rule's finding quoting the same claim as the railway conflict: settling folds the
    # conflict into it as related evidence, on a copy (the finding given is never changed).
    railway = second.findings[0]
    specific = railway.model_copy(update={"rule": "growth", "fingerprint": "bbbb000000000001"})
    rules = [
        SimpleNamespace(id=rule, specificity=n, config=SimpleNamespace(enabled=True))
        for n, rule in enumerate(["agree", "sum", "growth"])
    ]
    second.findings = settle(rules, [specific, *second.findings[1:], railway])  # type: ignore[arg-type]
    (home,) = [f for f in second.findings if f.rule == "growth"]
    assert home.related and home.related[0].fingerprint == railway.fingerprint
    _written(second, kept)
    third = _next_run(second)
    third.findings[0].related = [*third.findings[0].related, Related(rule="sum", message="more")]
    assert b'"message":"more"' in _written(third, kept)


def test_a_group_replaced_or_changed_in_place_is_serialised_again() -> None:
    kept = KeptJson()
    first = _report()
    _written(first, kept)
    second = _next_run(first)
    tasks, railway = second.groups
    third_doc = ref("docs/d.txt", 3, "660公里", 660, "铁路里程660公里。")
    second.groups = [tasks, railway.model_copy(update={"claims": [*railway.claims, third_doc]})]
    assert b'"path":"docs/d.txt"' in _written(second, kept)
    third = _next_run(second)
    # A group is frozen (so the same object is the same JSON): a changed one is another object.
    with pytest.raises(ValidationError):
        third.groups[0].status = "disputed"
    group = third.groups[0]
    third.groups[0] = group.model_copy(
        update={"status": "disputed", "documents": [*group.documents, "docs/e.txt"]}
    )
    third.findings[1].claims[0] = third_doc  # a list of quotes changed in place: never its old bytes
    assert b'"status":"disputed"' in _written(third, kept)


def test_a_kept_piece_holds_its_quotes_so_no_new_quote_takes_their_place() -> None:
    # Were the quotes of a kept finding freed, a new quote could take one's id, and an equal key would then
    # give the old quote's bytes.  Made and dropped many times over, no finding is ever written stale.
    kept = KeptJson()

    def finding(value: int) -> Finding:
        claim = ref("docs/a.txt", 4, f"{value}公里", value, f"铁路里程{value}公里。")
        return Finding(rule="agree", severity=Severity.ERROR, message="m", claims=[claim], fingerprint="f")

    for value in range(300):
        f = finding(value)
        assert kept.json(f) == f.model_dump_json().encode("utf-8")
        del f
        gc.collect()
        if value % 10 == 0:
            kept.turn()


def test_pieces_no_run_used_since_the_last_are_forgotten() -> None:
    kept = KeptJson()
    first = _report()
    _written(first, kept)
    listed = len(first.documents) + len(first.groups) + len(first.findings) + len(first.resolved)
    listed += len(first.timelines) + len(first.errors)
    assert len(kept) == listed
    smaller = _next_run(first)
    smaller.findings, smaller.groups = smaller.findings[:1], []
    _written(smaller, kept)
    _written(_next_run(smaller), kept)
    assert len(kept) == listed - len(first.findings) + 1 - len(first.groups)


def test_payloads_are_written_as_the_model_writes_them(evil_report: Report) -> None:
    kept = KeptJson()
    _written(evil_report, kept)
    _written(_next_run(evil_report), kept)


def test_recent_keeps_what_the_last_turn_used() -> None:
    recent: Recent[str] = Recent()
    recent.put("a", "1")
    recent.put("b", "2")
    recent.turn()
    assert recent.get("a") == "1"
    recent.turn()  # "b" was not used by that run
    assert recent.get("b") is None and recent.get("a") == "1" and len(recent) == 1


def test_a_model_carried_as_the_same_object_is_written_without_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # Groups carried over, passed findings and timelines are the last run's objects: known by identity.
    kept = KeptJson()
    first = _report()
    _written(first, kept)
    second = first.model_copy()  # every list item the same object

    def no_key(self: object, model: BaseModel) -> None:
        raise AssertionError(f"a key made for the same {type(model).__name__}")

    monkeypatch.setattr(Shape, "key", no_key)
    _written(second, kept)


def test_a_same_object_with_a_field_assigned_since_is_serialised_again() -> None:
    kept = KeptJson()
    first = _report()
    _written(first, kept)
    second = first.model_copy()
    second.findings[0].status = "accepted"
    second.findings[0].accepted_reason = "checked by the desk"
    with pytest.raises(ValidationError):  # a summary is frozen: the same object is the same JSON
        second.documents[0].errors = ["unreadable"]
    second.documents[0] = second.documents[0].model_copy(update={"errors": ["unreadable"]})
    data = _written(second, kept)
    assert b'"accepted_reason":"checked by the desk"' in data and b'"errors":["unreadable"]' in data
