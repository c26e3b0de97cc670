"""Four functions, one broken clause each. normalize_inputs normalizes the test set with its own mean
and standard deviation (not the training set's); initialize_parameters_zeros makes each W
transposed, (n_(l-1), n_l); initialize_parameters_random forgets the scale (plain standard normal
draws); initialize_parameters_he uses Xavier's sqrt(1/n_(l-1)) instead of He's sqrt(2/n_(l-1)).
Each loses its own points only."""
import numpy as np

EXPECTED = {
    "test_normalize_inputs": 0,
    "test_initialize_parameters_zeros": 0,
    "test_initialize_parameters_random": 0,
    "test_initialize_parameters_he": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "normalize_inputs: X_test_norm has wrong values",
    "statistics of its own",
    "initialize_parameters_zeros: W1 has the wrong shape",
    "transposed",
    "initialize_parameters_random: W1 has the wrong spread",
    "multiply the standard normal draws by scale",
    "initialize_parameters_he: W1 has the wrong spread",
    "Xavier",
]


def normalize_inputs(X_train, X_test):
    def standardize(X):
        return (X - np.mean(X, axis=1, keepdims=True)) / np.std(X, axis=1, keepdims=True)

    return standardize(X_train), standardize(X_test)


def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l - 1], layers_dims[l]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(1 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
