"""Three classic mistakes in three functions. The dev slice starts one example early: that example is
in train and dev, and the last one in no set. Dropout on the output layer too. And early stopping
after patience + 1 bad epochs (count > patience). One more for the contract clauses
(tests/contracts/regularization.py): a cost returned as an array of shape (1, 1), not a number. Loses
exactly those four functions' points."""
import numpy as np

EXPECTED = {"test_split_train_dev_test": 0, "test_forward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0, "test_compute_cost_with_regularization": 0}
FEEDBACK_MUST_CONTAIN = ["split_train_dev_test", "examples lost or duplicated", "forward_propagation_with_dropout", "no dropout on the output layer", "early_stopping_epoch", "stops one epoch too late", "compute_cost_with_regularization", "return a number: float(value)"]


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    dev = slice(m_train - 1, m_train + m_dev - 1)
    test = slice(m_train + m_dev - 1, m - 1)
    return (X[:, :m_train], Y[:, :m_train]), (X[:, dev], Y[:, dev]), (X[:, test], Y[:, test])


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = rng.random(A.shape) < keep_prob
        A = A * D / keep_prob
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    ZL = ZL * (rng.random(ZL.shape) < keep_prob) / keep_prob
    return ZL, caches + [linear_cache]


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError("empty dev_costs or patience < 1")
    best, bad = 0, 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < dev_costs[best]:
            best, bad = epoch, 0
        else:
            bad += 1
            if bad > patience:
                break
    return best


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    L = num_layers(parameters)
    l2 = sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))
    return np.reshape(compute_cost(ZL, Y) + lambd / (2 * m) * l2, (1, 1))
