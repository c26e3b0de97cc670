"""Correct L2 and dropout functions for the tests of the training loop and the widgets (the
Regularization notebook's graded functions, written the way a student would; course_utils never
holds them)."""

import numpy as np

from course_utils.layers import linear_activation_backward, linear_activation_forward, linear_backward, linear_forward, sigmoid
from course_utils.network import compute_cost, linear_cache_of, logits_from_caches, model_backward
from course_utils.train import Regularizers


def l2_cost(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    return compute_cost(ZL, Y) + lambd / (2 * m) * sum(np.sum(W ** 2) for k, W in parameters.items() if k[0] == "W")


def l2_backward(X, Y, caches, lambd):
    grads = model_backward(logits_from_caches(caches), Y, caches)
    for l, cache in enumerate(caches, start=1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / Y.shape[1] * linear_cache_of(cache)[1]
    return grads


def dropout_forward(X, parameters, keep_prob, rng):
    L, A, caches = len(parameters) // 2, X, []
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = rng.random(A.shape) < keep_prob
        A = A * D / keep_prob
        caches.append((linear_cache, Z, D))
    ZL, cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [cache]


def dropout_backward(X, Y, caches, keep_prob):
    L, grads = len(caches), {}
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward((sigmoid(logits_from_caches(caches)) - Y) / Y.shape[1], caches[-1])
    for l in range(L - 1, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA * D / keep_prob, (linear_cache, Z), "relu")
    return grads


REGULARIZERS = Regularizers(l2_cost, l2_backward, dropout_forward, dropout_backward)
