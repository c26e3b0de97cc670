"""Two functions, one broken clause each. normalize_inputs returns mu and sigma too, four values
where it returns two arrays; initialize_parameters_random draws uniform weights of the right
spread (rng.uniform(-1, 1) * scale * sqrt(3)), not normal ones. Each loses its own points only."""

import numpy as np

EXPECTED = {"test_normalize_inputs": 0, "test_initialize_parameters_random": 0}
FEEDBACK_MUST_CONTAIN = [
    "normalize_inputs: does not return two arrays",
    "initialize_parameters_random: W1 is not normally distributed",
    "use rng.standard_normal (or rng.normal)",
]


def normalize_inputs(X_train, X_test):
    mu = X_train.mean(axis=1, keepdims=True)
    sigma = X_train.std(axis=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma, mu, sigma


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        W = rng.uniform(-1.0, 1.0, (layers_dims[l], layers_dims[l - 1]))
        parameters[f"W{l}"] = W * scale * np.sqrt(3)
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
