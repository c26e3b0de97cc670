"""Two functions, one broken clause each. initialize_parameters_random makes each W transposed,
(n_(l-1), n_l); initialize_parameters_he loops over range(1, L), so the last layer is missing. Each
loses its own points only."""

import numpy as np

EXPECTED = {"test_initialize_parameters_random": 0, "test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = [
    "initialize_parameters_random: W1 has the wrong shape",
    "transposed",
    "initialize_parameters_he: the dictionary for layers_dims=[3, 1, 2] has the wrong keys",
]


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l - 1], layers_dims[l])) * scale
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(
            2 / layers_dims[l - 1]
        )
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
