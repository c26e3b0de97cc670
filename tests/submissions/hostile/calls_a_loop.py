"""Zeros never returns, and random init calls zeros. Only the first cell that calls zeros (its own
test) waits for the cell timeout; random init's test, which calls it again through random init,
fails at once with one line that says why. He keeps its points."""
import numpy as np

EXPECTED = {"test_initialize_parameters_zeros": 0, "test_initialize_parameters_random": 0}
FEEDBACK_MUST_CONTAIN = ["`initialize_parameters_zeros` did not return within {CELL_TIMEOUT} s: an infinite loop?",
                         "Skipped", "`initialize_parameters_zeros` did not return within {CELL_TIMEOUT} s earlier: not run again"]
PROBLEMS_MUST_CONTAIN = ["test_initialize_parameters_zeros: `initialize_parameters_zeros` did not return within {CELL_TIMEOUT} s"]


def initialize_parameters_zeros(layers_dims):
    while True:
        pass


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = initialize_parameters_zeros(layers_dims)
    for l in range(1, len(layers_dims)):
        parameters["W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
    return parameters
