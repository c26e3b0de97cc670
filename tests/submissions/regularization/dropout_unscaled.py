"""Dropout without the division by keep_prob: loses the dropout forward points only."""
EXPECTED = {"test_forward_propagation_with_dropout": 0}
FEEDBACK_MUST_CONTAIN = ["forward_propagation_with_dropout", "divide by keep_prob"]


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
