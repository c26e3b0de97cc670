"""One contract clause broken in each of ten functions (tests/contracts/optimization.py): gradient
descent that steps by dW, the learning rate left out; mini-batches never shuffled; an average array
that also holds v_0 (n + 1 values); a velocity that starts at the parameters instead of zeros;
momentum that leaves the biases out; RMSprop's s keyed W1, b1, ...; RMSprop that steps before
updating s; Adam's s started at ones; Adam's s without the square; a schedule that ignores
time_interval. Each loses its own function's points, with its message."""
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
    "test_schedule_lr_decay": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "multiply the gradient by learning_rate",
    "the examples were not shuffled",
    "one average per value",
    "is not all zeros",
    "update the biases too",
    "named after its gradient",
    "moved before the average s",
    "s['dW1'] is not all zeros",
    "the square is missing",
    "time_interval ignored",
]


def update_parameters_with_gd(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] = parameters[key] - grads["d" + key]
    return parameters


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values) + 1)  # averages[0] is v_0
    for t in range(1, len(values) + 1):
        averages[t] = beta * averages[t - 1] + (1 - beta) * values[t - 1]
    if bias_correction:
        averages[1:] = averages[1:] / (1 - beta ** np.arange(1, len(values) + 1))
    return averages


def initialize_velocity(parameters):
    return {"d" + key: value.copy() for key, value in parameters.items()}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
    return parameters, v


def initialize_rmsprop(parameters):
    return {key: np.zeros_like(value) for key, value in parameters.items()}


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * grads["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * grads["d" + key] ** 2
    return parameters, s


def initialize_adam(parameters):
    v = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
    s = {"d" + key: np.ones_like(value) for key, value in parameters.items()}
    return v, s


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g
        v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** t)
        s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** t)
        with np.errstate(invalid="ignore"):
            parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / (np.sqrt(np.abs(s_corrected["d" + key])) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval):
    return learning_rate0 / (1 + decay_rate * epoch_num)
