"""The classic's three layers written out, in the L2 cost and in dropout's backward pass: right
for three layers, wrong for any other depth. Loses those two functions' points."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0, "test_backward_propagation_with_dropout": 0}
FEEDBACK_MUST_CONTAIN = ["only three layers hard-coded"]


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    return compute_cost(ZL, Y) + lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    m = Y.shape[1]
    (lc1, Z1, D1), (lc2, Z2, D2), lc3 = caches
    grads = {}
    dZ3 = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA2, grads["dW3"], grads["db3"] = linear_backward(dZ3, lc3)
    dA1, grads["dW2"], grads["db2"] = linear_activation_backward(dA2 * D2 / keep_prob, (lc2, Z2), "relu")
    _, grads["dW1"], grads["db1"] = linear_activation_backward(dA1 * D1 / keep_prob, (lc1, Z1), "relu")
    return grads
