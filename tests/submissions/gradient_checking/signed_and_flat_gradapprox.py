"""gradient_check with plain differences where the text asks for norms; gradient_check_n returning
gradapprox flat, not a column like theta; a fixed backward pass that zeroes Z1 in the cache in place.
Each loses its own points."""
import numpy as np

EXPECTED = {"test_gradient_check": 0, "test_gradient_check_n": 0, "test_backward_propagation_n_fixed": 0}
FEEDBACK_MUST_CONTAIN = ["a norm is never negative", "gradapprox is a column like theta", "a backward pass only reads its inputs"]


def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return (grad - gradapprox) / (grad + gradapprox)


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
    return difference, gradapprox.ravel()


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
    Z1[Z1 <= 0] = 0
    dZ1 = dA1 * (Z1 > 0)
    dW1 = 1 / m * dZ1 @ X.T
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}
