"""The playground's stories over seeds: what each preset gives for seeds 0-9 (min / median / max),
the ranges the Playground notebook states. The notebook itself runs seed 1 (the default).

    python benchmarks/playground_seeds.py [--seeds 10]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from course_utils.notebook_functions import course_functions
from course_utils.playground import PRESETS, Playground

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    seeds = range(parser.parse_args().seeds)
    functions = course_functions(NOTEBOOKS)
    for name, preset in PRESETS.items():
        print(f"\n{name} ({preset.epochs} epochs a run, seeds 0-{seeds[-1]}):")
        rows = {}
        for seed in seeds:
            playground = Playground(functions, **(preset.settings | {"seed": seed}))
            for number, changes in enumerate(preset.runs):
                playground.update(**(preset.settings | changes | {"seed": seed}))
                rows.setdefault(number, []).append(playground.train(preset.epochs))
        for number, changes in enumerate(preset.runs):
            label = ", ".join(f"{k}={v}" for k, v in changes.items()) or "the preset"
            figures = "  ".join(
                f"{key} {min(r[key] for r in rows[number]):.3f} / {np.median([r[key] for r in rows[number]]):.3f} / "
                f"{max(r[key] for r in rows[number]):.3f}"
                for key in ("train_cost", "test_cost", "train_accuracy", "test_accuracy")
            )
            print(f"  {label:<18} {figures}")
        if len(preset.runs) == 2:
            gaps = [[r["train_accuracy"] - r["test_accuracy"] for r in rows[n]] for n in (0, 1)]
            print(
                f"  train - test accuracy: {np.median(gaps[0]):.3f} then {np.median(gaps[1]):.3f} (medians); "
                f"test cost lower in the second run for {sum(b['test_cost'] < a['test_cost'] for a, b in zip(rows[0], rows[1]))} of {len(seeds)} seeds"
            )


if __name__ == "__main__":
    main()
