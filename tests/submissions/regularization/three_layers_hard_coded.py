"""The classic's three layers written out, in the L2 cost and in dropout's backward pass: right
for three layers, wrong for any other depth; and in the L2 backward pass too. Two more for the
contract clauses (tests/contracts/regularization.py): dropout applied to Z, without the ReLU; and early
stopping that raises a ValueError without a message. Loses those five functions' points."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0, "test_backward_propagation_with_dropout": 0, "test_backward_propagation_with_regularization": 0, "test_early_stopping_epoch": 0, "test_forward_propagation_with_dropout": 0}
FEEDBACK_MUST_CONTAIN = ["only three layers hard-coded", "backward_propagation_with_regularization", "early_stopping_epoch", "give the ValueError a message", "forward_propagation_with_dropout", "apply ReLU before dropout"]


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


def backward_propagation_with_regularization(X, Y, caches, lambd):
    m = Y.shape[1]
    (lc1, Z1), (lc2, Z2), lc3 = caches
    grads = {}
    dZ3 = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA2, grads["dW3"], grads["db3"] = linear_backward(dZ3, lc3)
    dA1, grads["dW2"], grads["db2"] = linear_activation_backward(dA2, (lc2, Z2), "relu")
    _, grads["dW1"], grads["db1"] = linear_activation_backward(dA1, (lc1, Z1), "relu")
    for l, (_, W, _) in enumerate((lc1, lc2, lc3), start=1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * W
    return grads


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError
    best, waiting = 0, 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < dev_costs[best]:
            best, waiting = epoch, 0
        else:
            waiting += 1
            if waiting == patience:
                break
    return best


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z, linear_cache = linear_forward(A, W, b)
        D = rng.random(Z.shape) < keep_prob
        A = Z * D / keep_prob
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [linear_cache]
