"""Three classic mistakes in three functions: an exponentially weighted average written over its input
and returned (right numbers, but the caller's series is gone), Adam without bias correction, and
mini-batches that drop the last, smaller one. Loses exactly those three functions' points."""
import numpy as np

EXPECTED = {
    "test_exponentially_weighted_average": 0,
    "test_update_parameters_with_adam": 0,
    "test_random_mini_batches": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "exponentially_weighted_average",
    "values was changed in place",
    "update_parameters_with_adam",
    "no bias correction",
    "random_mini_batches",
    "last, smaller mini-batch is missing",
]


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    permutation = rng.permutation(m)
    X, Y = X[:, permutation], Y[:, permutation]
    return [(X[:, k * mini_batch_size:(k + 1) * mini_batch_size], Y[:, k * mini_batch_size:(k + 1) * mini_batch_size])
            for k in range(m // mini_batch_size)]


def exponentially_weighted_average(values, beta, bias_correction=True):
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        values[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return values


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected["d" + key], s_corrected["d" + key] = v["d" + key], s["d" + key]
        parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / (np.sqrt(s_corrected["d" + key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
