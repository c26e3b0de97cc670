"""Two classic mistakes in two functions: trials sorted worst first, and dgamma and dbeta summed
over the units instead of the examples. Loses exactly those two functions' points."""
import numpy as np

EXPECTED = {"test_random_search": 0, "test_batchnorm_backward": 0}
FEEDBACK_MUST_CONTAIN = ["random_search", "sorted worst first", "batchnorm_backward", "sum over the examples, axis=1"]


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
        trials.append({"config": config, "score": train_and_evaluate(config)})
    return sorted(trials, key=lambda trial: trial["score"])


def batchnorm_backward(dout, cache):
    Z_norm, gamma, std = cache
    m = dout.shape[1]
    dZ_norm = dout * gamma
    dZ = (m * dZ_norm - np.sum(dZ_norm, axis=1, keepdims=True) - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)) / (m * std)
    return dZ, np.sum(dout * Z_norm, axis=0, keepdims=True), np.sum(dout, axis=0, keepdims=True)
