"""Two mistakes in two functions, one each: a 'beta' hyperparameter drawn with sample_log_uniform
(beta itself on a log scale, not 1 - beta), and a forward pass that returns out without its cache.
Loses those two functions' points, and the backward pass's, which has no cache to work with."""
import numpy as np

EXPECTED = {"test_random_search": 0, "test_batchnorm_forward": 0, "test_batchnorm_backward": 0}
FEEDBACK_MUST_CONTAIN = [
    "random_search",
    "not sampled with your sample_beta",
    "batchnorm_forward",
    "should return two values: out, cache",
]


def random_search(train_and_evaluate, space, n_trials, rng):
    trials = []
    for _ in range(n_trials):
        config = {}
        for name, (kind, *args) in space.items():
            if kind == "log":
                config[name] = float(sample_log_uniform(args[0], args[1], 1, rng)[0])
            elif kind == "beta":
                config[name] = float(sample_log_uniform(args[0], args[1], 1, rng)[0])
            elif kind == "uniform":
                config[name] = float(rng.uniform(args[0], args[1]))
            elif kind == "int":
                config[name] = int(rng.integers(args[0], args[1] + 1))
            else:
                config[name] = args[0][rng.integers(len(args[0]))]
        trials.append({"config": config, "score": train_and_evaluate(config)})
    return sorted(trials, key=lambda trial: trial["score"], reverse=True)


def batchnorm_forward(Z, gamma, beta, bn_params):
    mode, momentum, epsilon = bn_params["mode"], bn_params["momentum"], bn_params["epsilon"]
    if mode == "train":
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
        bn_params["running_mean"] = momentum * bn_params["running_mean"] + (1 - momentum) * mu
        bn_params["running_var"] = momentum * bn_params["running_var"] + (1 - momentum) * var
    else:
        mu, var = bn_params["running_mean"], bn_params["running_var"]
    std = np.sqrt(var + epsilon)
    Z_norm = (Z - mu) / std
    return gamma * Z_norm + beta
