"""Where extraction runs: in this process, in a pool of processes, or on a Dask cluster.

Extraction is a pure function of a Document, so it can run anywhere that has
the same checker installed; the driver (sync) reads the files, decides what to
extract, and writes the results to the store itself.  An executor takes a
chunk of documents and hands back, for each in order, its Extraction or the
message of its ExtractError.  Workers report the extractor version they ran:
a worker with another checker installed is refused, since its claims would be
stored as if this version had made them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol

from checker.errors import CheckerError, ExtractError
from checker.models import Document, Extraction

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

ExecutorKind = Literal["auto", "serial", "processes", "dask"]
Outcome = Extraction | str  # the extraction, or why it failed
Pending = Callable[[], list[Outcome]]
# Documents per task sent to a worker: enough to hide the round trip, few enough to spread the work.
TASK_SIZE = 16


class ExecutorError(CheckerError):
    """Extraction workers cannot be started, reached or trusted."""


def extract_many(documents: list[Document]) -> tuple[str, list[Outcome]]:
    """Worker side: each document's extraction (or error message), and the extractor version used."""
    # The extractor is imported where it runs: settings (config) name an executor kind from this
    # module, and commands that never extract (report, rules, status) should not load it.
    from checker.extract import EXTRACTOR_VERSION, extract

    out: list[Outcome] = []
    for document in documents:
        try:
            out.append(extract(document))
        except ExtractError as exc:
            out.append(exc.problem)
    return EXTRACTOR_VERSION, out


def _checked(parts: Sequence[tuple[str, list[Outcome]]], where: str) -> list[Outcome]:
    from checker.extract import EXTRACTOR_VERSION

    outcomes: list[Outcome] = []
    for version, part in parts:
        if version != EXTRACTOR_VERSION:
            raise ExecutorError(
                f"a worker on {where} runs extractor {version}, this checker {EXTRACTOR_VERSION}: "
                "install the same checker version on the workers"
            )
        outcomes += part
    return outcomes


def _tasks(documents: Sequence[Document], size: int = TASK_SIZE) -> list[list[Document]]:
    return [list(documents[i : i + size]) for i in range(0, len(documents), size)]


class Executor(Protocol):
    """Extracts chunks of documents, possibly elsewhere, while the driver reads the next chunk."""

    batch: int  # documents the driver gathers before it submits them

    def submit(self, documents: Sequence[Document]) -> Pending:
        """Start extracting; the returned call waits for the outcomes, in the documents' order."""
        ...

    def rest(self) -> None:
        """A run's extractions are all in: let go of what only a large run needed."""
        ...

    def close(self) -> None:
        """Stop the workers this executor started."""
        ...


class SerialExecutor:
    """Extraction in this process, one document after another."""

    batch = 64

    def submit(self, documents: Sequence[Document]) -> Pending:
        outcomes = extract_many(list(documents))[1]
        return lambda: outcomes

    def rest(self) -> None:
        pass

    def close(self) -> None:
        pass


class AutoExecutor:
    """Extraction here, until a run has brought `after` full chunks: then in a pool of `jobs` processes.

    The default.  One document, an edit or a burst of a hundred is extracted at once, without the second
    or two that starting worker processes costs (spawned, each imports checker); a cold check of thousands
    goes to every core, while this process reads the next files and writes the store.  The pool is let go
    when the run's extractions are in: a watch service does not keep idle workers between runs.
    """

    def __init__(self, jobs: int, after: int = 4) -> None:
        self.jobs = jobs
        self.after = after
        self.serial = SerialExecutor()
        self.batch = self.serial.batch
        self._full = 0  # full chunks submitted in a row (a run's last chunk is seldom full)
        self._pool: ProcessExecutor | None = None

    def submit(self, documents: Sequence[Document]) -> Pending:
        self._full = self._full + 1 if len(documents) >= self.serial.batch else 0
        if self._pool is None and (self.jobs < 2 or self._full <= self.after):
            return self.serial.submit(documents)
        if self._pool is None:
            self._pool = ProcessExecutor(self.jobs)
            self.batch = self._pool.batch
        from concurrent.futures import BrokenExecutor  # loaded already, by the pool

        try:
            pending = self._pool.submit(documents)
        except (OSError, BrokenExecutor) as exc:
            return self._alone(documents, exc)

        def outcomes() -> list[Outcome]:
            try:
                return pending()
            except (OSError, BrokenExecutor) as exc:
                return self._alone(documents, exc)()

        return outcomes

    def _alone(self, documents: Sequence[Document], exc: BaseException) -> Pending:
        """Worker processes cannot run here (a sandbox, no /dev/shm): this run goes on in this process."""
        from checker.lazylog import logger

        logger.warning("extraction workers failed ({}); extracting in this process", exc)
        self.jobs = 1
        self.close()
        return self.serial.submit(documents)

    def rest(self) -> None:
        self._full = 0
        self.batch = self.serial.batch
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


class ProcessExecutor:
    """Extraction in a pool of `jobs` local processes (started on first use, kept until close)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.batch = max(64, jobs * 4 * TASK_SIZE)
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, documents: Sequence[Document]) -> Pending:
        if self._pool is None:
            # spawn, not fork: the watch service has threads (observer, scheduler) a fork would copy mid-step.
            # Imported here: a serial run (the default, and every one-document check) never needs them.
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context

            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=get_context("spawn"))
        futures = [self._pool.submit(extract_many, task) for task in _tasks(documents)]
        return lambda: _checked([f.result() for f in futures], "this machine")

    def rest(self) -> None:
        pass  # asked for by name: kept for the next run

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskExecutor:
    """Extraction on a Dask cluster: the scheduler at `address`, or a LocalCluster of `jobs` workers."""

    def __init__(self, address: str | None, jobs: int) -> None:
        self.address = address
        self.jobs = jobs
        self.batch = max(64, jobs * 4 * TASK_SIZE)
        self._client: Any = None
        self._cluster: Any = None

    def _connect(self) -> Any:
        from dask.distributed import Client, LocalCluster  # heavy: only when asked for

        try:
            if self.address is None:
                self._cluster = LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None
                )
                return Client(self._cluster)
            # How long to try is Dask's distributed.comm.timeouts.connect (DASK_* variables, dask config).
            client = Client(self.address)
        except (OSError, TimeoutError) as exc:
            where = self.address or "a local cluster"
            raise ExecutorError(
                f"cannot reach the Dask scheduler at {where}: {exc}; start it (`dask scheduler`) "
                "or leave out --dask-scheduler to start a local cluster"
            ) from exc
        workers = sum(client.nthreads().values())
        self.batch = max(self.batch, workers * 4 * TASK_SIZE)
        return client

    def submit(self, documents: Sequence[Document]) -> Pending:
        if self._client is None:
            self._client = self._connect()
        client = self._client
        futures = client.map(extract_many, _tasks(documents), pure=False)
        return lambda: _checked(client.gather(futures), self.address or "the local cluster")

    def rest(self) -> None:
        pass

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def worker_count(jobs: int | None) -> int:
    """How many worker processes `jobs` (None: as many as cores) means."""
    return jobs or os.cpu_count() or 1


def make_executor(kind: ExecutorKind, jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor the settings name; `jobs` defaults to the number of cores."""
    workers = worker_count(jobs)
    if kind == "processes":
        return ProcessExecutor(workers)
    if kind == "dask":
        return DaskExecutor(scheduler, workers)
    if kind == "auto":
        return AutoExecutor(workers)
    return SerialExecutor()
