"""The JSON Schema of the JSON report, generated from the pydantic models.

docs/report.schema.json is this module's output, published for tools that read
latest.json; `make schema` regenerates it and a test fails when it is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from checker.models import Report

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def report_schema() -> dict[str, Any]:
    """The schema of `Report` as the JSON report writes it (serialization mode)."""
    schema = Report.model_json_schema(mode="serialization")
    schema["title"] = "checker report"
    return {"$schema": DIALECT, **schema}


def render_schema() -> str:
    """The schema as the text of docs/report.schema.json: stable key order, a final newline."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to the file named on the command line, or to stdout."""
    args = sys.argv[1:] if argv is None else argv
    text = render_schema()
    if args:
        from checker.report.writer import atomic_write

        atomic_write(Path(args[0]), text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
