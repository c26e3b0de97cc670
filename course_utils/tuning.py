"""What a hyperparameter search needs besides the student's sampling and search functions: a task
to score configurations on (a fixed train / dev / test split of a real dataset), a grid search to
compare with, and the plot of the trials.

The student writes ``random_search(train_and_evaluate, space, n_trials, rng)`` and
``refine_space(trials, space, top_k)`` (the Tuning and Batch Norm notebook); here a configuration is
a dict such as ``{"learning_rate": 0.3, "lambd": 2.0}`` and a trial ``{"config": ..., "score": ...}``,
best first. The test set is scored only by ``SearchTask.test_score``, once, after the search.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .data import load_dataset
from .network import Parameters, accuracy
from .train import TrainConfig, train_run

Array = np.ndarray
Trial = dict  # {"config": {name: value}, "score": float}


@dataclass(frozen=True)
class SearchTask:
    """Train a network from a fixed start (``initialize(layer_dims, rng)``, the notebook's He
    initialization, seeded with ``seed``) with a configuration's ``learning_rate`` and ``lambd`` (L2
    strength, 0 if absent) for ``iterations`` steps of gradient descent; score it on the dev set.
    Calling the task is ``train_and_evaluate``."""

    X_train: Array
    Y_train: Array
    X_dev: Array
    Y_dev: Array
    X_test: Array
    Y_test: Array
    layer_dims: tuple[int, ...]
    initialize: Callable[[list, np.random.Generator], Parameters]
    iterations: int = 300
    seed: int = 1
    calls: list = field(default_factory=list, compare=False)  # every configuration trained, in order

    def train(self, config: Mapping[str, float]) -> Parameters:
        settings = TrainConfig(
            learning_rate=float(config["learning_rate"]), l2=float(config.get("lambd", 0.0)), seed=self.seed
        )
        start = self.initialize(list(self.layer_dims), np.random.default_rng(self.seed))
        return train_run(
            self.X_train, self.Y_train, start, num_iterations=self.iterations, config=settings, progress=False
        ).parameters

    def __call__(self, config: Mapping[str, float]) -> float:
        self.calls.append(dict(config))
        return self._accuracy(self.X_dev, self.Y_dev, config)

    def test_score(self, config: Mapping[str, float]) -> float:
        """The test accuracy of ``config``: report it once, for the configuration the search chose."""
        return self._accuracy(self.X_test, self.Y_test, config)

    def _accuracy(self, X: Array, Y: Array, config: Mapping[str, float]) -> float:
        parameters = self.train(config)
        with np.errstate(over="ignore", invalid="ignore"):  # a diverged run scores what it scores, without warnings
            return accuracy(X, Y, parameters)


def digits_parity_task(
    initialize: Callable[[list, np.random.Generator], Parameters],
    dev_fraction: float = 0.25,
    hidden: Sequence[int] = (32, 16),
    iterations: int = 300,
    seed: int = 1,
) -> SearchTask:
    """scikit-learn's handwritten digits (8 x 8 pixels, bundled with it), labelled odd (1) or even (0):
    its test split from ``load_dataset("digits")``, and the training split cut once more into train
    and dev (``dev_fraction`` of it, one seeded permutation)."""
    digits = load_dataset("digits")
    m = digits.n_train
    order = np.random.default_rng(seed).permutation(m)
    n_dev = int(round(dev_fraction * m))
    dev, train = order[:n_dev], order[n_dev:]
    odd = lambda labels: (labels % 2 == 1).astype(int)  # noqa: E731
    return SearchTask(
        digits.X_train[:, train],
        odd(digits.Y_train[:, train]),
        digits.X_train[:, dev],
        odd(digits.Y_train[:, dev]),
        digits.X_test,
        odd(digits.Y_test),
        (digits.n_features, *hidden, 1),
        initialize,
        iterations,
        seed,
    )


def grid_search(train_and_evaluate: Callable[[dict], float], grid: Mapping[str, Sequence]) -> list[Trial]:
    """Every combination of the values in ``grid`` (``{name: [values]}``), evaluated; best first."""
    names = list(grid)
    trials = [
        {"config": dict(zip(names, values)), "score": float(train_and_evaluate(dict(zip(names, values))))}
        for values in itertools.product(*(grid[name] for name in names))
    ]
    return sorted(trials, key=lambda trial: trial["score"], reverse=True)


def log_grid(low: float, high: float, n: int) -> list[float]:
    """``n`` values evenly spaced on a log scale from ``low`` to ``high``."""
    return [float(v) for v in np.geomspace(low, high, n)]


def plot_trials(
    groups: Mapping[str, Sequence[Trial]], x: str = "learning_rate", y: str | None = None, ax: plt.Axes | None = None
) -> plt.Axes:
    """Dev score against hyperparameter ``x`` (log axis), one colour per group of trials ("coarse",
    "fine", "grid"...); with ``y``, the trials in the (x, y) plane instead, coloured by score."""
    ax = ax or plt.subplots(figsize=(6.5, 4))[1]
    markers = ("o", "^", "s", "D")
    for number, (label, trials) in enumerate(groups.items()):
        xs = [trial["config"][x] for trial in trials]
        if y is None:
            ax.scatter(xs, [trial["score"] for trial in trials], label=label, marker=markers[number % 4], alpha=0.8)
        else:
            points = ax.scatter(
                xs,
                [trial["config"][y] for trial in trials],
                c=[trial["score"] for trial in trials],
                cmap="viridis",
                marker=markers[number % 4],
                label=label,
                edgecolors="k",
                linewidths=0.3,
            )
    ax.set_xscale("log")
    ax.set_xlabel(x)
    if y is None:
        ax.set_ylabel("dev accuracy")
    else:
        ax.set_yscale("log")
        ax.set_ylabel(y)
        ax.figure.colorbar(points, ax=ax, label="dev accuracy")  # this figure, not pyplot's current one
    ax.legend(fontsize="small")
    return ax
