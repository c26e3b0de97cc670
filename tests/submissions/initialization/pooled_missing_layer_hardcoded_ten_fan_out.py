"""Four functions, one broken clause each. normalize_inputs computes mu and sigma on the training and
the second set pooled (not on X_train only); initialize_parameters_zeros loops over range(1, L), so
the last layer is missing; initialize_parameters_random multiplies by 10 whatever scale is;
initialize_parameters_he divides by the layer's own size n_l (fan-out) instead of n_(l-1). Each
loses its own points only."""

import numpy as np

EXPECTED = {
    "test_normalize_inputs": 0,
    "test_initialize_parameters_zeros": 0,
    "test_initialize_parameters_random": 0,
    "test_initialize_parameters_he": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "normalize_inputs: X_train_norm has wrong values",
    "the training and the second set together",
    "initialize_parameters_zeros: the dictionary for layers_dims=[3, 2, 1] has the wrong keys",
    "one W and one b for each layer after the input",
    "initialize_parameters_random: W1 has the wrong spread",
    "use the scale argument, not the number 10",
    "initialize_parameters_he: W1 has the wrong spread",
    "He divides by the size of the PREVIOUS layer",
]


def normalize_inputs(X_train, X_test):
    both = np.concatenate([X_train, X_test], axis=1)
    mu, sigma = both.mean(axis=1, keepdims=True), both.std(axis=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(
            2 / layers_dims[l]
        )
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
