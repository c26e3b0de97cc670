"""Three functions, one broken clause each. normalize_inputs takes its statistics over the examples
of each column (axis=0) and divides by the variance: the axis is found first;
initialize_parameters_zeros starts every bias at 0.01 (a small positive bias, a habit for ReLU
units) where b is 0; initialize_parameters_random loops over range(1, L), so the last layer is
missing. Each loses its own points only."""
import numpy as np

EXPECTED = {
    "test_normalize_inputs": 0,
    "test_initialize_parameters_zeros": 0,
    "test_initialize_parameters_random": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "normalize_inputs:",
    "each EXAMPLE",
    "initialize_parameters_zeros: b1 is not all zeros",
    "biases start at zero",
    "initialize_parameters_random: the dictionary for layers_dims=[3, 2, 1] has the wrong keys",
    "one W and one b for each layer after the input",
]


def normalize_inputs(X_train, X_test):
    mu = X_train.mean(axis=0)
    var = X_train.var(axis=0)
    return (X_train - mu) / var, (X_test - mu) / var


def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.full((layers_dims[l], 1), 0.01)
    return parameters


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
