"""The warm-up's difference quotient divided by epsilon instead of 2 * epsilon: loses the
gradient_check points only."""
import numpy as np

EXPECTED = {"test_gradient_check": 0}
FEEDBACK_MUST_CONTAIN = ["gradient_check", "instead of 2 * epsilon"]


def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / epsilon
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
