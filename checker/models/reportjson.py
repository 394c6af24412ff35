"""A report's JSON, made once for every place that keeps it.

latest.json and the run's record in the store hold the same report: at 10,000
documents some 110 MB of JSON, and serialising it twice (indented for the file,
compact for the store) was 3.7 s of every run.  So it is made once, compact,
in pieces (one model of a list at a time, never the whole as one string): the
reports write them as they come, a megabyte at a time, the store's blob is
compressed from the same blocks on the way, and the findings that did not pass are noted with their JSON
for rows of their own (what the next run tracks, checker/tracking.py).  The
bytes are what `Report.model_dump_json()` gives; a test holds them equal.

The compression runs in a thread beside the serialisation (zstd lets go of
the GIL): done in line, it added half a second at 10,000 documents to the
time before latest.json appears, which is what a watcher of the reports waits.

A process that makes many runs keeps the JSON of the last run's models
(`KeptJson`): after one edit most groups, findings and timelines are the last
run's, or equal to them, and serialising them again was most of a second of
each run at 10,000 documents.  A model is known by identity when it is the last
run's object unchanged, else by its key (models/reuse.py), which never names
another model's bytes.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterator

from pydantic import BaseModel

from checker.models.findings import Finding
from checker.models.report import Report
from checker.models.reuse import Recent, Same, shape_of
from checker.packing import Packer

# (run_id, fingerprint, rule, severity, data, ord): a finding as a row of the store.
FindingRow = tuple[int, str, str, str, str, int]
BLOCK = 1 << 20  # bytes of JSON handed to the compressing thread at a time


class ReportJson:
    """One report's compact JSON, its compressed blob and its open findings' rows, from one serialisation."""

    def __init__(self, report: Report, kept: KeptJson | None = None) -> None:
        self.report = report
        self.kept = kept
        self._blob: _Compressor | None = None
        self._open: list[tuple[int, Finding, bytes]] = []

    def pieces(self) -> Generator[bytes, None, None]:
        """The JSON in blocks of about a megabyte; read to the end, the blob and the rows are ready as well.

        Blocks, not the models' pieces: each write of a piece let the compressing thread take the GIL, and
        the writer waited for it back (latest.json took 0.35 s to write at 10,000 documents, 0.07 s alone).
        """
        self._blob, self._open = None, []
        packer = _Compressor()
        block: list[bytes] = []
        size = 0
        try:
            for piece in json_pieces(self.report, self._open, self.kept):
                block.append(piece)
                size += len(piece)
                if size >= BLOCK:
                    joined = b"".join(block)
                    packer.put(joined)
                    yield joined
                    block, size = [], 0
            joined = b"".join(block)
            packer.put(joined)
            yield joined
            self._blob = packer
        finally:
            packer.put(None)  # read to the end or not, the thread stops

    def json(self, model: BaseModel) -> bytes:
        """A model's compact JSON (as `model_dump_json`): the report's own piece where the process keeps them."""
        return (
            self.kept.peek(model) if self.kept is not None else model.__pydantic_serializer__.to_json(model)
        )

    def file(self) -> Iterator[bytes]:
        """The pieces of latest.json: the JSON and a final line break."""
        yield from self.pieces()
        yield b"\n"

    def blob(self) -> bytes:
        """The JSON compressed (checker/packing.py), made now unless the pieces were read to the end already."""
        if self._blob is None:
            for _ in self.pieces():
                pass
        assert self._blob is not None
        return self._blob.result()

    def rows(self, run_id: int) -> Iterator[FindingRow]:
        """A row for each finding that did not pass, with its place in the report."""
        self.blob()
        for place, f, data in self._open:
            yield (run_id, f.fingerprint, f.rule, f.severity.value, data.decode("utf-8"), place)


def json_pieces(
    report: Report, noted: list[tuple[int, Finding, bytes]] | None = None, kept: KeptJson | None = None
) -> Iterator[bytes]:
    """The report's compact JSON, one model of a list at a time.

    With `noted`, each finding that did not pass is added to it with its place and its JSON.
    With `kept`, the JSON of models the last run serialised is taken from there, and this run's kept.
    """
    for i, name in enumerate(type(report).model_fields):
        value = getattr(report, name)
        yield (b"{" if i == 0 else b",") + b'"' + name.encode() + b'":'
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for j, item in enumerate(value):
                data = item.__pydantic_serializer__.to_json(item) if kept is None else kept.json(item)
                if (
                    noted is not None and name == "findings" and not item.passed
                ):  # not `resolved`: the last run's
                    noted.append((j, item, data))
                yield b"," if j else b"["
                yield data  # not joined to its comma: a copy of every piece, 110 MB at 10,000 documents
            yield b"]"
        else:
            whole = report.__pydantic_serializer__.to_json(report, include={name})
            yield whole[len(name) + 4 : -1]  # {"name":value} -> value
    if kept is not None:
        kept.turn()
    yield b"}"


def json_file(report: Report) -> Iterator[bytes]:
    """latest.json's pieces when nothing is stored beside it (`checker report`): the JSON, a line break."""
    yield from json_pieces(report)
    yield b"\n"


