"""Correct answers written another way: np.multiply, a float derivative, abs() and a halved quotient
in the warm-up; the check over the caller's own arrays, each entry put back exactly, the two
vectors built from lists and the norms written out. Full marks."""
import numpy as np

EXPECTED = {}


def forward_propagation(x, theta):
    return np.multiply(x, theta)


def backward_propagation(x, theta):
    return 1.0 * x


def gradient_check(x, theta, epsilon=1e-7):
    J_plus, J_minus = forward_propagation(x, theta + epsilon), forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / 2 / epsilon
    grad = backward_propagation(x, theta)
    return float(abs(grad - gradapprox) / (abs(grad) + abs(gradapprox)))


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    cost = network_cost if cost_function is None else cost_function
    approx, grad = [], []
    for key in parameter_keys(parameters):
        array = parameters[key]
        for index in np.ndindex(array.shape):
            kept = array[index]
            array[index] = kept + epsilon
            J_plus = cost(parameters, X, Y)
            array[index] = kept - epsilon
            J_minus = cost(parameters, X, Y)
            array[index] = kept
            approx.append((J_plus - J_minus) / (2 * epsilon))
            grad.append(gradients["d" + key][index])
    gradapprox, grad = np.array(approx).reshape(-1, 1), np.array(grad).reshape(-1, 1)
    numerator = np.sqrt(np.sum((grad - gradapprox) ** 2))
    return numerator / (np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(gradapprox ** 2))), gradapprox
