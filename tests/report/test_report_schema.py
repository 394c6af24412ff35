"""docs/report.schema.json is generated from the models and must not go stale."""

from __future__ import annotations

import json
from pathlib import Path

from checker.report.schema import render_schema, report_schema

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


def test_published_schema_is_current() -> None:
    assert PUBLISHED.is_file(), "docs/report.schema.json is missing: run `make schema`"
    assert PUBLISHED.read_text(encoding="utf-8") == render_schema(), (
        "docs/report.schema.json is stale (the report models changed): run `make schema` and commit it"
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    from jsonschema import Draft202012Validator

    schema = report_schema()
    Draft202012Validator.check_schema(schema)
    assert json.loads(PUBLISHED.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")
    assert {"run", "summary", "documents", "groups", "findings"} <= set(schema["required"])
