"""Five mistakes in five functions, one each: betas returned as 1 - beta (r's power of ten, not
1 - 10 ** r), train_and_evaluate called twice per trial, the refinement around the worst trials,
the running averages updated in test mode too, and dgamma and dbeta swapped. Loses exactly those
five functions' points (random_search and the backward pass use the notebook's samplers and cache)."""
import numpy as np

EXPECTED = {
    "test_sample_beta": 0,
    "test_random_search": 0,
    "test_refine_space": 0,
    "test_batchnorm_forward": 0,
    "test_batchnorm_backward": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "sample_beta",
    "that is 1 - beta",
    "random_search",
    "exactly once per trial",
    "refine_space",
    "not the worst",
    "batchnorm_forward",
    "test mode leaves the running statistics alone",
    "batchnorm_backward",
    "dgamma = sum over the examples of dout * Z_norm",
]


def sample_beta(low, high, size, rng):
    return 10 ** rng.uniform(np.log10(1 - high), np.log10(1 - low), size)


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
        trials.append({"config": config, "score": [train_and_evaluate(config), train_and_evaluate(config)][1]})
    return sorted(trials, key=lambda trial: trial["score"], reverse=True)


def refine_space(trials, space, top_k):
    refined = {}
    for name, (kind, *args) in space.items():
        values = [trial["config"][name] for trial in trials[-top_k:]]
        if kind == "choice":
            refined[name] = ("choice", [option for option in args[0] if option in values])
            continue
        scale = {"log": (np.log10, lambda r: 10 ** r), "beta": (lambda b: np.log10(1 - b), lambda r: 1 - 10 ** r)}
        to_scale, from_scale = scale.get(kind, (lambda v: v, lambda v: v))
        scaled = [to_scale(v) for v in values]
        spread = max(scaled) - min(scaled)
        low, high = sorted([from_scale(min(scaled) - 0.5 * spread), from_scale(max(scaled) + 0.5 * spread)])
        low, high = max(low, args[0]), min(high, args[1])
        if kind == "int":
            low, high = int(np.floor(low)), int(np.ceil(high))
        refined[name] = (kind, low, high)
    return refined


def batchnorm_forward(Z, gamma, beta, bn_params):
    mode, momentum, epsilon = bn_params["mode"], bn_params["momentum"], bn_params["epsilon"]
    mu, var = bn_params["running_mean"], bn_params["running_var"]
    if mode == "train":
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    std = np.sqrt(var + epsilon)
    Z_norm = (Z - mu) / std
    batch_mu, batch_var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    bn_params["running_mean"] = momentum * bn_params["running_mean"] + (1 - momentum) * batch_mu
    bn_params["running_var"] = momentum * bn_params["running_var"] + (1 - momentum) * batch_var
    return gamma * Z_norm + beta, (Z_norm, gamma, std)


def batchnorm_backward(dout, cache):
    Z_norm, gamma, std = cache
    m = dout.shape[1]
    dZ_norm = dout * gamma
    dZ = (m * dZ_norm - np.sum(dZ_norm, axis=1, keepdims=True) - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)) / (m * std)
    return dZ, np.sum(dout, axis=1, keepdims=True), np.sum(dout * Z_norm, axis=1, keepdims=True)
