"""Two contract clauses broken (tests/contracts/optimization.py): RMSprop whose epsilon defaults to
1e-4 instead of 1e-8; Adam that returns parameters, v, s only (not the corrected moments). Each
loses its own function's points, with its message."""
import numpy as np

EXPECTED = {"test_update_parameters_with_rmsprop": 0, "test_update_parameters_with_adam": 0}
FEEDBACK_MUST_CONTAIN = ["epsilon defaults to 1e-8", "return five values"]


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-4):
    for key in parameters:
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * grads["d" + key] ** 2
        parameters[key] = parameters[key] - learning_rate * grads["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
    return parameters, s


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected = v["d" + key] / (1 - beta1 ** t)
        s_corrected = s["d" + key] / (1 - beta2 ** t)
        parameters[key] = parameters[key] - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)
    return parameters, v, s
