"""The Initialization notebook's seed-dependent figures over several seeds: the ranges its text states.

    python benchmarks/initialization_seeds.py [--seeds 0 1 2 3 4 5 6 7]

Each seed draws its own weights (the 3-layer network on the circles, random x 10 and He) and its own
two-scale data for the normalization demo, exactly as the notebook does with seed 1 (the trainings)
and seed 0 (the demo), using the notebook's reference solutions. Prints one row per seed, then the
minimum and maximum of each figure; nothing is asserted (the notebook's own run is, in
tests/notebooks/test_sources.py). About 10 s per seed on 2 cores.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the repository root, where tests.support is

from course_utils.data import load_dataset  # noqa: E402
from course_utils.network import accuracy  # noqa: E402
from course_utils.normalization import Bowl, make_two_scales, steps_to_minimum  # noqa: E402
from course_utils.train import train_model  # noqa: E402
from tests.support.reference import reference_solutions  # noqa: E402

# as in the notebook
LAYERS_DIMS, M_DEMO, TOLERANCE = [2, 10, 5, 1], 200, 1e-6


def random_x10(ref: dict, X: np.ndarray, Y: np.ndarray, X_test: np.ndarray, Y_test: np.ndarray, seed: int) -> dict:
    start = ref["initialize_parameters_random"](LAYERS_DIMS, np.random.default_rng(seed))
    parameters, costs = train_model(X, Y, start)
    costs = np.asarray(costs)
    return {
        "first_cost": costs[0],
        "below_log2_at": int(np.argmax(costs < np.log(2))),
        "cost_at_1000": costs[1000],
        "last_cost": costs[-1],
        "weight_norm_kept": min(
            np.linalg.norm(parameters[f"W{l}"]) / np.linalg.norm(start[f"W{l}"]) for l in range(1, len(LAYERS_DIMS))
        ),
        "train": accuracy(X, Y, parameters),
        "test": accuracy(X_test, Y_test, parameters),
    }


def he(ref: dict, X: np.ndarray, Y: np.ndarray, X_test: np.ndarray, Y_test: np.ndarray, seed: int) -> dict:
    parameters, costs = train_model(X, Y, ref["initialize_parameters_he"](LAYERS_DIMS, np.random.default_rng(seed)))
    return {"last_cost": costs[-1], "train": accuracy(X, Y, parameters), "test": accuracy(X_test, Y_test, parameters)}


def bowls(ref: dict, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    (X, y), (X_other, _) = make_two_scales(M_DEMO, rng), make_two_scales(50, rng)
    raw, normalized = Bowl(X, y), Bowl(ref["normalize_inputs"](X, X_other)[0], y)
    found = {}
    for name, bowl in (("raw", raw), ("normalized", normalized)):
        found[f"{name}_condition"] = bowl.condition_number
        found[f"{name}_steps"] = steps_to_minimum(bowl, 1 / bowl.curvatures[-1], TOLERANCE)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(8)))
    args = parser.parse_args()
    ref = reference_solutions("Initialization")
    circles = load_dataset("circles")
    data = (circles.X_train, circles.Y_train, circles.X_test, circles.Y_test)
    rows: dict[str, list[dict]] = {"random x10": [], "He": [], "bowls": []}
    for seed in args.seeds:
        for name, run in (
            ("random x10", lambda: random_x10(ref, *data, seed)),
            ("He", lambda: he(ref, *data, seed)),
            ("bowls", lambda: bowls(ref, seed)),
        ):
            found = run()
            rows[name].append(found)
            print(f"seed {seed}  {name:10s} " + "  ".join(f"{k} {v:.4g}" for k, v in found.items()), flush=True)
    print()
    for name, found in rows.items():
        for key in found[0]:
            values = [row[key] for row in found]
            print(f"{name:10s} {key:18s} min {min(values):.4g}  max {max(values):.4g}")


if __name__ == "__main__":
    main()
