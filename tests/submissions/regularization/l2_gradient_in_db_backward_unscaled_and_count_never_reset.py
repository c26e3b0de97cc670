"""Three classic mistakes in three functions. The L2 term added to db as well (lambd / m * b). The mask
applied in backward, the division by keep_prob forgotten. And early stopping that counts every epoch
without improvement, never setting the count back to 0. Two more for the contract clauses
(tests/contracts/regularization.py): a split that shuffles X and Y in place (X[:] = X[:, order]); and
a dropout cache without its mask, (linear_cache, Z). Loses exactly those five functions' points."""

EXPECTED = {"test_backward_propagation_with_regularization": 0, "test_backward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0, "test_split_train_dev_test": 0, "test_forward_propagation_with_dropout": 0}
FEEDBACK_MUST_CONTAIN = ["backward_propagation_with_regularization", "the L2 term added to db", "backward_propagation_with_dropout", "dA not scaled by 1/keep_prob in backward", "early_stopping_epoch", "not consecutive ones", "split_train_dev_test", "X or Y was changed in place", "forward_propagation_with_dropout", "put the mask D_l in it"]


def backward_propagation_with_regularization(X, Y, caches, lambd):
    m = Y.shape[1]
    grads = model_backward(logits_from_caches(caches), Y, caches)
    for l in range(1, len(caches) + 1):
        _, W, b = linear_cache_of(caches[l - 1])
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * W
        grads[f"db{l}"] = grads[f"db{l}"] + lambd / m * b
    return grads


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    L, m, grads = len(caches), Y.shape[1], {}
    dZL = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
    for l in range(L - 1, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA * D, (linear_cache, Z), "relu")
    return grads


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError("dev_costs must not be empty, and patience must be at least 1")
    best, bad = 0, 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < dev_costs[best]:
            best = epoch
        else:
            bad += 1
        if bad == patience:
            break
    return best


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    order = rng.permutation(m)
    X[:], Y[:] = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a].copy(), Y[:, :a].copy()), (X[:, a:b].copy(), Y[:, a:b].copy()), (X[:, b:].copy(), Y[:, b:].copy())


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = rng.random(A.shape) < keep_prob
        A = A * D / keep_prob
        caches.append((linear_cache, Z))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [linear_cache]
