"""One contract clause broken (tests/contracts/optimization.py): Adam whose beta2 defaults to 0.99
instead of 0.999 (right whenever all its arguments are given). Loses that function's points only,
with its message."""
import numpy as np

EXPECTED = {"test_update_parameters_with_adam": 0}
FEEDBACK_MUST_CONTAIN = ["the defaults are learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8"]


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.99, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** t)
        s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** t)
        parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / (np.sqrt(s_corrected["d" + key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
