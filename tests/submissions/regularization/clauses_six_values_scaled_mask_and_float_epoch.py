"""One contract clause broken in each of the seven functions (tests/contracts/regularization.py):
a split that returns six values, X_train, Y_train, X_dev, ..., instead of three pairs; a diagnosis
that measures the variance from base_error (dev_error - base_error); a cost that leaves out the last
layer's W_L; an L2 backward pass with lambd * W_l, not divided by m; a dropout mask that holds 0 and
1 / keep_prob (the division put into the mask); a dropout backward pass that divides dA by keep_prob
twice; and early stopping that returns the epoch as a float. Each loses its own function's points,
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
    "should return three pairs",
    "variance is measured from base",
    "the last layer's W_L is missing",
    "that is lambd * W_l in dW_l",
    "keep the division by keep_prob out of the mask",
    "divided by keep_prob more than once",
    "return the epoch as an int",
]


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return X[:, :a], Y[:, :a], X[:, a:b], Y[:, a:b], X[:, b:], Y[:, b:]


def diagnose_bias_variance(train_error, dev_error, base_error=0.0, tolerance=0.02):
    high_bias = train_error - base_error > tolerance
    high_variance = dev_error - base_error > tolerance
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
    cost = compute_cost(ZL, Y) + lambd / (2 * m) * sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L))
    return float(cost)


def backward_propagation_with_regularization(X, Y, caches, lambd):
    grads = model_backward(logits_from_caches(caches), Y, caches)
    for l in range(1, len(caches) + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd * linear_cache_of(caches[l - 1])[1]
    return grads


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = (rng.random(A.shape) < keep_prob) / keep_prob
        A = A * D
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [linear_cache]


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    L, m, grads = len(caches), Y.shape[1], {}
    dZL = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
    for l in range(L - 1, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        dA = dA * D / keep_prob
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA / keep_prob, (linear_cache, Z), "relu")
    return grads


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError("dev_costs is empty or patience < 1")
    costs = np.asarray(dev_costs, dtype=float)
    best, waiting = 0.0, 0
    for epoch in np.arange(1.0, len(costs)):
        if costs[int(epoch)] < costs[int(best)]:
            best, waiting = epoch, 0
        else:
            waiting += 1
            if waiting == patience:
                break
    return best
