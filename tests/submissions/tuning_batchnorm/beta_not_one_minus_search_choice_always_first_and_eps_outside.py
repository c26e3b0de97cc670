"""Three classic mistakes in three functions: beta itself sampled on a log scale (not 1 - beta),
random_search setting every 'choice' hyperparameter to its first option (never drawing one), and
epsilon added outside the square root in batch norm. Loses exactly those three functions' points
(random_search draws its betas with this file's sample_beta, which the check allows; the backward
pass is right for its forward pass)."""
import numpy as np

EXPECTED = {
    "test_sample_beta": 0,
    "test_random_search": 0,
    "test_batchnorm_forward": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "sample_beta",
    "beta itself was sampled",
    "random_search",
    "should take each of",
    "batchnorm_forward",
    "epsilon belongs inside the square root",
]


def sample_beta(low, high, size, rng):
    return 10 ** rng.uniform(np.log10(low), np.log10(high), size)


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
                config[name] = args[0][0]
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
    std = np.sqrt(var) + epsilon
    Z_norm = (Z - mu) / std
    return gamma * Z_norm + beta, (Z_norm, gamma, std)
