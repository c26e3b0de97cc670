"""The training loop, split so that a widget can run it in small chunks.

``train_steps(state, X, Y, n, config)`` is pure (a new state comes back, the old one is
untouched) and prints nothing; ``train_model`` wraps it in chunks with a progress bar. Whatever
a later notebook makes pluggable (the update rule today; L2, dropout, mini-batches, optimizers
later) is a field of ``TrainConfig``, so the notebooks, the widgets and the tests share one loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from .network import Parameters, compute_cost, gradient_descent_update, model_backward, model_forward

Array = np.ndarray
UpdateRule = Callable[[Parameters, dict, float], Parameters]


@dataclass(frozen=True)
class TrainConfig:
    """How to train: every choice is plain data (or a function), nothing global."""

    learning_rate: float = 0.01
    hidden_activation: str = "relu"
    update: UpdateRule = gradient_descent_update


@dataclass(frozen=True)
class TrainState:
    """Where training is: the parameters, how many steps were taken, the cost of each step."""

    parameters: Parameters
    iteration: int = 0
    costs: tuple[float, ...] = field(default_factory=tuple)


def train_steps(state: TrainState, X: Array, Y: Array, n: int, config: TrainConfig = TrainConfig()) -> TrainState:
    """Take ``n`` full-batch steps from ``state``; returns the new state.

    The cost recorded for a step is the cost of the parameters *before* that step, so
    ``costs[0]`` is the cost at initialization. A cost that becomes inf or nan stops early:
    further steps would only spread nan through the weights.
    """
    parameters = state.parameters
    costs = list(state.costs)
    taken = 0
    # Huge initial weights can overflow intermediate products; the cost reports that, not warnings.
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(n):
            ZL, caches = model_forward(X, parameters, config.hidden_activation)
            cost = compute_cost(ZL, Y)
            costs.append(cost)
            if not np.isfinite(cost):
                break
            grads = model_backward(ZL, Y, caches, config.hidden_activation)
            parameters = config.update(parameters, grads, config.learning_rate)
            taken += 1
    return replace(state, parameters=parameters, iteration=state.iteration + taken, costs=tuple(costs))


def train_model(
    X: Array,
    Y: Array,
    parameters: Parameters,
    *,
    num_iterations: int = 15_000,
    learning_rate: float = 0.01,
    hidden_activation: str = "relu",
    progress: bool = True,
    chunk: int = 500,
) -> tuple[Parameters, Array]:
    """Train from the given initial ``parameters``; returns the final parameters and the cost
    of every iteration (a NumPy array of length ``num_iterations``).

    ``progress`` shows a tqdm bar (a widget in Jupyter); the costs are returned, never printed.
    """
    from tqdm.auto import tqdm

    config = TrainConfig(learning_rate=learning_rate, hidden_activation=hidden_activation)
    state = TrainState(parameters={k: np.array(v, dtype=float) for k, v in parameters.items()})
    with tqdm(total=num_iterations, disable=not progress, desc="training", unit="it", leave=False) as bar:
        while state.iteration < num_iterations:
            before = state.iteration
            state = train_steps(state, X, Y, min(chunk, num_iterations - before), config)
            bar.update(state.iteration - before)
            if state.iteration - before < min(chunk, num_iterations - before):
                break  # the cost diverged: nothing more to learn
    return state.parameters, np.array(state.costs[:num_iterations])
