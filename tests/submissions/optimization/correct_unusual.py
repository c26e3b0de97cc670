"""Correct answers written another way: new dictionaries from comprehensions, in-place array
updates, np.array_split of a shuffled index, the average as a matrix of weights (a list back),
velocities from the gradients' keys, np.power and //. Full marks."""
import numpy as np

EXPECTED = {}


def update_parameters_with_gd(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    index = np.arange(m)
    rng.shuffle(index)
    cuts = list(range(mini_batch_size, m, mini_batch_size))
    return [(X[:, part], Y[:, part]) for part in np.split(index, cuts)]



def exponentially_weighted_average(values, beta, bias_correction=True):
    # the unrolled sum, as a matrix of weights (1 - beta) * beta ** (t - k), k <= t; a list back
    t = np.arange(1, len(values) + 1)
    weights = np.where(t[:, None] >= t[None, :], (1 - beta) * beta ** np.abs(t[:, None] - t[None, :]), 0.0)
    averages = weights @ np.asarray(values, dtype=float)
    return list(averages / (1 - beta ** t)) if bias_correction else list(averages)


def initialize_velocity(parameters):
    return {"d" + key: np.zeros(value.shape) for key, value in parameters.items()}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    v = {key: beta * v[key] + (1 - beta) * grads[key] for key in v}
    return {key: value - learning_rate * v["d" + key] for key, value in parameters.items()}, v


def initialize_rmsprop(parameters):
    return {"d" + key: 0.0 * value for key, value in parameters.items()}


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    for key in s:
        s[key] *= beta2
        s[key] += (1 - beta2) * grads[key] * grads[key]
        parameters[key[1:]] -= learning_rate * grads[key] / (np.sqrt(s[key]) + epsilon)
    return parameters, s


def initialize_adam(parameters):
    return initialize_velocity(parameters), initialize_velocity(parameters)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
    s = {k: beta2 * s[k] + (1 - beta2) * np.power(grads[k], 2) for k in s}
    v_corrected = {k: x / (1 - np.power(beta1, t)) for k, x in v.items()}
    s_corrected = {k: x / (1 - np.power(beta2, t)) for k, x in s.items()}
    new = {k: p - learning_rate * v_corrected["d" + k] / (np.sqrt(s_corrected["d" + k]) + epsilon) for k, p in parameters.items()}
    return new, v, s, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * (1.0 / (1.0 + decay_rate * epoch_num))


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval):
    return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))
