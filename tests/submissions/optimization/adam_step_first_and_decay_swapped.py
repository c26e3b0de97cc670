"""Adam that steps before updating its moments, and a schedule with epoch_num and decay_rate
swapped. Loses exactly those two functions' points."""
import numpy as np

EXPECTED = {"test_update_parameters_with_adam": 0, "test_schedule_lr_decay": 0}
FEEDBACK_MUST_CONTAIN = ["update_parameters_with_adam", "moved before the moments", "schedule_lr_decay", "swapped"]


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
