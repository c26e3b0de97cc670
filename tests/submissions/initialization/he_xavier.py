"""He initialization with Xavier's sqrt(1/n): loses the He points only."""
import numpy as np

EXPECTED = {"test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = ["initialize_parameters_he: W1 has the wrong spread", "Xavier"]


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(1 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
