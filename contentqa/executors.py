"""Executors: where the records of a batch go through the pipeline's steps (parse, detect, fix, ...).

Every executor hands the results back in input order; near-duplicates are then decided in order
by the pipeline, so the output is the same whichever executor ran and however many workers it
had. `InProcess` runs in this process; `ProcessPool` in `--workers` forked processes; `DaskCluster`
on a Dask cluster (`--executor dask`: a LocalCluster by default, or the scheduler at
`--scheduler ADDRESS`), in batches, with a bounded number of batches in flight so memory stays
flat. Dask is an optional extra (`pip install contentqa[dask]`).
"""

from __future__ import annotations

import itertools
from collections import deque
from typing import TYPE_CHECKING, Iterable, Iterator

from contentqa.config import Config
from contentqa.linter import Linter

if TYPE_CHECKING:
    from contentqa.pipeline import DocumentResult, Steps
    from contentqa.readers import Record, RecordError

WORKER_CHUNK = 16  # records sent to a pool worker at a time: enough to hide the hand-over, small enough to stream
DASK_BATCH = 64  # records in one Dask task
DASK_IN_FLIGHT_PER_WORKER = 2

_worker_linter: tuple[Config, Linter] | None = None  # each worker process builds its linter once


def worker_linter(config: Config) -> Linter:
    global _worker_linter
    if _worker_linter is None or _worker_linter[0] != config:
        _worker_linter = (config, Linter(config))
    return _worker_linter[1]


def examine_for_transfer(item: "Record | RecordError", config: Config, steps: "Steps") -> "DocumentResult | RecordError":
    """A record examined in a worker, its document's shared rule state dropped before it travels back."""
    from contentqa.pipeline import DocumentResult, examine_safely

    result = examine_safely(item, worker_linter(config), steps)
    if isinstance(result, DocumentResult):
        result.doc.cache.clear()
    return result


def examine_batch(items: list, config: Config, steps: "Steps") -> list:
    return [examine_for_transfer(item, config, steps) for item in items]


class InProcess:
    """Every record examined here, one after another."""

    def map(self, items: Iterable, linter: Linter, steps: "Steps") -> Iterator:
        from contentqa.pipeline import examine_safely

        for item in items:
            yield examine_safely(item, linter, steps)


class ProcessPool:
    """`workers` forked processes (spawned where fork is missing), results in input order."""

    def __init__(self, workers: int):
        self.workers = workers

    def map(self, items: Iterable, linter: Linter, steps: "Steps") -> Iterator:
        import multiprocessing

        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with context.Pool(self.workers, initializer=worker_linter, initargs=(linter.config,)) as pool:
            yield from pool.imap(_examine_in_pool, ((item, linter.config, steps) for item in items),
                                 chunksize=WORKER_CHUNK)


def _examine_in_pool(job: tuple) -> "DocumentResult | RecordError":
    return examine_for_transfer(*job)


class DaskCluster:
    """Batches of records as Dask tasks on a cluster; a LocalCluster of `workers` processes unless
    `scheduler` names a running one."""

    def __init__(self, workers: int = 2, scheduler: str | None = None):
        self.workers = workers
        self.scheduler = scheduler

    def map(self, items: Iterable, linter: Linter, steps: "Steps") -> Iterator:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise RuntimeError("the Dask executor needs Dask: pip install 'contentqa[dask]'") from None
        if self.scheduler:
            client, cluster = Client(self.scheduler), None
        else:
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        try:
            config = client.scatter(linter.config, broadcast=True)
            batches = iter(lambda it=iter(items): list(itertools.islice(it, DASK_BATCH)), [])
            limit = DASK_IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
            pending: deque = deque()
            for batch in batches:
                pending.append(client.submit(examine_batch, batch, config, steps, pure=False))
                if len(pending) >= limit:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def executor_for(name: str, workers: int, scheduler: str | None = None):
    """The executor a command line asks for: "local" (in-process or a pool) or "dask"."""
    if name == "dask":
        return DaskCluster(workers, scheduler)
    return ProcessPool(workers) if workers > 1 else InProcess()
