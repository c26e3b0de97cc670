"""Three classic mistakes in three functions: an exponentially weighted average with beta and 1 - beta
swapped, Adam that steps before updating its moments, and a schedule with epoch_num and decay_rate
swapped. Loses exactly those three functions' points."""
import numpy as np

EXPECTED = {
    "test_exponentially_weighted_average": 0,
    "test_update_parameters_with_adam": 0,
    "test_schedule_lr_decay": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "exponentially_weighted_average",
    "beta and 1 - beta are swapped",
    "update_parameters_with_adam",
    "moved before the moments",
    "schedule_lr_decay",
    "swapped",
]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = (1 - beta) * v + beta * values[t - 1]
        averages[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return averages


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        # the step first, with the moments as they were before this gradient
        parameters[key] = parameters[key] - learning_rate * (v["d" + key] / (1 - beta1 ** t)) / (np.sqrt(s["d" + key] / (1 - beta2 ** t)) + epsilon)
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** t)
        s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** t)
    return parameters, v, s, v_corrected, s_corrected


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval):
    return learning_rate0 / (1 + epoch_num * np.floor(decay_rate / time_interval))
