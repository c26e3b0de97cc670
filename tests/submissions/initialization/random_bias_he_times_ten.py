"""Two functions, one broken clause each. initialize_parameters_random draws the biases at random
too (scale * N(0, 1)) where b is 0, and initialize_parameters_he keeps random's factor 10, 10 x He.
Each loses its own points only."""

import numpy as np

EXPECTED = {"test_initialize_parameters_random": 0, "test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = [
    "initialize_parameters_random: b1 is not all zeros",
    "biases start at zero",
    "initialize_parameters_he: W1 has the wrong spread",
    "the factor 10 belongs to initialize_parameters_random only",
]


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters[f"b{l}"] = rng.standard_normal((layers_dims[l], 1)) * scale
    return parameters


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = (
            rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(2 / layers_dims[l - 1]) * 10
        )
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
