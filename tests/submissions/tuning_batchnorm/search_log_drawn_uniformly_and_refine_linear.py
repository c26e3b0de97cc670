"""Three mistakes in three functions, one each: learning rates drawn from NumPy's global generator
(np.random, not rng), random_search draws a 'log' hyperparameter with
rng.uniform (not with sample_log_uniform), and refine_space widens every range on the values
themselves, not on the sampling scale. Loses exactly those three functions' points."""
import numpy as np

EXPECTED = {"test_sample_log_uniform": 0, "test_random_search": 0, "test_refine_space": 0}
FEEDBACK_MUST_CONTAIN = ["sample_log_uniform", "not from np.random", "random_search", "'log' hyperparameter was sampled uniformly", "refine_space", "on its sampling scale"]


def sample_log_uniform(low, high, size, rng):
    return 10 ** np.random.uniform(np.log10(low), np.log10(high), size)


def random_search(train_and_evaluate, space, n_trials, rng):
    trials = []
    for _ in range(n_trials):
        config = {}
        for name, (kind, *args) in space.items():
            if kind == "log":
                config[name] = float(rng.uniform(args[0], args[1]))
            elif kind == "beta":
                config[name] = float(sample_beta(args[0], args[1], 1, rng)[0])
            elif kind == "uniform":
                config[name] = float(rng.uniform(args[0], args[1]))
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
        to_scale, from_scale = (lambda v: v, lambda v: v)
        scaled = [to_scale(v) for v in values]
        spread = max(scaled) - min(scaled)
        low, high = sorted([from_scale(min(scaled) - 0.5 * spread), from_scale(max(scaled) + 0.5 * spread)])
        low, high = max(low, args[0]), min(high, args[1])
        if kind == "int":
            low, high = int(np.floor(low)), int(np.ceil(high))
        refined[name] = (kind, low, high)
    return refined
