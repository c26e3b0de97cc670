"""One contract clause broken in each of four functions (tests/contracts/optimization.py):
mini-batches shuffled with rng.shuffle(X), which shuffles the rows (features), not the examples; a
velocity of integer zeros; initialize_adam that hands back one dictionary as both v and s; Adam that
leaves the biases out. Each loses its own function's points, with its message."""

import numpy as np

EXPECTED = {
    "test_random_mini_batches": 0,
    "test_initialize_velocity": 0,
    "test_initialize_adam": 0,
    "test_update_parameters_with_adam": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "the rows (features) were shuffled",
    "has dtype int",
    "v and s share their arrays",
    "update the biases too",
]


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    X, Y = X.copy(), Y.copy()
    rng.shuffle(X)  # shuffles along the first axis: the rows
    return [(X[:, k : k + mini_batch_size], Y[:, k : k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def initialize_velocity(parameters):
    return {"d" + key: np.zeros(value.shape, dtype=int) for key, value in parameters.items()}


def initialize_adam(parameters):
    zeros = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
    return zeros, zeros


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        key = "dW" + str(l)
        v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
        s[key] = beta2 * s[key] + (1 - beta2) * grads[key] ** 2
        v_corrected[key] = v[key] / (1 - beta1**t)
        s_corrected[key] = s[key] / (1 - beta2**t)
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v_corrected[key] / (
            np.sqrt(s_corrected[key]) + epsilon
        )
    return parameters, v, s, v_corrected, s_corrected
