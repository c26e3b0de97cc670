"""Three functions, one broken clause each. normalize_inputs returns the two sets in the wrong order
(X_test_norm first); initialize_parameters_random draws rng.random, uniform on [0, 1), not centred
on 0; initialize_parameters_he makes each W transposed, (n_(l-1), n_l). Each loses its own points
only."""

import numpy as np

EXPECTED = {
    "test_normalize_inputs": 0,
    "test_initialize_parameters_random": 0,
    "test_initialize_parameters_he": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "normalize_inputs: the arrays returned have the wrong shapes",
    "the two arrays come back in the wrong order",
    "initialize_parameters_random: W1 is not centred on zero",
    "rng.random draws from [0, 1)",
    "initialize_parameters_he: W1 has the wrong shape",
    "transposed",
]


def normalize_inputs(X_train, X_test):
    mu = X_train.mean(axis=1, keepdims=True)
    sigma = X_train.std(axis=1, keepdims=True)
    return (X_test - mu) / sigma, (X_train - mu) / sigma


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.random((layers_dims[l], layers_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l - 1], layers_dims[l])) * np.sqrt(
            2 / layers_dims[l - 1]
        )
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
