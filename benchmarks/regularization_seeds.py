"""The Regularization notebook's three models over several seeds: the ranges its table states.

    python benchmarks/regularization_seeds.py [--seeds 0 1 2 3 4 5]

Each seed draws its own split, initialization and dropout masks, exactly as the notebook does
with seed 3, using the notebook's reference solutions. Prints one row per seed and model, then
the mean, minimum and maximum of each accuracy; nothing is asserted (the notebook's own run is,
in tests/notebooks/test_sources.py). About 20 s per seed on 2 cores.
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
from course_utils.train import Regularizers, train_model  # noqa: E402
from tests.support.reference import reference_solutions  # noqa: E402

# as in the notebook
LAYERS_DIMS, LEARNING_RATE, ITERATIONS, LAMBD, KEEP_PROB = [2, 40, 20, 1], 0.3, 15_000, 0.7, 0.7


def he(layers_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    return {
        key: value
        for l in range(1, len(layers_dims))
        for key, value in (
            (f"W{l}", rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(2 / layers_dims[l - 1])),
            (f"b{l}", np.zeros((layers_dims[l], 1))),
        )
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(6)))
    args = parser.parse_args()
    ref = reference_solutions("Regularization")
    regularizers = Regularizers(
        ref["compute_cost_with_regularization"],
        ref["backward_propagation_with_regularization"],
        ref["forward_propagation_with_dropout"],
        ref["backward_propagation_with_dropout"],
    )
    football = load_dataset("football")
    X, Y = np.hstack([football.X_train, football.X_test]), np.hstack([football.Y_train, football.Y_test])
    models = {"no regularization": (0.0, 1.0), f"L2 {LAMBD}": (LAMBD, 1.0), f"dropout {KEEP_PROB}": (0.0, KEEP_PROB)}
    found: dict[str, list[tuple[float, float, float]]] = {name: [] for name in models}
    print(f"{'seed':>4s}  {'model':18s} {'train':>6s} {'dev':>6s} {'test':>6s}")
    for seed in args.seeds:
        (X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test) = ref["split_train_dev_test"](
            X, Y, 0.3, 0.3, np.random.default_rng(seed)
        )
        for name, (lambd, keep_prob) in models.items():
            config = regularizers.config(lambd, keep_prob, learning_rate=LEARNING_RATE, seed=seed)
            parameters, _ = train_model(
                X_train,
                Y_train,
                he(LAYERS_DIMS, np.random.default_rng(seed)),
                num_iterations=ITERATIONS,
                config=config,
                progress=False,
            )
            row = (
                accuracy(X_train, Y_train, parameters),
                accuracy(X_dev, Y_dev, parameters),
                accuracy(X_test, Y_test, parameters),
            )
            found[name].append(row)
            print(f"{seed:4d}  {name:18s} " + " ".join(f"{v:6.1%}" for v in row), flush=True)
    print(f"\n{'model':18s} {'':5s} {'train':>6s} {'dev':>6s} {'test':>6s}")
    for name, rows in found.items():
        values = np.array(rows)
        for label, row in (("mean", values.mean(0)), ("min", values.min(0)), ("max", values.max(0))):
            print(f"{name:18s} {label:5s} " + " ".join(f"{v:6.1%}" for v in row))
    better = sum(
        all(found[name][i][2] > found["no regularization"][i][2] for name in list(models)[1:])
        for i in range(len(args.seeds))
    )
    print(f"\nboth regularizers beat no regularization on the test set for {better} of {len(args.seeds)} seeds")


if __name__ == "__main__":
    main()
