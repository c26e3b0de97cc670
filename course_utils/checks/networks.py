"""Small random networks for the checks: parameters, labels, and numerical gradients.

The checks judge a gradient against central differences, so the test networks keep every hidden
pre-activation away from ReLU's kink at 0 (where a difference would straddle it) when asked.
Shared by the checks of every notebook that differentiates the course's network.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from ..network import model_forward
from .core import copied

Array = np.ndarray
Parameters = dict[str, Array]

EPS = 1e-6  # central-difference step
KINK_MARGIN = 1e-3  # every hidden pre-activation at least this far from ReLU's kink at 0


def random_parameters(dims: Sequence[int], rng: np.random.Generator) -> Parameters:
    """He-scaled weights and clearly nonzero biases (so that a bias in the wrong place shows)."""
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])
        parameters[f"b{l}"] = 0.1 + 0.3 * rng.standard_normal((dims[l], 1))
    return parameters


def random_labels(rng: np.random.Generator, m: int) -> Array:
    """0/1 labels of shape (1, m) with both classes."""
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, :2] = (0.0, 1.0)
    return Y


def kink_free_network(
    dims: Sequence[int], m: int, rng: np.random.Generator, margin: float = KINK_MARGIN
) -> tuple[Parameters, Array]:
    """Parameters and X with every hidden pre-activation at least ``margin`` away from 0, where ReLU
    has no derivative and a central difference would straddle the kink."""
    for _ in range(200):
        parameters, X = random_parameters(dims, rng), rng.standard_normal((dims[0], m))
        _, caches = model_forward(X, parameters)
        if all(np.min(np.abs(cache[1])) >= margin for cache in caches[:-1]):
            return parameters, X
    raise RuntimeError("could not draw a test network; try another seed")  # never with the shipped sizes


def numerical_gradients(
    cost: Callable[[Parameters], float], parameters: Parameters, eps: float = EPS
) -> dict[str, Array]:
    """Central differences of ``cost`` with respect to every entry of every parameter."""
    work = copied(parameters, float)  # perturbed in place, entry by entry
    grads = {}
    for key, value in work.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            kept = value[index]
            value[index] = kept + eps
            plus = cost(work)
            value[index] = kept - eps
            minus = cost(work)
            value[index] = kept
            grad[index] = (plus - minus) / (2 * eps)
        grads["d" + key] = grad
    return grads
