"""Three classic mistakes in three functions. The biases in the L2 norm. rng.random(...) > keep_prob:
keeps 1 - keep_prob of the units. And early stopping as the argmin of the whole list, which looks past
the stop. Loses exactly those three functions' points."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0, "test_forward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "biases included in the norm", "forward_propagation_with_dropout", "keeps the wrong fraction", "early_stopping_epoch", "looks beyond the stopping point"]


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
