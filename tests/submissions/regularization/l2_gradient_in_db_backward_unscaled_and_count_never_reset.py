"""Three classic mistakes in three functions. The L2 term added to db as well (lambd / m * b). The mask
applied in backward, the division by keep_prob forgotten. And early stopping that counts every epoch
without improvement, never setting the count back to 0. Loses exactly those three functions' points."""

EXPECTED = {"test_backward_propagation_with_regularization": 0, "test_backward_propagation_with_dropout": 0, "test_early_stopping_epoch": 0}
FEEDBACK_MUST_CONTAIN = ["backward_propagation_with_regularization", "backward_propagation_with_dropout", "dA not scaled by 1/keep_prob in backward", "early_stopping_epoch", "not consecutive ones"]


def backward_propagation_with_regularization(X, Y, caches, lambd):
    m = Y.shape[1]
    grads = model_backward(logits_from_caches(caches), Y, caches)
    for l in range(1, len(caches) + 1):
        _, W, b = linear_cache_of(caches[l - 1])
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * W
        grads[f"db{l}"] = grads[f"db{l}"] + lambd / m * b
    return grads


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    L, m, grads = len(caches), Y.shape[1], {}
    dZL = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
    for l in range(L - 1, 0, -1):
        linear_cache, Z, D = caches[l - 1]
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA * D, (linear_cache, Z), "relu")
    return grads


def early_stopping_epoch(dev_costs, patience):
    if len(dev_costs) == 0 or patience < 1:
        raise ValueError("dev_costs must not be empty, and patience must be at least 1")
    best, bad = 0, 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < dev_costs[best]:
            best = epoch
        else:
            bad += 1
        if bad == patience:
            break
    return best
