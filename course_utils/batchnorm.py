"""Batch normalization as a layer of the course's network, made of the student's two functions.

With batch norm every hidden layer is LINEAR -> BATCHNORM -> ACTIVATION; the output layer stays
LINEAR (its logits go to the sigmoid of the cost). The student writes

    out, cache = batchnorm_forward(Z, gamma, beta, bn_params)
    dZ, dgamma, dbeta = batchnorm_backward(dout, cache)

(the Tuning and Batch Norm notebook); ``BatchNorm`` only calls them, layer by layer, so this module
holds no solution. Hidden layer l gains the parameters ``gamma<l>`` (ones) and ``beta<l>`` (zeros),
of shape (units, 1), which any update rule of the course treats like ``W`` and ``b`` (their
gradients are ``dgamma<l>`` and ``dbeta<l>``). The running statistics are not parameters: they
are state, a ``{layer: (running_mean, running_var)}`` dict that a train-mode pass returns updated
(``train.TrainState.running`` keeps it between steps) and a test-mode pass reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .layers import ACTIVATIONS, linear_backward, linear_forward, sigmoid
from .network import Parameters, model_forward, num_layers

Array = np.ndarray
Running = dict[int, tuple[Array, Array]]  # layer -> (running_mean, running_var), each (units, 1)


def with_batchnorm(parameters: Parameters) -> Parameters:
    """A copy of ``parameters`` with ``gamma<l>`` = 1 and ``beta<l>`` = 0 for every hidden layer."""
    out = {key: np.array(value, dtype=float) for key, value in parameters.items()}
    for l in range(1, num_layers(parameters)):
        units = parameters[f"W{l}"].shape[0]
        out.setdefault(f"gamma{l}", np.ones((units, 1)))
        out.setdefault(f"beta{l}", np.zeros((units, 1)))
    return out


@dataclass(frozen=True)
class BatchNorm:
    """The student's ``batchnorm_forward`` and ``batchnorm_backward``, with the running averages'
    ``momentum`` and ``epsilon`` that every layer's ``bn_params`` gets."""

    forward: Callable
    backward: Callable
    momentum: float = 0.9
    epsilon: float = 1e-5

    def initial_running(self, parameters: Parameters) -> Running:
        """Running mean 0 and variance 1 for every hidden layer: what the first test-mode pass uses."""
        return {
            l: (np.zeros((parameters[f"W{l}"].shape[0], 1)), np.ones((parameters[f"W{l}"].shape[0], 1)))
            for l in range(1, num_layers(parameters))
        }

    def forward_pass(
        self,
        X: Array,
        parameters: Parameters,
        running: Running | None = None,
        mode: str = "train",
        hidden_activation: str = "relu",
    ) -> tuple[Array, list, Running]:
        """[LINEAR -> BATCHNORM -> ACTIVATION] x (L-1) -> LINEAR. Returns the logits, the caches
        (a hidden layer's is ``(linear_cache, bn_cache, activation_cache)``) and the running
        statistics after this pass (updated in train mode, the same in test mode)."""
        running = running or self.initial_running(parameters)
        activation_forward, _ = ACTIVATIONS[hidden_activation]
        L = num_layers(parameters)
        caches, after, A = [], {}, X
        for l in range(1, L):
            Z, linear_cache = linear_forward(A, parameters[f"W{l}"], parameters[f"b{l}"])
            mean, var = running[l]
            bn_params = {
                "mode": mode,
                "momentum": self.momentum,
                "epsilon": self.epsilon,
                "running_mean": mean.copy(),
                "running_var": var.copy(),
            }
            out, bn_cache = self.forward(Z, parameters[f"gamma{l}"], parameters[f"beta{l}"], bn_params)
            after[l] = (
                np.asarray(bn_params["running_mean"], dtype=float),
                np.asarray(bn_params["running_var"], dtype=float),
            )
            A, activation_cache = activation_forward(np.asarray(out, dtype=float))
            caches.append((linear_cache, bn_cache, activation_cache))
        ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
        caches.append(linear_cache)
        return ZL, caches, after

    def backward_pass(self, ZL: Array, Y: Array, caches: list, hidden_activation: str = "relu") -> dict[str, Array]:
        """Gradients of the mean cross-entropy for every parameter, ``dgamma<l>`` and ``dbeta<l>`` too."""
        _, activation_backward = ACTIVATIONS[hidden_activation]
        L, m = len(caches), ZL.shape[1]
        grads: dict[str, Array] = {}
        dZL = (sigmoid(ZL) - np.asarray(Y, dtype=float).reshape(ZL.shape)) / m
        dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
        for l in range(L - 1, 0, -1):
            linear_cache, bn_cache, activation_cache = caches[l - 1]
            dZ, grads[f"dgamma{l}"], grads[f"dbeta{l}"] = self.backward(
                activation_backward(dA, activation_cache), bn_cache
            )
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(np.asarray(dZ, dtype=float), linear_cache)
        return grads

    def predict(self, X: Array, parameters: Parameters, running: Running, hidden_activation: str = "relu") -> Array:
        """0/1 predictions in test mode (the running statistics: each example on its own)."""
        ZL, _, _ = self.forward_pass(X, parameters, running, "test", hidden_activation)
        return (ZL > 0).astype(int)

    def accuracy(
        self, X: Array, Y: Array, parameters: Parameters, running: Running, hidden_activation: str = "relu"
    ) -> float:
        """Fraction of examples classified correctly in test mode."""
        return float(np.mean(self.predict(X, parameters, running, hidden_activation) == np.asarray(Y).reshape(1, -1)))


def activation_inputs(
    X: Array, parameters: Parameters, layer: int, batchnorm: BatchNorm | None = None, hidden_activation: str = "relu"
) -> Array:
    """What hidden layer ``layer``'s activation receives for the examples ``X`` (units x examples):
    ``Z = W A_prev + b`` in the plain network; with ``batchnorm``, ``gamma * Z_norm + beta``, normalized
    with the statistics of ``X`` itself (a train-mode pass whose running statistics are dropped), so
    that each unit's mean over ``X`` is its ``beta`` and its standard deviation about its ``gamma``."""
    if batchnorm is None:
        _, caches = model_forward(X, parameters, hidden_activation)
    else:
        _, caches, _ = batchnorm.forward_pass(X, parameters, None, "train", hidden_activation)
    A_prev, W, b = caches[layer - 1][0]  # the layer's linear cache, whatever its activation keeps
    Z = W @ A_prev + b
    if batchnorm is None:
        return Z
    units = Z.shape[0]
    bn_params = {
        "mode": "train",
        "momentum": batchnorm.momentum,
        "epsilon": batchnorm.epsilon,
        "running_mean": np.zeros((units, 1)),
        "running_var": np.ones((units, 1)),
    }
    out, _ = batchnorm.forward(Z, parameters[f"gamma{layer}"], parameters[f"beta{layer}"], bn_params)
    return np.asarray(out, dtype=float)
