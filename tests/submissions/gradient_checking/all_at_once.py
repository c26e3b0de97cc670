"""theta + epsilon moves every entry at once: loses the gradient_check_n points only."""
import numpy as np

EXPECTED = {"test_gradient_check_n": 0}
FEEDBACK_MUST_CONTAIN = ["gradient_check_n", "perturbed at once"]


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
