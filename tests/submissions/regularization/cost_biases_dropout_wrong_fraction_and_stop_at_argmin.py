"""Three classic mistakes in three functions. The biases in the L2 norm. rng.random(...) > keep_prob:
keeps 1 - keep_prob of the units. And early stopping as the argmin of the whole list, which looks past
the stop. Two more for the contract clauses (tests/contracts/regularization.py): a training set of
round((1 - dev_fraction - test_fraction) * m) examples, not the rest, m - m_dev - m_test (examples are
lost); and a diagnosis whose strings are capitalized ("High variance"). Loses exactly those five
functions' points."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0, "test_forward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0, "test_split_train_dev_test": 0, "test_diagnose_bias_variance": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "biases included in the norm", "forward_propagation_with_dropout", "keeps the wrong fraction", "early_stopping_epoch", "looks beyond the stopping point", "split_train_dev_test", "examples lost or duplicated", "diagnose_bias_variance", "return exactly one of these four strings"]


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    return compute_cost(ZL, Y) + lambd / (2 * m) * sum(np.sum(np.square(value)) for value in parameters.values())


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = rng.random(A.shape) > keep_prob
        A = A * D / keep_prob
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [linear_cache]


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError("need at least one epoch and a patience of 1 or more")
    return int(np.argmin(dev_costs))


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = round((1 - dev_fraction - test_fraction) * m)
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:b + m_test], Y[:, b:b + m_test])


def diagnose_bias_variance(train_error, dev_error, base_error=0.0, tolerance=0.02):
    high_bias = train_error - base_error > tolerance
    high_variance = dev_error - train_error > tolerance
    if high_bias and high_variance:
        return "High bias and high variance"
    if high_bias:
        return "High bias"
    if high_variance:
        return "High variance"
    return "Good fit"
