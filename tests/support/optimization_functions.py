"""Correct optimization functions for the tests of the training loop (the Optimization notebook's
graded functions, written the way a student would: some change their dictionaries in place;
course_utils never holds them)."""

import math

import numpy as np

from course_utils.optimizers import Optimizer


def update_parameters_with_gd(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]  # in place, as many students write it
    return parameters


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]


def initialize_velocity(parameters):
    return {"d" + key: np.zeros_like(value) for key, value in parameters.items()}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
        parameters[key] = parameters[key] - learning_rate * v["d" + key]
    return parameters, v


initialize_rmsprop = initialize_velocity


def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
    for key in parameters:
        s["d" + key] = beta * s["d" + key] + (1 - beta) * grads["d" + key] ** 2
        parameters[key] = parameters[key] - learning_rate * grads["d" + key] / (np.sqrt(s["d" + key]) + epsilon)
    return parameters, s


def initialize_adam(parameters):
    return initialize_velocity(parameters), initialize_velocity(parameters)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** t)
        s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** t)
        parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / (np.sqrt(s_corrected["d" + key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval):
    return learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))


OPTIMIZERS = {
    "gd": Optimizer.gd(update_parameters_with_gd),
    "momentum": Optimizer.momentum(initialize_velocity, update_parameters_with_momentum, beta=0.9),
    "rmsprop": Optimizer.rmsprop(initialize_rmsprop, update_parameters_with_rmsprop, beta=0.999),
    "adam": Optimizer.adam(initialize_adam, update_parameters_with_adam),
}
