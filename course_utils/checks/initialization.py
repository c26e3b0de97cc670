"""Checks for the Initialization notebook's four graded functions.

``normalize_inputs`` is judged by its values on sets whose features have very different offsets and
scales, the second set drawn from other ranges than the training set, so that each classic mistake
(statistics per example, the second set's own statistics, the variance for the standard deviation,
a step left out...) gives other numbers, and its hint names it; and by its inputs, left unchanged.

Random initializations are judged by what every correct implementation shares, never by one
memorised array: the keys and shapes, zero biases, reproducibility through ``rng``, one draw per
entry (no repeated rows), and the mean, spread and shape of each weight matrix's distribution. A spread that matches a known classic
mistake (Xavier instead of He, fan-out instead of fan-in, a forgotten square root...) gets a hint.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from .core import (
    Checker,
    CheckFailed,
    describe_values,
    expect_reproducible,
    matching_mistake,
    only_from_rng,
    unpack,
    within_ratio,
)

Array = np.ndarray

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
        if np.unique(W).size < W.size / 2:  # independent normal draws almost never repeat (float32 barely)
            c.fail(
                f"W{l} repeats its values: only {np.unique(W).size} distinct numbers in its {W.size} entries.",
                expected=f"{W.size} independent draws",
                hint="draw one number per entry, e.g. rng.standard_normal((n_l, n_(l-1))): rows that repeat one draw "
                "are units that compute the same thing, the symmetry of zeros again.",
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


# ---- normalize_inputs(X_train, X_test) ----

NORMALIZE_AXIS = (
    "that is each EXAMPLE (column) normalized by its own mean and spread: the statistics are per feature, "
    "over the examples, one value per row: X_train.mean(axis=1, keepdims=True), shape (n, 1)."
)
NORMALIZE_KEEPDIMS = (
    "the mean and the standard deviation are columns of shape (n, 1): np.mean(X_train, axis=1, keepdims=True); "
    "without keepdims they have shape (n,), which does not broadcast against (n, m)."
)
NORMALIZE_OWN_STATISTICS = (
    "the second set was normalized with statistics of its own: use the TRAINING set's mean and standard "
    "deviation for every set (a test set, or one new example, must go through the very same transformation "
    "as the data the model was trained on)."
)
NORMALIZE_WHOLE = (
    "that is one mean and one sigma for the whole matrix: every feature has its own, over the examples "
    "(axis=1, keepdims=True)."
)
NORMALIZE_VARIANCE = "that divides by the variance sigma^2: divide by the standard deviation sigma = np.sqrt(sigma^2)."
NORMALIZE_NOT_CENTRED = "the mean is not subtracted: x <- (x - mu) / sigma, both steps."
NORMALIZE_NOT_SCALED = "only the mean is subtracted: divide by the standard deviation too, x <- (x - mu) / sigma."
NORMALIZE_RAW_SQUARES = (
    "sigma^2 = (1/m) sum x^2 is the variance only once the mean is subtracted: compute it from X_train - mu "
    "(or np.var(X_train, axis=1, keepdims=True)), not from the raw X_train."
)
NORMALIZE_TOGETHER = (
    "the statistics were computed on the training and the second set together: compute them on the training "
    "set alone, then apply them to both."
)
NORMALIZE_DDOF = (
    "that is the sample standard deviation, dividing by m - 1: this course's sigma^2 divides by m "
    "(np.std and np.var do, with their default ddof=0)."
)
NORMALIZE_SWAPPED = "the two arrays come back in the wrong order: return X_train_norm, X_test_norm."
NORMALIZE_IN_PLACE = (
    "changed the array it was given: X -= mu (or X /= sigma) writes into the caller's array; "
    "compute new arrays instead, X_norm = (X - mu) / sigma."
)

# Three features of very different offsets and scales (a size in m^2, a fraction, a temperature), so
# that every classic mistake gives other numbers; the second set is drawn from shifted ranges, so that
# its own statistics differ from the training set's.
FEATURE_RANGES = ((20.0, 1000.0), (0.0, 1.0), (-5.0, 3.0))
NORMALIZE_CASES = ((8, 5), (8, 8), (8, 1), (13, 3))  # (m_train, m_test): equal sizes, one new example


def normalize_data(n: int, m_train: int, m_test: int, rng: np.random.Generator) -> tuple[Array, Array]:
    """``X_train`` (n, m_train) and ``X_test`` (n, m_test): feature i in its own range, the test set
    shifted by a tenth of the range and narrower."""
    ranges = [FEATURE_RANGES[i % len(FEATURE_RANGES)] for i in range(n)]
    low, high = (np.array(r).reshape(-1, 1) for r in zip(*ranges))
    X_train = low + (high - low) * rng.random((n, m_train))
    X_test = low + (high - low) * (0.1 + 0.6 * rng.random((n, m_test)))
    return X_train, X_test


def normalize_mistakes(X_train: Array, X_test: Array) -> list[tuple[str, tuple[Array, Array]]]:
    """(hint, (train, test) that the mistake returns) for each classic mistake."""

    def stats(X: Array, axis: int = 1, ddof: int = 0) -> tuple[Array, Array]:
        return X.mean(axis=axis, keepdims=True), X.std(axis=axis, ddof=ddof, keepdims=True)

    mu, sigma = stats(X_train)
    both_mu, both_sigma = stats(np.hstack([X_train, X_test]))
    test_mu, test_sigma = stats(X_test) if X_test.shape[1] > 1 else (X_test, np.zeros_like(X_test))
    root_mean_square = np.sqrt(np.mean(X_train**2, axis=1, keepdims=True))
    mistakes = []
    if X_train.shape[1] == X_test.shape[1]:
        row_mu, row_sigma = stats(X_train, axis=0)
        mistakes.append((NORMALIZE_AXIS, ((X_train - row_mu) / row_sigma, (X_test - row_mu) / row_sigma)))
    mistakes.append((NORMALIZE_AXIS, ((X_train - stats(X_train, 0)[0]) / stats(X_train, 0)[1], None)))
    if X_test.shape[1] > 1:
        for own_mu, own_sigma in ((test_mu, test_sigma), (test_mu, sigma), (mu, test_sigma)):
            mistakes.append((NORMALIZE_OWN_STATISTICS, ((X_train - mu) / sigma, (X_test - own_mu) / own_sigma)))
    mistakes += [
        (NORMALIZE_WHOLE, ((X_train - X_train.mean()) / X_train.std(), (X_test - X_train.mean()) / X_train.std())),
        (NORMALIZE_VARIANCE, ((X_train - mu) / sigma**2, (X_test - mu) / sigma**2)),
        (NORMALIZE_NOT_CENTRED, (X_train / sigma, X_test / sigma)),
        (NORMALIZE_NOT_SCALED, (X_train - mu, X_test - mu)),
        (NORMALIZE_RAW_SQUARES, ((X_train - mu) / root_mean_square, (X_test - mu) / root_mean_square)),
        (NORMALIZE_TOGETHER, ((X_train - both_mu) / both_sigma, (X_test - both_mu) / both_sigma)),
        (NORMALIZE_DDOF, ((X_train - mu) / stats(X_train, ddof=1)[1], (X_test - mu) / stats(X_train, ddof=1)[1])),
        (NORMALIZE_SWAPPED, ((X_test - mu) / sigma, (X_train - mu) / sigma)),
    ]
    return mistakes


def _mistake_of(got: tuple[Array, Array], mistakes: list[tuple[str, tuple]], which: int) -> str | None:
    """The hint of the first mistake whose ``which``-th array (0: train, 1: test) ``got`` matches."""
    return matching_mistake(got[which], ((hint, arrays[which]) for hint, arrays in mistakes), rtol=1e-6, atol=1e-9)


def check_normalize_inputs(
    fn: Callable, cases: Sequence[tuple[int, int]] = NORMALIZE_CASES, n: int = 3, seed: int = 0
) -> None:
    """Visible checks of ``normalize_inputs(X_train, X_test)``: both sets normalized with the training
    set's per-feature mean and standard deviation, the inputs left as they were."""
    c = Checker("normalize_inputs")
    rng = np.random.default_rng(seed)
    for m_train, m_test in cases:
        X_train, X_test = normalize_data(n, m_train, m_test, rng)
        given_train, given_test = X_train.copy(), X_test.copy()  # handed in: the function must not change them
        try:
            out = c.call(fn, given_train, given_test)
        except CheckFailed as failure:
            if "broadcast" in str(failure.got):  # a mean or sigma of the wrong shape met the other set
                per_example = f"(1,{m_train})" in str(failure.got) or f"({m_train},)" in str(failure.got)
                c.fail(failure.problem, got=failure.got, hint=NORMALIZE_AXIS if per_example else NORMALIZE_KEEPDIMS)
            raise
        got = unpack(
            c,
            out,
            2,
            "does not return two arrays.",
            expected="(X_train_norm, X_test_norm)",
            hint="return the two normalized sets, the training set's first (not the mean or sigma).",
        )
        mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
        expected = ((X_train - mu) / sigma, (X_test - mu) / sigma)
        with np.errstate(all="ignore"):  # a mistake may divide by 0 (one feature, one example): no warning
            mistakes = normalize_mistakes(X_train, X_test)
        shapes = tuple(np.shape(array) for array in got)
        if shapes == (X_test.shape, X_train.shape) and X_train.shape != X_test.shape:
            c.fail(
                "the arrays returned have the wrong shapes.",
                expected=(X_train.shape, X_test.shape),
                got=shapes,
                hint=NORMALIZE_SWAPPED,
            )
        for which, name in enumerate(("X_train_norm", "X_test_norm")):
            shape = expected[which].shape
            wrong_shape = isinstance(got[which], np.ndarray) and got[which].shape != shape
            c.expect_array(
                f"{name} (the {'first' if which == 0 else 'second'} array returned)",
                got[which],
                shape,
                floating=False,
                hint=f"the same shape as the set it normalizes, {shape}: features x examples." if wrong_shape else None,
            )
            if not np.all(np.isfinite(got[which])):
                c.fail(
                    f"{name} contains inf or nan (X_test has {m_test} example{'s' if m_test > 1 else ''}).",
                    expected="finite numbers",
                    hint=NORMALIZE_OWN_STATISTICS + " One example's own standard deviation is 0."
                    if which == 1 and m_test == 1
                    else "a standard deviation of 0 divides by zero: compute it per feature on the training set.",
                )
        for which, name in enumerate(("X_train_norm", "X_test_norm")):
            if not np.allclose(got[which], expected[which], rtol=1e-6, atol=1e-9):
                c.fail(
                    f"{name} has wrong values (X_train {X_train.shape}, X_test {X_test.shape}).",
                    expected=describe_values(expected[which]),
                    got=describe_values(got[which]),
                    hint=_mistake_of(got, mistakes, which),
                )
            c.ok()
        if not (np.array_equal(given_train, X_train) and np.array_equal(given_test, X_test)):
            c.fail("changed its input X_train or X_test.", hint=NORMALIZE_IN_PLACE)
        c.ok()
    c.done()
