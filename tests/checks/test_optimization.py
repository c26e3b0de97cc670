"""The Optimization notebook's checks: every correct implementation passes (in place or new
dictionaries, loops or comprehensions), each classic mistake fails with a message that names the
function and the mistake. The references are the notebook's (tests/support/optimization_functions.py),
the other correct implementations live here."""

import math

import numpy as np
import pytest

from course_utils.checks import CheckFailed
from course_utils.checks import optimization as o
from tests.support.optimization_functions import (
    exponentially_weighted_average,
    initialize_adam,
    initialize_velocity,
    random_mini_batches,
    schedule_lr_decay,
    update_lr,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_gd_in_place,
    update_parameters_with_momentum,
    update_parameters_with_rmsprop,
)

# ---- other correct implementations ----


def gd_new_dict(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def mini_batches_math_floor(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    permutation = list(rng.permutation(m))
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation].reshape((1, m))
    batches = []
    for k in range(math.floor(m / mini_batch_size)):
        batches.append(
            (
                shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size],
            )
        )
    if m % mini_batch_size != 0:
        batches.append(
            (
                shuffled_X[:, math.floor(m / mini_batch_size) * mini_batch_size :],
                shuffled_Y[:, math.floor(m / mini_batch_size) * mini_batch_size :],
            )
        )
    return batches


def ewa_vectorized(values, beta, bias_correction=True):
    """The closed form: v_t = (1 - beta) * sum_k beta ** (t - k) * values[k], as a matrix product."""
    n = len(values)
    t = np.arange(1, n + 1)
    weights = np.tril((1 - beta) * beta ** (t[:, None] - t[None, :]).clip(0))
    plain = weights @ np.asarray(values, dtype=float)
    return plain / (1 - beta**t) if bias_correction else plain


def ewa_list(values, beta, bias_correction=True):
    """A list back, the correction worked out after the loop, and an index from 0."""
    out, v = [], 0
    for i in range(len(values)):
        v = beta * v + (1 - beta) * values[i]
        out.append(v)
    if bias_correction:
        out = [x / (1 - beta ** (i + 1)) for i, x in enumerate(out)]
    return out


