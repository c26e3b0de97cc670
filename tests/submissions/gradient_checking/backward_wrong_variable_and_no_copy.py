"""Two classic mistakes in two functions. The warm-up's backward returns theta (the derivative with
respect to the wrong variable). And theta_plus = theta (no copy): the nudge changes theta itself,
theta_minus is theta again and gradapprox comes out half the gradient. Loses exactly those two
functions' points."""
import numpy as np

EXPECTED = {"test_backward_propagation": 0, "test_gradient_check_n": 0}
FEEDBACK_MUST_CONTAIN = ["backward_propagation", "with respect to theta is x", "gradient_check_n", "half the gradient"]


def backward_propagation(x, theta):
    return theta


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    if cost_function is None:
        cost_function = network_cost
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    for i in range(theta.shape[0]):
        theta_plus = theta
        theta_plus[i] += epsilon
        J_plus = cost_function(vector_to_dictionary(theta_plus, parameters), X, Y)
        theta_minus = theta
        theta_minus[i] -= epsilon
        J_minus = cost_function(vector_to_dictionary(theta_minus, parameters), X, Y)
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference, gradapprox
