"""Two mistakes in two functions, one each. gradient_check_n builds the gradient vector in the
dictionary's own order (model_backward's starts with the last layer), not theta's. And no fix at
all: the "fixed" backward pass returns the student's own gradient_check_n's gradapprox (this file's,
whose gradapprox is right: only its grad is out of order), turned back into a dictionary of
gradients. It passes a gradient check, of course, but it is not an analytical gradient (it agrees
with the true one to ~1e-9 only). Loses exactly those two functions' points."""
import numpy as np

EXPECTED = {"test_gradient_check_n": 0, "test_backward_propagation_n_fixed": 0}
FEEDBACK_MUST_CONTAIN = [
    "gradient_check_n",
    "another order than theta",
    "backward_propagation_n_fixed",
    "these are not the analytical gradients",
]


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, cost_function=None):
    if cost_function is None:
        cost_function = network_cost
    theta = dictionary_to_vector(parameters)
    grad = np.concatenate([value.reshape(-1, 1) for key, value in gradients.items() if key.startswith(("dW", "db"))])
    gradapprox = np.zeros((theta.shape[0], 1))
    for i in range(theta.shape[0]):
        theta_plus, theta_minus = np.copy(theta), np.copy(theta)
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
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    zeros = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
    _, gradapprox = gradient_check_n(parameters, zeros, X, Y)
    return {"d" + key: value for key, value in vector_to_dictionary(gradapprox, parameters).items()}
