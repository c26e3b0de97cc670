"""The Regularization notebook's checks: every correct implementation passes, each classic mistake
fails with a message that names the function and the mistake. The correct implementations live
here only: course_utils never holds a graded solution."""

import re

import numpy as np
import pytest

from course_utils.checks import CheckFailed
from course_utils.checks.regularization import (
    check_backward_propagation_with_dropout,
    check_backward_propagation_with_regularization,
    check_compute_cost_with_regularization,
    check_diagnose_bias_variance,
    check_early_stopping_epoch,
    check_forward_propagation_with_dropout,
    check_split_train_dev_test,
)
from course_utils.layers import linear_activation_backward, linear_backward, relu_backward, sigmoid
from course_utils.network import linear_cache_of, logits_from_caches, model_backward, model_forward


def not_written(*args, **kwargs):
    raise NotImplementedError("Not written yet")


# ======== 1. split_train_dev_test ========


def _sizes(m, dev_fraction, test_fraction):
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    return m - m_dev - m_test, m_dev, m_test


def split_slices(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_train, m_dev, m_test = _sizes(m, dev_fraction, test_fraction)
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])


def split_dev_first_int_half(X, Y, dev_fraction, test_fraction, rng):
    # dev, then test, then train in the shuffled order; int(x + 0.5) rounds ties up
    m = X.shape[1]
    m_dev, m_test = int(dev_fraction * m + 0.5), int(test_fraction * m + 0.5)
    order = rng.permutation(m)
    dev, test, train = order[:m_dev], order[m_dev : m_dev + m_test], order[m_dev + m_test :]
    return (X[:, train], Y[:, train]), (X[:, dev], Y[:, dev]), (X[:, test], Y[:, test])


def split_shuffled_index_np_split(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_train, m_dev, _ = _sizes(m, dev_fraction, test_fraction)
    index = np.arange(m)
    rng.shuffle(index)
    parts_X = np.split(X[:, index], [m_train, m_train + m_dev], axis=1)
    parts_Y = np.split(Y[:, index], [m_train, m_train + m_dev], axis=1)
    return tuple(zip(parts_X, parts_Y))


def split_stacked_test_first(X, Y, dev_fraction, test_fraction, rng):
    # X and Y stacked and their columns permuted together (rows of the transpose); test comes first
    n, m = X.shape
    _, m_dev, m_test = _sizes(m, dev_fraction, test_fraction)
    data = rng.permutation(np.vstack([X, Y]).T).T
    test, dev, train = data[:, :m_test], data[:, m_test : m_test + m_dev], data[:, m_test + m_dev :]
    return [[part[:n], part[n:].astype(Y.dtype)] for part in (train, dev, test)]


# ---- mistakes ----


def split_two_permutations(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_train, m_dev, _ = _sizes(m, dev_fraction, test_fraction)
    X, Y = X[:, rng.permutation(m)], Y[:, rng.permutation(m)]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])


def split_overlapping_slices(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_train, m_dev, _ = _sizes(m, dev_fraction, test_fraction)
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a - 1 : b - 1], Y[:, a - 1 : b - 1]), (X[:, b:], Y[:, b:])


def split_wrong_slice_end(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_train, m_dev, _ = _sizes(m, dev_fraction, test_fraction)
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    return (
        (X[:, :m_train], Y[:, :m_train]),
        (X[:, m_train:m_dev], Y[:, m_train:m_dev]),
        (X[:, m_train + m_dev :], Y[:, m_train + m_dev :]),
    )


def split_train_rounded_too(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    _, m_dev, m_test = _sizes(m, dev_fraction, test_fraction)
    m_train = round((1 - dev_fraction - test_fraction) * m)
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b : b + m_test], Y[:, b : b + m_test])


def split_rows(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_train, m_dev, _ = _sizes(m, dev_fraction, test_fraction)
    X, Y = rng.permutation(X), rng.permutation(Y)  # permutes the first axis: the rows
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])


def _split_with_sizes(X, Y, m_dev, m_test, rng):
    m = X.shape[1]
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    a, b = m - m_dev - m_test, m - m_test
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])


def split_int_truncates(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    return _split_with_sizes(X, Y, int(dev_fraction * m), int(test_fraction * m), rng)


def split_ceil(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    return _split_with_sizes(X, Y, int(np.ceil(dev_fraction * m)), int(np.ceil(test_fraction * m)), rng)


def split_global_numpy(X, Y, dev_fraction, test_fraction, rng):
    return split_slices(X, Y, dev_fraction, test_fraction, np.random)


def split_ignores_rng(X, Y, dev_fraction, test_fraction, rng):
    return split_slices(X, Y, dev_fraction, test_fraction, np.random.default_rng(0))


def split_no_shuffle(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_train, m_dev, _ = _sizes(m, dev_fraction, test_fraction)
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])


def split_in_place(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_train, m_dev, _ = _sizes(m, dev_fraction, test_fraction)
    order = rng.permutation(m)
    X[:], Y[:] = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a].copy(), Y[:, :a].copy()), (X[:, a:b].copy(), Y[:, a:b].copy()), (X[:, b:].copy(), Y[:, b:].copy())


def split_flat_Y(X, Y, dev_fraction, test_fraction, rng):
    parts = split_slices(X, Y, dev_fraction, test_fraction, rng)
    return tuple((Xp, Yp.ravel()) for Xp, Yp in parts)


# ======== 2. diagnose_bias_variance ========


def diagnose_if_chain(train_error, dev_error, base_error=0.0, tolerance=0.02):
    bias = train_error - base_error
    variance = dev_error - train_error
    if bias > tolerance and variance > tolerance:
        return "high bias and high variance"
    elif bias > tolerance:
        return "high bias"
    elif variance > tolerance:
        return "high variance"
    return "good fit"


def diagnose_table(train_error, dev_error, base_error=0.0, tolerance=0.02):
    table = {
        (True, True): "high bias and high variance",
        (True, False): "high bias",
        (False, True): "high variance",
        (False, False): "good fit",
    }
    return table[(train_error - base_error > tolerance, dev_error - train_error > tolerance)]


