"""RMSprop's average without the square, and a schedule that does not floor epoch_num /
time_interval. Loses exactly those two functions' points."""
import numpy as np

EXPECTED = {"test_update_parameters_with_rmsprop": 0, "test_schedule_lr_decay": 0}
FEEDBACK_MUST_CONTAIN = ["update_parameters_with_rmsprop", "square is missing", "schedule_lr_decay", "not floored"]


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for key in parameters:
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * grads["d" + key]
        with np.errstate(invalid="ignore"):
            parameters[key] = parameters[key] - learning_rate * grads["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
    return parameters, s


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval):
    return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)
