"""Four functions, one broken clause each. normalize_inputs gets the right values but writes them
into the arrays it was given (X_train -= mu ...), where it should leave them as they were;
initialize_parameters_zeros draws small random weights (np.random.randn * 0.01) where every W is 0;
initialize_parameters_random draws from a new, unseeded default_rng() of its own, so the same seed
never gives the same network; initialize_parameters_he draws random biases where b is 0. Each loses
its own points only."""

import numpy as np

EXPECTED = {
    "test_normalize_inputs": 0,
    "test_initialize_parameters_zeros": 0,
    "test_initialize_parameters_random": 0,
    "test_initialize_parameters_he": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "normalize_inputs: changed its input X_train or X_test",
    "writes into the caller's array",
    "initialize_parameters_zeros: W1 is not all zeros",
    "W included, with np.zeros",
    "draw from the rng argument",
    "initialize_parameters_he: b1 is not all zeros",
    "biases start at zero",
]


def normalize_inputs(X_train, X_test):
    mu = X_train.mean(axis=1, keepdims=True)
    sigma = X_train.std(axis=1, keepdims=True)
    X_test -= mu
    X_test /= sigma
    X_train -= mu
    X_train /= sigma
    return X_train, X_test


def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 0.01
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    rng = np.random.default_rng()
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(
            2 / layers_dims[l - 1]
        )
        parameters[f"b{l}"] = rng.standard_normal((layers_dims[l], 1)) * np.sqrt(2 / layers_dims[l - 1])
    return parameters
