"""Four mistakes in four functions, one each: log-uniform draws with the natural logarithm and a
power of ten (the two must match), the trials kept as (config, score) pairs, an 'int' range rounded
to the nearest whole numbers (not outward), and a backward pass that returns dZ and the pair
(dgamma, dbeta). Loses exactly those four functions' points."""
import numpy as np

EXPECTED = {
    "test_sample_log_uniform": 0,
    "test_random_search": 0,
    "test_refine_space": 0,
    "test_batchnorm_backward": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "sample_log_uniform",
    "the logarithm and its inverse must match",
    "random_search",
    "each trial is a dictionary",
    "refine_space",
    "rounds outward",
    "batchnorm_backward",
    "should return three values",
]


def sample_log_uniform(low, high, size, rng):
    return 10 ** rng.uniform(np.log(low), np.log(high), size)


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
        trials.append((config, train_and_evaluate(config)))
    return sorted(trials, key=lambda trial: trial[1], reverse=True)


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
        low, high = sorted([from_scale(min(scaled) - 0.5 * spread), from_scale(max(scaled) + 0.5 * spread)])
        low, high = max(low, args[0]), min(high, args[1])
        if kind == "int":
            low, high = round(low), round(high)
        refined[name] = (kind, low, high)
    return refined


def batchnorm_backward(dout, cache):
    Z_norm, gamma, std = cache
    m = dout.shape[1]
    dZ_norm = dout * gamma
    dZ = (m * dZ_norm - np.sum(dZ_norm, axis=1, keepdims=True) - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)) / (m * std)
    return dZ, (np.sum(dout * Z_norm, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True))