def diagnose_joined(train_error, dev_error, base_error=0.0, tolerance=0.02):
    problems = [
        name
        for name, gap in (("high bias", train_error - base_error), ("high variance", dev_error - train_error))
        if gap > tolerance
    ]
    return " and ".join(problems) or "good fit"


def diagnose_variance_from_base(train_error, dev_error, base_error=0.0, tolerance=0.02):
    return diagnose_if_chain(train_error, dev_error - base_error + train_error, base_error, tolerance)


def diagnose_base_ignored(train_error, dev_error, base_error=0.0, tolerance=0.02):
    return diagnose_if_chain(train_error, dev_error, 0.0, tolerance)


def diagnose_tolerance_hardcoded(train_error, dev_error, base_error=0.0, tolerance=0.02):
    return diagnose_if_chain(train_error, dev_error, base_error, 0.02)


def diagnose_swapped(train_error, dev_error, base_error=0.0, tolerance=0.02):
    bias, variance = train_error - base_error, dev_error - train_error
    table = {
        (True, True): "high bias and high variance",
        (True, False): "high variance",
        (False, True): "high bias",
        (False, False): "good fit",
    }
    return table[(bias > tolerance, variance > tolerance)]


def diagnose_greater_or_equal(train_error, dev_error, base_error=0.0, tolerance=0.02):
    high_bias, high_variance = train_error - base_error >= tolerance, dev_error - train_error >= tolerance
    if high_bias and high_variance:
        return "high bias and high variance"
    return "high bias" if high_bias else "high variance" if high_variance else "good fit"


def diagnose_capitalized(train_error, dev_error, base_error=0.0, tolerance=0.02):
    return diagnose_if_chain(train_error, dev_error, base_error, tolerance).capitalize()


def diagnose_prints(train_error, dev_error, base_error=0.0, tolerance=0.02):
    print(diagnose_if_chain(train_error, dev_error, base_error, tolerance))


# ======== 3. compute_cost_with_regularization ========


def _cross_entropy(ZL, Y):
    A = sigmoid(ZL)
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)


