"""Nudges the caller's own arrays and "restores" them by subtracting: the floats do not come back
exactly, so the caller's parameters change. Loses the gradient_check_n points only."""
import numpy as np

EXPECTED = {"test_gradient_check_n": 0}
FEEDBACK_MUST_CONTAIN = ["gradient_check_n", "changed the parameters it was given"]


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    cost = cost_function or network_cost
    approx = []
    for key in parameter_keys(parameters):
        for index in np.ndindex(parameters[key].shape):
            parameters[key][index] += epsilon
            J_plus = cost(parameters, X, Y)
            parameters[key][index] -= 2 * epsilon
            J_minus = cost(parameters, X, Y)
            parameters[key][index] += epsilon
            approx.append((J_plus - J_minus) / (2 * epsilon))
    gradapprox = np.array(approx).reshape(-1, 1)
    grad = gradients_to_vector(gradients)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)), gradapprox
