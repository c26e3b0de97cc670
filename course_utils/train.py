"""The training loop, split so that a widget can run it in small chunks.

``train_steps(state, X, Y, n, config)`` is pure (a new state comes back, the old one is
untouched) and prints nothing; ``train_model`` wraps it in chunks with a progress bar. Whatever
a later notebook makes pluggable is a field of ``TrainConfig``, so the notebooks, the widgets and
the tests share one loop: the update rule, and the forward pass, the cost and the backward pass
(L2 and dropout plug in the student's own functions there, through ``Regularizers``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from .network import (Parameters, compute_cost, gradient_descent_update, linear_cache_of, model_backward,
                      model_forward)

Array = np.ndarray
UpdateRule = Callable[[Parameters, dict, float], Parameters]
Forward = Callable[[Array, Parameters, np.random.Generator], tuple[Array, list]]  # (X, parameters, rng) -> ZL, caches
Cost = Callable[[Array, Array, Parameters], float]  # (ZL, Y, parameters) -> cost
Backward = Callable[[Array, Array, Array, list], dict]  # (X, Y, ZL, caches) -> grads


@dataclass(frozen=True)
class TrainConfig:
    """How to train: every choice is plain data (or a function), nothing global.

    ``forward``, ``cost`` and ``backward`` default to the plain network's (``model_forward``,
    ``compute_cost``, ``model_backward``). The forward pass of step ``i`` gets the generator
    ``default_rng([seed, i])``: a run is the same however it is cut into chunks.
    """

    learning_rate: float = 0.01
    hidden_activation: str = "relu"
    update: UpdateRule = gradient_descent_update
    forward: Forward | None = None
    cost: Cost | None = None
    backward: Backward | None = None
    seed: int = 0

    def run_forward(self, X: Array, parameters: Parameters, rng: np.random.Generator) -> tuple[Array, list]:
        if self.forward is None:
            return model_forward(X, parameters, self.hidden_activation)
        return self.forward(X, parameters, rng)

    def run_cost(self, ZL: Array, Y: Array, parameters: Parameters) -> float:
        return compute_cost(ZL, Y) if self.cost is None else self.cost(ZL, Y, parameters)

    def run_backward(self, X: Array, Y: Array, ZL: Array, caches: list) -> dict:
        if self.backward is None:
            return model_backward(ZL, Y, caches, self.hidden_activation)
        return self.backward(X, Y, ZL, caches)


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
            # only a custom forward pass (dropout) draws random numbers: the plain one skips the cost
            rng = np.random.default_rng([config.seed, state.iteration + taken]) if config.forward else None
            ZL, caches = config.run_forward(X, parameters, rng)
            cost = config.run_cost(ZL, Y, parameters)
            costs.append(cost)
            if not np.isfinite(cost):
                break
            grads = config.run_backward(X, Y, ZL, caches)
            parameters = config.update(parameters, grads, config.learning_rate)
            taken += 1
    return replace(state, parameters=parameters, iteration=state.iteration + taken, costs=tuple(costs))


@dataclass(frozen=True)
class Regularizers:
    """The student's L2 and dropout functions, turned into training configurations.

    ``l2_cost(ZL, Y, parameters, lambd)``, ``l2_backward(X, Y, caches, lambd)``,
    ``dropout_forward(X, parameters, keep_prob, rng)``, ``dropout_backward(X, Y, caches, keep_prob)``:
    the Regularization notebook's graded functions. Only those a configuration needs must be given.
    """

    l2_cost: Callable | None = None
    l2_backward: Callable | None = None
    dropout_forward: Callable | None = None
    dropout_backward: Callable | None = None

    def config(self, lambd: float = 0.0, keep_prob: float = 1.0, **settings) -> TrainConfig:
        """A ``TrainConfig`` (``settings``: its other fields) that trains with L2 of strength
        ``lambd`` (0: none) and inverted dropout keeping ``keep_prob`` of the hidden units (1: none).

        With both, the forward pass and its gradients are dropout's, the cost is the L2 cost of
        that forward pass, and each ``dW`` gets the L2 term that the student's L2 backward adds
        (its result less the plain gradient, measured on a forward pass without dropout).
        """
        l2, dropout = lambd > 0, keep_prob < 1
        needed = [name for name, used in (("l2_cost", l2), ("l2_backward", l2), ("dropout_forward", dropout),
                                          ("dropout_backward", dropout)) if used and getattr(self, name) is None]
        if needed:
            raise ValueError(f"lambd={lambd:g}, keep_prob={keep_prob:g} needs your {', '.join(needed)}: pass it to Regularizers")
        forward = cost = backward = None
        if dropout:
            forward = lambda X, parameters, rng: self.dropout_forward(X, parameters, keep_prob, rng)  # noqa: E731
            backward = lambda X, Y, ZL, caches: self.dropout_backward(X, Y, caches, keep_prob)  # noqa: E731
        if l2:
            cost = lambda ZL, Y, parameters: self.l2_cost(ZL, Y, parameters, lambd)  # noqa: E731
            backward = (lambda X, Y, ZL, caches: self.l2_backward(X, Y, caches, lambd)) if not dropout else \
                (lambda X, Y, ZL, caches: self._dropout_and_l2(X, Y, caches, keep_prob, lambd))
        return TrainConfig(forward=forward, cost=cost, backward=backward, **settings)

    def _dropout_and_l2(self, X: Array, Y: Array, caches: list, keep_prob: float, lambd: float) -> dict:
        grads = dict(self.dropout_backward(X, Y, caches, keep_prob))
        parameters = {}
        for l, cache in enumerate(caches, start=1):
            _, parameters[f"W{l}"], parameters[f"b{l}"] = linear_cache_of(cache)
        ZL, plain = model_forward(X, parameters)
        with_l2, without = self.l2_backward(X, Y, plain, lambd), model_backward(ZL, Y, plain)
        for l in range(1, len(caches) + 1):
            grads[f"dW{l}"] = grads[f"dW{l}"] + (with_l2[f"dW{l}"] - without[f"dW{l}"])
        return grads


def train_model(
    X: Array,
    Y: Array,
    parameters: Parameters,
    *,
    num_iterations: int = 15_000,
    learning_rate: float = 0.01,
    hidden_activation: str = "relu",
    config: TrainConfig | None = None,
    progress: bool = True,
    chunk: int = 500,
) -> tuple[Parameters, Array]:
    """Train from the given initial ``parameters``; returns the final parameters and the cost
    of every iteration (a NumPy array of length ``num_iterations``).

    ``config`` (e.g. from ``Regularizers.config``) replaces ``learning_rate`` and
    ``hidden_activation``. ``progress`` shows a tqdm bar (a widget in Jupyter); the costs are
    returned, never printed.
    """
    from tqdm.auto import tqdm

    config = config or TrainConfig(learning_rate=learning_rate, hidden_activation=hidden_activation)
    state = TrainState(parameters={k: np.array(v, dtype=float) for k, v in parameters.items()})
    with tqdm(total=num_iterations, disable=not progress, desc="training", unit="it", leave=False) as bar:
        while state.iteration < num_iterations:
            before = state.iteration
            state = train_steps(state, X, Y, min(chunk, num_iterations - before), config)
            bar.update(state.iteration - before)
            if state.iteration - before < min(chunk, num_iterations - before):
                break  # the cost diverged: nothing more to learn
    return state.parameters, np.array(state.costs[:num_iterations])
