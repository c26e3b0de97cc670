"""The grading kernel: IPython's kernel, started with a memory limit and with builtins it keeps.

A submission that allocates without bound then gets a ``MemoryError`` in its own cell instead of
taking the machine down. The limit is on address space (``RLIMIT_AS``), in MiB, from
``$GRADING_MEMORY_MB`` (0: no limit).

After every cell the kernel puts back the builtins it started with: a cell that replaces
``builtins.isinstance`` or ``builtins.AssertionError`` would otherwise break the kernel itself
(its messages are built with them) or the tests that run after it. Whatever else a cell breaks,
``preprocessors.RecoveringExecute`` restarts the kernel, and only that cell's function pays.

Started as ``python kernel.py -f CONNECTION_FILE`` by ``sandbox.launch_kernel``, inside the
sandbox or not: it imports nothing of the course.
"""

import builtins
import os
import resource


def keep_builtins(shell) -> None:
    """Register a post-cell hook on ``shell`` that restores every builtin present now."""
    saved = dict(vars(builtins))
    current = vars(builtins)

    def restore(*_args) -> None:
        for name, value in saved.items():
            if current.get(name, restore) is not value:
                current[name] = value

    shell.events.register("post_run_cell", restore)


if __name__ == "__main__":
    limit_mb = int(os.environ.get("GRADING_MEMORY_MB", "0"))
    if limit_mb > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 2**20, limit_mb * 2**20))
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize()
    keep_builtins(app.shell)
    app.start()
