"""Two classic mistakes in two functions. The warm-up's difference quotient divided by epsilon instead
of 2 * epsilon. And theta + epsilon moves every entry at once. Loses exactly those two functions'
points."""
import numpy as np

EXPECTED = {"test_gradient_check": 0, "test_gradient_check_n": 0}
FEEDBACK_MUST_CONTAIN = ["gradient_check", "instead of 2 * epsilon", "gradient_check_n", "perturbed at once"]


def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / epsilon
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    if cost_function is None:
        cost_function = network_cost
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    for i in range(theta.shape[0]):
        theta_plus = theta + epsilon
        theta_minus = theta - epsilon
        gradapprox[i] = (cost_function(vector_to_dictionary(theta_plus, parameters), X, Y)
                         - cost_function(vector_to_dictionary(theta_minus, parameters), X, Y)) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference, gradapprox
