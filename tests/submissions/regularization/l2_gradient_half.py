"""The L2 gradient with lambd / (2 m), as in the cost: loses the L2 backward points only."""
EXPECTED = {"test_backward_propagation_with_regularization": 0}
FEEDBACK_MUST_CONTAIN = ["backward_propagation_with_regularization"]


def backward_propagation_with_regularization(X, Y, caches, lambd):
    m = Y.shape[1]
    grads = model_backward(logits_from_caches(caches), Y, caches)
    for l in range(1, len(caches) + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / (2 * m) * linear_cache_of(caches[l - 1])[1]
    return grads
