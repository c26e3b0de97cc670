"""Two mistakes in two functions, one each. gradient_check_n copies theta_plus and theta_minus once,
before the loop: each entry's nudge stays for the next ones. The fixed backward pass: both lines
found, one fixed the wrong way: dW2's * 2 is gone, but db1's 4 / m became 1 / (4 * m), a quarter of
the gradient instead of four times it. Loses exactly those two functions' points; the fixed pass's
message names db1 and the factor."""
import numpy as np

EXPECTED = {"test_gradient_check_n": 0, "test_backward_propagation_n_fixed": 0}
FEEDBACK_MUST_CONTAIN = [
    "gradient_check_n",
    "leaks into the next",
    "backward_propagation_n_fixed",
    "db1",
    "a whole block off by a constant factor",
]


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    if cost_function is None:
        cost_function = network_cost
    theta = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    theta_plus, theta_minus = np.copy(theta), np.copy(theta)
    for i in range(theta.shape[0]):
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        gradapprox[i] = (cost_function(vector_to_dictionary(theta_plus, parameters), X, Y)
                         - cost_function(vector_to_dictionary(theta_minus, parameters), X, Y)) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference, gradapprox


def backward_propagation_n_fixed(X, Y, caches):
    (A0, W1, b1), Z1 = caches[0]
    (A1, W2, b2), Z2 = caches[1]
    A2, W3, b3 = caches[2]
    m = X.shape[1]
    Z3 = W3 @ A2 + b3

    dZ3 = sigmoid(Z3) - Y
    dW3 = 1 / m * dZ3 @ A2.T
    db3 = 1 / m * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (Z2 > 0)
    dW2 = 1 / m * dZ2 @ A1.T
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = 1 / m * dZ1 @ X.T
    db1 = 1 / (4 * m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}
