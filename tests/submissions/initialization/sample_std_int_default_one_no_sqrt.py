"""Four functions, one broken clause each. normalize_inputs divides by the sample standard deviation
(ddof=1, 1/(m-1)) where sigma^2 is a mean over the m examples; initialize_parameters_zeros makes
integer arrays (dtype=int), not floats; initialize_parameters_random gives scale the default 1.0
instead of 10.0; initialize_parameters_he forgets the square root, 2 / n_(l-1). Each loses its own
points only."""

import numpy as np

EXPECTED = {
    "test_normalize_inputs": 0,
    "test_initialize_parameters_zeros": 0,
    "test_initialize_parameters_random": 0,
    "test_initialize_parameters_he": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "normalize_inputs: X_train_norm has wrong values",
    "dividing by m - 1",
    "initialize_parameters_zeros: W1 has dtype int64",
    "do not pass dtype=int",
    "initialize_parameters_random: W1 has the wrong spread",
    "give the scale argument the default 10.0",
    "initialize_parameters_he: W1 has the wrong spread",
    "take its square root",
]


def normalize_inputs(X_train, X_test):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma = np.std(X_train, axis=1, ddof=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]), dtype=int)
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1), dtype=int)
    return parameters


def initialize_parameters_random(layers_dims, rng, scale=1.0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = scale * rng.standard_normal((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * (2 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
