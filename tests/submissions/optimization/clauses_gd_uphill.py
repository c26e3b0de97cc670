"""One contract clause broken in each of eleven functions (tests/contracts/optimization.py):
gradient descent that climbs (W + learning_rate * dW); mini-batches shuffled with np.random instead
of rng; the average corrected with beta ** (t + 1); a velocity keyed W1, b1, ... instead of dW1,
db1, ...; momentum that steps with dW instead of its velocity; RMSprop's s of shape (n, 1) for every
parameter; RMSprop without the (1 - beta2) factor; initialize_adam that returns v only; Adam
without the (1 - beta1) factor; exponential learning-rate decay; a schedule that rounds instead of
flooring. Each loses its own function's points, with its message."""
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
    "test_update_lr": 0,
    "test_schedule_lr_decay": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "steps against the gradient",
    "draw the permutation from the rng argument",
    "the correction uses t + 1",
    "named after its gradient",
    "did not use the plain velocity",
    "zeros of each parameter's shape",
    "the (1 - beta2) factor is missing",
    "should return two dictionaries",
    "the (1 - beta1) factor is missing",
    "exponential decay",
    "rounded instead of floored",
]


def update_parameters_with_gd(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] = parameters[key] + learning_rate * grads["d" + key]
    return parameters


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    permutation = np.random.permutation(m)
    X, Y = X[:, permutation], Y[:, permutation]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        averages[t - 1] = v / (1 - beta ** (t + 1)) if bias_correction else v
    return averages


def initialize_velocity(parameters):
    return {key: np.zeros_like(value) for key, value in parameters.items()}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters, v


def initialize_rmsprop(parameters):
    return {"d" + key: np.zeros((value.shape[0], 1)) for key, value in parameters.items()}


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for key in parameters:
        s["d" + key] = beta2 * s["d" + key] + grads["d" + key] ** 2
        parameters[key] = parameters[key] - learning_rate * grads["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
    return parameters, s


def initialize_adam(parameters):
    return {"d" + key: np.zeros_like(value) for key, value in parameters.items()}


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** t)
        s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** t)
        parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / (np.sqrt(s_corrected["d" + key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * np.exp(-decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval):
    return learning_rate0 / (1 + decay_rate * np.round(epoch_num / time_interval))
