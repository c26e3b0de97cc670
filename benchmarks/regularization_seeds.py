"""The Regularization notebook's four models over several seeds: the ranges its table states.

    python benchmarks/regularization_seeds.py [--seeds 0 1 2 3 4 5]

Each seed draws its own split, initialization and dropout masks, exactly as the notebook does
with seed 3, using the notebook's reference solutions: no regularization (its costs measured every
10 steps, as the notebook does), L2, dropout, and early stopping on the first run's dev costs. As in
the notebook, the dev set chooses (the highest dev accuracy, a tie to the first) and only the model
chosen is measured on the test set. Prints one row per seed and model, then the mean, minimum and
maximum of each accuracy; nothing is asserted (the notebook's own run is, in
tests/notebooks/test_sources.py). About 20 s per seed on 2 cores.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the repository root, where tests.support is

from course_utils.data import load_dataset  # noqa: E402
from course_utils.network import accuracy, compute_cost, model_forward  # noqa: E402
from course_utils.train import Regularizers, TrainConfig, TrainState, train_model, train_steps  # noqa: E402
from tests.support.reference import reference_solutions  # noqa: E402

# as in the notebook
LAYERS_DIMS, LEARNING_RATE, ITERATIONS, LAMBD, KEEP_PROB = [2, 40, 20, 1], 0.3, 15_000, 0.7, 0.7
EVERY, PATIENCE = 10, 10
MODELS = ("no regularization", f"L2 {LAMBD}", f"dropout {KEEP_PROB}", f"early stopping {PATIENCE}")


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
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in MODELS}
    chosen: list[tuple[int, str, float, float]] = []  # seed, model, dev, test
    stops: list[tuple[int, int, float, float]] = []  # epoch kept, steps trained, training cost then and at the end
    print(f"{'seed':>4s}  {'model':22s} {'train':>6s} {'dev':>6s}")
    for seed in args.seeds:
        (X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test) = ref["split_train_dev_test"](
            X, Y, 0.3, 0.3, np.random.default_rng(seed)
        )
        # no regularization, measured every EVERY steps; early stopping keeps one of its checkpoints
        state = TrainState(parameters=he(LAYERS_DIMS, np.random.default_rng(seed)))
        checkpoints, train_costs, dev_costs = [], [], []
        for _ in range(ITERATIONS // EVERY):
            state = train_steps(state, X_train, Y_train, EVERY, TrainConfig(learning_rate=LEARNING_RATE))
            checkpoints.append(state.parameters)
            train_costs.append(compute_cost(model_forward(X_train, state.parameters)[0], Y_train))
            dev_costs.append(compute_cost(model_forward(X_dev, state.parameters)[0], Y_dev))
        kept = ref["early_stopping_epoch"](dev_costs, PATIENCE)
        stops.append((kept, (kept + 1 + PATIENCE) * EVERY, train_costs[kept], train_costs[-1]))
        trained = {MODELS[0]: state.parameters, MODELS[3]: checkpoints[kept]}
        for name, (lambd, keep_prob) in zip(MODELS[1:3], ((LAMBD, 1.0), (0.0, KEEP_PROB))):
            config = regularizers.config(lambd, keep_prob, learning_rate=LEARNING_RATE, seed=seed)
            trained[name], _ = train_model(
                X_train,
                Y_train,
                he(LAYERS_DIMS, np.random.default_rng(seed)),
                num_iterations=ITERATIONS,
                config=config,
                progress=False,
            )
        for name in MODELS:
            row = (accuracy(X_train, Y_train, trained[name]), accuracy(X_dev, Y_dev, trained[name]))
            found[name].append(row)
            print(f"{seed:4d}  {name:22s} " + " ".join(f"{v:6.1%}" for v in row), flush=True)
        best = max(MODELS, key=lambda name: found[name][-1][1])  # the first of the highest dev accuracies
        chosen.append((seed, best, found[best][-1][1], accuracy(X_test, Y_test, trained[best])))
        print(
            f"      chosen on dev: {best}, test {chosen[-1][3]:.1%}; early stopping kept epoch {kept} ({stops[-1][1]} steps)"
        )
    print(f"\n{'model':22s} {'':5s} {'train':>6s} {'dev':>6s}")
    for name, rows in found.items():
        values = np.array(rows)
        for label, row in (("mean", values.mean(0)), ("min", values.min(0)), ("max", values.max(0))):
            print(f"{name:22s} {label:5s} " + " ".join(f"{v:6.1%}" for v in row))
    print(
        "\nchosen on the dev set:",
        ", ".join(f"seed {s}: {name} (dev {dev:.1%}, test {test:.1%})" for s, name, dev, test in chosen),
    )
    tests = [test for *_, test in chosen]
    print(f"the chosen model's test accuracy: {min(tests):.1%} to {max(tests):.1%}")
    none = [dev for _, dev in found[MODELS[0]]]
    for name in MODELS[1:]:
        gains = [dev - base for (_, dev), base in zip(found[name], none)]
        print(
            f"{name}: dev accuracy above no regularization's for {sum(g > 0 for g in gains)} of {len(gains)} seeds "
            f"(by {min(gains):+.1%} to {max(gains):+.1%})"
        )
    kept_epochs, steps, at_stop, at_end = zip(*stops)
    print(
        f"early stopping: epochs {min(kept_epochs)} to {max(kept_epochs)} kept, training stopped after {min(steps)} to "
        f"{max(steps)} steps; training cost {min(at_stop):.2f} to {max(at_stop):.2f} there, {min(at_end):.2f} to "
        f"{max(at_end):.2f} after {ITERATIONS:,}"
    )


if __name__ == "__main__":
    main()
