"""The grading kernel: IPython's kernel, started with a memory limit, whose builtins the student's
code cannot break.

A submission that allocates without bound then gets a ``MemoryError`` in its own cell instead of
taking the machine down. The limit is on address space (``RLIMIT_AS``), in MiB, from
``$GRADING_MEMORY_MB`` (0: no limit).

The notebook's code runs with a copy of the builtins (``keep_builtins``): ``import builtins`` in a
cell gives that copy, so a cell that replaces ``builtins.isinstance`` or ``AssertionError``
changes only what the notebook's own code sees, never the kernel's threads, which build every
message with them (once broken, a reply can be lost and a correct cell looks like a hung one, at
random). After every cell both the copy and the real builtins are put back as they were.
Whatever else a cell breaks, ``preprocessors.RecoveringExecute`` restarts the kernel, and only
that cell's function pays.

Started as ``python kernel.py -f CONNECTION_FILE`` by ``sandbox.launch_kernel``, inside the
sandbox or not: it imports nothing of the course.
"""

import builtins
import os
import resource
import types


def keep_builtins(shell) -> types.ModuleType:
    """Give ``shell``'s user namespace a copy of the builtins, and register a post-cell hook that
    restores the copy and the real builtins to what they are now. Returns the copy."""
    real = vars(builtins)
    saved = dict(real)
    own = types.ModuleType("builtins", builtins.__doc__)

    def import_(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "builtins" and level == 0:
            return own
        return saved["__import__"](name, globals, locals, fromlist, level)

    extra = {"__import__": import_, "get_ipython": shell.get_ipython}  # IPython adds get_ipython only during a cell

    def restore(*_args) -> None:
        for namespace, values in ((real, saved), (vars(own), {**saved, **extra})):
            for name, value in values.items():
                if namespace.get(name, restore) is not value:
                    namespace[name] = value

    restore()
    shell.user_ns["__builtins__"] = own
    shell.events.register("post_run_cell", restore)
    return own


if __name__ == "__main__":
    limit_mb = int(os.environ.get("GRADING_MEMORY_MB", "0"))
    if limit_mb > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 2**20, limit_mb * 2**20))
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize()
    keep_builtins(app.shell)
    app.start()
