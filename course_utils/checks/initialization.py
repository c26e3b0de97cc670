"""Checks for the Initialization notebook's three graded functions.

Random initializations are judged by what every correct implementation shares, never by one
memorised array: the keys and shapes, zero biases, reproducibility through ``rng``, and the mean,
spread and shape of each weight matrix's distribution. A spread that matches a known classic
mistake (Xavier instead of He, fan-out instead of fan-in, a forgotten square root...) gets a hint.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from .core import Checker, expect_reproducible, matching_mistake, only_from_rng, within_ratio

# Layer sizes big enough that every W has >= 5,000 entries, so that a spread is measured within
# ~1% and the classic mistakes (>= 20% off) are told apart; the fan-ins differ so that fan-in and
# fan-out mix-ups show.
STATS_DIMS = [300, 200, 100, 50]


def expected_keys(layer_dims: Sequence[int]) -> list[str]:
    L = len(layer_dims) - 1
    return [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]


def check_structure(c: Checker, parameters: object, layer_dims: Sequence[int]) -> None:
    """A dict with W1, b1 ... WL, bL of the right shapes, float, all biases zero."""
    c.expect_type("the return value", parameters, dict)
    L = len(layer_dims) - 1
    c.expect_keys(
        parameters,
        expected_keys(layer_dims),
        what=f"the dictionary for layers_dims={list(layer_dims)}",
        hint=f"one W and one b for each layer after the input: l = 1 ... L with L = len(layers_dims) - 1 = {L}, i.e. range(1, L + 1).",
    )
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        transposed = isinstance(W, np.ndarray) and W.shape == (n_prev, n) and n != n_prev
        c.expect_array(
            f"W{l}",
            W,
            (n, n_prev),
            hint=(
                f"that is W{l} transposed: W{l} has shape (layers_dims[{l}], layers_dims[{l - 1}]) = (n_l, n_(l-1))."
                if transposed
                else f"W{l} has shape (layers_dims[{l}], layers_dims[{l - 1}])."
            ),
        )
        c.expect_array(
            f"b{l}",
            b,
            (n, 1),
            hint=f"b{l} is a column: np.zeros(({n}, 1)), not np.zeros({n})." if np.shape(b) == (n,) else None,
        )
        if np.any(b != 0):
            c.fail(
                f"b{l} is not all zeros.",
                expected="zeros",
                got=f"values from {b.min():.3g} to {b.max():.3g}",
                hint="biases start at zero; the randomness that breaks symmetry is in W.",
            )
        c.ok()


def check_reproducible(c: Checker, make: Callable[[np.random.Generator], dict], seed: int) -> dict:
    """The same seed gives the same numbers, other seeds other numbers, and np.random is untouched."""
    hint = "draw from the rng argument (rng.standard_normal(shape)), not from np.random, and do not seed inside the function."
    with only_from_rng(c, hint):
        first = make(np.random.default_rng(seed))
    second, other = make(np.random.default_rng(seed)), make(np.random.default_rng(seed + 1))
    expect_reproducible(
        c,
        first,
        second,
        "two calls with the same seed gave different weights.",
        hint,
        same=lambda a, b: all(np.array_equal(a[k], b[k]) for k in a),
        other=other,
        ignored="two different rngs gave identical weights: the function ignores rng.",
        identical=lambda a, b: all(np.array_equal(a[k], b[k]) for k in a if k.startswith("W")),
    )
    c.ok()
    return first


def check_spread(
    c: Checker,
    parameters: dict,
    layer_dims: Sequence[int],
    expected_std: Callable[[int, int], float],
    mistakes: dict[str, Callable[[int, int], float]],
    formula: str,
) -> None:
    """Each W_l looks like independent N(0, expected_std(n_l, n_prev)^2) draws.

    ``mistakes`` maps a hint to the std that a known wrong formula would give, so that a spread
    matching one of them names the mistake.
    """
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W = parameters[f"W{l}"]
        std, N = expected_std(n, n_prev), W.size
        got_mean, got_std = float(W.mean()), float(W.std())
        if got_std == 0:
            c.fail(
                f"W{l} is constant ({got_mean:.3g} everywhere).",
                expected=f"random values with std {std:.4g}",
                hint="every unit of the layer would compute the same thing: draw W from rng.",
            )
        if abs(got_mean) > 6 * got_std / np.sqrt(N):  # six standard errors of the sample mean
            c.fail(
                f"W{l} is not centred on zero.",
                expected=f"mean ≈ 0 (std {std:.4g})",
                got=f"mean {got_mean:.4g}",
                hint="rng.random draws from [0, 1); use rng.standard_normal, which is centred on 0."
                if got_mean > 0
                else None,
            )
        tolerance = 6 / np.sqrt(2 * N) + 0.01  # six standard errors of a sample std, plus 1%
        if abs(got_std / std - 1) > tolerance:
            hint = matching_mistake(
                got_std, ((h, wrong(n, n_prev)) for h, wrong in mistakes.items()), close=within_ratio(tolerance)
            )
            c.fail(
                f"W{l} has the wrong spread (layers_dims={list(layer_dims)}, so n_l={n}, n_(l-1)={n_prev}).",
                expected=f"standard deviation ≈ {std:.4g} ({formula})",
                got=f"{got_std:.4g}",
                hint=hint,
            )
        kurtosis = float(np.mean((W - got_mean) ** 4) / got_std**4)
        if abs(kurtosis - 3) > 6 * np.sqrt(24 / N) + 0.05:
            c.fail(
                f"W{l} is not normally distributed (its kurtosis is {kurtosis:.2f}, a normal's is 3).",
                hint="use rng.standard_normal (or rng.normal), not rng.random or rng.uniform.",
            )
        c.ok()


def check_initialize_parameters_zeros(fn: Callable, layer_dims_cases: Sequence[Sequence[int]] | None = None) -> None:
    """Visible checks of ``initialize_parameters_zeros(layers_dims)``."""
    c = Checker("initialize_parameters_zeros")
    for layer_dims in layer_dims_cases or ([3, 2, 1], [5, 4, 3, 2, 1], [1, 1]):
        parameters = c.call(fn, list(layer_dims))
        check_structure(c, parameters, layer_dims)
        for key, value in parameters.items():
            if np.any(value != 0):
                c.fail(
                    f"{key} is not all zeros.",
                    expected="zeros",
                    got=f"values from {value.min():.3g} to {value.max():.3g}",
                    hint="this function initializes everything, W included, with np.zeros.",
                )
        c.ok()
    c.done()


def check_initialize_parameters_random(
    fn: Callable, seed: int = 3, scales: Sequence[float] = (10.0, 0.5), layer_dims: Sequence[int] = STATS_DIMS
) -> None:
    """Visible checks of ``initialize_parameters_random(layers_dims, rng, scale=10.0)``."""
    c = Checker("initialize_parameters_random")
    check_structure(c, c.call(fn, [3, 2, 1], np.random.default_rng(seed)), [3, 2, 1])
    for scale in scales:

        def make(rng, scale=scale):
            return c.call(fn, list(layer_dims), rng, scale=scale)

        parameters = check_reproducible(c, make, seed)
        check_structure(c, parameters, layer_dims)
        mistakes = {"the spread is 1: multiply the standard normal draws by scale.": lambda n, p: 1.0}
        if scale != 10:
            mistakes["the spread is 10 whatever scale is: use the scale argument, not the number 10."] = lambda n, p: (
                10.0
            )
        check_spread(c, parameters, layer_dims, lambda n, p: scale, mistakes, formula=f"scale = {scale}")
    default = c.call(fn, list(layer_dims), np.random.default_rng(seed))
    check_spread(
        c,
        default,
        layer_dims,
        lambda n, p: 10.0,
        {"called without scale, the spread must be 10: give the scale argument the default 10.0.": lambda n, p: 1.0},
        formula="the default scale = 10",
    )
    c.done()


HE_MISTAKES: dict[str, Callable[[int, int], float]] = {
    "that is Xavier initialization, sqrt(1/n_(l-1)); He uses sqrt(2/n_(l-1)).": lambda n, p: np.sqrt(1 / p),
    "that is sqrt(2/n_l): He divides by the size of the PREVIOUS layer, layers_dims[l-1].": lambda n, p: np.sqrt(2 / n),
    "that is Glorot's sqrt(2/(n_(l-1) + n_l)); He uses sqrt(2/n_(l-1)).": lambda n, p: np.sqrt(2 / (n + p)),
    "that is 2/n_(l-1): take its square root, np.sqrt(2 / layers_dims[l-1]).": lambda n, p: 2 / p,
    "the spread is 1: multiply the standard normal draws by np.sqrt(2 / layers_dims[l-1]).": lambda n, p: 1.0,
    "that is 10 x He: the factor 10 belongs to initialize_parameters_random only.": lambda n, p: 10 * np.sqrt(2 / p),
}


def check_initialize_parameters_he(fn: Callable, seed: int = 3, layer_dims: Sequence[int] = STATS_DIMS) -> None:
    """Visible checks of ``initialize_parameters_he(layers_dims, rng)``."""
    c = Checker("initialize_parameters_he")
    check_structure(c, c.call(fn, [3, 1, 2], np.random.default_rng(seed)), [3, 1, 2])
    parameters = check_reproducible(c, lambda rng: c.call(fn, list(layer_dims), rng), seed)
    check_structure(c, parameters, layer_dims)
    check_spread(c, parameters, layer_dims, lambda n, p: np.sqrt(2 / p), HE_MISTAKES, formula="sqrt(2 / n_(l-1))")
    c.done()
