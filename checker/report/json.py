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


def _nested(item: BaseModel, indent: bytes) -> bytes:
    # The serializer's own UTF-8 bytes: no str made from them only to be encoded again when written.
    return item.__pydantic_serializer__.to_json(item, indent=2).replace(b"\n", indent)


def json_chunks(report: Report) -> Iterator[bytes]:
    """The report as indented JSON (UTF-8), in pieces."""
    yield b"{"
    for i, name in enumerate(type(report).model_fields):
        yield (("," if i else "") + "\n  " + json.dumps(name) + ": ").encode("utf-8")
        value = getattr(report, name)
        if isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value[:1]):
            yield b"["
            indent = b"\n" + b"  " * 2
            for j, item in enumerate(value):
                yield (b",\n    " if j else b"\n    ") + _nested(item, indent)
            yield b"\n  ]"
        else:
            whole = report.model_dump_json(indent=2, include={name})
            # {"name": value} → value, indented as it is.
            yield whole[whole.index(":") + 2 : whole.rindex("}")].rstrip().encode("utf-8")
    yield b"\n}\n"


def render_json(report: Report) -> str:
    """The report as indented JSON."""
    return b"".join(json_chunks(report)).decode("utf-8")
