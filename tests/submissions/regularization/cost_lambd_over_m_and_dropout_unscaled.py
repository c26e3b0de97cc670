"""Two classic mistakes in two functions. The L2 term with lambd / m instead of lambd / (2 m). And
dropout without the division by keep_prob. Loses exactly those two functions' points."""
import numpy as np

EXPECTED = {"test_compute_cost_with_regularization": 0, "test_forward_propagation_with_dropout": 0}
FEEDBACK_MUST_CONTAIN = ["compute_cost_with_regularization", "lambd / (2 * m)", "forward_propagation_with_dropout", "divide by keep_prob"]


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
