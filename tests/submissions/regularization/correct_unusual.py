"""Correct answers written another way: an index array shuffled in place with rng.shuffle, nested
ifs, Frobenius norms over the keys, gradients updated in place, float masks applied in place, a
hand-written backward pass and a while loop that stops patience epochs after the best. Full marks."""
import numpy as np

EXPECTED = {}


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    index = np.arange(m)
    rng.shuffle(index)
    sizes = [m - round(dev_fraction * m) - round(test_fraction * m), round(dev_fraction * m), round(test_fraction * m)]
    parts, start = [], 0
    for size in sizes:
        chosen = index[start:start + size]
        parts.append((X[:, chosen], Y[:, chosen]))
        start += size
    return tuple(parts)


def diagnose_bias_variance(train_error, dev_error, base_error=0.0, tolerance=0.02):
    if train_error - base_error > tolerance:
        if dev_error - train_error > tolerance:
            return "high bias and high variance"
        return "high bias"
    else:
        if dev_error - train_error > tolerance:
            return "high variance"
        return "good fit"


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    penalty = 0.0
    for key, value in parameters.items():
        if key.startswith("W"):
            penalty += np.linalg.norm(value, "fro") ** 2
    return compute_cost(ZL, Y) + lambd * penalty / (2 * Y.shape[1])


def backward_propagation_with_regularization(X, Y, caches, lambd):
    grads = model_backward(logits_from_caches(caches), Y, caches)
    for l, cache in enumerate(caches, start=1):
        grads["dW" + str(l)] += (lambd / Y.shape[1]) * linear_cache_of(cache)[1]
    return {k: v for k, v in grads.items() if not k.startswith("dA")}


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = len(parameters) // 2
    caches, A = [], X
    for l in range(1, L):
        W, b = parameters["W%d" % l], parameters["b%d" % l]
        Z = np.dot(W, A) + b
        linear_cache = (A, W, b)
        A = np.maximum(Z, 0)
        D = (rng.random(A.shape) < keep_prob).astype(float)
        np.multiply(A, D, out=A)
        A /= keep_prob
        caches.append((linear_cache, Z, D))
    W, b = parameters["W%d" % L], parameters["b%d" % L]
    caches.append((A, W, b))
    return np.dot(W, A) + b, caches


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    m = Y.shape[1]
    grads = {}
    A_prev, W, b = caches[-1]
    dZ = (1 / (1 + np.exp(-(W @ A_prev + b))) - Y) / m
    for l in range(len(caches), 0, -1):
        if l < len(caches):
            (A_prev, W, b), Z, D = caches[l - 1]
            dZ = dA * D / keep_prob * (Z > 0)
        grads["dW%d" % l] = dZ @ A_prev.T
        grads["db%d" % l] = dZ.sum(axis=1, keepdims=True)
        dA = W.T @ dZ
    return grads


def early_stopping_epoch(dev_costs, patience):
    if patience < 1:
        raise ValueError("patience < 1: training would stop before it starts")
    if not len(dev_costs):
        raise ValueError("no dev costs: nothing to keep")
    best = epoch = 0
    while epoch + 1 < len(dev_costs) and epoch - best < patience:
        epoch += 1
        if dev_costs[epoch] < dev_costs[best]:
            best = epoch
    return best
