"""Three classic mistakes in three functions. np.sum(W) instead of the sum of squares. One mask entry
per unit, shape (n_l, 1), broadcast over the examples. And early stopping whose count starts at 1 (the
best epoch counted as waiting): it stops after patience - 1 bad epochs. Loses exactly those three
functions' points."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0, "test_forward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "np.sum(W) instead of the sum of squares", "forward_propagation_with_dropout", "one mask entry per unit AND example", "early_stopping_epoch", "stops one epoch too soon"]


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
