"""Four classic mistakes in four functions: an exponentially weighted average corrected with beta ** i,
i counted from 0 (the first value is divided by 1 - beta ** 0 = 0), momentum that steps with the
old velocity, then updates it, RMSprop's average without the square, and a schedule that does not
floor epoch_num / time_interval. Loses exactly those four functions' points."""
import numpy as np

EXPECTED = {
    "test_exponentially_weighted_average": 0,
    "test_update_parameters_with_momentum": 0,
    "test_update_parameters_with_rmsprop": 0,
    "test_schedule_lr_decay": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "exponentially_weighted_average",
    "divided by 1 - beta ** 0 = 0",
    "update_parameters_with_momentum",
    "moved before the velocity",
    "update_parameters_with_rmsprop",
    "square is missing",
    "schedule_lr_decay",
    "not floored",
]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = 0
    for i in range(len(values)):
        v = beta * v + (1 - beta) * values[i]
        with np.errstate(divide="ignore"):
            averages[i] = v / (1 - beta ** i) if bias_correction else v
    return averages


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * v["d" + key]
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
    return parameters, v


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for key in parameters:
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * grads["d" + key]
        with np.errstate(invalid="ignore"):
            parameters[key] = parameters[key] - learning_rate * grads["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
    return parameters, s


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval):
    return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)
