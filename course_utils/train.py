"""The training loop, split so that a widget can run it in small chunks.

``train_steps(state, X, Y, n, config)`` is pure (a new state comes back, the old one is
untouched) and prints nothing; ``train_model`` wraps it in chunks with a progress bar. Whatever
a later notebook makes pluggable is a field of ``TrainConfig``, so the notebooks, the widgets and
the tests share one loop: the update rule or an ``Optimizer`` (momentum, RMSprop, Adam), the
mini-batches and the learning-rate schedule, the forward pass, the cost and the backward pass
(L2 and dropout plug in the student's own functions there, through ``Regularizers``), and batch
normalization (``batchnorm.BatchNorm``, of the student's functions).

A step is one update on one mini-batch (the whole training set when ``mini_batch_size`` is None:
then a step is an epoch, as before mini-batches existed).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Mapping

import numpy as np

from .batchnorm import BatchNorm
from .network import Parameters, compute_cost, gradient_descent_update, linear_cache_of, model_backward, model_forward
from .optimizers import Optimizer

Array = np.ndarray
UpdateRule = Callable[[Parameters, dict, float], Parameters]
Forward = Callable[[Array, Parameters, np.random.Generator], tuple[Array, list]]  # (X, parameters, rng) -> ZL, caches
Cost = Callable[[Array, Array, Parameters], float]  # (ZL, Y, parameters) -> cost
Backward = Callable[[Array, Array, Array, list], dict]  # (X, Y, ZL, caches) -> grads
Batches = Callable[[Array, Array, int, np.random.Generator], list]  # random_mini_batches(X, Y, size, rng)
Schedule = Callable[[float, int], float]  # (learning_rate0, epoch) -> learning rate


@dataclass(frozen=True)
class TrainConfig:
    """How to train: every choice is plain data (or a function), nothing global.

    ``forward``, ``cost`` and ``backward`` default to the plain network's (``model_forward``,
    ``compute_cost``, ``model_backward``). The forward pass of step ``i`` gets the generator
    ``default_rng([seed, i])``: a run is the same however it is cut into chunks.

    ``optimizer`` (an ``Optimizer``, from the student's functions) replaces ``update``.
    ``mini_batch_size`` splits each epoch with ``batches`` (the student's
    ``random_mini_batches(X, Y, size, rng)``), drawn for epoch ``e`` from ``default_rng([seed, e, 1])``.
    ``schedule(learning_rate, epoch)`` gives each epoch's learning rate (learning-rate decay).
    ``batchnorm`` makes every hidden layer LINEAR -> BATCHNORM -> ACTIVATION (the parameters need
    their ``gamma<l>`` and ``beta<l>``: ``batchnorm.with_batchnorm``); it replaces ``forward`` and
    ``backward``, and the state keeps the running statistics.
    ``l2`` is the course's own L2 penalty of that strength: lambd / (2 m) times the sum of the squared
    weights added to the cost, lambd / m * W to each dW (biases, gamma and beta left out), for the
    notebooks after Regularization and the playground; the Regularization notebook trains with the
    student's L2 functions instead (``Regularizers``), so ``l2`` does not combine with a custom cost.
    """

    learning_rate: float = 0.01
    hidden_activation: str = "relu"
    update: UpdateRule = gradient_descent_update
    forward: Forward | None = None
    cost: Cost | None = None
    backward: Backward | None = None
    seed: int = 0
    optimizer: Optimizer | None = None
    mini_batch_size: int | None = None
    batches: Batches | None = None
    schedule: Schedule | None = None
    batchnorm: BatchNorm | None = None
    l2: float = 0.0

    def __post_init__(self) -> None:
        if self.mini_batch_size is not None and self.batches is None:
            raise ValueError(
                f"mini_batch_size={self.mini_batch_size} needs your random_mini_batches: pass batches=random_mini_batches"
            )
        if self.batchnorm is not None and (self.forward is not None or self.backward is not None):
            raise ValueError(
                "batch norm has its own forward and backward passes: it does not combine with a custom one "
                "(dropout, the student's L2); use l2= for an L2 penalty"
            )
        if self.l2 and self.cost is not None:
            raise ValueError(
                "l2 adds the course's L2 penalty to the plain cost: it does not combine with a custom cost"
            )

    def learning_rate_at(self, epoch: int) -> float:
        return self.learning_rate if self.schedule is None else float(self.schedule(self.learning_rate, epoch))

    def epoch_batches(self, X: Array, Y: Array, epoch: int) -> list[tuple[Array, Array]]:
        """The mini-batches of ``epoch``: the same whenever they are asked for."""
        if self.mini_batch_size is None:
            return [(X, Y)]
        return [
            tuple(batch)
            for batch in self.batches(X, Y, self.mini_batch_size, np.random.default_rng([self.seed, epoch, 1]))
        ]

    def run_forward(self, X: Array, parameters: Parameters, rng: np.random.Generator | None) -> tuple[Array, list]:
        if self.forward is None:
            return model_forward(X, parameters, self.hidden_activation)
        return self.forward(X, parameters, rng)

    def run_cost(self, ZL: Array, Y: Array, parameters: Parameters) -> float:
        if self.cost is not None:
            return self.cost(ZL, Y, parameters)
        penalty = (
            self.l2 / (2 * ZL.shape[1]) * sum(float(np.sum(np.square(v))) for k, v in parameters.items() if k[0] == "W")
            if self.l2
            else 0.0
        )
        return compute_cost(ZL, Y) + penalty

    def l2_gradients(self, grads: dict, parameters: Parameters, m: int) -> dict:
        """``grads`` with the L2 penalty's lambd / m * W added to each dW (unchanged when ``l2`` is 0)."""
        if not self.l2:
            return grads
        return {
            key: value + self.l2 / m * parameters[key[1:]] if key.startswith("dW") else value
            for key, value in grads.items()
        }

    def run_backward(self, X: Array, Y: Array, ZL: Array, caches: list) -> dict:
        if self.batchnorm is not None:
            return self.batchnorm.backward_pass(ZL, Y, caches, self.hidden_activation)
        if self.backward is None:
            return model_backward(ZL, Y, caches, self.hidden_activation)
        return self.backward(X, Y, ZL, caches)


@dataclass(frozen=True)
class TrainState:
    """Where training is: the parameters, how many steps were taken, the cost of each step; and
    for mini-batches and optimizers, the epoch, the next batch in it, the cost of each finished
    epoch (the average over its examples) and the optimizer's state."""

    parameters: Parameters
    iteration: int = 0
    costs: tuple[float, ...] = field(default_factory=tuple)
    epoch: int = 0
    batch: int = 0
    epoch_costs: tuple[float, ...] = field(default_factory=tuple)
    optimizer_state: object = None
    epoch_cost_sum: float = 0.0  # sum over the finished batches of this epoch of cost * batch size
    running: object = None  # batch norm's running statistics, {layer: (mean, var)}


def train_steps(state: TrainState, X: Array, Y: Array, n: int, config: TrainConfig = TrainConfig()) -> TrainState:
    """Take ``n`` steps from ``state``; returns the new state.

    The cost recorded for a step is the cost of the parameters *before* that step (on its batch),
    so ``costs[0]`` is the cost at initialization. A cost that becomes inf or nan stops early:
    further steps would only spread nan through the weights.
    """
    parameters, costs, epoch_costs = state.parameters, list(state.costs), list(state.epoch_costs)
    epoch, batch, epoch_sum = state.epoch, state.batch, state.epoch_cost_sum
    optimizer_state, running = state.optimizer_state, state.running
    if config.optimizer is not None and optimizer_state is None:
        optimizer_state = config.optimizer.init(parameters)
    batches = config.epoch_batches(X, Y, epoch)
    m = X.shape[1]
    taken = 0
    # Huge initial weights can overflow intermediate products; the cost reports that, not warnings.
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(n):
            X_batch, Y_batch = batches[batch]
            # only a custom forward pass (dropout) draws random numbers: the plain one skips the cost
            rng = np.random.default_rng([config.seed, state.iteration + taken]) if config.forward else None
            if config.batchnorm is not None:  # a training pass: the running statistics move
                ZL, caches, running = config.batchnorm.forward_pass(
                    X_batch, parameters, running, "train", config.hidden_activation
                )
            else:
                ZL, caches = config.run_forward(X_batch, parameters, rng)
            cost = config.run_cost(ZL, Y_batch, parameters)
            costs.append(cost)
            if not np.isfinite(cost):
                break
            grads = config.l2_gradients(config.run_backward(X_batch, Y_batch, ZL, caches), parameters, X_batch.shape[1])
            learning_rate = config.learning_rate_at(epoch)
            if config.optimizer is None:
                parameters = config.update(parameters, grads, learning_rate)
            else:
                parameters, optimizer_state = config.optimizer.step(
                    parameters, grads, optimizer_state, state.iteration + taken + 1, learning_rate
                )
            taken += 1
            epoch_sum += cost * X_batch.shape[1]
            batch += 1
            if batch == len(batches):  # the epoch is over: its average cost, then the next epoch's batches
                epoch_costs.append(epoch_sum / m)
                epoch, batch, epoch_sum = epoch + 1, 0, 0.0
                if taken < n:
                    batches = config.epoch_batches(X, Y, epoch)
    return replace(
        state,
        parameters=parameters,
        iteration=state.iteration + taken,
        costs=tuple(costs),
        epoch=epoch,
        batch=batch,
        epoch_costs=tuple(epoch_costs),
        optimizer_state=optimizer_state,
        epoch_cost_sum=epoch_sum,
        running=running,
    )


def dropout_passes(dropout_forward: Callable, dropout_backward: Callable, keep_prob: float) -> tuple[Forward, Backward]:
    """The forward and backward passes of inverted dropout keeping ``keep_prob`` of the hidden units,
    as ``TrainConfig`` takes them, from the student's ``dropout_forward(X, parameters, keep_prob, rng)``
    and ``dropout_backward(X, Y, caches, keep_prob)``."""

    def forward(X: Array, parameters: Parameters, rng: np.random.Generator) -> tuple[Array, list]:
        return dropout_forward(X, parameters, keep_prob, rng)

    def backward(X: Array, Y: Array, ZL: Array, caches: list) -> dict:
        return dropout_backward(X, Y, caches, keep_prob)

    return forward, backward


# The graded name of each function of ``Regularizers`` (the Regularization notebook's).
REGULARIZER_NAMES = {
    "l2_cost": "compute_cost_with_regularization",
    "l2_backward": "backward_propagation_with_regularization",
    "dropout_forward": "forward_propagation_with_dropout",
    "dropout_backward": "backward_propagation_with_dropout",
}


@dataclass(frozen=True)
class Regularizers:
    """The student's L2 and dropout functions, turned into training configurations.

    ``l2_cost(ZL, Y, parameters, lambd)``, ``l2_backward(X, Y, caches, lambd)``,
    ``dropout_forward(X, parameters, keep_prob, rng)``, ``dropout_backward(X, Y, caches, keep_prob)``:
    the Regularization notebook's graded functions (``REGULARIZER_NAMES``). Only those a
    configuration needs must be given.
    """

    l2_cost: Callable | None = None
    l2_backward: Callable | None = None
    dropout_forward: Callable | None = None
    dropout_backward: Callable | None = None

    @classmethod
    def named(cls, functions: Mapping[str, Callable]) -> "Regularizers":
        """The Regularizers among ``functions``, given by their graded names."""
        return cls(**{field: functions.get(name) for field, name in REGULARIZER_NAMES.items()})

    def by_name(self) -> dict[str, Callable]:
        """The functions given, by their graded names (the inverse of ``named``)."""
        return {
            name: getattr(self, field) for field, name in REGULARIZER_NAMES.items() if getattr(self, field) is not None
        }

    def config(self, lambd: float = 0.0, keep_prob: float = 1.0, **settings) -> TrainConfig:
        """A ``TrainConfig`` (``settings``: its other fields) that trains with L2 of strength
        ``lambd`` (0: none) and inverted dropout keeping ``keep_prob`` of the hidden units (1: none).

        With both, the forward pass and its gradients are dropout's, the cost is the L2 cost of
        that forward pass, and each ``dW`` gets the L2 term that the student's L2 backward adds
        (its result less the plain gradient, measured on a forward pass without dropout).
        """
        l2, dropout = lambd > 0, keep_prob < 1
        needed = [
            name
            for name, used in (
                ("l2_cost", l2),
                ("l2_backward", l2),
                ("dropout_forward", dropout),
                ("dropout_backward", dropout),
            )
            if used and getattr(self, name) is None
        ]
        if needed:
            raise ValueError(
                f"lambd={lambd:g}, keep_prob={keep_prob:g} needs your {', '.join(needed)}: pass it to Regularizers"
            )
        forward = cost = backward = None
        if dropout:
            forward, backward = dropout_passes(self.dropout_forward, self.dropout_backward, keep_prob)
        if l2:
            cost = lambda ZL, Y, parameters: self.l2_cost(ZL, Y, parameters, lambd)  # noqa: E731
            backward = (
                (lambda X, Y, ZL, caches: self.l2_backward(X, Y, caches, lambd))
                if not dropout
                else (lambda X, Y, ZL, caches: self._dropout_and_l2(X, Y, caches, keep_prob, lambd))
            )
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


def train_run(
    X: Array,
    Y: Array,
    parameters: Parameters,
    *,
    num_iterations: int = 15_000,
    num_epochs: int | None = None,
    config: TrainConfig = TrainConfig(),
    progress: bool = True,
    chunk: int = 500,
) -> TrainState:
    """Train from ``parameters`` for ``num_iterations`` steps (or ``num_epochs`` epochs) in chunks,
    with a tqdm bar when ``progress``; returns the final state (with batch norm: its running
    statistics too). Stops early if the cost diverges."""
    from tqdm.auto import tqdm

    state = TrainState(parameters={k: np.array(v, dtype=float) for k, v in parameters.items()})
    if num_epochs is not None:
        num_iterations = num_epochs * len(config.epoch_batches(X, Y, 0))  # every epoch has as many batches
    with tqdm(total=num_iterations, disable=not progress, desc="training", unit="it", leave=False) as bar:
        while state.iteration < num_iterations:
            before = state.iteration
            state = train_steps(state, X, Y, min(chunk, num_iterations - before), config)
            bar.update(state.iteration - before)
            if state.iteration - before < min(chunk, num_iterations - before):
                break  # the cost diverged: nothing more to learn
    return state


def train_model(
    X: Array,
    Y: Array,
    parameters: Parameters,
    *,
    num_iterations: int = 15_000,
    num_epochs: int | None = None,
    learning_rate: float = 0.01,
    hidden_activation: str = "relu",
    config: TrainConfig | None = None,
    progress: bool = True,
    chunk: int = 500,
) -> tuple[Parameters, Array]:
    """Train from the given initial ``parameters``; returns the final parameters and the cost
    of every iteration (a NumPy array of length ``num_iterations``), or, when ``num_epochs`` is
    given, of every epoch (the average over its mini-batches' examples).

    ``config`` (e.g. from ``Regularizers.config``) replaces ``learning_rate`` and
    ``hidden_activation``. ``progress`` shows a tqdm bar (a widget in Jupyter); the costs are
    returned, never printed. ``train_run`` returns the whole final state instead.
    """
    config = config or TrainConfig(learning_rate=learning_rate, hidden_activation=hidden_activation)
    state = train_run(
        X,
        Y,
        parameters,
        num_iterations=num_iterations,
        num_epochs=num_epochs,
        config=config,
        progress=progress,
        chunk=chunk,
    )
    if num_epochs is not None:
        return state.parameters, np.array(state.epoch_costs[:num_epochs])
    return state.parameters, np.array(state.costs[:num_iterations])
