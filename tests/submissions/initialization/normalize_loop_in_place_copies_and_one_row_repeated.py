"""normalize_inputs written another way (a loop over the features, copies changed in place, a list
returned: full marks), and two functions with one broken clause each: initialize_parameters_random
draws one row per layer and repeats it for every unit (rng.standard_normal((1, n_(l-1))) broadcast
to (n_l, n_(l-1))); initialize_parameters_he does the same with a flat draw of n_(l-1) numbers. The
right shapes, mean and spread, but not a draw per entry: the layer's units stay symmetric. Each
loses its own points only."""
import numpy as np

EXPECTED = {"test_initialize_parameters_random": 0, "test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = [
    "initialize_parameters_random: W1 repeats its values",
    "one number per entry",
    "initialize_parameters_he: W1 repeats its values",
]


def normalize_inputs(X_train, X_test):
    train, test = np.array(X_train, dtype=float), np.array(X_test, dtype=float)
    for i in range(train.shape[0]):
        mu = train[i].sum() / train.shape[1]
        sigma = np.sqrt(((train[i] - mu) ** 2).sum() / train.shape[1])
        train[i] -= mu
        train[i] /= sigma
        test[i] = (test[i] - mu) / sigma
    return [train, test]


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        row = rng.standard_normal((1, layers_dims[l - 1])) * scale
        parameters[f"W{l}"] = np.ones((layers_dims[l], layers_dims[l - 1])) * row
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        row = rng.standard_normal(layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters[f"W{l}"] = np.ones((layers_dims[l], layers_dims[l - 1])) * row
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
