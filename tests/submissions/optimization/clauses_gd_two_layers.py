"""One contract clause broken in each of five functions (tests/contracts/optimization.py): gradient
descent written out for two layers; mini-batches returned as two lists (the X's, then the Y's)
instead of (mini_batch_X, mini_batch_Y) pairs; an average whose bias_correction defaults to False;
RMSprop that leaves the biases out; Adam that stores the corrected moments back into v and s. Each
loses its own function's points, with its message."""
import numpy as np

EXPECTED = {
    "test_update_parameters_with_gd": 0,
    "test_random_mini_batches": 0,
    "test_exponentially_weighted_average": 0,
    "test_update_parameters_with_rmsprop": 0,
    "test_update_parameters_with_adam": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "loop over every layer",
    "list of (mini_batch_X, mini_batch_Y) pairs",
    "bias_correction defaults to True",
    "update the biases too",
    "keep the plain averages",
]


def update_parameters_with_gd(parameters, grads, learning_rate):
    return {
        "W1": parameters["W1"] - learning_rate * grads["dW1"],
        "b1": parameters["b1"] - learning_rate * grads["db1"],
        "W2": parameters["W2"] - learning_rate * grads["dW2"],
        "b2": parameters["b2"] - learning_rate * grads["db2"],
    }


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    permutation = rng.permutation(m)
    X, Y = X[:, permutation], Y[:, permutation]
    starts = range(0, m, mini_batch_size)
    return [X[:, k:k + mini_batch_size] for k in starts], [Y[:, k:k + mini_batch_size] for k in starts]


def exponentially_weighted_average(values, beta, bias_correction=False):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        averages[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return averages


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * grads["dW" + str(l)] ** 2
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)] / (np.sqrt(s["dW" + str(l)]) + epsilon)
    return parameters, s


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** t)
        s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** t)
        v["d" + key], s["d" + key] = v_corrected["d" + key], s_corrected["d" + key]
        parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / (np.sqrt(s_corrected["d" + key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
