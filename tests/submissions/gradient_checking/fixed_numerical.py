"""No fix at all: the "fixed" backward pass returns the student's own gradient_check_n's gradapprox,
turned back into a dictionary of gradients. It passes a gradient check, of course, but it is not an
analytical gradient (it agrees with the true one to ~1e-9 only). Loses the
backward_propagation_n_fixed points only."""
import numpy as np

EXPECTED = {"test_backward_propagation_n_fixed": 0}
FEEDBACK_MUST_CONTAIN = ["backward_propagation_n_fixed", "these are not the analytical gradients"]


def backward_propagation_n_fixed(X, Y, caches):
    (A0, W1, b1), Z1 = caches[0]
    (A1, W2, b2), Z2 = caches[1]
    A2, W3, b3 = caches[2]
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    zeros = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
    _, gradapprox = gradient_check_n(parameters, zeros, X, Y)
    return {"d" + key: value for key, value in vector_to_dictionary(gradapprox, parameters).items()}
