"""Both lines found, one fixed the wrong way: dW2's * 2 is gone, but db1's 4 / m became 1 / (4 * m),
a quarter of the gradient instead of four times it. Loses the backward_propagation_n_fixed points
only; the message names db1 and the factor."""
import numpy as np

EXPECTED = {"test_backward_propagation_n_fixed": 0}
FEEDBACK_MUST_CONTAIN = ["backward_propagation_n_fixed", "db1", "a whole block off by a constant factor"]


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
