"""Checks for the Optimization notebook's graded functions.

An optimizer is judged on what any correct implementation must give, without an update rule here
to copy: with a **constant gradient** every correct optimizer has a closed form (momentum's velocity
after t steps is (1 - beta^t) g, Adam's corrected moments are exactly g and g^2 at every step...), and
each classic mistake gives another closed form, which names it. Updates may change the dictionaries
they get in place and return them, or return new ones: the check hands them copies and reads only
what comes back. Mini-batches are judged by their sizes and by which example went where; the
exponentially weighted average by series with closed-form averages (sums of geometric series).
The defaults the signatures give (bias_correction=True; RMSprop's epsilon; Adam's learning_rate,
betas and epsilon) are held too: a call that leaves them out must give what one spelling them out gives.
Comparisons with an independent reference on random gradients are the hidden tests'.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import numpy as np

from .core import (
    Checker,
    as_number,
    copied,
    describe_values,
    expect_reproducible,
    judging,
    matching_mistake,
    matching_mistakes,
    only_from_rng,
    shape_or_type,
    unpack,
)
from .networks import random_parameters

Array = np.ndarray
Parameters = dict[str, Array]

RTOL, ATOL = 1e-6, 1e-9

# ---- hints: one per classic mistake (sample submissions quote them) ----

GD_SIGN = "gradient descent steps against the gradient: W = W - learning_rate * dW."
GD_RATE = "the step is learning_rate * dW: multiply the gradient by learning_rate."
GD_BIASES = "update the biases too: b_l = b_l - learning_rate * db_l, for every layer."
DEPTH = "loop over every layer, l = 1 ... L with L = len(parameters) // 2, instead of writing out the layers (this network has {L})."

MB_PAIRS = "X and Y were shuffled with different permutations: use one permutation for both, X[:, permutation] and Y[:, permutation]."
MB_DROPPED = "the last, smaller mini-batch is missing: when m is not a multiple of mini_batch_size the last one holds the m % mini_batch_size examples left."
MB_PADDED = "the last mini-batch was filled up to mini_batch_size with repeated examples: it holds only the m % mini_batch_size examples left."
MB_SIZES = "batches of the wrong size: every mini-batch holds mini_batch_size examples (columns), X[:, k * size:(k + 1) * size], except the last."
MB_EXTRA = "an empty mini-batch at the end: add the last, smaller one only when m % mini_batch_size is not 0."
MB_NOT_SHUFFLED = (
    "the examples were not shuffled: permutation = rng.permutation(m), then X[:, permutation] and Y[:, permutation]."
)
MB_ROWS = "the rows (features) were shuffled, not the examples: examples are columns, X[:, permutation]."
MB_GLOBAL = "draw the permutation from the rng argument, rng.permutation(m), not from np.random, and do not seed inside the function."
MB_LOST = "examples lost or repeated: the mini-batches together hold every example exactly once."

INIT_KEYS = "one entry per parameter, named after its gradient: 'dW1', 'db1', ..., 'dWL', 'dbL' (v['dW' + str(l)])."
INIT_ZEROS = "start from zeros of each parameter's shape: np.zeros_like(parameters['W' + str(l)])."

ONE_MINUS = (
    "the (1 - {beta}) factor is missing: {state} = {beta} * {state} + (1 - {beta}) * {grad}, an average, not a sum."
)
NO_ONE_MINUS_BETA = ONE_MINUS.format(beta="beta", state="v", grad="dW")  # momentum's
NO_ONE_MINUS_BETA2 = ONE_MINUS.format(beta="beta2", state="s", grad="dW ** 2")  # RMSprop's and Adam's s
NO_ONE_MINUS_BETA1 = ONE_MINUS.format(beta="beta1", state="v", grad="dW")  # Adam's v
ORDER = "the parameters moved before {what} had been updated: update {what} first, then step with the new values."
SQUARE = (
    "the square is missing: s = beta2 * s + (1 - beta2) * dW ** 2 (np.square(dW)), an average of squared gradients."
)
EPS_INSIDE = "epsilon belongs outside the square root: dW / (np.sqrt(s) + epsilon), not np.sqrt(s + epsilon)."
NOT_KEPT = "the {what} was not kept: return the updated {what}, the next step starts from it."
NO_CORRECTION = "no bias correction: v_corrected = v / (1 - beta1 ** t) and s_corrected = s / (1 - beta2 ** t); the averages start at 0 and lag in the first steps."
T_MINUS_ONE = "the correction uses t - 1: t counts the updates from 1, so the first correction is 1 / (1 - beta1 ** 1)."
T_PLUS_ONE = "the correction uses t + 1: t already counts the updates from 1, use beta1 ** t."
CORRECTED_KEPT = "v and s keep the plain averages: store the corrected values in v_corrected and s_corrected, never back into v and s."
ADAM_RETURN = "return five values: parameters, v, s, v_corrected, s_corrected."
STATE_BIASES = "update the biases too: {name}['db' + str(l)] and b_l, for every layer, like the weights."
MOMENTUM_PLAIN = "the step did not use the plain velocity: W = W - learning_rate * v['dW' + str(l)], with v = beta * v + (1 - beta) * dW just updated (not dW itself, no bias correction)."
RMSPROP_DEFAULT = "epsilon defaults to 1e-8: def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8)."
ADAM_DEFAULTS = "the defaults are learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8: keep them in the def line."

EWA_SWAPPED = "beta and 1 - beta are swapped: v = beta * v + (1 - beta) * value keeps beta of the old average and adds 1 - beta of the new value."
EWA_SUM = "the (1 - beta) factor is missing: v = beta * v + (1 - beta) * value, an average, not a sum."
EWA_T_FROM_ZERO = "the first average was divided by 1 - beta ** 0 = 0: t counts the values from 1, so v_1 is divided by 1 - beta ** 1 (with a loop index i from 0, use beta ** (i + 1))."
EWA_T_PLUS_ONE = "the correction uses t + 1: v_t is divided by 1 - beta ** t, t = 1 for the first value (beta ** (i + 1) with a loop index i from 0, not beta ** (i + 2))."
EWA_FIRST_VALUE = "v starts at the first value: start from v = 0 (v_0 = 0), so v_1 = (1 - beta) * values[0]; bias correction is what undoes the start at 0."
EWA_FED_BACK = "the corrected average was fed back: keep v the plain average, v = beta * v + (1 - beta) * value, and divide only what you return by 1 - beta ** t."
EWA_NOT_CORRECTED = "with bias_correction=True, divide each v_t by 1 - beta ** t before returning it."
EWA_DEFAULT = "bias_correction defaults to True: called without it, the function returns the corrected averages (def ...(values, beta, bias_correction=True))."
EWA_CORRECTED = "with bias_correction=False, return the plain averages v_t, not divided by 1 - beta ** t."
EWA_IN_PLACE = "values was changed in place: write the averages into a new array (np.zeros(len(values))) and leave the input alone."
EWA_LENGTH = "one average per value: return v_1 ... v_n, as many as values (v_0 = 0 is only where the average starts)."

LR_EXPONENTIAL = "that is exponential decay: the formula is learning_rate0 / (1 + decay_rate * epoch_num)."
LR_FORMULA = "the decayed rate is learning_rate0 / (1 + decay_rate * epoch_num)."
LR_NOT_FLOORED = (
    "epoch_num / time_interval is not floored: the rate changes once per interval, np.floor(epoch_num / time_interval)."
)
LR_ROUNDED = (
    "rounded instead of floored: the rate changes at the end of each interval, np.floor(epoch_num / time_interval)."
)
LR_SWAPPED = (
    "epoch_num and decay_rate are swapped: learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))."
)
LR_INTERVAL = "time_interval ignored: the decay counts whole intervals, np.floor(epoch_num / time_interval)."

DIMS = ((3, 4, 2), (2, 3, 3, 1), (4, 1))  # depth 2 first, then 3 and 1
STEPS = 4


# ---- 1. update_parameters_with_gd ----


def check_update_parameters_with_gd(fn: Callable, dims_cases: Sequence[Sequence[int]] = DIMS, seed: int = 0) -> None:
    """Visible checks of ``update_parameters_with_gd(parameters, grads, learning_rate)``."""
    c = Checker("update_parameters_with_gd")
    rng = np.random.default_rng(seed)
    for dims in dims_cases:
        parameters, grads = random_parameters(dims, rng), _gradients(dims, rng)
        for learning_rate in (0.1, 0.01):
            out = c.call(fn, copied(parameters, float), copied(grads, float), learning_rate)
            expected = {k: parameters[k] - learning_rate * grads["d" + k] for k in parameters}
            with judging(c):
                _expect_parameters(
                    c,
                    out,
                    parameters,
                    expected,
                    lambda key, got: _gd_hint(key, got, parameters, grads, learning_rate),
                    dims,
                )
    c.done()


def _gd_hint(key: str, got: Array, parameters: Parameters, grads: dict, learning_rate: float) -> str | None:
    p, g = parameters[key], grads["d" + key]
    return matching_mistake(
        got,
        ((GD_SIGN, p + learning_rate * g), (GD_RATE, p - g), (GD_BIASES if key[0] == "b" else None, p)),
        rtol=RTOL,
        atol=ATOL,
    )


# ---- 2. random_mini_batches ----

MINI_BATCH_CASES = ((148, 64), (20, 5), (7, 3), (5, 8))  # 2 full + 20, exactly 4, 2 full + 1, 1 of 5


def check_random_mini_batches(
    fn: Callable, cases: Sequence[tuple[int, int]] = MINI_BATCH_CASES, n: int = 3, seed: int = 0
) -> None:
    """Visible checks of ``random_mini_batches(X, Y, mini_batch_size, rng)``: ``cases`` are ``(m, mini_batch_size)``."""
    c = Checker("random_mini_batches")
    for m, size in cases:
        X, Y = _identifiable(n, m, seed)
        with only_from_rng(c, MB_GLOBAL, expected="the permutation drawn from rng", got=None):
            batches = c.call_on_copies(fn, X, Y, size, np.random.default_rng(seed))
        with judging(c):
            order = _judge_batches(c, batches, X, Y, size)
            again = _batch_order(c.call_on_copies(fn, X, Y, size, np.random.default_rng(seed)), X)
            other = _batch_order(c.call_on_copies(fn, X, Y, size, np.random.default_rng(seed + 1)), X)
        expect_reproducible(
            c,
            order,
            again,
            "two calls with the same rng seed gave different mini-batches.",
            MB_GLOBAL,
            other=other,
            ignored="the examples come out in the same order whatever rng is.",
            ignored_hint=MB_NOT_SHUFFLED,
            identical=lambda first, other: (
                m > 2 and (np.array_equal(first, np.arange(m)) or np.array_equal(other, first))
            ),
        )
        c.ok()
    c.done()


def _identifiable(n: int, m: int, seed: int) -> tuple[Array, Array]:
    """Columns that are all different, rows in distinct ranges, and labels that say which column
    they belong to (Y = the column's number), so every pairing can be read back."""
    rng = np.random.default_rng([seed, n, m])
    X = np.arange(n)[:, None] * 100.0 + rng.uniform(-1, 1, (n, m))
    return X, np.arange(m, dtype=float).reshape(1, m)


def _judge_batches(c: Checker, batches: Any, X: Array, Y: Array, size: int) -> Array:
    n, m = X.shape
    if not isinstance(batches, (list, tuple)) or not all(isinstance(b, (list, tuple)) and len(b) == 2 for b in batches):
        c.fail("should return a list of (mini_batch_X, mini_batch_Y) pairs.", got=type(batches).__name__)
    full, rest = divmod(m, size)
    expected_sizes = [size] * full + ([rest] if rest else [])
    sizes = []
    for number, (X_b, Y_b) in enumerate(batches):
        if not (isinstance(X_b, np.ndarray) and X_b.ndim == 2 and X_b.shape[0] == n):
            c.fail(
                f"mini-batch {number}'s X has the wrong shape.",
                expected=f"({n}, size): {n} rows, some columns of X",
                got=shape_or_type(X_b),
                hint="examples are columns: X[:, indices].",
            )
        if not (isinstance(Y_b, np.ndarray) and Y_b.shape == (1, X_b.shape[1])):
            c.fail(
                f"mini-batch {number}'s Y has the wrong shape.",
                expected=(1, X_b.shape[1]),
                got=shape_or_type(Y_b),
                hint="Y keeps its shape (1, size): Y[:, indices], with the same indices as X.",
            )
        sizes.append(X_b.shape[1])
    c.ok()
    columns = [_columns_of(X_b, X) for X_b, _ in batches]
    if any(cols is None for cols in columns):
        rows_shuffled = any(
            _columns_of(X_b[np.argsort(X_b[:, 0] // 100)] if X_b.size else X_b, X) is not None for X_b, _ in batches
        )
        c.fail("a mini-batch holds columns that are not examples of X.", hint=MB_ROWS if rows_shuffled else MB_LOST)
    order = np.concatenate([cols for cols in columns]) if columns else np.array([], dtype=int)
    if sizes != expected_sizes:
        hint = (
            MB_DROPPED
            if sizes == expected_sizes[:-1] and rest
            else MB_PADDED
            if rest and sizes == [size] * (full + 1)
            else MB_EXTRA
            if sizes[: len(expected_sizes)] == expected_sizes and all(s == 0 for s in sizes[len(expected_sizes) :])
            else MB_SIZES
        )
        c.fail(
            f"the mini-batches have sizes {sizes} (m = {m}, mini_batch_size = {size}).",
            expected=expected_sizes,
            got=sizes,
            hint=hint,
        )
    if sorted(order.tolist()) != list(range(m)):
        c.fail("examples lost or repeated.", hint=MB_LOST)
    c.ok()
    labels = np.concatenate([np.asarray(Y_b, dtype=float).ravel() for _, Y_b in batches])
    if not np.array_equal(labels, order.astype(float)):
        c.fail("labels no longer sit with their examples.", hint=MB_PAIRS)
    c.ok()
    return order


def _columns_of(X_b: Array, X: Array) -> Array | None:
    """The column of ``X`` each column of ``X_b`` is, or None if one is not a column of X."""
    found = []
    for column in np.asarray(X_b, dtype=float).T:
        match = np.flatnonzero(np.all(X == column[:, None], axis=0))
        if len(match) == 0:
            return None
        found.append(int(match[0]))
    return np.array(found, dtype=int)


def _batch_order(batches: Any, X: Array) -> Array | None:
    try:
        columns = [_columns_of(X_b, X) for X_b, _ in batches]
        return None if any(c is None for c in columns) else np.concatenate(columns)
    except Exception:  # noqa: BLE001 - judged already; this only compares two calls
        return None


# ---- 3. exponentially_weighted_average ----

# Each visible series is a sum of geometric ones, values[t - 1] = sum_j a_j * r_j ** t: the average
# of r ** t has a closed form (below), so every right answer and every classic mistake is a formula.
EWA_CASES = (
    (12, 0.9, ((10.0, 1.0), (-6.0, -0.8), (3.0, 0.5))),
    (20, 0.7, ((-4.0, 1.0), (5.0, -0.9), (2.0, 1.05))),
    (6, 0.98, ((20.0, 1.0), (-8.0, -0.6))),
)


def check_exponentially_weighted_average(
    fn: Callable,
    cases: Sequence[tuple[int, float, Sequence[tuple[float, float]]]] = EWA_CASES,
) -> None:
    """Visible checks of ``exponentially_weighted_average(values, beta, bias_correction=True)``.

    ``cases``: ``(n, beta, ((a, r), ...))``, the series ``values[t - 1] = sum a * r ** t`` for t = 1 ... n.
    Both settings of ``bias_correction`` and its default (True); ``values`` must come back unchanged."""
    c = Checker("exponentially_weighted_average")
    for n, beta, parts in cases:
        t = np.arange(1, n + 1)
        values = sum(a * np.power(r, t) for a, r in parts)
        plain = sum(a * _geometric_average(beta, r, t) for a, r in parts)
        for correction in (True, False, None):
            given = values.copy()
            args = (given, beta) if correction is None else (given, beta)
            kwargs = {} if correction is None else {"bias_correction": correction}
            out = c.call(fn, *args, **kwargs)
            shown = f"beta={beta:g}" + ("" if correction is None else f", bias_correction={correction}")
            if not np.array_equal(given, values):
                c.fail(f"changed values, its input ({shown}).", hint=EWA_IN_PLACE)
            with judging(c):
                got = _as_series(c, out, n, shown)
                right = plain / (1 - beta**t) if correction is not False else plain
                if not np.allclose(got, right, rtol=1e-9, atol=1e-12):
                    hint = _ewa_hint(got, values, parts, beta, t, correction is not False)
                    if correction is None and np.allclose(got, plain, rtol=1e-9, atol=1e-12):
                        hint = EWA_DEFAULT
                    c.expect_close(f"the array returned ({shown})", got, right, rtol=1e-9, atol=1e-12, hint=hint)
            c.ok()
    c.done()


def _geometric_average(beta: float, r: float, t: Array) -> Array:
    """The plain average v_t (from v_0 = 0) of the series r ** 1, r ** 2, ...: (1 - beta) * sum_k beta ** (t - k) * r ** k."""
    if r == beta:
        return (1 - beta) * t * np.power(beta, t)
    return (1 - beta) * r * (np.power(r, t) - np.power(beta, t)) / (r - beta)


def _as_series(c: Checker, out: Any, n: int, shown: str) -> Array:
    """What came back, as a float array of shape (n,); anything else fails ``c``."""
    if out is None:
        c.fail(f"returned None ({shown}).", hint="return the array of averages.")
    got = np.asarray(out, dtype=float)
    if got.shape != (n,):
        c.fail(
            f"returned the wrong shape ({shown}).",
            expected=f"({n},), one average per value",
            got=got.shape,
            hint=EWA_LENGTH if got.size == n + 1 else None,
        )
    if not np.all(np.isfinite(got)):
        c.fail(f"returned inf or nan ({shown}).", got=describe_values(got), hint=EWA_T_FROM_ZERO)
    return got


def _ewa_hint(
    got: Array, values: Array, parts: Sequence[tuple[float, float]], beta: float, t: Array, corrected: bool
) -> str | None:
    """The classic mistake ``got`` shows, if one."""

    def plain(b: float) -> Array:
        return sum(a * _geometric_average(b, r, t) for a, r in parts)

    right_plain, swapped = plain(beta), plain(1 - beta)
    first = right_plain + np.power(beta, t) * values[0]  # v_0 = values[0] instead of 0
    fed_back, v = np.empty(len(t)), 0.0
    for i, value in enumerate(values):  # the corrected average fed back into the next step
        v = (beta * v + (1 - beta) * value) / (1 - beta ** (i + 1))
        fed_back[i] = v
    correction = 1 - np.power(beta, t)
    mistakes = [
        (EWA_SWAPPED, swapped),
        (EWA_SWAPPED, swapped / correction),
        (EWA_SWAPPED, swapped / (1 - np.power(1 - beta, t))),
        (EWA_SUM, right_plain / (1 - beta)),
        (EWA_SUM, right_plain / (1 - beta) / correction),
    ]
    if corrected:
        mistakes += [
            (EWA_T_PLUS_ONE, right_plain / (1 - np.power(beta, t + 1))),
            (EWA_FIRST_VALUE, first / correction),
            (EWA_FED_BACK, fed_back),
            (EWA_NOT_CORRECTED, right_plain),
        ]
    else:
        mistakes += [(EWA_FIRST_VALUE, first), (EWA_CORRECTED, right_plain / correction)]
    return matching_mistake(got, mistakes, rtol=1e-9, atol=1e-12)


# ---- 4, 6, 8. initialize_velocity, initialize_rmsprop, initialize_adam ----


def check_initialize_velocity(
    fn: Callable, dims_cases: Sequence[Sequence[int]] = DIMS, name: str = "initialize_velocity"
) -> None:
    """Visible checks of ``initialize_velocity(parameters)`` (and of ``initialize_rmsprop``, with ``name``)."""
    c = Checker(name)
    rng = np.random.default_rng(1)
    for dims in dims_cases:
        parameters = random_parameters(dims, rng)
        _judge_zeros(c, c.call(fn, copied(parameters, float)), parameters, "the returned dictionary")
    c.done()


def check_initialize_rmsprop(fn: Callable, dims_cases: Sequence[Sequence[int]] = DIMS) -> None:
    """Visible checks of ``initialize_rmsprop(parameters)``: zeros, as the velocity."""
    check_initialize_velocity(fn, dims_cases, name="initialize_rmsprop")


def check_initialize_adam(fn: Callable, dims_cases: Sequence[Sequence[int]] = DIMS) -> None:
    """Visible checks of ``initialize_adam(parameters)`` -> ``v, s``."""
    c = Checker("initialize_adam")
    rng = np.random.default_rng(2)
    for dims in dims_cases:
        parameters = random_parameters(dims, rng)
        out = c.call(fn, copied(parameters, float))
        out = unpack(c, out, 2, "should return two dictionaries.", expected="v, s", got=type(out).__name__)
        _judge_zeros(c, out[0], parameters, "v")
        _judge_zeros(c, out[1], parameters, "s")
        if out[0] is out[1] or any(out[0][k] is out[1][k] for k in out[0]):
            c.fail(
                "v and s share their arrays: an update of one would change the other.",
                hint="make each with its own np.zeros_like(...).",
            )
    c.done()


def _judge_zeros(c: Checker, state: Any, parameters: Parameters, what: str) -> None:
    c.expect_type(what, state, dict)
    c.expect_keys(state, ["d" + key for key in parameters], what=what, hint=INIT_KEYS)
    for key, value in parameters.items():
        c.expect_array(f"{what}['d{key}']", state["d" + key], value.shape, hint=INIT_ZEROS)
        if np.any(state["d" + key] != 0):
            c.fail(f"{what}['d{key}'] is not all zeros.", hint=INIT_ZEROS)
    c.ok()


# ---- 5, 7, 9. the updates, on a constant gradient ----


def check_update_parameters_with_momentum(
    fn: Callable,
    dims_cases: Sequence[Sequence[int]] = DIMS,
    beta: float = 0.9,
    learning_rate: float = 0.1,
    steps: int = STEPS,
) -> None:
    """Visible checks of ``update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)`` -> ``parameters, v``.

    With a constant gradient g from v = 0: v_t = (1 - beta^t) g, and the parameters have moved by
    learning_rate * g * sum_{k=1..t} (1 - beta^k)."""
    c = Checker("update_parameters_with_momentum")
    rng = np.random.default_rng(3)
    for dims in dims_cases:
        p0, g = random_parameters(dims, rng), _gradients(dims, rng)
        parameters, v = copied(p0, float), {k: np.zeros_like(x) for k, x in g.items()}
        for t in range(1, steps + 1):
            out = c.call(fn, copied(parameters, float), copied(g, float), copied(v, float), beta, learning_rate)
            parameters, v = unpack(c, out, 2, "should return two values.", expected="parameters, v")
            moved = {  # how far (in units of learning_rate * g) each candidate has moved after t steps
                "right": sum(1 - beta**k for k in range(1, t + 1)),
                # v was judged right already: a step of dW (or of the corrected v, g itself here) is named
                # before the missing (1 - beta), which gives the same numbers at step 1
                MOMENTUM_PLAIN: t,
                NO_ONE_MINUS_BETA: sum((1 - beta**k) / (1 - beta) for k in range(1, t + 1)),
                ORDER.format(what="the velocity v"): sum(1 - beta**k for k in range(0, t)),
            }
            velocity = {"right": 1 - beta**t, NO_ONE_MINUS_BETA: (1 - beta**t) / (1 - beta)}
            _judge_state(c, v, g, velocity, f"v after step {t}", "v", t, dims)
            _judge_moved(c, parameters, p0, g, learning_rate, moved, t, dims)
    c.done()


def check_update_parameters_with_rmsprop(
    fn: Callable,
    dims_cases: Sequence[Sequence[int]] = DIMS,
    beta2: float = 0.9,
    learning_rate: float = 0.01,
    epsilons: Sequence[float] = (1e-2, 1e-8),
    steps: int = STEPS,
) -> None:
    """Visible checks of ``update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon)`` -> ``parameters, s``.

    With a constant gradient g from s = 0: s_t = (1 - beta2^t) g^2, and each step moves a parameter
    by learning_rate * g / (sqrt(s_t) + epsilon)."""
    c = Checker("update_parameters_with_rmsprop")
    rng = np.random.default_rng(4)
    for dims in dims_cases:
        for epsilon in epsilons:
            p0, g = random_parameters(dims, rng), _gradients(dims, rng)
            parameters, s = copied(p0, float), {k: np.zeros_like(x) for k, x in g.items()}
            for t in range(1, steps + 1):
                out = c.call(
                    fn, copied(parameters, float), copied(g, float), copied(s, float), beta2, learning_rate, epsilon
                )
                parameters, s = unpack(c, out, 2, "should return two values.", expected="parameters, s")
                averages = {"right": lambda k: 1 - beta2**k, NO_ONE_MINUS_BETA2: lambda k: (1 - beta2**k) / (1 - beta2)}
                _judge_state(
                    c,
                    s,
                    {k: x**2 for k, x in g.items()},
                    {h: f(t) for h, f in averages.items()},
                    f"s after step {t}",
                    "s",
                    t,
                    dims,
                    square_of=g,
                )
                _judge_rmsprop_moved(c, parameters, p0, g, learning_rate, beta2, epsilon, t, dims)
    _expect_defaults(c, fn, (beta2, learning_rate), {"epsilon": 1e-8}, RMSPROP_DEFAULT, ("parameters", "s"))
    c.done()


def _judge_rmsprop_moved(
    c: Checker,
    parameters: Any,
    p0: Parameters,
    g: dict,
    learning_rate: float,
    beta2: float,
    epsilon: float,
    t: int,
    dims: Sequence[int],
) -> None:
    def moved(average: Callable[[int], float], inside: bool = False, first: int = 1) -> dict[str, Array]:
        out = {}
        for key in p0:
            gk, total = g["d" + key], 0.0
            for k in range(first, first + t):
                s = average(k) * gk**2
                total = total + gk / ((np.sqrt(s + epsilon)) if inside else (np.sqrt(s) + epsilon))
            out[key] = p0[key] - learning_rate * total
        return out

    right = moved(lambda k: 1 - beta2**k)
    candidates = [
        (NO_ONE_MINUS_BETA2, moved(lambda k: (1 - beta2**k) / (1 - beta2))),
        (EPS_INSIDE, moved(lambda k: 1 - beta2**k, inside=True)),
        (ORDER.format(what="the average s"), moved(lambda k: 1 - beta2**k, first=0)),
        (NOT_KEPT.format(what="average s"), moved(lambda k: 1 - beta2)),
    ]
    _expect_parameters(
        c,
        parameters,
        p0,
        right,
        lambda key, got: matching_mistake(got, ((h, cand[key]) for h, cand in candidates), rtol=RTOL, atol=ATOL),
        dims,
        after=f" after step {t}",
    )


def check_update_parameters_with_adam(
    fn: Callable,
    dims_cases: Sequence[Sequence[int]] = DIMS,
    learning_rate: float = 0.01,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilons: Sequence[float] = (1e-2, 1e-8),
    steps: int = STEPS,
) -> None:
    """Visible checks of ``update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)``
    -> ``parameters, v, s, v_corrected, s_corrected``.

    With a constant gradient g from v = s = 0: v_t = (1 - beta1^t) g, s_t = (1 - beta2^t) g^2, the
    corrected moments are exactly g and g^2 at every step, and each step moves a parameter by
    learning_rate * g / (|g| + epsilon)."""
    c = Checker("update_parameters_with_adam")
    rng = np.random.default_rng(5)
    for dims in dims_cases:
        for epsilon in epsilons:
            p0, g = random_parameters(dims, rng), _gradients(dims, rng)
            parameters, v, s = (
                copied(p0, float),
                {k: np.zeros_like(x) for k, x in g.items()},
                {k: np.zeros_like(x) for k, x in g.items()},
            )
            for t in range(1, steps + 1):
                out = c.call(
                    fn,
                    copied(parameters, float),
                    copied(g, float),
                    copied(v, float),
                    copied(s, float),
                    t,
                    learning_rate,
                    beta1,
                    beta2,
                    epsilon,
                )
                parameters, v, s, v_corrected, s_corrected = unpack(
                    c,
                    out,
                    5,
                    "should return five values.",
                    expected="parameters, v, s, v_corrected, s_corrected",
                    hint=ADAM_RETURN,
                )
                with judging(c):
                    _judge_adam_step(
                        c,
                        parameters,
                        v,
                        s,
                        v_corrected,
                        s_corrected,
                        p0,
                        g,
                        learning_rate,
                        beta1,
                        beta2,
                        epsilon,
                        t,
                        dims,
                    )
    _expect_defaults(
        c, fn, (), {"learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}, ADAM_DEFAULTS, ADAM_OUTPUTS
    )
    c.done()


def _judge_adam_step(
    c: Checker,
    parameters: Any,
    v: Any,
    s: Any,
    v_corrected: Any,
    s_corrected: Any,
    p0: Parameters,
    g: dict,
    learning_rate: float,
    beta1: float,
    beta2: float,
    epsilon: float,
    t: int,
    dims: Sequence[int],
) -> None:
    g2 = {k: x**2 for k, x in g.items()}
    _judge_state(
        c,
        v,
        g,
        {"right": 1 - beta1**t, NO_ONE_MINUS_BETA1: (1 - beta1**t) / (1 - beta1), CORRECTED_KEPT: 1.0},
        f"v after step {t}",
        "v",
        t,
        dims,
    )
    _judge_state(
        c,
        s,
        g2,
        {"right": 1 - beta2**t, NO_ONE_MINUS_BETA2: (1 - beta2**t) / (1 - beta2), CORRECTED_KEPT: 1.0},
        f"s after step {t}",
        "s",
        t,
        dims,
        square_of=g,
    )
    corrections = {NO_CORRECTION: 1 - beta1**t, T_PLUS_ONE: (1 - beta1**t) / (1 - beta1 ** (t + 1))}
    if t > 1:
        corrections[T_MINUS_ONE] = (1 - beta1**t) / (1 - beta1 ** (t - 1))
    _judge_state(
        c,
        v_corrected,
        g,
        {"right": 1.0, **corrections},
        f"v_corrected at step {t}",
        "v_corrected",
        t,
        dims,
        nonfinite_hint=T_MINUS_ONE if t == 1 else None,
    )
    corrections2 = {NO_CORRECTION: 1 - beta2**t, T_PLUS_ONE: (1 - beta2**t) / (1 - beta2 ** (t + 1))}
    _judge_state(
        c,
        s_corrected,
        g2,
        {"right": 1.0, **corrections2},
        f"s_corrected at step {t}",
        "s_corrected",
        t,
        dims,
        square_of=g,
        nonfinite_hint=T_MINUS_ONE if t == 1 else None,
    )
    right = {k: p0[k] - t * learning_rate * g["d" + k] / (np.abs(g["d" + k]) + epsilon) for k in p0}
    inside = {k: p0[k] - t * learning_rate * g["d" + k] / np.sqrt(g["d" + k] ** 2 + epsilon) for k in p0}
    late = {k: p0[k] - (t - 1) * learning_rate * g["d" + k] / (np.abs(g["d" + k]) + epsilon) for k in p0}
    candidates = [(EPS_INSIDE, inside), (ORDER.format(what="the moments v and s"), late)]
    _expect_parameters(
        c,
        parameters,
        p0,
        right,
        lambda key, got: matching_mistake(got, ((h, cand[key]) for h, cand in candidates), rtol=RTOL, atol=ATOL),
        dims,
        after=f" after step {t}",
    )


# ---- 10, 11. learning-rate decay ----

UPDATE_LR_CASES = ((0.5, 2, 1.0), (0.1, 10, 0.3), (1.0, 0, 0.5), (0.02, 7, 2.0))
SCHEDULE_CASES = (
    (0.5, 100, 1.0, 100),
    (0.5, 150, 1.0, 100),
    (0.1, 7, 0.3, 3),
    (0.1, 11, 2.0, 5),
    (0.3, 2, 1.0, 3),
    (0.2, 999, 0.5, 1000),
)


def check_update_lr(fn: Callable, cases: Sequence[tuple[float, int, float]] = UPDATE_LR_CASES) -> None:
    """Visible checks of ``update_lr(learning_rate0, epoch_num, decay_rate)``."""
    c = Checker("update_lr")
    for lr0, epoch, decay in cases:
        got = as_number(c, c.call(fn, lr0, epoch, decay), f"update_lr({lr0:g}, {epoch}, {decay:g})")
        expected = lr0 / (1 + decay * epoch)
        if not math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12):
            hint = matching_mistake(
                got,
                ((LR_EXPONENTIAL, lr0 * (1 - decay) ** epoch), (LR_EXPONENTIAL, lr0 * math.exp(-decay * epoch))),
                close=_same_rate,
                default=LR_FORMULA,
            )
            c.fail(
                f"update_lr({lr0:g}, {epoch}, {decay:g}) returned a wrong rate.",
                expected=f"{expected:.6g}",
                got=f"{got:.6g}",
                hint=hint,
            )
        c.ok()
    c.done()


def check_schedule_lr_decay(fn: Callable, cases: Sequence[tuple[float, int, float, int]] = SCHEDULE_CASES) -> None:
    """Visible checks of ``schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval)``."""
    c = Checker("schedule_lr_decay")
    for lr0, epoch, decay, interval in cases:
        got = as_number(
            c, c.call(fn, lr0, epoch, decay, interval), f"schedule_lr_decay({lr0:g}, {epoch}, {decay:g}, {interval})"
        )
        expected = lr0 / (1 + decay * math.floor(epoch / interval))
        if not math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12):
            candidates = (
                (LR_NOT_FLOORED, lr0 / (1 + decay * epoch / interval)),
                (LR_ROUNDED, lr0 / (1 + decay * round(epoch / interval))),
                (LR_SWAPPED, lr0 / (1 + epoch * math.floor(decay / interval))),
                (LR_INTERVAL, lr0 / (1 + decay * epoch)),
            )
            hint = matching_mistake(got, candidates, close=_same_rate, right=expected, default=LR_FORMULA)
            c.fail(
                f"schedule_lr_decay({lr0:g}, {epoch}, {decay:g}, {interval}) returned a wrong rate.",
                expected=f"{expected:.6g}",
                got=f"{got:.6g}",
                hint=hint,
            )
        c.ok()
    c.done()


def _same_rate(a: float, b: float) -> bool:
    """Two learning rates agree to 1e-9 of their size (the decay checks' rule for a mistake's rate)."""
    return math.isclose(a, b, rel_tol=1e-9)


# ---- shared ----


def _gradients(dims: Sequence[int], rng: np.random.Generator) -> dict[str, Array]:
    """Gradients of both signs, none near 0 (a constant gradient must move every entry)."""
    grads = {}
    for l in range(1, len(dims)):
        for name, shape in ((f"dW{l}", (dims[l], dims[l - 1])), (f"db{l}", (dims[l], 1))):
            magnitude = rng.uniform(0.05, 0.5, shape)
            grads[name] = magnitude * rng.choice([-1.0, 1.0], shape)
    return grads


def _expect_parameters(
    c: Checker,
    out: Any,
    p0: Parameters,
    expected: Parameters,
    hint_for: Callable[[str, Array], str | None],
    dims: Sequence[int],
    after: str = "",
) -> None:
    c.expect_type("the returned parameters", out, dict)
    missing = [k for k in p0 if k not in out]
    if missing:
        L = len(dims) - 1
        c.fail(
            f"the returned parameters lack {missing}.",
            expected=sorted(p0),
            got=sorted(map(str, out)),
            hint=DEPTH.format(L=L) if L > 2 and all(int(k[1:]) > 2 for k in missing) else None,
        )
    for key in p0:
        got = out[key]
        c.expect_array(f"{key}{after}", got, p0[key].shape)
        if not np.allclose(got, expected[key], rtol=RTOL, atol=ATOL):
            # a bias that never moved while its layer's W (judged first) moved right: the biases were left out
            never_moved = key.startswith("b") and np.allclose(got, p0[key], rtol=RTOL, atol=ATOL)
            hint = GD_BIASES if never_moved else hint_for(key, got)
            c.expect_close(f"{key}{after}", got, expected[key], rtol=RTOL, atol=ATOL, hint=hint)
    c.ok()


ADAM_OUTPUTS = ("parameters", "v", "s", "v_corrected", "s_corrected")


def _expect_defaults(
    c: Checker, fn: Callable, args: tuple, defaults: dict[str, float], hint: str, outputs: Sequence[str]
) -> None:
    """A call that leaves out the arguments with defaults gives what a call that spells the defaults
    out gives: one step from zero states (t = 1 for Adam), on gradients about epsilon's size, where
    epsilon shows."""
    rng = np.random.default_rng(6)
    p0 = random_parameters(DIMS[0], rng)
    g = {k: 1e-8 * x / 0.05 for k, x in _gradients(DIMS[0], rng).items()}  # 1e-8 to 1e-7
    states = 2 if outputs == ADAM_OUTPUTS else 1  # v and s, then t = 1; or RMSprop's s
    zeros = [{k: np.zeros_like(x) for k, x in g.items()} for _ in range(states)]
    t = (1,) if states == 2 else ()
    spelled = c.call_on_copies(fn, p0, g, *zeros, *t, *args, **defaults)
    left_out = c.call_on_copies(fn, p0, g, *zeros, *t, *args)
    with judging(c):
        for name, a, b in zip(outputs, spelled, left_out):
            for key in a:
                if not np.allclose(np.asarray(b[key], dtype=float), a[key], rtol=1e-9, atol=0):
                    c.fail(
                        f"called without {', '.join(defaults)}, it gave another step than with "
                        f"{', '.join(f'{k}={v:g}' for k, v in defaults.items())}.",
                        got=f"another {name}['{key}']",
                        hint=hint,
                    )
    c.ok()


def _judge_state(
    c: Checker,
    state: Any,
    unit: dict,
    factors: dict[str, float],
    what: str,
    name: str,
    t: int,
    dims: Sequence[int],
    square_of: dict | None = None,
    nonfinite_hint: str | None = None,
) -> None:
    """``state`` (a dict keyed dW1, db1, ...) is ``factors["right"] * unit``; another factor names a mistake."""
    c.expect_type(what, state, dict)
    c.expect_keys(state, list(unit), what=what, hint=INIT_KEYS)
    for key, value in unit.items():
        got = np.asarray(state[key], dtype=float)
        if got.shape != value.shape:
            c.fail(f"{name}['{key}'] has the wrong shape.", expected=value.shape, got=got.shape)
        if not np.all(np.isfinite(got)):
            c.fail(
                f"{name}['{key}'] at step {t} contains inf or nan.",
                hint=nonfinite_hint or (SQUARE if square_of is not None else None),
            )
        expected = factors["right"] * value
        if not np.allclose(got, expected, rtol=RTOL, atol=ATOL):
            # at t = 1 two mistakes can give the same numbers: name both
            hint = (
                " Or: ".join(
                    matching_mistakes(
                        got, ((h, f * value) for h, f in factors.items() if h != "right"), rtol=RTOL, atol=ATOL
                    )
                )
                or None
            )
            if (
                hint is None
                and square_of is not None
                and np.allclose(got, factors["right"] * square_of[key], rtol=RTOL, atol=ATOL)
            ):
                hint = SQUARE
            if hint is None and np.allclose(got, 0):
                hint = STATE_BIASES.format(name=name) if key.startswith("db") else NOT_KEPT.format(what=name)
            c.expect_close(f"{name}['{key}'] at step {t}", got, expected, rtol=RTOL, atol=ATOL, hint=hint)
    c.ok()


def _judge_moved(
    c: Checker,
    parameters: Any,
    p0: Parameters,
    g: dict,
    learning_rate: float,
    moved: dict[str, float],
    t: int,
    dims: Sequence[int],
) -> None:
    expected = {k: p0[k] - learning_rate * moved["right"] * g["d" + k] for k in p0}

    def hint_for(key: str, got: Array) -> str | None:
        return matching_mistake(
            got,
            (
                (hint, p0[key] - learning_rate * factor * g["d" + key])
                for hint, factor in moved.items()
                if hint != "right"
            ),
            rtol=RTOL,
            atol=ATOL,
        )

    _expect_parameters(c, parameters, p0, expected, hint_for, dims, after=f" after step {t}")
