"""Three classic mistakes in three functions: random_search draws a 'uniform' hyperparameter between 0
and 1 (rng.uniform() with no bounds), not between its low and high; the refined ranges widened but
never clipped to the original bounds; and the running averages with the momentum on the batch's
statistics. Loses exactly those three functions' points (the forward pass's output is right, so the
backward pass keeps its points)."""
import numpy as np

EXPECTED = {
    "test_random_search": 0,
    "test_refine_space": 0,
    "test_batchnorm_forward": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "random_search",
    "left its range",
    "refine_space",
    "leaves the original one",
    "batchnorm_forward",
    "momentum multiplies the old running value",
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
                config[name] = float(rng.uniform())
            elif kind == "int":
                config[name] = int(rng.integers(args[0], args[1] + 1))
            else:
                config[name] = args[0][rng.integers(len(args[0]))]
        trials.append({"config": config, "score": train_and_evaluate(config)})
    return sorted(trials, key=lambda trial: trial["score"], reverse=True)


def refine_space(trials, space, top_k):
    refined = {}
    for name, (kind, *args) in space.items():
        values = [trial["config"][name] for trial in trials[:top_k]]
        if kind == "choice":
            refined[name] = ("choice", [option for option in args[0] if option in values])
            continue
        scale = {"log": (np.log10, lambda r: 10 ** r), "beta": (lambda b: np.log10(1 - b), lambda r: 1 - 10 ** r)}
        to_scale, from_scale = scale.get(kind, (lambda v: v, lambda v: v))
        scaled = [to_scale(v) for v in values]
        spread = max(scaled) - min(scaled)
        low, high = sorted([from_scale(min(scaled) - spread / 2), from_scale(max(scaled) + spread / 2)])
        if kind == "int":
            low, high = int(np.floor(low)), int(np.ceil(high))
        refined[name] = (kind, low, high)
    return refined


def batchnorm_forward(Z, gamma, beta, bn_params):
    mode, momentum, epsilon = bn_params["mode"], bn_params["momentum"], bn_params["epsilon"]
    if mode == "train":
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
        bn_params["running_mean"] = (1 - momentum) * bn_params["running_mean"] + momentum * mu
        bn_params["running_var"] = (1 - momentum) * bn_params["running_var"] + momentum * var
    else:
        mu, var = bn_params["running_mean"], bn_params["running_var"]
    std = np.sqrt(var + epsilon)
    Z_norm = (Z - mu) / std
    return gamma * Z_norm + beta, (Z_norm, gamma, std)
