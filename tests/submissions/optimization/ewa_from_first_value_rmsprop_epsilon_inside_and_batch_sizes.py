"""Three classic mistakes in three functions: an exponentially weighted average that starts at the
first value instead of 0 (then corrects it anyway), RMSprop with epsilon inside the square root,
and mini-batches of an even size (m split into equal parts) instead of mini_batch_size. Loses
exactly those three functions' points."""
import numpy as np

EXPECTED = {
    "test_exponentially_weighted_average": 0,
    "test_update_parameters_with_rmsprop": 0,
    "test_random_mini_batches": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "exponentially_weighted_average",
    "v starts at the first value",
    "update_parameters_with_rmsprop",
    "outside the square root",
    "random_mini_batches",
    "batches of the wrong size",
]


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    permutation = rng.permutation(m)
    parts = max(1, m // mini_batch_size)
    return [(X[:, chunk], Y[:, chunk]) for chunk in np.array_split(permutation, parts)]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = values[0]
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        averages[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return averages


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for key in parameters:
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * grads["d" + key] ** 2
        parameters[key] = parameters[key] - learning_rate * grads["d" + key] / np.sqrt(s["d" + key] + epsilon)
    return parameters, s
