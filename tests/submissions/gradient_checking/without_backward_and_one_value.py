"""gradient_check that writes the derivative x in place of backward_propagation(x, theta), which it
is there to check; gradient_check_n that returns only the difference. Each loses its own points."""
import numpy as np

EXPECTED = {"test_gradient_check": 0, "test_gradient_check_n": 0}
FEEDBACK_MUST_CONTAIN = ["does not call backward_propagation", "return two values"]


def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = x
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    cost_function = cost_function or network_cost
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    n = theta.shape[0]
    gradapprox = np.zeros((n, 1))
    for i in range(n):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        theta_minus = np.copy(theta)
        theta_minus[i] -= epsilon
        J_plus = cost_function(vector_to_dictionary(theta_plus, parameters), X, Y)
        J_minus = cost_function(vector_to_dictionary(theta_minus, parameters), X, Y)
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference
