"""Update rules with state, as one shape for the training loop: the student's optimizers plug in.

An ``Optimizer`` is a pair of plain functions (the CS231n way, with the state made explicit):

    state = optimizer.init(parameters)
    parameters, state = optimizer.step(parameters, grads, state, t, learning_rate)

where ``t`` counts the updates from 1 (Adam's bias correction needs it). The constructors take
the Optimization notebook's graded functions, so this module holds no solution: it only calls
them with their hyperparameters, on copies, so that a student's update that changes its
dictionaries in place leaves the caller's untouched (``train.train_steps`` is pure).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np

Array = np.ndarray
Parameters = dict[str, Array]


@dataclass(frozen=True)
class Optimizer:
    """``init(parameters) -> state``; ``step(parameters, grads, state, t, learning_rate) -> (parameters, state)``."""

    name: str
    init: Callable[[Parameters], Any]
    step: Callable[[Parameters, dict, Any, int, float], tuple[Parameters, Any]]

    @classmethod
    def gd(cls, update_parameters_with_gd: Callable) -> "Optimizer":
        """Plain gradient descent: ``update_parameters_with_gd(parameters, grads, learning_rate)``; no state."""

        def step(parameters, grads, state, t, learning_rate):
            return update_parameters_with_gd(copied(parameters), grads, learning_rate), None

        return cls("gd", lambda parameters: None, step)

    @classmethod
    def momentum(
        cls, initialize_velocity: Callable, update_parameters_with_momentum: Callable, beta: float = 0.9
    ) -> "Optimizer":
        """``update_parameters_with_momentum(parameters, grads, v, beta, learning_rate) -> parameters, v``."""

        def step(parameters, grads, v, t, learning_rate):
            return tuple(update_parameters_with_momentum(copied(parameters), grads, copied(v), beta, learning_rate))

        return cls("momentum", initialize_velocity, step)

    @classmethod
    def rmsprop(
        cls,
        initialize_rmsprop: Callable,
        update_parameters_with_rmsprop: Callable,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
    ) -> "Optimizer":
        """``update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon) -> parameters, s``."""

        def step(parameters, grads, s, t, learning_rate):
            return tuple(
                update_parameters_with_rmsprop(copied(parameters), grads, copied(s), beta2, learning_rate, epsilon)
            )

        return cls("rmsprop", initialize_rmsprop, step)

    @classmethod
    def adam(
        cls,
        initialize_adam: Callable,
        update_parameters_with_adam: Callable,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
    ) -> "Optimizer":
        """``update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)``
        -> ``parameters, v, s, v_corrected, s_corrected``; the state is ``(v, s)``."""

        def step(parameters, grads, state, t, learning_rate):
            v, s = state
            parameters, v, s, *_ = update_parameters_with_adam(
                copied(parameters), grads, copied(v), copied(s), t, learning_rate, beta1, beta2, epsilon
            )
            return parameters, (v, s)

        return cls("adam", lambda parameters: tuple(initialize_adam(parameters)), step)


OPTIMIZER_NAMES = ("gd", "momentum", "rmsprop", "adam")


def optimizer_named(
    name: str,
    functions: Mapping[str, Callable],
    beta: float = 0.9,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
) -> Optimizer:
    """The optimizer ``name`` (one of ``OPTIMIZER_NAMES``) made of the student's functions, given by
    their graded names (``update_parameters_with_gd``, ``initialize_velocity``, ...); ``beta`` is
    momentum's β and RMSprop's β2 (one control sets both), ``beta1`` and ``beta2`` Adam's."""
    if name == "gd":
        return Optimizer.gd(functions["update_parameters_with_gd"])
    if name == "momentum":
        return Optimizer.momentum(functions["initialize_velocity"], functions["update_parameters_with_momentum"], beta)
    if name == "rmsprop":
        return Optimizer.rmsprop(
            functions["initialize_rmsprop"], functions["update_parameters_with_rmsprop"], beta, epsilon
        )
    if name == "adam":
        return Optimizer.adam(
            functions["initialize_adam"], functions["update_parameters_with_adam"], beta1, beta2, epsilon
        )
    raise ValueError(f"unknown optimizer {name!r}; known: {', '.join(OPTIMIZER_NAMES)}")


def copied(value: Any) -> Any:
    """A copy of a dictionary of arrays (or a tuple of them): what a student's update may change in place."""
    if isinstance(value, dict):
        return {key: np.array(item, dtype=float, copy=True) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(copied(item) for item in value)
    return value


def layer_pairs(parameters: Parameters) -> list[tuple[str, str]]:
    """The parameters as (W, b)-like pairs: ``(W1, b1) ... (WL, bL)``, then batch norm's
    ``(gamma1, beta1) ... `` when there are any."""
    L = sum(1 for key in parameters if key.startswith("W"))
    bn = sum(1 for key in parameters if key.startswith("gamma"))
    return [(f"W{l}", f"b{l}") for l in range(1, L + 1)] + [(f"gamma{l}", f"beta{l}") for l in range(1, bn + 1)]


def over_pairs(optimizer: Optimizer) -> Optimizer:
    """``optimizer`` for parameters beyond ``W_l`` and ``b_l`` (batch norm's ``gamma_l``, ``beta_l``).

    The course's update rules loop over ``l`` up to ``len(parameters) // 2`` and read ``W_l``,
    ``b_l`` and their gradients, so each further pair is shown to them as one more layer's
    ``(W, b)`` and renamed back afterwards: every pair gets the same elementwise rule.
    """

    def renamed(parameters: Parameters, grads: dict | None = None) -> tuple[Parameters, dict | None, dict]:
        names = {}
        for number, (first, second) in enumerate(layer_pairs(parameters), start=1):
            names[first], names[second] = f"W{number}", f"b{number}"
        view = {names[key]: value for key, value in parameters.items()}
        return (
            view,
            None if grads is None else {"d" + names[key[1:]]: grads[key] for key in grads if key[1:] in names},
            names,
        )

    def init(parameters: Parameters) -> Any:
        return optimizer.init(renamed(parameters)[0])

    def step(parameters, grads, state, t, learning_rate):
        view, view_grads, names = renamed(parameters, grads)
        updated, state = optimizer.step(view, view_grads, state, t, learning_rate)
        return {key: updated[names[key]] for key in parameters}, state

    return Optimizer(optimizer.name, init, step)
