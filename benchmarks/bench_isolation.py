"""How long one call of a student's function takes outside the kernel (autograder/isolation.py):
the request and the result go over pipes as plain data, through the sandbox when it is on.

    python benchmarks/bench_isolation.py [--calls 200]

Prints the median milliseconds per call for a number and for a dictionary of six 3 x 3 arrays
(what the optimizers' checks pass), and the start of the student's process; asserts nothing.

Measured 2026-12-02 on the 2-core development machine, sandbox on (medians of 200): 0.2 ms a number,
2.9 ms a dictionary of six arrays (it also comes back, in case the function changed it in place);
11 and 13 ms when each message went through five files; the process starts in 0.2 s.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from autograder.isolation import StudentProcess


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    student = StudentProcess(
        "import numpy as np",
        ["def same(x):\n    return x\n", "def doubled(d):\n    return {k: v * 2 for k, v in d.items()}\n"],
    )
    try:
        start = time.perf_counter()
        student.start()
        print(f"student process started in {time.perf_counter() - start:.2f} s")
        arrays = {f"W{i}": np.ones((3, 3)) for i in range(6)}
        for label, name, argument in (("a number", "same", 1.0), ("six 3 x 3 arrays", "doubled", arrays)):
            seconds = []
            for _ in range(args.calls):
                begin = time.perf_counter()
                student.call(name, (argument,), {})
                seconds.append(time.perf_counter() - begin)
            print(
                f"{label:18s} median {1000 * statistics.median(seconds):.2f} ms a call, "
                f"95th percentile {1000 * sorted(seconds)[int(0.95 * len(seconds))]:.2f} ms"
            )
    finally:
        student.close()


if __name__ == "__main__":
    main()
