"""Four mistakes in four functions, one each: betas returned as a list, a refined 'choice' listing its options in the order the best trials
used them (not the space's), the running averages computed but never stored back in bn_params, and
dZ without the terms that come through mu and var. Loses exactly those four functions' points
(the notebook's random_search takes one value of the list and keeps its points; the forward pass's
output is right)."""
import numpy as np

EXPECTED = {
    "test_sample_beta": 0,
    "test_refine_space": 0,
    "test_batchnorm_forward": 0,
    "test_batchnorm_backward": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "sample_beta",
    "return a NumPy array of shape (size,)",
    "refine_space",
    "in their original order",
    "batchnorm_forward",
    "store the updated running statistics back",
    "batchnorm_backward",
    "missing the terms that come through mu and var",
]


def sample_beta(low, high, size, rng):
    return (1 - 10 ** rng.uniform(np.log10(1 - high), np.log10(1 - low), size)).tolist()


def refine_space(trials, space, top_k):
    refined = {}
    for name, (kind, *args) in space.items():
        values = [trial["config"][name] for trial in trials[:top_k]]
        if kind == "choice":
            refined[name] = ("choice", list(dict.fromkeys(values)))
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
    if mode == "train":
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
        running_mean = momentum * bn_params["running_mean"] + (1 - momentum) * mu
        running_var = momentum * bn_params["running_var"] + (1 - momentum) * var
    else:
        mu, var = bn_params["running_mean"], bn_params["running_var"]
    std = np.sqrt(var + epsilon)
    Z_norm = (Z - mu) / std
    return gamma * Z_norm + beta, (Z_norm, gamma, std)


def batchnorm_backward(dout, cache):
    Z_norm, gamma, std = cache
    return dout * gamma / std, np.sum(dout * Z_norm, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)
