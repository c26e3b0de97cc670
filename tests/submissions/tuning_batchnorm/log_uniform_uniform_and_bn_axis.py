"""Two classic mistakes in two functions: learning rates drawn uniformly, and batch norm over the
units instead of the examples. Loses those two functions' points, and the backward pass's: it is
checked with the cache the forward pass makes (its feedback says to fix the forward pass first).
random_search, which draws with the uniform sampler faithfully, keeps its points."""
import numpy as np

EXPECTED = {"test_sample_log_uniform": 0, "test_batchnorm_forward": 0, "test_batchnorm_backward": 0}
FEEDBACK_MUST_CONTAIN = ["sample_log_uniform", "uniform instead of log-uniform", "batchnorm_forward", "normalize each unit over the examples",
                         "fix batchnorm_forward first"]


def sample_log_uniform(low, high, size, rng):
    return rng.uniform(low, high, size)


def batchnorm_forward(Z, gamma, beta, bn_params):
    mode, momentum, epsilon = bn_params["mode"], bn_params["momentum"], bn_params["epsilon"]
    if mode == "train":
        mu = np.mean(Z, axis=0, keepdims=True)
        var = np.var(Z, axis=0, keepdims=True)
        bn_params["running_mean"] = momentum * bn_params["running_mean"] + (1 - momentum) * mu.mean()
        bn_params["running_var"] = momentum * bn_params["running_var"] + (1 - momentum) * var.mean()
    else:
        mu, var = bn_params["running_mean"], bn_params["running_var"]
    std = np.sqrt(var + epsilon)
    Z_norm = (Z - mu) / std
    return gamma * Z_norm + beta, (Z_norm, gamma, std)
