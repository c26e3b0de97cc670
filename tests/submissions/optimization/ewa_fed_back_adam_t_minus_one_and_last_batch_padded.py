"""Three classic mistakes in three functions: an exponentially weighted average whose corrected value
is fed back into the next step, Adam corrected with t - 1 (as if t counted from 0), and a last
mini-batch filled up to full size with examples from the start. Loses exactly those three
functions' points."""
import numpy as np

EXPECTED = {
    "test_exponentially_weighted_average": 0,
    "test_update_parameters_with_adam": 0,
    "test_random_mini_batches": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "exponentially_weighted_average",
    "corrected average was fed back",
    "update_parameters_with_adam",
    "uses t - 1",
    "random_mini_batches",
    "filled up to mini_batch_size",
]


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    permutation = np.concatenate([rng.permutation(m), np.arange(mini_batch_size)])
    return [(X[:, permutation[k:k + mini_batch_size]], Y[:, permutation[k:k + mini_batch_size]]) for k in range(0, m, mini_batch_size)]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        if bias_correction:
            v = v / (1 - beta ** t)  # the corrected value becomes the next step's average
        averages[t - 1] = v
    return averages


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        with np.errstate(divide="ignore", invalid="ignore"):
            v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** (t - 1))
            s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** (t - 1))
            parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / (np.sqrt(s_corrected["d" + key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
