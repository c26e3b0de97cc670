"""The grading kernel: IPython's kernel, started with a memory limit.

A submission that allocates without bound then gets a ``MemoryError`` in its own cell instead of
taking the machine down. The limit is on address space (``RLIMIT_AS``), in MiB, from
``$GRADING_MEMORY_MB`` (0: no limit). Started as ``python kernel.py -f CONNECTION_FILE`` by
``sandbox.launch_kernel``, inside the sandbox or not: it imports nothing of the course.
"""

import os
import resource

if __name__ == "__main__":
    limit_mb = int(os.environ.get("GRADING_MEMORY_MB", "0"))
    if limit_mb > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 2**20, limit_mb * 2**20))
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
