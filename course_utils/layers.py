"""Layer building blocks, one recipe for all of them (the CS231n way).

Every layer is a pair:

    out, cache = <name>_forward(...)
    grads = <name>_backward(dout, cache)

Arrays are units x examples: ``A_prev`` has shape ``(n_prev, m)``, ``W`` ``(n, n_prev)``,
``b`` ``(n, 1)``. These are scaffolding the notebooks use but never grade.
"""

from __future__ import annotations

import numpy as np

Array = np.ndarray


def linear_forward(A_prev: Array, W: Array, b: Array) -> tuple[Array, tuple]:
    """Z = W A_prev + b. Returns ``Z`` and the cache ``(A_prev, W, b)``."""
    Z = W @ A_prev + b
    return Z, (A_prev, W, b)


def linear_backward(dZ: Array, cache: tuple) -> tuple[Array, Array, Array]:
    """Gradients of the linear layer: returns ``dA_prev, dW, db``.

    ``dZ`` already carries the 1/m of the mean cost, so dW and db are plain sums.
    """
    A_prev, W, _ = cache
    dW = dZ @ A_prev.T
    db = np.sum(dZ, axis=1, keepdims=True)
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def relu_forward(Z: Array) -> tuple[Array, Array]:
    """A = max(0, Z). The cache is ``Z``."""
    return np.maximum(0, Z), Z


def relu_backward(dA: Array, cache: Array) -> Array:
    """dZ = dA where Z > 0, else 0."""
    return dA * (cache > 0)


def sigmoid(Z: Array) -> Array:
    """The logistic function, written with tanh so that it never overflows (no warnings)."""
    return 0.5 * (1.0 + np.tanh(0.5 * Z))


def sigmoid_forward(Z: Array) -> tuple[Array, Array]:
    """A = sigmoid(Z). The cache is ``A`` (the derivative is A(1 - A))."""
    A = sigmoid(Z)
    return A, A


def sigmoid_backward(dA: Array, cache: Array) -> Array:
    """dZ = dA * A * (1 - A)."""
    A = cache
    return dA * A * (1 - A)


def tanh_forward(Z: Array) -> tuple[Array, Array]:
    """A = tanh(Z). The cache is ``A`` (the derivative is 1 - A^2)."""
    A = np.tanh(Z)
    return A, A


def tanh_backward(dA: Array, cache: Array) -> Array:
    """dZ = dA * (1 - A^2)."""
    return dA * (1 - cache**2)


# Activations by name, each a forward/backward pair: the training loop, the widgets and later
# notebooks look them up here instead of branching on strings. The order is the playground's
# dropdown (``controls.CONTROLS["activation"]``).
ACTIVATIONS: dict[str, tuple] = {
    "relu": (relu_forward, relu_backward),
    "tanh": (tanh_forward, tanh_backward),
    "sigmoid": (sigmoid_forward, sigmoid_backward),
}


def linear_activation_forward(A_prev: Array, W: Array, b: Array, activation: str) -> tuple[Array, tuple]:
    """LINEAR -> ACTIVATION. Returns ``A`` and the cache ``(linear_cache, activation_cache)``."""
    forward, _ = ACTIVATIONS[activation]
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = forward(Z)
    return A, (linear_cache, activation_cache)


def linear_activation_backward(dA: Array, cache: tuple, activation: str) -> tuple[Array, Array, Array]:
    """Backward through ACTIVATION then LINEAR. Returns ``dA_prev, dW, db``."""
    _, backward = ACTIVATIONS[activation]
    linear_cache, activation_cache = cache
    dZ = backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
