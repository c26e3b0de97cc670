"""Where grading tasks run: this process, a local Dask cluster (the default), or a scheduler's workers.

With no scheduler address, a ``LocalCluster`` of one worker process per core; with
``scheduler="tcp://HOST:8786"`` (or $DASK_SCHEDULER), the workers of an existing cluster
started with ``dask scheduler`` / ``dask worker``; ``workers=0`` runs everything here, one task
after the other. A worker that dies mid-task has its task re-run on another one; a task that
keeps killing workers ends as ``KilledWorker`` after Dask's ``allowed-failures`` tries, and the
batch goes on. ``everywhere`` runs a function once on every worker (the check that a worker can
grade at all, before a batch).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from typing import Any, Callable, Sequence

HERE = "this machine (no Dask)"  # the one "worker" when grading without Dask


class Workers:
    """A context manager: the workers that grade, and two ways of giving them work."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None):
        self.scheduler = scheduler or os.environ.get("DASK_SCHEDULER") or None
        self.workers = workers
        self.client: Any = None
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> "Workers":
        if self.workers == 0 and not self.scheduler:
            return self
        import dask
        from distributed import Client, LocalCluster

        with self._stack as stack:
            stack.enter_context(
                dask.config.set(
                    {"distributed.scheduler.allowed-failures": 2, "distributed.logging.distributed": "error"}
                )
            )
            if self.scheduler:
                self.client = stack.enter_context(Client(self.scheduler))
            else:
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=self.workers or os.cpu_count() or 1,
                        threads_per_worker=1,
                        processes=True,
                        memory_limit=0,
                        dashboard_address=":0",
                        silence_logs=40,
                    )
                )
                self.client = stack.enter_context(Client(cluster))
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stack.close()

    def everywhere(self, function: Callable, arguments: Sequence[tuple]) -> dict[str, list[Any]]:
        """``function(*args)`` for every args, once on each worker there is now: results (an
        exception is returned, not raised) by worker address."""
        if self.client is None:
            return {HERE: [_settle(lambda args=args: function(*args)) for args in arguments]}
        # Out of Dask's task queue, in a thread of each worker (its event loop keeps answering).
        found = self.client.run(_in_a_thread, function, list(arguments), on_error="return")
        return {
            worker: result if isinstance(result, list) else [result] * len(arguments)
            for worker, result in found.items()
        }

    def map(
        self,
        function: Callable,
        arguments: Sequence[tuple],
        on_result: Callable[[int, Any], None] | None = None,
        progress: bool = True,
    ) -> list[Any]:
        """``function(*args)`` for every args, in order; an exception is returned, not raised.

        ``on_result(i, result)`` is called in this process as each task finishes, so that what is
        done is kept even if this process is stopped before the batch ends.
        """
        from tqdm.auto import tqdm

        if not arguments:
            return []
        results: list[Any] = [None] * len(arguments)
        with tqdm(total=len(arguments), desc="grading", unit="submission", disable=not progress) as bar:

            def done(i: int, result: Any) -> None:
                results[i] = result
                bar.update(1)
                if on_result is not None:
                    on_result(i, result)

            if self.client is None:
                for i, args in enumerate(arguments):
                    done(i, _settle(lambda args=args: function(*args)))
                return results
            from distributed import as_completed

            futures = [self.client.submit(function, *args, pure=False, retries=1) for args in arguments]
            index = {future.key: i for i, future in enumerate(futures)}
            for future in as_completed(futures):
                done(index[future.key], _settle(future.result))
        return results


def run_tasks(
    function: Callable,
    arguments: Sequence[tuple],
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    on_result: Callable[[int, Any], None] | None = None,
) -> list[Any]:
    """``Workers(workers, scheduler).map(function, arguments, on_result, progress)``, cluster started and stopped here."""
    if not arguments:
        return []
    with Workers(workers, scheduler) as pool:
        return pool.map(function, arguments, on_result, progress)


def _settle(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except Exception as error:  # a task that failed is a result too: the batch goes on
        return error


async def _in_a_thread(function: Callable, arguments: list[tuple]) -> list[Any]:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, lambda: [_settle(lambda args=args: function(*args)) for args in arguments])
