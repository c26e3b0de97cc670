"""One contract clause broken in each of the seven functions (tests/contracts/regularization.py):
a split whose labels come out flat, Y_train of shape (m_train,) instead of (1, m_train); a diagnosis
that leaves base_error out of the avoidable bias; a cost without its cross-entropy part (the L2 term
alone); an L2 backward pass without the L2 term (model_backward's gradients as they are); a dropout
forward pass that returns sigmoid(ZL) instead of the logits; a dropout backward pass whose dZL is not
divided by m; and early stopping that counts epochs from 1. Each loses its own function's points,
with its message."""
import numpy as np

EXPECTED = {
    "test_split_train_dev_test": 0,
    "test_diagnose_bias_variance": 0,
    "test_compute_cost_with_regularization": 0,
    "test_backward_propagation_with_regularization": 0,
    "test_forward_propagation_with_dropout": 0,
    "test_backward_propagation_with_dropout": 0,
    "test_early_stopping_epoch": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "Y keeps its shape (1, m)",
    "base_error ignored: avoidable bias is train_error - base_error",
    "the cross-entropy part is missing",
    "the L2 term is missing",
    "return the logits ZL",
    "every gradient is m times too large",
    "epochs are counted from 0",
]


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    order = rng.permutation(m)
    X, y = X[:, order], Y[0, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], y[:a]), (X[:, a:b], y[a:b]), (X[:, b:], y[b:])


def diagnose_bias_variance(train_error, dev_error, base_error=0.0, tolerance=0.02):
    high_bias = train_error > tolerance
    high_variance = dev_error - train_error > tolerance
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    if high_variance:
        return "high variance"
    return "good fit"


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    L = num_layers(parameters)
    cost = lambd / (2 * m) * sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cost)


def backward_propagation_with_regularization(X, Y, caches, lambd):
    return model_backward(logits_from_caches(caches), Y, caches)


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = rng.random(A.shape) < keep_prob
        A = A * D / keep_prob
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return sigmoid(ZL), caches + [linear_cache]


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    L, grads = len(caches), {}
    dZL = sigmoid(logits_from_caches(caches)) - Y
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
    for l in range(L - 1, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA * D / keep_prob, (linear_cache, Z), "relu")
    return grads


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError("dev_costs is empty or patience < 1")
    best, waiting = 1, 0
    for epoch in range(2, len(dev_costs) + 1):
        if dev_costs[epoch - 1] < dev_costs[best - 1]:
            best, waiting = epoch, 0
        else:
            waiting += 1
            if waiting == patience:
                break
    return best
