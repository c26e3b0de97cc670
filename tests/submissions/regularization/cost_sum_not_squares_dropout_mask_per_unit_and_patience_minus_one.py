"""Three classic mistakes in three functions. np.sum(W) instead of the sum of squares. One mask entry
per unit, shape (n_l, 1), broadcast over the examples. And early stopping whose count starts at 1 (the
best epoch counted as waiting): it stops after patience - 1 bad epochs. Two more for the contract
clauses (tests/contracts/regularization.py): a split that ignores rng (a generator of its own, seeded
0); and a diagnosis that calls a gap equal to tolerance high (>=). Loses exactly those five functions'
points."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0, "test_forward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0, "test_split_train_dev_test": 0, "test_diagnose_bias_variance": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "np.sum(W) instead of the sum of squares", "forward_propagation_with_dropout", "one mask entry per unit AND example", "early_stopping_epoch", "stops one epoch too soon", "split_train_dev_test", "ignores rng: shuffle with rng.permutation(m)", "diagnose_bias_variance", "a gap equal to tolerance is not high"]


def compute_cost_with_regularization(ZL, Y, parameters, lambd):
    m = Y.shape[1]
    L = num_layers(parameters)
    return compute_cost(ZL, Y) + lambd / (2 * m) * sum(np.sum(parameters[f"W{l}"]) for l in range(1, L + 1))


def forward_propagation_with_dropout(X, parameters, keep_prob, rng):
    L = num_layers(parameters)
    caches, A = [], X
    for l in range(1, L):
        A, (linear_cache, Z) = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        D = rng.random((A.shape[0], 1)) < keep_prob
        A = A * D / keep_prob
        caches.append((linear_cache, Z, D))
    ZL, linear_cache = linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
    return ZL, caches + [linear_cache]


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError("dev_costs is empty or patience < 1")
    best, waited = 0, 1
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < dev_costs[best]:
            best, waited = epoch, 1
        else:
            waited += 1
            if waited >= patience:
                break
    return best


def split_train_dev_test(X, Y, dev_fraction, test_fraction, rng):
    m = X.shape[1]
    m_dev, m_test = round(dev_fraction * m), round(test_fraction * m)
    m_train = m - m_dev - m_test
    order = np.random.default_rng(0).permutation(m)
    X, Y = X[:, order], Y[:, order]
    a, b = m_train, m_train + m_dev
    return (X[:, :a], Y[:, :a]), (X[:, a:b], Y[:, a:b]), (X[:, b:], Y[:, b:])


def diagnose_bias_variance(train_error, dev_error, base_error=0.0, tolerance=0.02):
    high_bias = train_error - base_error >= tolerance
    high_variance = dev_error - train_error >= tolerance
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    if high_variance:
        return "high variance"
    return "good fit"
