"""Three classic mistakes in three functions. The L2 term with lambd / m instead of lambd / (2 m).
Dropout without the division by keep_prob. And early stopping that returns the epoch where training
stops, not the best one. Loses exactly those three functions' points."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0, "test_forward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "lambd / (2 * m)", "forward_propagation_with_dropout", "divide by keep_prob", "early_stopping_epoch", "that is the epoch where training stops"]


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
    return best_epoch
