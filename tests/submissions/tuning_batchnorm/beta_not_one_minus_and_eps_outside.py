"""Two classic mistakes in two functions: beta itself sampled on a log scale (not 1 - beta), and
epsilon added outside the square root in batch norm. Loses exactly those two functions' points
(the backward pass is right for its forward pass)."""
import numpy as np

EXPECTED = {"test_sample_beta": 0, "test_batchnorm_forward": 0}
FEEDBACK_MUST_CONTAIN = ["sample_beta", "beta itself was sampled", "batchnorm_forward", "epsilon belongs inside the square root"]


def sample_beta(low, high, size, rng):
    return 10 ** rng.uniform(np.log10(low), np.log10(high), size)


def batchnorm_forward(Z, gamma, beta, bn_params):
    mode, momentum, epsilon = bn_params["mode"], bn_params["momentum"], bn_params["epsilon"]
    if mode == "train":
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
        bn_params["running_mean"] = momentum * bn_params["running_mean"] + (1 - momentum) * mu
        bn_params["running_var"] = momentum * bn_params["running_var"] + (1 - momentum) * var
    else:
        mu, var = bn_params["running_mean"], bn_params["running_var"]
    std = np.sqrt(var) + epsilon
    Z_norm = (Z - mu) / std
    return gamma * Z_norm + beta, (Z_norm, gamma, std)
