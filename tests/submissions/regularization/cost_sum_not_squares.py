"""np.sum(W) instead of the sum of squares: loses the cost's points only."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "np.sum(W) instead of the sum of squares"]


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    L = num_layers(parameters)
    return compute_cost(ZL, Y) + lambd / (2 * m) * sum(np.sum(parameters[f"W{l}"]) for l in range(1, L + 1))
