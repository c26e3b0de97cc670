"""Dropout on the output layer too: loses the dropout forward points only."""
EXPECTED = {"test_forward_propagation_with_dropout": 0}
FEEDBACK_MUST_CONTAIN = ["forward_propagation_with_dropout", "no dropout on the output layer"]


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
