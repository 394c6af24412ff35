"""The JSON report: the Report model, dumped in pieces.  Other tools read it; fields are stable.

At 10,000 documents latest.json is over 100 MB: it is written as it is made,
one finding (or document, group, timeline) at a time, never held as one
string.  Each piece is pydantic's own JSON of that model (pydantic-core writes
it without building Python dicts: twice as fast as model_dump plus orjson,
measured in bench/report_scale.py's notes), indented to where it sits, so the
file is byte for byte what `Report.model_dump_json(indent=2)` gives (a test
holds them equal).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import BaseModel

from checker.models import Report


def _nested(item: BaseModel, depth: int) -> str:
    return item.model_dump_json(indent=2).replace("\n", "\n" + "  " * depth)


def json_chunks(report: Report) -> Iterator[str]:
    """The report as indented JSON, in pieces."""
    yield "{"
    for i, name in enumerate(type(report).model_fields):
        yield ("," if i else "") + "\n  " + json.dumps(name) + ": "
        value = getattr(report, name)
        if isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value[:1]):
            yield "["
            for j, item in enumerate(value):
                yield ("," if j else "") + "\n    " + _nested(item, 2)
            yield "\n  ]"
        else:
            whole = report.model_dump_json(indent=2, include={name})
            # {"name": value} → value, indented as it is.
            yield whole[whole.index(":") + 2 : whole.rindex("}")].rstrip()
    yield "\n}\n"


def render_json(report: Report) -> str:
    """The report as indented JSON."""
    return "".join(json_chunks(report))
