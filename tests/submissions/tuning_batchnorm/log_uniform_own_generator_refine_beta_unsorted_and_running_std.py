"""Three mistakes in three functions, one each: sample_log_uniform draws from a generator of its own,
seeded inside the function, not from its rng argument (reproducible, but the same values whatever
the seed); the refined 'beta' range converted back from 1 - beta and never sorted (1 - 10 ** r
reverses the order, so the range comes back high first); and running_var updated with the standard
deviation instead of the variance. Loses those three functions' points, and random_search's, which
draws every trial's learning rate with sample_log_uniform (every trial gets the same one); the
forward pass's output is right in train mode, so the backward pass keeps its points."""
import numpy as np

EXPECTED = {
    "test_sample_log_uniform": 0,
    "test_random_search": 0,
    "test_refine_space": 0,
    "test_batchnorm_forward": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "sample_log_uniform",
    "ignores its rng argument",
    "refine_space",
    "the way back reverses the order",
    "batchnorm_forward",
    "running_var holds the variance",
]


def sample_log_uniform(low, high, size, rng):
    return 10 ** np.random.default_rng(0).uniform(np.log10(low), np.log10(high), size)


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
        low = max(from_scale(min(scaled) - spread / 2), args[0])  # for 'beta' this end is the larger beta
        high = min(from_scale(max(scaled) + spread / 2), args[1])
        if kind == "int":
            low, high = int(np.floor(low)), int(np.ceil(high))
        refined[name] = (kind, low, high)
    return refined


def batchnorm_forward(Z, gamma, beta, bn_params):
    mode, momentum, epsilon = bn_params["mode"], bn_params["momentum"], bn_params["epsilon"]
    if mode == "train":
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
        bn_params["running_mean"] = momentum * bn_params["running_mean"] + (1 - momentum) * mu
        bn_params["running_var"] = momentum * bn_params["running_var"] + (1 - momentum) * np.sqrt(var)
    else:
        mu, var = bn_params["running_mean"], bn_params["running_var"]
    std = np.sqrt(var + epsilon)
    Z_norm = (Z - mu) / std
    return gamma * Z_norm + beta, (Z_norm, gamma, std)
