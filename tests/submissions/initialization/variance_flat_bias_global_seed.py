"""Four functions, one broken clause each. normalize_inputs divides by the variance sigma^2 (per
feature) instead of the standard deviation; initialize_parameters_zeros makes each bias a flat
vector of shape (n,), not a column (n, 1); initialize_parameters_random is the classic
np.random.seed(3) and np.random.randn, not the rng it is given; initialize_parameters_he draws
from np.random too. Each loses its own points only."""

import numpy as np

EXPECTED = {
    "test_normalize_inputs": 0,
    "test_initialize_parameters_zeros": 0,
    "test_initialize_parameters_random": 0,
    "test_initialize_parameters_he": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "normalize_inputs: X_train_norm has wrong values",
    "that divides by the variance",
    "initialize_parameters_zeros: b1 has the wrong shape",
    "is a column",
    "initialize_parameters_random",
    "draw from the rng argument",
    "draw from the rng argument (rng.standard_normal(shape)), not from np.random",
]


def normalize_inputs(X_train, X_test):
    mu = X_train.mean(axis=1, keepdims=True)
    variance = X_train.var(axis=1, keepdims=True)
    return (X_train - mu) / variance, (X_test - mu) / variance


def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros(layers_dims[l])
    return parameters


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
