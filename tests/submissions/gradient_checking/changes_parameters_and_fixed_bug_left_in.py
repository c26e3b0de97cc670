"""Two mistakes in two functions, one each. gradient_check_n nudges the caller's own arrays and
"restores" them by subtracting: the floats do not come back exactly, so the caller's parameters
change. The fixed backward pass: the gradient check's breakdown pointed at two parameters and only
one of their lines was corrected (dW2 lost its * 2), db1 still has 4 / m. Loses exactly those two
functions' points, the fixed pass's message naming the block and the factor it is off by."""
import numpy as np

EXPECTED = {"test_gradient_check_n": 0, "test_backward_propagation_n_fixed": 0}
FEEDBACK_MUST_CONTAIN = [
    "gradient_check_n",
    "changed the parameters it was given",
    "backward_propagation_n_fixed",
    "db1 is 4x the true gradient (off by a factor 4)",
]


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
    db1 = 4 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}