class KeptJson:
    """The JSON of the models of a process's last run (and of this one), by their keys (models/reuse.py)."""

    def __init__(self) -> None:
        # Bytes, with the models their key names by identity (held: no other model can take their ids).
        self._kept: Recent[tuple[bytes, tuple[object, ...]]] = Recent()
        self._same: Same[bytes] = Same()  # the same bytes, by the model's identity: no key made

    def json(self, model: BaseModel) -> bytes:
        """`model`'s compact JSON, as the last run made it when it is the same object or its key is the same."""
        same = self._same.get(model)
        if same is not None:
            return same
        shape = shape_of(type(model))
        if shape is None:
            data = model.__pydantic_serializer__.to_json(model)
        else:
            key = shape.key(model)
            hit = self._kept.get(key)
            if hit is None:
                hit = (model.__pydantic_serializer__.to_json(model), shape.held(model))
                self._kept.put(key, hit)
            data = hit[0]
        self._same.put(model, data)
        return data

    def peek(self, model: BaseModel) -> bytes:
        """`model`'s compact JSON, kept if the last report's pieces hold it, else made now and not kept.

        For what reads a report after its pieces were made (the review page): it keeps nothing the report
        did not use.
        """
        same = self._same.peek(model)
        if same is not None:
            return same
        shape = shape_of(type(model))
        hit = self._kept.peek(shape.key(model)) if shape is not None else None
        return hit[0] if hit is not None else model.__pydantic_serializer__.to_json(model)

    def turn(self) -> None:
        """A report was made: what it did not use is forgotten (memory follows the last report)."""
        self._kept.turn()
        self._same.turn()

    def __len__(self) -> int:
        """Models whose pieces are kept (every model is kept by identity; those with a key by it too)."""
        return len(self._same)


class _Compressor:
    """The compression in a thread of its own, fed blocks of bytes; at most a few blocks wait, so memory stays flat."""

    def __init__(self) -> None:
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self._parts: list[bytes] = []
        self._failed: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="report-blob", daemon=True)
        self._thread.start()

    def put(self, block: bytes | None) -> None:
        """A block to compress; None: there are no more."""
        while self._thread.is_alive():  # a thread that failed takes nothing more: never wait on it
            try:
                self._queue.put(block, timeout=0.1)
                return
            except queue.Full:
                continue

    def result(self) -> bytes:
        self._thread.join()
        if self._failed is not None:
            raise self._failed  # never a blob with a part missing
        return b"".join(self._parts)

    def _run(self) -> None:
        try:
            z = Packer()
            while (block := self._queue.get()) is not None:
                self._parts.append(z.add(block))
            self._parts.append(z.finish())
        except BaseException as exc:  # handed to the thread that asks for the blob, raised there
            self._failed = exc