def velocity_by_layers(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros((parameters["W" + str(l)].shape[0], parameters["W" + str(l)].shape[1]))
        v["db" + str(l)] = np.zeros((parameters["b" + str(l)].shape[0], 1))
    return v


def momentum_new_dicts(parameters, grads, v, beta, learning_rate):
    v = {key: beta * v[key] + (1 - beta) * grads[key] for key in v}
    return {key: value - learning_rate * v["d" + key] for key, value in parameters.items()}, v


def adam_by_layers_in_place(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = "d" + p + str(l)
            v[key] *= beta1
            v[key] += (1 - beta1) * grads[key]
            s[key] = beta2 * s[key] + (1 - beta2) * np.square(grads[key])
            v_corrected[key] = v[key] / (1 - np.power(beta1, t))
            s_corrected[key] = s[key] / (1 - np.power(beta2, t))
            parameters[p + str(l)] -= learning_rate * v_corrected[key] / (np.sqrt(s_corrected[key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def schedule_integer_division(learning_rate0, epoch_num, decay_rate, time_interval):
    return learning_rate0 * 1.0 / (1 + decay_rate * (epoch_num // time_interval))


CORRECT = [
    (o.check_update_parameters_with_gd, update_parameters_with_gd),
    (o.check_update_parameters_with_gd, gd_new_dict),
    (o.check_update_parameters_with_gd, update_parameters_with_gd_in_place),
    (o.check_random_mini_batches, random_mini_batches),
    (o.check_random_mini_batches, mini_batches_math_floor),
    (o.check_exponentially_weighted_average, exponentially_weighted_average),
    (o.check_exponentially_weighted_average, ewa_vectorized),
    (o.check_exponentially_weighted_average, ewa_list),
    (o.check_initialize_velocity, initialize_velocity),
    (o.check_initialize_velocity, velocity_by_layers),
    (o.check_initialize_rmsprop, initialize_velocity),
    (o.check_initialize_adam, initialize_adam),
    (o.check_update_parameters_with_momentum, update_parameters_with_momentum),
    (o.check_update_parameters_with_momentum, momentum_new_dicts),
    (o.check_update_parameters_with_rmsprop, update_parameters_with_rmsprop),
    (o.check_update_parameters_with_adam, update_parameters_with_adam),
    (o.check_update_parameters_with_adam, adam_by_layers_in_place),
    (o.check_update_lr, update_lr),
    (o.check_schedule_lr_decay, schedule_lr_decay),
    (o.check_schedule_lr_decay, schedule_integer_division),
]


@pytest.mark.parametrize("check, fn", CORRECT, ids=[f"{c.__name__[6:]}-{f.__name__}" for c, f in CORRECT])
def test_correct_implementation_passes(check, fn, capsys):
    check(fn)
    assert "all" in capsys.readouterr().out


# ---- the classic mistakes ----


def mb_two_permutations(X, Y, size, rng):
    m = X.shape[1]
    X, Y = X[:, rng.permutation(m)], Y[:, rng.permutation(m)]
    return [(X[:, k : k + size], Y[:, k : k + size]) for k in range(0, m, size)]


def mb_drop_last(X, Y, size, rng):
    m = X.shape[1]
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    return [(X[:, k * size : (k + 1) * size], Y[:, k * size : (k + 1) * size]) for k in range(m // size)]


def mb_padded(X, Y, size, rng):
    m = X.shape[1]
    order = np.concatenate([rng.permutation(m), np.arange(size)])  # wraps around to fill the last batch
    return [(X[:, order[k : k + size]], Y[:, order[k : k + size]]) for k in range(0, m, size)]


def mb_wrong_size(X, Y, size, rng):
    m = X.shape[1]
    order = rng.permutation(m)
    step = max(1, m // max(1, m // size))  # "evenly" sized batches
    return [(X[:, order[k : k + step]], Y[:, order[k : k + step]]) for k in range(0, m, step)]


def mb_not_shuffled(X, Y, size, rng):
    m = X.shape[1]
    return [(X[:, k : k + size], Y[:, k : k + size]) for k in range(0, m, size)]


def _ewa(swapped=False, first=False, fed_back=False, shift=1, one_minus=True, in_place=False, correct=None):
    """An exponentially weighted average with one classic mistake; ``correct`` overrides bias_correction."""

    def ewa(values, beta, bias_correction=True):
        out = values if in_place else np.zeros(len(values))
        keep, new = (1 - beta, beta) if swapped else (beta, (1 - beta) if one_minus else 1.0)
        v = values[0] if first else 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            for i in range(len(values)):
                v = keep * v + new * values[i]
                corrected = v / (1 - beta ** (i + shift))
                out[i] = corrected if (bias_correction if correct is None else correct) else v
                if fed_back and bias_correction:
                    v = corrected
        return out

    return ewa


def momentum_no_one_minus_beta(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        v["d" + key] = beta * v["d" + key] + grads["d" + key]
        parameters[key] = parameters[key] - learning_rate * v["d" + key]
    return parameters, v


def momentum_wrong_order(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * v["d" + key]
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
    return parameters, v


def rmsprop_eps_inside(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for key in parameters:
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * grads["d" + key] ** 2
        parameters[key] = parameters[key] - learning_rate * grads["d" + key] / np.sqrt(s["d" + key] + epsilon)
    return parameters, s


def rmsprop_no_square(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for key in parameters:
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * grads["d" + key]
        parameters[key] = parameters[key] - learning_rate * grads["d" + key] / (np.sqrt(np.abs(s["d" + key])) + epsilon)
    return parameters, s


def _adam(
    correct_v=lambda v, b, t: v / (1 - b**t), eps_inside=False, order=False, keep_corrected=False, one_minus=True
):
    def adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
        v_c, s_c = {}, {}
        for key in parameters:
            g = grads["d" + key]
            if order:
                step = learning_rate * v["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
            v["d" + key] = beta1 * v["d" + key] + ((1 - beta1) if one_minus else 1) * g
            s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g**2
            with np.errstate(divide="ignore", invalid="ignore"):
                v_c["d" + key], s_c["d" + key] = correct_v(v["d" + key], beta1, t), correct_v(s["d" + key], beta2, t)
            if keep_corrected:
                v["d" + key], s["d" + key] = v_c["d" + key], s_c["d" + key]
            if not order:
                denominator = np.sqrt(s_c["d" + key] + epsilon) if eps_inside else np.sqrt(s_c["d" + key]) + epsilon
                step = learning_rate * v_c["d" + key] / denominator
            parameters[key] = parameters[key] - step
        return parameters, v, s, v_c, s_c

    return adam


def ewa_default_uncorrected(values, beta, bias_correction=False):
    return exponentially_weighted_average(values, beta, bias_correction)


def momentum_steps_with_gradient(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters, v


def momentum_weights_only(parameters, grads, v, beta, learning_rate):
    for l in range(1, len(parameters) // 2 + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
    return parameters, v


def rmsprop_weights_only(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for l in range(1, len(parameters) // 2 + 1):
        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * grads["dW" + str(l)] ** 2
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)] / (np.sqrt(s["dW" + str(l)]) + epsilon)
    return parameters, s


def momentum_biases_never_move(parameters, grads, v, beta, learning_rate):
    """The velocity of the biases kept right, the biases themselves never moved."""
    for key in parameters:
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
        if key[0] == "W":
            parameters[key] = parameters[key] - learning_rate * v["d" + key]
    return parameters, v


def rmsprop_default(epsilon):
    def rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=epsilon):
        return update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon)

    return rmsprop


def adam_default(**changed):
    defaults = {"learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, **changed}

    def adam(parameters, grads, v, s, t, learning_rate=defaults["learning_rate"], beta1=defaults["beta1"],
             beta2=defaults["beta2"], epsilon=defaults["epsilon"]):  # fmt: skip
        return update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)

    return adam


MISTAKES = [
    (o.check_exponentially_weighted_average, ewa_default_uncorrected, "bias_correction defaults to True"),
    (o.check_update_parameters_with_momentum, momentum_steps_with_gradient, "did not use the plain velocity"),
    (o.check_update_parameters_with_momentum, momentum_weights_only, "update the biases too: v\\['db'"),
    (o.check_update_parameters_with_momentum, momentum_biases_never_move, "update the biases too: b_l"),
    (o.check_update_parameters_with_rmsprop, rmsprop_weights_only, "update the biases too: s\\['db'"),
    (o.check_update_parameters_with_rmsprop, rmsprop_default(1e-4), "epsilon defaults to 1e-8"),
    (o.check_update_parameters_with_adam, adam_default(learning_rate=0.001), "the defaults are learning_rate=0.01"),
    (o.check_update_parameters_with_adam, adam_default(beta1=0.8), "the defaults are learning_rate=0.01"),
    (o.check_update_parameters_with_adam, adam_default(beta2=0.99), "the defaults are learning_rate=0.01"),
    (o.check_update_parameters_with_adam, adam_default(epsilon=1e-7), "the defaults are learning_rate=0.01"),
    (
        o.check_update_parameters_with_gd,
        lambda p, g, lr: {k: v + lr * g["d" + k] for k, v in p.items()},
        "against the gradient",
    ),
    (
        o.check_update_parameters_with_gd,
        lambda p, g, lr: {k: (v - lr * g["d" + k]) if k[0] == "W" else v for k, v in p.items()},
        "update the biases",
    ),
    (o.check_random_mini_batches, mb_two_permutations, "different permutations"),
    (o.check_random_mini_batches, mb_drop_last, "last, smaller mini-batch is missing"),
    (o.check_random_mini_batches, mb_padded, "filled up to mini_batch_size"),
    (o.check_random_mini_batches, mb_wrong_size, "batches of the wrong size"),
    (o.check_random_mini_batches, mb_not_shuffled, "not shuffled"),
    (o.check_initialize_velocity, lambda p: {k: np.zeros_like(v) for k, v in p.items()}, "named after its gradient"),
    (o.check_exponentially_weighted_average, _ewa(swapped=True), "beta and 1 - beta are swapped"),
    (o.check_exponentially_weighted_average, _ewa(shift=0), "divided by 1 - beta \\*\\* 0 = 0"),
    (o.check_exponentially_weighted_average, _ewa(shift=2), "the correction uses t \\+ 1"),
    (o.check_exponentially_weighted_average, _ewa(first=True), "v starts at the first value"),
    (o.check_exponentially_weighted_average, _ewa(fed_back=True), "corrected average was fed back"),
    (o.check_exponentially_weighted_average, _ewa(one_minus=False), "\\(1 - beta\\) factor is missing"),
    (o.check_exponentially_weighted_average, _ewa(in_place=True), "values was changed in place"),
    (o.check_exponentially_weighted_average, _ewa(correct=False), "with bias_correction=True, divide"),
    (o.check_exponentially_weighted_average, _ewa(correct=True), "with bias_correction=False, return the plain"),
    (
        o.check_exponentially_weighted_average,
        lambda x, b, bias_correction=True: np.zeros(len(x) + 1),
        "one average per value",
    ),
    (o.check_update_parameters_with_momentum, momentum_no_one_minus_beta, "\\(1 - beta\\) factor is missing"),
    (o.check_update_parameters_with_momentum, momentum_wrong_order, "moved before the velocity v had been updated"),
    (o.check_update_parameters_with_rmsprop, rmsprop_eps_inside, "outside the square root"),
    (o.check_update_parameters_with_rmsprop, rmsprop_no_square, "square is missing"),
    (o.check_update_parameters_with_adam, _adam(correct_v=lambda v, b, t: v), "no bias correction"),
    (o.check_update_parameters_with_adam, _adam(correct_v=lambda v, b, t: v / (1 - b ** (t - 1))), "uses t - 1"),
    (o.check_update_parameters_with_adam, _adam(correct_v=lambda v, b, t: v / (1 - b ** (t + 1))), "uses t \\+ 1"),
    (o.check_update_parameters_with_adam, _adam(eps_inside=True), "outside the square root"),
    (o.check_update_parameters_with_adam, _adam(order=True), "moved before the moments v and s"),
    (o.check_update_parameters_with_adam, _adam(keep_corrected=True), "keep the plain averages"),
    (o.check_update_parameters_with_adam, _adam(one_minus=False), "\\(1 - beta1\\) factor is missing"),
    (o.check_update_lr, lambda lr0, e, d: lr0 * (1 - d) ** e if d < 1 else lr0 * math.exp(-d * e), "exponential decay"),
    (o.check_schedule_lr_decay, lambda lr0, e, d, i: lr0 / (1 + d * e / i), "not floored"),
    (o.check_schedule_lr_decay, lambda lr0, e, d, i: lr0 / (1 + d * round(e / i)), "rounded instead of floored"),
    (o.check_schedule_lr_decay, lambda lr0, e, d, i: lr0 / (1 + e * math.floor(d / i)), "swapped"),
]


@pytest.mark.parametrize(
    "check, fn, message", MISTAKES, ids=[f"{m[0].__name__[6:]}-{i}" for i, m in enumerate(MISTAKES)]
)
def test_classic_mistake_is_named(check, fn, message):
    with pytest.raises(CheckFailed, match=message) as failure:
        check(fn)
    assert failure.value.function == check.__name__[len("check_") :]
