"""An L-layer binary classifier in NumPy: hidden layers with one activation, a sigmoid output.

The network works on logits: ``model_forward`` returns ``ZL`` (before the sigmoid), the cost is
computed from ``ZL`` directly, and backward starts from ``dZL = sigmoid(ZL) - Y``. That is the
same maths as the textbook ``-(Y/AL - (1-Y)/(1-AL))`` but never divides by zero: a huge random
initialization gives a huge, finite cost instead of ``inf`` and a screen of warnings.
"""

from __future__ import annotations

import numpy as np

from .layers import linear_activation_backward, linear_activation_forward, linear_backward, linear_forward, sigmoid

Array = np.ndarray
Parameters = dict[str, Array]


def num_layers(parameters: Parameters) -> int:
    """Number of layers with weights (``W1 ... WL``)."""
    return sum(1 for key in parameters if key.startswith("W"))


def layer_dims_of(parameters: Parameters) -> list[int]:
    """``[n_0, n_1, ..., n_L]`` read back from the weight shapes."""
    L = num_layers(parameters)
    return [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]


def model_forward(X: Array, parameters: Parameters, hidden_activation: str = "relu") -> tuple[Array, list]:
    """[LINEAR -> ACTIVATION] x (L-1) -> LINEAR. Returns the logits ``ZL`` and the caches.

    ``caches[l - 1]`` is layer l's: for a hidden layer ``(linear_cache, Z)`` with
    ``linear_cache = (A_prev, W, b)``; for the output layer the linear cache ``(A_prev, W, b)``
    itself. (Dropout adds the mask: a hidden layer's cache is then ``(linear_cache, Z, D)``.)
    """
    L = num_layers(parameters)
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation)
        caches.append(cache)
    ZL, cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    caches.append(cache)
    return ZL, caches


def linear_cache_of(cache: tuple) -> tuple[Array, Array, Array]:
    """``(A_prev, W, b)`` of any layer's cache: a hidden layer's ``(linear_cache, Z[, D])`` or
    the output layer's ``(A_prev, W, b)``."""
    return cache[0] if isinstance(cache[0], tuple) else cache


def logits_from_caches(caches: list) -> Array:
    """The logits ``ZL`` that the forward pass which made ``caches`` returned:
    ``W_L @ A_(L-1) + b_L`` from the output layer's cache."""
    A_prev, W, b = linear_cache_of(caches[-1])
    return W @ A_prev + b


def compute_cost(ZL: Array, Y: Array) -> float:
    """Mean binary cross-entropy of ``sigmoid(ZL)`` against labels ``Y``, computed stably.

    -[y log a + (1-y) log(1-a)] with a = sigmoid(z) equals max(z, 0) - z y + log(1 + e^-|z|).
    """
    Y = np.asarray(Y, dtype=float).reshape(ZL.shape)
    losses = np.maximum(ZL, 0) - ZL * Y + np.log1p(np.exp(-np.abs(ZL)))
    return float(np.mean(losses))


def model_backward(ZL: Array, Y: Array, caches: list, hidden_activation: str = "relu") -> dict[str, Array]:
    """Gradients of ``compute_cost`` for every parameter, ``{"dW1": ..., "db1": ..., ...}``, and for each
    layer's input, ``dA0`` ... ``dA<L-1>`` (what the layer below receives)."""
    L = len(caches)
    m = ZL.shape[1]
    Y = np.asarray(Y, dtype=float).reshape(ZL.shape)
    grads: dict[str, Array] = {}
    dZL = (sigmoid(ZL) - Y) / m
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
    grads[f"dA{L - 1}"] = dA
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], hidden_activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def predict_proba(X: Array, parameters: Parameters, hidden_activation: str = "relu") -> Array:
    """P(y = 1 | x) for every column of ``X``, shape ``(1, m)``."""
    ZL, _ = model_forward(X, parameters, hidden_activation)
    return sigmoid(ZL)


def predict(X: Array, parameters: Parameters, hidden_activation: str = "relu") -> Array:
    """0/1 predictions, shape ``(1, m)``, thresholding the probability at 0.5."""
    ZL, _ = model_forward(X, parameters, hidden_activation)
    return (ZL > 0).astype(int)


def accuracy(X: Array, Y: Array, parameters: Parameters, hidden_activation: str = "relu") -> float:
    """Fraction of examples classified correctly (0.0 to 1.0)."""
    return float(np.mean(predict(X, parameters, hidden_activation) == np.asarray(Y).reshape(1, -1)))


def gradient_descent_update(parameters: Parameters, grads: dict[str, Array], learning_rate: float) -> Parameters:
    """One plain gradient-descent step; returns new arrays and leaves the inputs untouched."""
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def rescale_weights(parameters: Parameters, factor: float) -> Parameters:
    """A copy with every ``W`` multiplied by ``factor`` (the biases unchanged)."""
    return {key: value * factor if key.startswith("W") else value.copy() for key, value in parameters.items()}


def fill_weights(parameters: Parameters, value: float) -> Parameters:
    """A copy with every ``W`` set to one constant: the most symmetric start there is."""
    return {
        key: np.full_like(v, value, dtype=float) if key.startswith("W") else v.copy() for key, v in parameters.items()
    }
