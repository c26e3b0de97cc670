"""The denominator ||grad + gradapprox|| instead of ||grad|| + ||gradapprox||, in both checks: loses
the gradient_check and gradient_check_n points only (a backward of the wrong sign shows it)."""
import numpy as np

EXPECTED = {"test_gradient_check": 0, "test_gradient_check_n": 0}
FEEDBACK_MUST_CONTAIN = ["gradient_check_n", "sum of the two norms", "backward pass of the wrong sign"]


def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad + gradapprox)


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    if cost_function is None:
        cost_function = network_cost
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    for i in range(theta.shape[0]):
        theta_plus, theta_minus = np.copy(theta), np.copy(theta)
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        gradapprox[i] = (cost_function(vector_to_dictionary(theta_plus, parameters), X, Y)
                         - cost_function(vector_to_dictionary(theta_minus, parameters), X, Y)) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad + gradapprox)
    return difference, gradapprox