def cost_loop(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    L = len(parameters) // 2
    squares = 0.0
    for l in range(1, L + 1):
        squares += np.sum(np.square(parameters["W" + str(l)]))
    return _cross_entropy(ZL, Y) + lambd / (2 * m) * squares


def cost_frobenius_0d(ZL, Y, parameters, lambd):
    from course_utils.network import compute_cost

    m = ZL.shape[1]
    weights = [value for key, value in parameters.items() if key.startswith("W")]
    return np.asarray(compute_cost(ZL, Y) + lambd / (2 * m) * sum(np.linalg.norm(W, "fro") ** 2 for W in weights))


def cost_numpy_float(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    total = np.float64(0)
    for key in sorted(parameters):
        if key[0] == "W":
            total += np.sum(parameters[key] * parameters[key])
    losses = np.maximum(ZL, 0) - ZL * Y + np.log1p(np.exp(-np.abs(ZL)))
    return np.mean(losses) + lambd * total / (2 * m)


# ---- mistakes ----


def _cost_with(ZL, Y, parameters, lambd, term):
    m = Y.shape[1]
    return _cross_entropy(ZL, Y) + term(parameters, m, lambd)


def _weights(parameters):
    return [parameters[f"W{l}"] for l in range(1, len(parameters) // 2 + 1)]


def cost_lambd_over_m(ZL, Y, parameters, lambd):
    return _cost_with(ZL, Y, parameters, lambd, lambda p, m, lam: lam / m * sum(np.sum(W**2) for W in _weights(p)))


def cost_with_biases(ZL, Y, parameters, lambd):
    return _cost_with(ZL, Y, parameters, lambd, lambda p, m, lam: lam / (2 * m) * sum(np.sum(v**2) for v in p.values()))


def cost_plain_sum(ZL, Y, parameters, lambd):
    return _cost_with(ZL, Y, parameters, lambd, lambda p, m, lam: lam / (2 * m) * sum(np.sum(W) for W in _weights(p)))


def cost_three_layers(ZL, Y, parameters, lambd):
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    m = Y.shape[1]
    return _cross_entropy(ZL, Y) + lambd / (2 * m) * (
        np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3))
    )


def cost_three_layers_get(ZL, Y, parameters, lambd):
    # hard-coded too, but never raises: W4 and W5 of a deeper network are ignored
    m = Y.shape[1]
    return _cross_entropy(ZL, Y) + lambd / (2 * m) * sum(
        np.sum(np.square(parameters.get(f"W{l}", 0))) for l in (1, 2, 3)
    )


def cost_m_from_rows(ZL, Y, parameters, lambd):
    m = Y.shape[0]
    return _cross_entropy(ZL, Y) + lambd / (2 * m) * sum(np.sum(np.square(W)) for W in _weights(parameters))


def cost_last_layer_missing(ZL, Y, parameters, lambd):
    L = len(parameters) // 2
    return _cost_with(
        ZL,
        Y,
        parameters,
        lambd,
        lambda p, m, lam: lam / (2 * m) * sum(np.sum(np.square(p[f"W{l}"])) for l in range(1, L)),
    )


def cost_only_l2(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    return lambd / (2 * m) * sum(np.sum(np.square(W)) for W in _weights(parameters))


def cost_matrix(ZL, Y, parameters, lambd):
    return np.array([[cost_loop(ZL, Y, parameters, lambd)]])


# ======== 4. backward_propagation_with_regularization ========


def l2_backward_model_backward(X, Y, caches, lambd):
    ZL = logits_from_caches(caches)
    m = X.shape[1]
    grads = model_backward(ZL, Y, caches)
    for l in range(1, len(caches) + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * linear_cache_of(caches[l - 1])[1]
    return grads


def l2_backward_by_hand(X, Y, caches, lambd):
    L, m = len(caches), X.shape[1]
    A_prev, W, b = caches[-1]
    dZ = (sigmoid(W @ A_prev + b) - Y) / m
    grads, dA = {}, None  # dA: from the layer above, once past the output
    for l in range(L, 0, -1):
        if l < L:
            (A_prev, W, b), Z = caches[l - 1]
            dZ = dA * (Z > 0)
        grads[f"dW{l}"] = dZ @ A_prev.T + (lambd / m) * W
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)
        dA = W.T @ dZ
    return grads


def l2_backward_layers(X, Y, caches, lambd):
    L, m = len(caches), Y.shape[1]
    dZL = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA, dW, db = linear_backward(dZL, caches[-1])
    grads = {f"dW{L}": dW + lambd * caches[-1][1] / m, f"db{L}": db, f"dA{L - 1}": dA}
    for l in reversed(range(1, L)):
        dA, dW, db = linear_activation_backward(dA, caches[l - 1], "relu")
        grads.update({f"dW{l}": dW + lambd * caches[l - 1][0][1] / m, f"db{l}": db, f"dA{l - 1}": dA})
    return grads


# ---- mistakes ----


def _l2_backward_with(X, Y, caches, dW_term, db_term=lambda b, m: 0):
    m = X.shape[1]
    grads = model_backward(logits_from_caches(caches), Y, caches)
    for l in range(1, len(caches) + 1):
        _, W, b = linear_cache_of(caches[l - 1])
        grads[f"dW{l}"] = grads[f"dW{l}"] + dW_term(W, m)
        grads[f"db{l}"] = grads[f"db{l}"] + db_term(b, m)
    return grads


def l2_backward_half(X, Y, caches, lambd):
    return _l2_backward_with(X, Y, caches, lambda W, m: lambd / (2 * m) * W)


def l2_backward_db_regularized(X, Y, caches, lambd):
    return _l2_backward_with(X, Y, caches, lambda W, m: lambd / m * W, lambda b, m: lambd / m * b)


def l2_backward_missing(X, Y, caches, lambd):
    return _l2_backward_with(X, Y, caches, lambda W, m: 0 * W)


def l2_backward_no_m(X, Y, caches, lambd):
    return _l2_backward_with(X, Y, caches, lambda W, m: lambd * W)


def l2_backward_three_layers(X, Y, caches, lambd):
    m = X.shape[1]
    (A1, W1, b1), Z1 = caches[0]
    (A2, W2, b2), Z2 = caches[1]
    A3, W3, b3 = caches[2]
    dZ3 = (sigmoid(W3 @ A3 + b3) - Y) / m
    dW3, db3 = dZ3 @ A3.T + lambd / m * W3, dZ3.sum(axis=1, keepdims=True)
    dZ2 = (W3.T @ dZ3) * (Z2 > 0)
    dW2, db2 = dZ2 @ A2.T + lambd / m * W2, dZ2.sum(axis=1, keepdims=True)
    dZ1 = (W2.T @ dZ2) * (Z1 > 0)
    dW1, db1 = dZ1 @ A1.T + lambd / m * W1, dZ1.sum(axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def l2_backward_only_dW(X, Y, caches, lambd):
    grads = l2_backward_model_backward(X, Y, caches, lambd)
    return {key: value for key, value in grads.items() if key.startswith("dW")}


# ======== 5. forward_propagation_with_dropout ========


def _dropout_forward(X, parameters, keep_prob, draw, masks=None):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        A_next = np.maximum(Z, 0)
        D = masks[l - 1] if masks is not None else draw(A_next.shape)
        caches.append(((A, W, b), Z, D))
        A = A_next * D / keep_prob
    W, b = parameters[f"W{L}"], parameters[f"b{L}"]
    caches.append((A, W, b))
    return W @ A + b, caches


def dropout_forward_random_bool(X, parameters, keep_prob, rng):
    return _dropout_forward(X, parameters, keep_prob, lambda shape: rng.random(shape) < keep_prob)


def dropout_forward_binomial_int(X, parameters, keep_prob, rng):
    return _dropout_forward(X, parameters, keep_prob, lambda shape: rng.binomial(1, keep_prob, size=shape))


def dropout_forward_uniform_float(X, parameters, keep_prob, rng):
    return _dropout_forward(
        X, parameters, keep_prob, lambda shape: (rng.uniform(0, 1, size=shape) < keep_prob).astype(float)
    )


def dropout_forward_masks_first(X, parameters, keep_prob, rng):
    # every mask drawn up front, the last layer's first: another order of rng calls
    L, m = len(parameters) // 2, X.shape[1]
    masks = {l: rng.random((parameters[f"W{l}"].shape[0], m)) < keep_prob for l in range(L - 1, 0, -1)}
    return _dropout_forward(X, parameters, keep_prob, None, masks=[masks[l] for l in range(1, L)])


def dropout_forward_in_place(X, parameters, keep_prob, rng):
    caches, A = [], X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        Z = np.dot(parameters["W" + str(l)], A_prev) + parameters["b" + str(l)]
        A = np.maximum(0, Z)
        D = rng.random((A.shape[0], A.shape[1]))
        D = (D < keep_prob).astype(int)
        A = np.multiply(A, D)
        A /= keep_prob
        caches.append(((A_prev, parameters["W" + str(l)], parameters["b" + str(l)]), Z, D))
    ZL = np.dot(parameters["W" + str(L)], A) + parameters["b" + str(L)]
    caches.append((A, parameters["W" + str(L)], parameters["b" + str(L)]))
    return ZL, caches


# ---- mistakes ----


def dropout_forward_no_scale(X, parameters, keep_prob, rng):
    ZL, caches = _dropout_forward(X, parameters, 1.0, lambda shape: rng.random(shape) < keep_prob)
    return ZL, caches


def dropout_forward_multiplied(X, parameters, keep_prob, rng):
    return _dropout_forward(X, parameters, 1 / keep_prob, lambda shape: rng.random(shape) < keep_prob)


def dropout_forward_drops_input(X, parameters, keep_prob, rng):
    X = X * (rng.random(X.shape) < keep_prob) / keep_prob
    return _dropout_forward(X, parameters, keep_prob, lambda shape: rng.random(shape) < keep_prob)


def dropout_forward_drops_output(X, parameters, keep_prob, rng):
    ZL, caches = dropout_forward_random_bool(X, parameters, keep_prob, rng)
    return ZL * (rng.random(ZL.shape) < keep_prob) / keep_prob, caches


def dropout_forward_unit_mask(X, parameters, keep_prob, rng):
    return _dropout_forward(X, parameters, keep_prob, lambda shape: rng.random((shape[0], 1)) < keep_prob)


def dropout_forward_greater(X, parameters, keep_prob, rng):
    return _dropout_forward(X, parameters, keep_prob, lambda shape: rng.random(shape) > keep_prob)


def dropout_forward_global(X, parameters, keep_prob, rng):
    return _dropout_forward(X, parameters, keep_prob, lambda shape: np.random.rand(*shape) < keep_prob)


def dropout_forward_ignores_rng(X, parameters, keep_prob, rng):
    own = np.random.default_rng(1)
    return _dropout_forward(X, parameters, keep_prob, lambda shape: own.random(shape) < keep_prob)


def dropout_forward_no_mask_in_cache(X, parameters, keep_prob, rng):
    ZL, caches = dropout_forward_random_bool(X, parameters, keep_prob, rng)
    return ZL, [cache[:2] for cache in caches[:-1]] + caches[-1:]


def dropout_forward_scaled_mask(X, parameters, keep_prob, rng):
    # the mask holds 0 and 1/keep_prob, and A_l = A_l * D_l
    return _dropout_forward(X, parameters, 1.0, lambda shape: (rng.random(shape) < keep_prob) / keep_prob)


def dropout_forward_sigmoid(X, parameters, keep_prob, rng):
    ZL, caches = dropout_forward_random_bool(X, parameters, keep_prob, rng)
    return sigmoid(ZL), caches


# ======== 6. backward_propagation_with_dropout ========


def dropout_backward_by_hand(X, Y, caches, keep_prob):
    L, m = len(caches), X.shape[1]
    A_prev, W, b = caches[-1]
    dZ = (sigmoid(W @ A_prev + b) - Y) / m
    grads = {f"dW{L}": dZ @ A_prev.T, f"db{L}": np.sum(dZ, axis=1, keepdims=True)}
    dA = W.T @ dZ
    for l in range(L - 1, 0, -1):
        (A_prev, W, b), Z, D = caches[l - 1]
        dA = dA * D / keep_prob
        dZ = relu_backward(dA, Z)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(dZ, (A_prev, W, b))
    return grads


def dropout_backward_layers(X, Y, caches, keep_prob):
    L = len(caches)
    dZL = (sigmoid(logits_from_caches(caches)) - Y) / Y.shape[1]
    grads = {}
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
    grads[f"dA{L - 1}"] = dA
    for l in reversed(range(1, L)):
        linear_cache, Z, D = caches[l - 1]
        dA = np.multiply(dA, D)
        dA /= keep_prob
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, (linear_cache, Z), "relu")
        grads[f"dA{l - 1}"] = dA
    return grads


def dropout_backward_dZ(X, Y, caches, keep_prob):
    # the mask applied to dZ (the same, as ReLU's derivative is element-wise)
    L = len(caches)
    grads, dA = {}, None  # dA: from the layer above, once past the output
    dZ = (sigmoid(logits_from_caches(caches)) - Y) / X.shape[1]
    for l in range(L, 0, -1):
        if l < L:
            (A_prev, W, b), Z, D = caches[l - 1]
            dZ = np.where((Z > 0) & (D != 0), dA / keep_prob, 0.0)
        else:
            A_prev, W, b = caches[l - 1]
        grads["dW" + str(l)] = np.dot(dZ, A_prev.T)
        grads["db" + str(l)] = np.sum(dZ, axis=1).reshape(-1, 1)
        dA = np.dot(W.T, dZ)
    return grads


# ---- mistakes ----


def dropout_backward_only_dW(X, Y, caches, keep_prob):
    return {key: value for key, value in dropout_backward_layers(X, Y, caches, keep_prob).items() if key[:2] != "db"}


def _dropout_backward_with(factor):
    """A backward pass that multiplies dA_l by factor(D, keep_prob) instead of D / keep_prob."""

    def backward(X, Y, caches, keep_prob):
        L = len(caches)
        dZL = (sigmoid(logits_from_caches(caches)) - Y) / Y.shape[1]
        grads = {}
        dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
        for l in range(L - 1, 0, -1):
            linear_cache, Z, D = caches[l - 1]
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
                dA * factor(D, keep_prob), (linear_cache, Z), "relu"
            )
        return grads

    return backward


dropout_backward_no_scale = _dropout_backward_with(lambda D, kp: D)
dropout_backward_divided_twice = _dropout_backward_with(lambda D, kp: D / kp / kp)
dropout_backward_no_mask = _dropout_backward_with(lambda D, kp: 1 / kp)
dropout_backward_no_mask_no_scale = _dropout_backward_with(lambda D, kp: 1.0)
dropout_backward_global_mask = _dropout_backward_with(lambda D, kp: (np.random.rand(*D.shape) < kp) / kp)
dropout_backward_fresh_rng = _dropout_backward_with(lambda D, kp: (np.random.default_rng().random(D.shape) < kp) / kp)


def dropout_backward_no_m(X, Y, caches, keep_prob):
    # dZL = sigmoid(ZL) - Y, not divided by m: every gradient comes out m times the mean cost's
    grads = dropout_backward_layers(X, Y, caches, keep_prob)
    return {key: value * Y.shape[1] for key, value in grads.items()}


dropout_backward_seeded_mask = _dropout_backward_with(
    lambda D, kp: (np.random.default_rng(7).random(D.shape) < kp) / kp
)


# ======== 7. early_stopping_epoch ========


def stop_counter(dev_costs, patience):
    if len(dev_costs) == 0:
        raise ValueError("no epochs")
    if patience < 1:
        raise ValueError("patience below 1")
    best_epoch, best_cost, waiting = 0, dev_costs[0], 0
    for epoch, cost in enumerate(dev_costs):
        if cost < best_cost:
            best_epoch, best_cost, waiting = epoch, cost, 0
        elif epoch > 0:
            waiting += 1
            if waiting >= patience:
                break
    return best_epoch


def stop_distance(dev_costs, patience):
    # no counter: the epochs since the best one
    if not dev_costs or patience < 1:
        raise ValueError(f"cannot stop early with {len(dev_costs)} epochs and patience {patience}")
    best = 0
    for epoch in range(len(dev_costs)):
        if dev_costs[epoch] < dev_costs[best]:
            best = epoch
        elif epoch - best == patience:
            return best
    return best


def stop_numpy(dev_costs, patience):
    # the epochs that improve on every earlier one, and the gaps between them
    costs = np.asarray(dev_costs, dtype=float)
    if costs.size == 0 or patience < 1:
        raise ValueError("empty dev_costs or patience < 1")
    lowest_before = np.minimum.accumulate(np.concatenate([[np.inf], costs[:-1]]))
    improved = np.flatnonzero(costs < lowest_before)
    gaps = np.append(improved[1:], costs.size) - improved - 1
    stops = np.flatnonzero(gaps >= patience)
    return int(improved[stops[0]] if stops.size else improved[-1])


# ---- mistakes ----


def _checked(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError("empty dev_costs or patience < 1")


def stop_argmin(dev_costs, patience):
    _checked(dev_costs, patience)
    return int(np.argmin(dev_costs))


def _stop_with(
    name,
    improves=lambda cost, best: cost < best,
    start=0,
    stop=lambda waiting, patience: waiting == patience,
    reset=True,
    previous=False,
    shift=0,
    answer=lambda best, epoch, stopped: best,
    checked=True,
):
    """The counter loop of early stopping with one part changed: each classic mistake below is this
    maker with one keyword (the right loop is the maker with none)."""

    def early_stopping_epoch(dev_costs, patience):
        if checked:
            _checked(dev_costs, patience)
        best, waiting, epoch, stopped = 0, start, 0, False
        for epoch in range(1, len(dev_costs)):
            against = dev_costs[epoch - 1] if previous else dev_costs[best]
            if improves(dev_costs[epoch], against):
                waiting = start if reset else waiting
            else:
                waiting += 1
            if dev_costs[epoch] < dev_costs[best] or (not previous and improves(dev_costs[epoch], dev_costs[best])):
                best = epoch
            if stop(waiting, patience):
                stopped = True
                break
        return answer(best, epoch, stopped) + shift

    early_stopping_epoch.__name__ = name
    return early_stopping_epoch


# each classic mistake is the maker with one part changed
stop_returns_stop = _stop_with("stop_returns_stop", answer=lambda best, epoch, stopped: epoch if stopped else best)
stop_returns_last = _stop_with("stop_returns_last", answer=lambda best, epoch, stopped: epoch)  # the last trained
stop_count_starts_at_one = _stop_with("stop_count_starts_at_one", start=1)  # the best counted as one of patience
stop_greater_than_patience = _stop_with("stop_greater_than_patience", stop=lambda waiting, patience: waiting > patience)
stop_equal_improves = _stop_with("stop_equal_improves", improves=lambda cost, best: cost <= best)
stop_count_never_reset = _stop_with("stop_count_never_reset", reset=False)
stop_against_previous = _stop_with("stop_against_previous", previous=True)
stop_one_based = _stop_with("stop_one_based", shift=1)
stop_no_checks = _stop_with("stop_no_checks", checked=False)
stop_by_the_maker = _stop_with("stop_by_the_maker")  # nothing changed: the right loop


def stop_skips_epoch_zero(dev_costs, patience):
    """Epoch 0 never the best: the loop starts at 1 against an infinite best cost."""
    _checked(dev_costs, patience)
    best, best_cost, waiting = 0, float("inf"), 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < best_cost:
            best, best_cost, waiting = epoch, dev_costs[epoch], 0
        else:
            waiting += 1
        if waiting == patience:
            break
    return best


def stop_returns_cost(dev_costs, patience):
    return dev_costs[stop_counter(dev_costs, patience)]


def stop_returns_float(dev_costs, patience):
    return float(stop_counter(dev_costs, patience))


def stop_empty_zero(dev_costs, patience):
    if patience < 1:
        raise ValueError("patience below 1")
    return 0 if not dev_costs else stop_no_checks(dev_costs, patience)


def stop_patience_unchecked(dev_costs, patience):
    if len(dev_costs) == 0:
        raise ValueError("no epochs")
    return stop_no_checks(dev_costs, patience)


def stop_asserts(dev_costs, patience):
    assert len(dev_costs) > 0 and patience >= 1
    return stop_no_checks(dev_costs, patience)


def stop_silent_error(dev_costs, patience):
    if not dev_costs or patience < 1:
        raise ValueError
    return stop_no_checks(dev_costs, patience)


def stop_appends_sentinel(dev_costs, patience):
    _checked(dev_costs, patience)
    dev_costs.append(float("inf"))  # the last epoch never improves: the loop needs no end case
    return stop_no_checks(dev_costs, patience)


def stop_peeks_past_the_stop(dev_costs, patience):
    # right on every list where nothing after the stop is much lower; otherwise it jumps there
    answer = stop_counter(dev_costs, patience)
    far_lower = [e for e, cost in enumerate(dev_costs) if cost < min(dev_costs[: answer + 1]) / 1.5]
    return far_lower[-1] if far_lower else answer


# ======== the tests ========

CORRECT = [
    (
        check_split_train_dev_test,
        [split_slices, split_dev_first_int_half, split_shuffled_index_np_split, split_stacked_test_first],
    ),
    (check_diagnose_bias_variance, [diagnose_if_chain, diagnose_table, diagnose_joined]),
    (check_compute_cost_with_regularization, [cost_loop, cost_frobenius_0d, cost_numpy_float]),
    (
        check_backward_propagation_with_regularization,
        [l2_backward_model_backward, l2_backward_by_hand, l2_backward_layers],
    ),
    (
        check_forward_propagation_with_dropout,
        [
            dropout_forward_random_bool,
            dropout_forward_binomial_int,
            dropout_forward_uniform_float,
            dropout_forward_masks_first,
            dropout_forward_in_place,
        ],
    ),
    (check_backward_propagation_with_dropout, [dropout_backward_by_hand, dropout_backward_layers, dropout_backward_dZ]),
    (check_early_stopping_epoch, [stop_counter, stop_distance, stop_numpy, stop_by_the_maker]),
]


@pytest.mark.parametrize(
    "check, fn",
    [(check, fn) for check, fns in CORRECT for fn in fns],
    ids=[fn.__name__ for _, fns in CORRECT for fn in fns],
)
def test_correct_implementation_passes(check, fn, capsys):
    check(fn)
    assert f"✓ {check.__name__.removeprefix('check_')}: all" in capsys.readouterr().out


@pytest.mark.parametrize("seed", [5, 2026])
def test_correct_implementations_pass_with_other_seeds(seed):
    check_split_train_dev_test(split_dev_first_int_half, cases=((40, 0.1, 0.125), (7, 0.3, 0.2)), n=2, seed=seed)
    check_compute_cost_with_regularization(
        cost_loop, dims_cases=((2, 3, 3, 1), (5, 2, 2, 2, 1)), m=9, lambd=0.1, seed=seed
    )
    check_backward_propagation_with_regularization(
        l2_backward_by_hand, dims_cases=((2, 3, 2, 1), (3, 2, 2, 2, 1)), m=7, lambd=1.3, seed=seed
    )
    check_forward_propagation_with_dropout(
        dropout_forward_binomial_int, cases=(((2, 4, 3, 1), 0.6),), m=5, seed=seed, stats_keep_probs=(0.9,)
    )
    check_backward_propagation_with_dropout(
        dropout_backward_by_hand, cases=(((3, 4, 4, 1), 0.6, "float"),), m=7, seed=seed
    )
    rng = np.random.default_rng(seed)  # noisy U-shaped dev costs, rounded so that some tie
    curves = [
        np.round(0.3 + ((np.arange(n) - n // 3) / n) ** 2 + 0.03 * rng.standard_normal(n), 2).tolist() for n in (9, 40)
    ]
    for fn in (stop_counter, stop_distance, stop_numpy):
        check_early_stopping_epoch(fn, cases=[(curve, p) for curve in curves for p in (1, 3, 6)], errors=(([], 2),))


MISTAKES = [
    (check_split_train_dev_test, split_two_permutations, r"pairs are broken.*one permutation for both"),
    (check_split_train_dev_test, split_overlapping_slices, r"appear twice.*lost or duplicated"),
    (check_split_train_dev_test, split_wrong_slice_end, r"X_dev holds 0 examples.*lost or duplicated"),
    (check_split_train_dev_test, split_train_rounded_too, r"X_train holds 5 examples.*lost or duplicated"),
    (check_split_train_dev_test, split_rows, r"not columns of X.*examples are columns: X\[:, order\]"),
    (check_split_train_dev_test, split_int_truncates, r"X_test holds 4 examples.*int\(\) rounds down"),
    (check_split_train_dev_test, split_ceil, r"X_dev holds 4 examples.*rounded up"),
    (check_split_train_dev_test, split_global_numpy, r"global generator.*rng\.permutation\(m\)"),
    (check_split_train_dev_test, split_ignores_rng, r"ignores rng: shuffle with rng\.permutation\(m\)"),
    (check_split_train_dev_test, split_no_shuffle, r"ignores rng: shuffle with rng\.permutation\(m\)"),
    (check_split_train_dev_test, split_in_place, r"changed its input"),
    (check_split_train_dev_test, split_flat_Y, r"Y_train has the wrong shape.*Y\[:, indices\]"),
    (check_split_train_dev_test, not_written, r"not written yet.*NotImplementedError"),
    (
        check_diagnose_bias_variance,
        diagnose_variance_from_base,
        r"expected: 'high bias'.*variance is measured from base",
    ),
    (check_diagnose_bias_variance, diagnose_base_ignored, r"base_error=0\.145.*base_error ignored"),
    (
        check_diagnose_bias_variance,
        diagnose_tolerance_hardcoded,
        r"tolerance=0\.05.*tolerance ignored \(0\.02 hard-coded\)",
    ),
    (check_diagnose_bias_variance, diagnose_swapped, r"bias and variance swapped"),
    (
        check_diagnose_bias_variance,
        diagnose_greater_or_equal,
        r"diagnose_bias_variance\(0\.25, 0\.5, base_error=0, tolerance=0\.25\).*expected: 'good fit'.*"
        r"a gap equal to tolerance is not high",
    ),
    (
        check_diagnose_bias_variance,
        diagnose_capitalized,
        r"'High variance', which is not one of the four.*'high bias', 'high variance', 'high bias and high variance', 'good fit'",
    ),
    (check_diagnose_bias_variance, diagnose_prints, r"returned None, which is not one of the four"),
    (check_diagnose_bias_variance, not_written, r"not written yet"),
    (check_compute_cost_with_regularization, cost_lambd_over_m, r"wrong cost.*lambd / \(2 \* m\)"),
    (check_compute_cost_with_regularization, cost_with_biases, r"wrong cost.*biases included in the norm"),
    (check_compute_cost_with_regularization, cost_plain_sum, r"wrong cost.*np\.sum\(W\) instead of the sum of squares"),
    (
        check_compute_cost_with_regularization,
        cost_three_layers,
        r"raised KeyError.*'W3'.*only three layers hard-coded.*2 layers",
    ),
    (check_compute_cost_with_regularization, cost_m_from_rows, r"m is the number of examples, Y\.shape\[1\]"),
    (check_compute_cost_with_regularization, cost_last_layer_missing, r"last layer's W_L is missing"),
    (
        check_compute_cost_with_regularization,
        cost_only_l2,
        r"wrong cost with lambd = 0.*the cross-entropy part is missing",
    ),
    (check_compute_cost_with_regularization, cost_matrix, r"array of shape \(1, 1\), not a number"),
    (check_compute_cost_with_regularization, not_written, r"not written yet"),
    (
        check_backward_propagation_with_regularization,
        l2_backward_half,
        r"dW3 has wrong values.*lambd / \(2 \* m\) \* W_l in dW_l",
    ),
    (
        check_backward_propagation_with_regularization,
        l2_backward_db_regularized,
        r"db3 has wrong values.*L2 term added to db",
    ),
    (check_backward_propagation_with_regularization, l2_backward_missing, r"dW3 has wrong values.*L2 term is missing"),
    (check_backward_propagation_with_regularization, l2_backward_no_m, r"that is lambd \* W_l"),
    (
        check_backward_propagation_with_regularization,
        l2_backward_three_layers,
        r"raised ValueError.*only three layers hard-coded.*2 layers",
    ),
    (check_backward_propagation_with_regularization, not_written, r"not written yet"),
    (
        check_backward_propagation_with_regularization,
        l2_backward_only_dW,
        r"missing \['db1', 'db2', 'db3'\].*one dW_l and one db_l",
    ),
    (
        check_forward_propagation_with_dropout,
        dropout_forward_no_scale,
        r"not relu\(Z1\) \* D1 / keep_prob.*divide by keep_prob: inverted dropout keeps the expected activation",
    ),
    (check_forward_propagation_with_dropout, dropout_forward_multiplied, r"multiplied by keep_prob"),
    (check_forward_propagation_with_dropout, dropout_forward_drops_input, r"not X.*never drop the input"),
    (
        check_forward_propagation_with_dropout,
        dropout_forward_drops_output,
        r"ZL is not.*no dropout on the output layer",
    ),
    (
        check_forward_propagation_with_dropout,
        dropout_forward_unit_mask,
        r"D1 has the wrong shape.*one mask entry per unit AND example",
    ),
    (
        check_forward_propagation_with_dropout,
        dropout_forward_greater,
        r"wrong fraction.*rng\.random\(shape\) > keep_prob keeps the wrong fraction",
    ),
    (
        check_forward_propagation_with_dropout,
        dropout_forward_global,
        r"global generator.*rng\.random\(A\.shape\) < keep_prob",
    ),
    (check_forward_propagation_with_dropout, dropout_forward_ignores_rng, r"identical masks.*ignores rng"),
    (
        check_forward_propagation_with_dropout,
        dropout_forward_no_mask_in_cache,
        r"got:\s+\(linear_cache, Z\).*put the mask D_l in it",
    ),
    (
        check_forward_propagation_with_dropout,
        dropout_forward_scaled_mask,
        r"values other than 0 and 1.*keep the division by keep_prob out of the mask",
    ),
    (check_forward_propagation_with_dropout, dropout_forward_sigmoid, r"not sigmoid\(ZL\)"),
    (check_forward_propagation_with_dropout, not_written, r"not written yet"),
    (
        check_backward_propagation_with_dropout,
        dropout_backward_no_scale,
        r"dW\d has wrong values.*dA not scaled by 1/keep_prob in backward.*keep_prob\^k",
    ),
    (check_backward_propagation_with_dropout, dropout_backward_divided_twice, r"divided by keep_prob more than once"),
    (
        check_backward_propagation_with_dropout,
        dropout_backward_no_m,
        r"dW3 has wrong values.*every gradient is m times too large.*/ m",
    ),
    (
        check_backward_propagation_with_dropout,
        dropout_backward_no_mask,
        r"dW\d has wrong values.*the mask not applied in backward",
    ),
    (check_backward_propagation_with_dropout, dropout_backward_no_mask_no_scale, r"the mask not applied in backward"),
    (
        check_backward_propagation_with_dropout,
        dropout_backward_global_mask,
        r"global generator.*use the masks D_l from the caches",
    ),
    (
        check_backward_propagation_with_dropout,
        dropout_backward_fresh_rng,
        r"different gradients.*use the masks D_l from the caches",
    ),
    (
        check_backward_propagation_with_dropout,
        dropout_backward_seeded_mask,
        r"wrong values.*use the masks D_l from the caches",
    ),
    (check_backward_propagation_with_dropout, not_written, r"not written yet"),
    (
        check_backward_propagation_with_dropout,
        dropout_backward_only_dW,
        r"missing \['db1', 'db2', 'db3'\].*one dW_l and one db_l",
    ),
    (
        check_early_stopping_epoch,
        stop_argmin,
        r"wrong epoch for early_stopping_epoch\(\[0\.7, 0\.55.*patience=2\).*expected: 2 \(epochs 3 and 4 bring no improvement on epoch 2's 0\.48: training stops after epoch 4\).*got:\s+5.*looks beyond the stopping point",
    ),
    (check_early_stopping_epoch, stop_returns_stop, r"expected: 2 .*got:\s+4.*that is the epoch where training stops"),
    (
        check_early_stopping_epoch,
        stop_returns_last,
        r"expected: 2 .*got:\s+4.*that is the epoch where training stops.*or the last epoch",
    ),
    (
        check_early_stopping_epoch,
        stop_count_starts_at_one,
        r"patience=2\).*expected: 7 \(never 2 epochs in a row.*got:\s+1.*stops one epoch too soon",
    ),
    (check_early_stopping_epoch, stop_greater_than_patience, r"got:\s+5.*stops one epoch too late"),
    (check_early_stopping_epoch, stop_equal_improves, r"got:\s+6.*an equal cost counted as an improvement"),
    (check_early_stopping_epoch, stop_count_never_reset, r"got:\s+3.*not consecutive ones"),
    (check_early_stopping_epoch, stop_against_previous, r"got:\s+6.*compares each epoch with the one before it"),
    (
        check_early_stopping_epoch,
        stop_one_based,
        r"returned 1 for early_stopping_epoch\(\[0\.3\], patience=4\): there is no such epoch.*epochs are counted from 0",
    ),
    (
        check_early_stopping_epoch,
        stop_skips_epoch_zero,
        r"wrong epoch for early_stopping_epoch\(\[0\.4, 0\.5, 0\.6, 0\.7\], patience=2\).*got:\s+1.*epoch 0 is the first best",
    ),
    (check_early_stopping_epoch, stop_returns_cost, r"returned 0\.48 .*not an epoch.*not its cost"),
    (check_early_stopping_epoch, stop_returns_float, r"returned 2\.0 .*return the epoch as an int"),
    (
        check_early_stopping_epoch,
        stop_no_checks,
        r"returned 0 for early_stopping_epoch\(\[\], patience=3\).*raise ValueError.*when dev_costs is empty "
        r"and when patience < 1 \(it raises for neither\)",
    ),
    (
        check_early_stopping_epoch,
        stop_empty_zero,
        r"returned 0 for early_stopping_epoch\(\[\], patience=3\).*hint: +with no epochs.*when dev_costs is empty",
    ),
    (
        check_early_stopping_epoch,
        stop_patience_unchecked,
        r"returned 1 for early_stopping_epoch\(\[0\.5, 0\.4, 0\.45\], patience=0\).*hint: +a patience below 1.*"
        r"when patience < 1\.",
    ),
    (
        check_early_stopping_epoch,
        stop_asserts,
        r"raised AssertionError for early_stopping_epoch\(\[\].*expected: ValueError.*when dev_costs is empty",
    ),
    (
        check_early_stopping_epoch,
        stop_silent_error,
        r"raised ValueError without a message.*give the ValueError a message",
    ),
    (check_early_stopping_epoch, stop_appends_sentinel, r"changed its input.*leave the list as it is"),
    (
        check_early_stopping_epoch,
        stop_peeks_past_the_stop,
        r"changed with the epochs after training stops.*expected: 2: training stops after epoch 4.*looks beyond the stopping point",
    ),
    (check_early_stopping_epoch, not_written, r"not written yet"),
]


@pytest.mark.parametrize(
    "check, fn, message", MISTAKES, ids=[f"{m[0].__name__.removeprefix('check_')}-{m[1].__name__}" for m in MISTAKES]
)
def test_classic_mistake_is_named(check, fn, message):
    with pytest.raises(CheckFailed) as failure:
        check(fn)
    text = str(failure.value)
    assert text.startswith("✗ " + check.__name__.removeprefix("check_") + ":"), text
    assert re.search(message, text, re.S), text


def test_hard_coded_layers_that_ignore_W4_W5_are_named_too():
    # the variant that does not raise on 2 layers: wrong on the 5-layer network, right on 3
    with pytest.raises(CheckFailed, match=r"(?s)5-layer network.*only three layers hard-coded.*5 layers"):
        check_compute_cost_with_regularization(cost_three_layers_get, dims_cases=((4, 5, 3, 1), (3, 4, 5, 4, 3, 1)))
    # and without a 3-layer case to compare with, the value itself names it
    with pytest.raises(CheckFailed, match=r"only three layers hard-coded"):
        check_compute_cost_with_regularization(cost_three_layers_get, dims_cases=((3, 4, 5, 4, 3, 1),))


def test_hard_coded_backward_on_a_deeper_network_is_named():
    with pytest.raises(CheckFailed, match=r"(?s)only three layers hard-coded.*5 layers"):
        check_backward_propagation_with_regularization(
            l2_backward_three_layers, dims_cases=((3, 4, 3, 1), (3, 4, 3, 3, 2, 1))
        )


def test_nothing_from_inside_course_utils_reaches_the_student():
    def weird(X, parameters, keep_prob, rng):
        return np.zeros((1, X.shape[1])), [object()] * (len(parameters) // 2)

    with pytest.raises(CheckFailed) as failure:
        check_forward_propagation_with_dropout(weird)
    assert "layer 1's cache has the wrong layout" in str(failure.value)
    rendered = "\n".join(failure.value._render_traceback_())
    assert "Traceback" not in rendered and "course_utils" not in rendered


def test_the_dA_entries_of_model_backward_may_stay_in_the_gradients(capsys):
    # the exercise says so: training reads only the dW and db
    caches = model_forward(
        np.ones((3, 2)), {"W1": np.ones((4, 3)), "b1": np.zeros((4, 1)), "W2": np.ones((1, 4)), "b2": np.zeros((1, 1))}
    )[1]
    assert {"dA0", "dA1"} <= set(l2_backward_model_backward(np.ones((3, 2)), np.ones((1, 2)), caches, 0.7))
    check_backward_propagation_with_regularization(l2_backward_model_backward)
    check_backward_propagation_with_dropout(dropout_backward_layers)
    assert capsys.readouterr().out.count("all") == 2


def test_a_list_that_never_runs_out_of_patience_keeps_its_lowest_epoch():
    assert stop_counter([0.50, 0.52, 0.49, 0.51, 0.53], 5) == 2
    with pytest.raises(CheckFailed) as failure:
        check_early_stopping_epoch(
            stop_count_starts_at_one, cases=(([0.5, 0.4, 0.45, 0.46, 0.47, 0.3, 0.2], 4),), errors=()
        )
    assert (
        "expected: 6 (never 4 epochs in a row without improvement: training runs to the last epoch, 6, and the lowest cost is epoch 6's 0.2)"
        in str(failure.value)
    )


def test_every_classic_stopping_mistake_answers_the_visible_cases_its_own_way():
    from course_utils.checks.regularization import _ES_MISTAKES, EARLY_STOPPING_CASES, _early_stopping

    right = [_early_stopping(costs, patience)[0] for costs, patience in EARLY_STOPPING_CASES]
    answers = {
        hint: [rule(costs, patience) for costs, patience in EARLY_STOPPING_CASES] for hint, rule in _ES_MISTAKES.items()
    }
    assert right == [2, 7, 1, 1, 1, 0, 0]  # worked out by hand in the cases' comment
    assert all(answer != right for answer in answers.values())
    assert len({tuple(answer) for answer in answers.values()}) == len(answers)


def test_a_value_error_raised_outside_the_kernel_counts_as_one(capsys):
    # graded, the student's errors come back as the grader's StudentCodeError("ValueError: ...")
    from autograder.isolation import StudentCodeError

    def outside(error_type):
        def early_stopping_epoch(dev_costs, patience):
            if len(dev_costs) == 0 or patience < 1:
                raise StudentCodeError(f"{error_type}: dev_costs is empty or patience < 1")
            return stop_counter(dev_costs, patience)

        return early_stopping_epoch

    check_early_stopping_epoch(outside("ValueError"))
    assert "all" in capsys.readouterr().out
    with pytest.raises(CheckFailed, match=r"raised StudentCodeError for early_stopping_epoch\(\[\], patience=3\)"):
        check_early_stopping_epoch(outside("TypeError"))
    with pytest.raises(CheckFailed, match=r"raised ValueError without a message"):
        check_early_stopping_epoch(_silent_outside)


def _silent_outside(dev_costs, patience):
    from autograder.isolation import StudentCodeError

    if len(dev_costs) == 0 or patience < 1:
        raise StudentCodeError("ValueError: ")
    return stop_counter(dev_costs, patience)
