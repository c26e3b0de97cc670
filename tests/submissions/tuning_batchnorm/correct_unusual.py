"""Correct answers written another way: natural logarithms, every hyperparameter's values drawn at
once (another order of drawing from rng), a refinement by dictionary comprehension, running
averages updated in place, a dictionary as the cache and the backward pass walked node by node.
Full marks."""
import numpy as np

EXPECTED = {}


def sample_log_uniform(low, high, size, rng):
    return np.exp(rng.uniform(np.log(low), np.log(high), size))


def sample_beta(low, high, size, rng):
    return 1 - (1 - high) * ((1 - low) / (1 - high)) ** rng.random(size)


def random_search(train_and_evaluate, space, n_trials, rng):
    draws = {}
    for name, (kind, *args) in space.items():
        if kind == "log":
            draws[name] = sample_log_uniform(args[0], args[1], n_trials, rng).tolist()
        elif kind == "beta":
            draws[name] = sample_beta(args[0], args[1], n_trials, rng).tolist()
        elif kind == "uniform":
            draws[name] = rng.uniform(args[0], args[1], n_trials).tolist()
        elif kind == "int":
            draws[name] = rng.integers(args[0], args[1], endpoint=True, size=n_trials).tolist()
        else:
            draws[name] = [args[0][i] for i in rng.integers(0, len(args[0]), n_trials)]
    configs = [{name: draws[name][i] for name in space} for i in range(n_trials)]
    return sorted(({"config": c, "score": train_and_evaluate(c)} for c in configs), key=lambda t: -t["score"])


def refine_space(trials, space, top_k):
    def scale(kind):
        return {"log": (np.log10, lambda r: 10 ** r), "beta": (lambda b: np.log10(1 - b), lambda r: 1 - 10 ** r)}.get(
            kind, (lambda v: v, lambda v: v))

    def refine(name, kind, args):
        values = [t["config"][name] for t in trials[:top_k]]
        if kind == "choice":
            return ("choice", [o for o in args[0] if o in values])
        to, back = scale(kind)
        lo, hi = min(map(to, values)), max(map(to, values))
        a, b = sorted((back(lo - (hi - lo) / 2), back(hi + (hi - lo) / 2)))
        a, b = max(a, args[0]), min(b, args[1])
        return (kind, int(np.floor(a)), int(np.ceil(b))) if kind == "int" else (kind, a, b)

    return {name: refine(name, kind, args) for name, (kind, *args) in space.items()}


def batchnorm_forward(Z, gamma, beta, bn_params):
    eps, momentum = bn_params["epsilon"], bn_params["momentum"]
    if bn_params["mode"] == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
        bn_params["running_mean"] *= momentum
        bn_params["running_mean"] += (1 - momentum) * mu
        bn_params["running_var"] *= momentum
        bn_params["running_var"] += (1 - momentum) * var
    else:
        mu, var = bn_params["running_mean"], bn_params["running_var"]
    Z_centered = Z - mu
    inv_std = 1.0 / np.sqrt(var + eps)
    Z_norm = Z_centered * inv_std
    return gamma * Z_norm + beta, {"Z_centered": Z_centered, "inv_std": inv_std, "gamma": gamma, "Z_norm": Z_norm}


def batchnorm_backward(dout, cache):
    Z_centered, inv_std, gamma, Z_norm = cache["Z_centered"], cache["inv_std"], cache["gamma"], cache["Z_norm"]
    m = dout.shape[1]
    dbeta = dout.sum(axis=1, keepdims=True)
    dgamma = (dout * Z_norm).sum(axis=1, keepdims=True)
    dZ_norm = dout * gamma
    dvar = (dZ_norm * Z_centered).sum(axis=1, keepdims=True) * -0.5 * inv_std ** 3
    dZ_centered = dZ_norm * inv_std + 2 * Z_centered * dvar / m
    return dZ_centered - dZ_centered.sum(axis=1, keepdims=True) / m, dgamma, dbeta
