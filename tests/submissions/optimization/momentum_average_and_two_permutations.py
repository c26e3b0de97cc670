"""Two classic mistakes in two functions: momentum without the (1 - beta) factor, and X and Y
shuffled with different permutations. Loses exactly those two functions' points."""

EXPECTED = {"test_update_parameters_with_momentum": 0, "test_random_mini_batches": 0}
FEEDBACK_MUST_CONTAIN = ["update_parameters_with_momentum", "factor is missing", "random_mini_batches", "different permutations"]


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
    return parameters, v


def random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    shuffled_X, shuffled_Y = X[:, rng.permutation(m)], Y[:, rng.permutation(m)]
    return [(shuffled_X[:, k:k + mini_batch_size], shuffled_Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]
