"""How long an explorer takes to answer a slider move, with the notebooks' reference solutions.

    python benchmarks/bench_widgets.py [--moves 10]

The trajectory explorer (Optimization notebook) recomputes four optimizers' paths and redraws them
at every move: timed from the slider's new value to the PNG in the panel's image (the path a
move takes in the kernel: ``panel.Panel.update``, the drawing on a detached figure, the PNG), for
each surface and number of steps, over ``--moves`` learning rates. Target: under a second a move.
The training explorer's first run (1,000 epochs of Adam on the moons, its default) is timed too,
for the record: it retrains, so it answers in seconds, not at once. Prints its figures; asserts
nothing.

Measured 2026-12-02 on the 2-core development machine (about 3x slower than the one the first
notebooks' figures came from), 10 moves each, through the inline backend then: quadratic 300 /
1,000 / 3,000 steps, median 0.37 / 0.46 / 0.55 s, max 0.48 / 0.49 / 0.81 s; Rosenbrock median 0.30
/ 0.30 / 0.44 s, max 0.51 / 0.32 / 0.62 s (the four paths about 60% of it, drawing and PNG the
rest). The training explorer's first run: 2.2 s. The figures through the panel: run it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the repository root, where tests.support is

from course_utils.notebook_functions import EXPECTED_NOTEBOOK  # noqa: E402
from course_utils.widgets import OptimizationExplorer, TrajectoryExplorer  # noqa: E402
from tests.support.reference import given_functions  # noqa: E402


def main() -> None:
    os.environ["TQDM_DISABLE"] = "1"
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--moves", type=int, default=10)
    args = parser.parse_args()
    nb = given_functions("Optimization", {"initialize_parameters_he"})
    functions = {name: nb[name] for name, notebook in EXPECTED_NOTEBOOK.items() if notebook == "Optimization.ipynb"}

    explorer = TrajectoryExplorer(functions)
    explorer.widget()
    widgets = explorer.panel.widgets
    print("trajectory explorer: seconds from a slider's new value to the PNG in the panel (target: under 1 s)")
    for surface, rates in (
        ("quadratic", np.geomspace(0.01, 0.2, args.moves)),
        ("rosenbrock", np.geomspace(0.001, 0.05, args.moves)),
    ):
        for steps in (300, 1000, 3000):
            widgets["surface"].value, widgets["steps"].value = surface, steps
            seconds, sizes = [], []
            for rate in rates:
                shown = explorer.panel.shown
                start = time.perf_counter()
                widgets["learning_rate"].value = float(rate)  # what the slider's message does in the kernel
                seconds.append(time.perf_counter() - start)
                sizes.append(len(explorer.panel.image.value))
                assert explorer.panel.shown == shown + 1
            print(
                f"  {surface:10s} {steps:5d} steps: median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s, "
                f"PNG {statistics.median(sizes) / 1000:.0f} kB"
            )

    from course_utils.data import load_dataset

    moons = load_dataset("moons")
    training = OptimizationExplorer(
        functions, nb["initialize_parameters_he"], moons.X_train, moons.Y_train, moons.X_test, moons.Y_test
    )
    start = time.perf_counter()
    training.widget()
    print(
        f"training explorer: first run with its defaults ({training.settings['epochs']} epochs of "
        f"{training.settings['optimizer']}) {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
