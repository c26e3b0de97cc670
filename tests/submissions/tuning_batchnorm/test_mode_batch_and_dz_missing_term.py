"""Two classic mistakes in two functions: test mode normalizing with the batch's statistics, and
dZ without the term that comes through the mean. Loses exactly those two functions' points."""
import numpy as np

EXPECTED = {"test_batchnorm_forward": 0, "test_batchnorm_backward": 0}
FEEDBACK_MUST_CONTAIN = ["batchnorm_forward", "test mode uses the running statistics", "batchnorm_backward", "a term of dZ is missing"]


def batchnorm_forward(Z, gamma, beta, bn_params):
    momentum, epsilon = bn_params["momentum"], bn_params["epsilon"]
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    if bn_params["mode"] == "train":
        bn_params["running_mean"] = momentum * bn_params["running_mean"] + (1 - momentum) * mu
        bn_params["running_var"] = momentum * bn_params["running_var"] + (1 - momentum) * var
    std = np.sqrt(var + epsilon)
    Z_norm = (Z - mu) / std
    return gamma * Z_norm + beta, (Z_norm, gamma, std)


def batchnorm_backward(dout, cache):
    Z_norm, gamma, std = cache
    m = dout.shape[1]
    dZ_norm = dout * gamma
    dZ = (m * dZ_norm - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)) / (m * std)
    return dZ, np.sum(dout * Z_norm, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)
