"""Three classic mistakes in three functions: random_search keeps 1 - score (an error rate) instead of
the score that train_and_evaluate returned, and sorts the trials by it, lowest first; test mode
normalizing with the batch's statistics; and dZ without the term that comes through the mean. Loses
exactly those three functions' points."""
import numpy as np

EXPECTED = {
    "test_random_search": 0,
    "test_batchnorm_forward": 0,
    "test_batchnorm_backward": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "random_search",
    "not what train_and_evaluate returned",
    "batchnorm_forward",
    "test mode uses the running statistics",
    "batchnorm_backward",
    "a term of dZ is missing",
]


def random_search(train_and_evaluate, space, n_trials, rng):
    trials = []
    for _ in range(n_trials):
        config = {}
        for name, (kind, *args) in space.items():
            if kind == "log":
                config[name] = float(sample_log_uniform(args[0], args[1], 1, rng)[0])
            elif kind == "beta":
                config[name] = float(sample_beta(args[0], args[1], 1, rng)[0])
            elif kind == "uniform":
                config[name] = float(rng.uniform(args[0], args[1]))
            elif kind == "int":
                config[name] = int(rng.integers(args[0], args[1] + 1))
            else:
                config[name] = args[0][rng.integers(len(args[0]))]
        trials.append({"config": config, "score": 1 - train_and_evaluate(config)})
    return sorted(trials, key=lambda trial: trial["score"])


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
