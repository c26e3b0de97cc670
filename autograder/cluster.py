"""Running grading tasks: on a Dask cluster (local by default), or one after the other.

With no scheduler address, a ``LocalCluster`` of one worker process per core; with
``scheduler="tcp://HOST:8786"`` (or $DASK_SCHEDULER), the workers of an existing cluster
started with ``dask scheduler`` / ``dask worker``. A worker that dies mid-task has its task
re-run on another one; a task that keeps killing workers ends as ``KilledWorker`` after Dask's
``allowed-failures`` tries, and the batch goes on.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Sequence


def run_tasks(function: Callable, arguments: Sequence[tuple], workers: int | None = None, scheduler: str | None = None,
              progress: bool = True, on_result: Callable[[int, Any], None] | None = None) -> list[Any]:
    """``function(*args)`` for every args, in order; an exception is returned, not raised.

    ``on_result(i, result)`` is called in this process as each task finishes, so that what is done
    is kept even if this process is stopped before the batch ends.
    """
    def done(i: int, result: Any) -> Any:
        bar.update(1)
        if on_result is not None:
            on_result(i, result)
        return result

    from tqdm.auto import tqdm

    if not arguments:
        return []
    scheduler = scheduler or os.environ.get("DASK_SCHEDULER") or None
    bar = tqdm(total=len(arguments), desc="grading", unit="submission", disable=not progress)
    try:
        if workers == 0 and not scheduler:
            return [done(i, _settle(lambda: function(*args))) for i, args in enumerate(arguments)]
        return _on_dask(function, arguments, workers, scheduler, done)
    finally:
        bar.close()


def _settle(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except Exception as error:  # a task that failed is a result too: the batch goes on
        return error


def _on_dask(function: Callable, arguments: Sequence[tuple], workers: int | None, scheduler: str | None,
             done: Callable[[int, Any], Any]) -> list[Any]:
    import dask
    from distributed import Client, LocalCluster, as_completed

    with dask.config.set({"distributed.scheduler.allowed-failures": 2, "distributed.logging.distributed": "error"}):
        if scheduler:
            cluster, client = None, Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   memory_limit=0, dashboard_address=":0", silence_logs=40)
            client = Client(cluster)
        try:
            futures = [client.submit(function, *args, pure=False, retries=1) for args in arguments]
            index = {future.key: i for i, future in enumerate(futures)}
            results: list[Any] = [None] * len(futures)
            for future in as_completed(futures):
                i = index[future.key]
                results[i] = done(i, _settle(future.result))
            return results
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
