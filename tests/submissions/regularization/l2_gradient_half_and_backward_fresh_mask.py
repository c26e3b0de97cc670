"""Two classic mistakes in two functions. The L2 gradient with lambd / (2 m), as in the cost. And a new
mask drawn in backward (np.random.rand, as in forward) instead of the cached one. Loses exactly
those two functions' points."""
import numpy as np

EXPECTED = {"test_backward_propagation_with_regularization": 0, "test_backward_propagation_with_dropout": 0}
FEEDBACK_MUST_CONTAIN = ["backward_propagation_with_regularization", "backward_propagation_with_dropout", "a fresh mask in backward"]


def backward_propagation_with_regularization(X, Y, caches, lambd):
    m = Y.shape[1]
    grads = model_backward(logits_from_caches(caches), Y, caches)
    for l in range(1, len(caches) + 1):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / (2 * m) * linear_cache_of(caches[l - 1])[1]
    return grads


def backward_propagation_with_dropout(X, Y, caches, keep_prob):
    L, m, grads = len(caches), Y.shape[1], {}
    dZL = (sigmoid(logits_from_caches(caches)) - Y) / m
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1])
    for l in range(L - 1, 0, -1):
        linear_cache, Z, _ = caches[l - 1]
        D = np.random.rand(*dA.shape) < keep_prob
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA * D / keep_prob, (linear_cache, Z), "relu")
    return grads
