"""One contract clause broken in each of the seven functions (tests/contracts/regularization.py):
a split whose sizes are int(fraction * m), rounded down; a diagnosis with the tolerance hard-coded
(0.02); a cost with m = Y.shape[0], the rows; an L2 backward pass that returns the dW only, no db; a
dropout mask drawn from np.random, not from rng; a dropout backward pass without the mask (only the
division by keep_prob); and early stopping that raises no ValueError at all, neither for an empty
dev_costs nor for a patience below 1. Each loses its own function's points, with its message."""
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
    "int() rounds down",
    "tolerance ignored (0.02 hard-coded)",
    "m is the number of examples, Y.shape[1]",
    "one dW_l and one db_l for every layer",
    "draw the masks from the rng argument",
    "the mask not applied in backward",
    "raise ValueError('...') when dev_costs is empty and when patience < 1",
]


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = int(dev_fraction * m), int(test_fraction * m)
    m_train = m - m_dev - m_test
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])


def diagnose_bias_variance(train_error, dev_error, base_error=0.0, tolerance=0.02):
    high_bias = train_error - base_error > 0.02
    high_variance = dev_error - train_error > 0.02
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    if high_variance:
        return "high variance"
    return "good fit"


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[0]
    L = num_layers(parameters)
    cost = compute_cost(ZL, Y) + lambd / (2 * m) * sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))
    return float(cost)


def backward_propagation_with_regularization(X, Y, caches, lambd):
    m = Y.shape[1]
    grads = model_backward(logits_from_caches(caches), Y, caches)
    return {f"dW{l}": grads[f"dW{l}"] + lambd / m * linear_cache_of(caches[l - 1])[1] for l in range(1, len(caches) + 1)}


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = np.random.rand(*A.shape) < keep_prob
        A = A * D / keep_prob
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [linear_cache]


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    L, m, grads = len(caches), Y.shape[1], {}
    dZL = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
    for l in range(L - 1, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA / keep_prob, (linear_cache, Z), "relu")
    return grads


def early_stopping_epoch(dev_costs, patience):
    best, waiting = 0, 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < dev_costs[best]:
            best, waiting = epoch, 0
        else:
            waiting += 1
            if waiting == patience:
                break
    return best
