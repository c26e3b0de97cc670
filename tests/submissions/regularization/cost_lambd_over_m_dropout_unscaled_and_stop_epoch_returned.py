"""Three classic mistakes in three functions. The L2 term with lambd / m instead of lambd / (2 m).
Dropout without the division by keep_prob. And early stopping that returns the epoch where training
stops, not the best one (also when patience never runs out: then the last epoch). Two more for the
contract clauses (tests/contracts/regularization.py): a split drawn from np.random.permutation, not
from rng; and a diagnosis with bias and variance swapped. Loses exactly those five functions' points."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0, "test_forward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0, "test_split_train_dev_test": 0, "test_diagnose_bias_variance": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "lambd / (2 * m)", "forward_propagation_with_dropout", "divide by keep_prob", "early_stopping_epoch", "that is the epoch where training stops", "split_train_dev_test", "draw the permutation from the rng argument", "diagnose_bias_variance", "bias and variance swapped", "or the last epoch when patience never runs out"]


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    L = num_layers(parameters)
    return compute_cost(ZL, Y) + lambd / m * sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = rng.random(A.shape) < keep_prob
        A = A * D
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [linear_cache]


def early_stopping_epoch(dev_costs, patience):
    if not dev_costs:
        raise ValueError("dev_costs is empty")
    if patience < 1:
        raise ValueError("patience must be positive")
    best_cost, best_epoch, bad_epochs = dev_costs[0], 0, 0
    for epoch, cost in enumerate(dev_costs[1:], start=1):
        if cost < best_cost:
            best_cost, best_epoch, bad_epochs = cost, epoch, 0
        else:
            bad_epochs += 1
            if bad_epochs == patience:
                return epoch
    return len(dev_costs) - 1


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    order = np.random.permutation(m)
    X, Y = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])


def diagnose_bias_variance(train_error, dev_error, base_error=0.0, tolerance=0.02):
    high_variance = train_error - base_error > tolerance
    high_bias = dev_error - train_error > tolerance
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    if high_variance:
        return "high variance"
    return "good fit"
