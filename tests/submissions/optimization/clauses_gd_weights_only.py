"""One contract clause broken in each of nine functions (tests/contracts/optimization.py): gradient
descent that moves the weights only; an empty mini-batch at the end when m is a multiple of
mini_batch_size; an average that is never bias-corrected; a velocity of shape (n, 1) for every
parameter; momentum that returns the parameters only; RMSprop's s started at ones; RMSprop that
returns the parameters only; Adam's moments keyed W1, b1, ...; Adam with epsilon inside the square
root. Each loses its own function's points, with its message."""
import numpy as np

EXPECTED = {
    "test_update_parameters_with_gd": 0,
    "test_random_mini_batches": 0,
    "test_exponentially_weighted_average": 0,
    "test_initialize_velocity": 0,
    "test_update_parameters_with_momentum": 0,
    "test_initialize_rmsprop": 0,
    "test_update_parameters_with_rmsprop": 0,
    "test_initialize_adam": 0,
    "test_update_parameters_with_adam": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "update the biases too",
    "an empty mini-batch at the end",
    "with bias_correction=True, divide each v_t",
    "zeros of each parameter's shape",
    "update_parameters_with_momentum: should return two values",
    "is not all zeros",
    "update_parameters_with_rmsprop: should return two values",
    "named after its gradient",
    "epsilon belongs outside the square root",
]


def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    permutation = rng.permutation(m)
    X, Y = X[:, permutation], Y[:, permutation]
    return [(X[:, k * mini_batch_size:(k + 1) * mini_batch_size], Y[:, k * mini_batch_size:(k + 1) * mini_batch_size])
            for k in range(m // mini_batch_size + 1)]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        averages[t - 1] = v
    return averages


def initialize_velocity(parameters):
    return {"d" + key: np.zeros((value.shape[0], 1)) for key, value in parameters.items()}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
        parameters[key] = parameters[key] - learning_rate * v["d" + key]
    return parameters


def initialize_rmsprop(parameters):
    return {"d" + key: np.ones_like(value) for key, value in parameters.items()}


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for key in parameters:
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * grads["d" + key] ** 2
        parameters[key] = parameters[key] - learning_rate * grads["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
    return parameters


def initialize_adam(parameters):
    return ({key: np.zeros_like(value) for key, value in parameters.items()},
            {key: np.zeros_like(value) for key, value in parameters.items()})


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** t)
        s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** t)
        parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / np.sqrt(s_corrected["d" + key] + epsilon)
    return parameters, v, s, v_corrected, s_corrected
