"""The L2 term with lambd / m instead of lambd / (2 m): loses the cost's points only."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "lambd / (2 * m)"]


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    L = num_layers(parameters)
    return compute_cost(ZL, Y) + lambd / m * sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))
