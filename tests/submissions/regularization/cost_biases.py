"""The biases in the L2 norm: loses the cost's points only."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "biases included in the norm"]


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    return compute_cost(ZL, Y) + lambd / (2 * m) * sum(np.sum(np.square(value)) for value in parameters.values())
