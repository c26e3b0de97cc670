"""Four functions, one broken clause each. normalize_inputs works on the transposes (examples as
rows) and returns them so, of shape (m, n) where each output has the shape of its input;
initialize_parameters_zeros returns a list of arrays, not a dictionary; initialize_parameters_random
and initialize_parameters_he seed a generator of their own, default_rng(1), so another seed of rng
gives the same weights. Each loses its own points only."""

import numpy as np

EXPECTED = {
    "test_normalize_inputs": 0,
    "test_initialize_parameters_zeros": 0,
    "test_initialize_parameters_random": 0,
    "test_initialize_parameters_he": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "normalize_inputs: X_train_norm (the first array returned) has the wrong shape",
    "the same shape as the set it normalizes",
    "initialize_parameters_zeros: the return value has the wrong type",
    "initialize_parameters_random: two different rngs gave identical weights",
    "the function ignores rng",
    "initialize_parameters_he: two different rngs gave identical weights",
]


def normalize_inputs(X_train, X_test):
    train, test = X_train.T, X_test.T
    mu, sigma = train.mean(axis=0), train.std(axis=0)
    return (train - mu) / sigma, (test - mu) / sigma


def initialize_parameters_zeros(layers_dims):
    parameters = []
    for l in range(1, len(layers_dims)):
        parameters.append(np.zeros((layers_dims[l], layers_dims[l - 1])))
        parameters.append(np.zeros((layers_dims[l], 1)))
    return parameters


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    rng = np.random.default_rng(1)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    rng = np.random.default_rng(1)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(
            2 / layers_dims[l - 1]
        )
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
