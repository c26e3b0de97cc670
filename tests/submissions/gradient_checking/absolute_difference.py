"""The warm-up returns the absolute difference ||grad - gradapprox||: loses the gradient_check points only."""
import numpy as np

EXPECTED = {"test_gradient_check": 0}
FEEDBACK_MUST_CONTAIN = ["gradient_check", "absolute difference"]


def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return np.linalg.norm(backward_propagation(x, theta) - gradapprox)
