"""Three classic mistakes in three functions. X and Y shuffled with two different permutations: labels
leave their examples. Dropout applied to X too (each layer's input dropped, not its output). And early
stopping that compares each epoch with the one before, not with the best. One more for the contract
clauses (tests/contracts/regularization.py): a dropout backward pass that returns the dW only, no db.
Loses exactly those four functions' points."""

EXPECTED = {"test_split_train_dev_test": 0, "test_forward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0, "test_backward_propagation_with_dropout": 0}
FEEDBACK_MUST_CONTAIN = ["split_train_dev_test", "shuffled with different permutations", "forward_propagation_with_dropout", "never drop the input", "early_stopping_epoch", "compares each epoch with the one before it", "backward_propagation_with_dropout", "one dW_l and one db_l for every layer"]


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    X, Y = X[:, rng.permutation(m)], Y[:, rng.permutation(m)]
    return ((X[:, :m_train], Y[:, :m_train]), (X[:, m_train:m_train + m_dev], Y[:, m_train:m_train + m_dev]),
            (X[:, m_train + m_dev:], Y[:, m_train + m_dev:]))


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        D = rng.random(A.shape) < keep_prob
        A = A * D / keep_prob
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [linear_cache]


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError("empty dev_costs or patience < 1")
    waiting = 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < dev_costs[epoch - 1]:
            waiting = 0
        else:
            waiting += 1
            if waiting == patience:
                return min(range(epoch + 1), key=lambda e: dev_costs[e])
    return min(range(len(dev_costs)), key=lambda e: dev_costs[e])


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    L, m, grads = len(caches), Y.shape[1], {}
    dZL = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA, grads[f"dW{L}"], _ = linear_backward(dZL, caches[L - 1])
    for l in range(L - 1, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        dA, grads[f"dW{l}"], _ = linear_activation_backward(dA * D / keep_prob, (linear_cache, Z), "relu")
    return grads
