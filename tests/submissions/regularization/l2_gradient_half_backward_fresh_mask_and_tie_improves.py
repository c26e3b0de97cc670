"""Three classic mistakes in three functions. The L2 gradient with lambd / (2 m), as in the cost. A new
mask drawn in backward (np.random.rand, as in forward) instead of the cached one. And early stopping
that counts an equal cost as an improvement (<=). Two more for the contract clauses
(tests/contracts/regularization.py): a split that shuffles the rows of X (rng.permutation(X)), not
its columns; and dropout masks drawn from a generator of the function's own, whatever rng is. Loses
exactly those five functions' points."""
import numpy as np

EXPECTED = {"test_backward_propagation_with_regularization": 0, "test_backward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0, "test_split_train_dev_test": 0, "test_forward_propagation_with_dropout": 0}
FEEDBACK_MUST_CONTAIN = ["backward_propagation_with_regularization", "lambd / (2 * m) * W_l in dW_l", "backward_propagation_with_dropout", "a fresh mask in backward", "early_stopping_epoch", "an equal cost counted as an improvement", "split_train_dev_test", "the rows (features) were shuffled", "forward_propagation_with_dropout", "ignores rng: draw each mask from the rng argument"]


def backward_propagation_with_regularization(X, Y, caches, lambd):
    m = Y.shape[1]
    grads = model_backward(logits_from_caches(caches), Y, caches)
    for l in range(1, len(caches) + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / (2 * m) * linear_cache_of(caches[l - 1])[1]
    return grads


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    L, m, grads = len(caches), Y.shape[1], {}
    dZL = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
    for l in range(L - 1, 0, -1):
        linear_cache, Z, _ = caches[l - 1]
        D = np.random.rand(*dA.shape) < keep_prob
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA * D / keep_prob, (linear_cache, Z), "relu")
    return grads


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0:
        raise ValueError("no epochs")
    if patience < 1:
        raise ValueError("patience must be at least 1")
    best, count = 0, 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] <= dev_costs[best]:
            best, count = epoch, 0
        else:
            count += 1
            if count == patience:
                break
    return best


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    X, Y = rng.permutation(X), rng.permutation(Y)
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    own = np.random.default_rng(1)
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = own.random(A.shape) < keep_prob
        A = A * D / keep_prob
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [linear_cache]
