"""Two classic mistakes in two functions and a contract clause broken in a third
(tests/contracts/optimization.py): momentum without the (1 - beta) factor, X and Y shuffled with
different permutations, and Adam whose beta2 defaults to 0.99 instead of 0.999 (right whenever all
its arguments are given). Loses exactly those three functions' points, each with its message."""
import numpy as np

EXPECTED = {
    "test_update_parameters_with_momentum": 0,
    "test_random_mini_batches": 0,
    "test_update_parameters_with_adam": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "update_parameters_with_momentum",
    "factor is missing",
    "random_mini_batches",
    "different permutations",
    "the defaults are learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8",
]


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    shuffled_X, shuffled_Y = X[:, rng.permutation(m)], Y[:, rng.permutation(m)]
    return [(shuffled_X[:, k:k + mini_batch_size], shuffled_Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
    return parameters, v


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.99, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** t)
        s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** t)
        parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / (np.sqrt(s_corrected["d" + key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
