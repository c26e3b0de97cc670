"""Two classic mistakes in two functions. The warm-up returns the absolute difference ||grad -
gradapprox||. And the one-sided difference (J(theta + eps) - J(theta)) / eps. Loses exactly those
two functions' points."""
import numpy as np

EXPECTED = {"test_gradient_check": 0, "test_gradient_check_n": 0}
FEEDBACK_MUST_CONTAIN = ["gradient_check", "absolute difference", "gradient_check_n", "one-sided difference"]


def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return np.linalg.norm(backward_propagation(x, theta) - gradapprox)


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    if cost_function is None:
        cost_function = network_cost
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    J = cost_function(parameters, X, Y)
    gradapprox = np.zeros((theta.shape[0], 1))
    for i in range(theta.shape[0]):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        gradapprox[i] = (cost_function(vector_to_dictionary(theta_plus, parameters), X, Y) - J) / epsilon
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference, gradapprox
