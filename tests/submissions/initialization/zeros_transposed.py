"""Zeros with W transposed: loses the zeros points only."""
import numpy as np

EXPECTED = {"test_initialize_parameters_zeros": 0}
FEEDBACK_MUST_CONTAIN = ["initialize_parameters_zeros: W1 has the wrong shape", "transposed"]


def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l - 1], layers_dims[l]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
