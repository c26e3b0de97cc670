"""Checks for the Regularization notebook's seven graded functions.

Each function is judged by what every correct implementation shares, never by one memorised
array or one order of calls to ``rng``: a split is judged by its sizes and by which examples went
where, a dropout forward pass by its caches (Z, masks and activations must agree with each other),
and the two backward passes against a numerical gradient (central differences of a cost this
module computes itself on a tiny network). ``course_utils`` holds no graded solution, so there is
no analytic backward pass here: when a gradient is wrong, the hint comes from how it differs from
the numerical one (a multiple of ``W``, a factor ``keep_prob^k``, the gradient of a cost with the
mask left out...). Both must hold a ``dW`` and a ``db`` for every layer; other entries (the ``dA`` that
``model_backward`` returns too) may stay, as the exercises say.

An early-stopping epoch is compared with training replayed epoch by epoch as the exercise states it
(as the diagnosis is compared with its rule), each classic mistake being the same replay with one
part changed; and the answer must not change when the epochs after the stop do.
"""

from __future__ import annotations

import contextlib
import math
import operator
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from ..layers import sigmoid
from ..network import compute_cost, model_forward
from .core import (
    Checker,
    CheckFailed,
    as_number,
    copied,
    describe,
    describe_values,
    expect_reproducible,
    judging,
    matching_mistake,
    only_from_rng,
    stderr_to_stdout,
    unpack,
)
from .networks import KINK_MARGIN, kink_free_network, numerical_gradients, random_labels, random_parameters

Array = np.ndarray
Parameters = dict[str, Array]

GRAD_RTOL = 1e-5  # the numerical gradient is good to ~1e-9 here; real mistakes are >= 1e-3 off
GRAD_ATOL = 1e-8

# ---- hints: one per classic mistake (sample submissions quote them) ----

SPLIT_PAIRS = "X and Y were shuffled with different permutations: use one permutation for both, order = rng.permutation(m), then X[:, order] and Y[:, order]."
SPLIT_LOST = (
    "examples lost or duplicated: m_train = m - m_dev - m_test, and the three slices of the shuffled columns must be "
    "consecutive and not overlap, e.g. [:m_train], [m_train:m_train + m_dev], [m_train + m_dev:]."
)
SPLIT_ROWS = "the rows (features) were shuffled, not the examples: examples are columns: X[:, order] (rng.permutation(X) and rng.shuffle(X) shuffle rows)."
SPLIT_ROUND_DOWN = (
    "int() rounds down: the sizes are m_dev = round(dev_fraction * m) and m_test = round(test_fraction * m)."
)
SPLIT_ROUND_UP = (
    "that size was rounded up: the sizes are m_dev = round(dev_fraction * m) and m_test = round(test_fraction * m)."
)
SPLIT_RNG = "ignores rng: shuffle with rng.permutation(m)."
SPLIT_GLOBAL = "draw the permutation from the rng argument, rng.permutation(m), not from np.random, and do not seed inside the function."
SPLIT_IN_PLACE = "X or Y was changed in place: leave the inputs alone and index them, X[:, order] makes a new array."
SPLIT_Y_SHAPE = "Y keeps its shape (1, m): Y[:, indices], with the same indices as X."

DIAG_LABELS = ("high bias", "high variance", "high bias and high variance", "good fit")
DIAG_LABEL = (
    "return exactly one of these four strings: 'high bias', 'high variance', 'high bias and high variance', 'good fit'."
)
DIAG_VARIANCE_FROM_BASE = "variance is measured from base: variance is dev_error - train_error (the gap between dev and train), not dev_error - base_error."
DIAG_BASE_IGNORED = "base_error ignored: avoidable bias is train_error - base_error."
DIAG_TOLERANCE = "tolerance ignored (0.02 hard-coded): compare with the tolerance argument."
DIAG_SWAPPED = "bias and variance swapped: train_error far above base_error is high bias; dev_error far above train_error is high variance."
DIAG_STRICT = "a gap equal to tolerance is not high: high means larger than tolerance, bias > tolerance (not >=)."

COST_HALF = "that is lambd / m times the sum of squares: the L2 term is lambd / (2 * m) * sum of ||W_l||^2."
COST_BIASES = "biases included in the norm: the L2 term sums the squares of the weights W_l only, not of the b_l."
COST_SUM = "that is np.sum(W) instead of the sum of squares: ||W||_F^2 is np.sum(np.square(W))."
COST_M = "m is the number of examples, Y.shape[1] (the columns), not Y.shape[0]."
COST_LAST = "the last layer's W_L is missing: sum over every layer, l = 1 ... L, i.e. range(1, L + 1)."
COST_NO_CROSS_ENTROPY = "the cross-entropy part is missing: the cost is compute_cost(ZL, Y) + the L2 term."
COST_LAMBD_ZERO = "with lambd = 0 the L2 term vanishes and the cost is compute_cost(ZL, Y)."
COST_DEPTH = (
    "only three layers hard-coded: loop over every layer, l = 1 ... L with L = len(parameters) // 2, "
    "instead of writing out W1, W2, W3 (this network has {L} layer{s})."
)

L2_HALF = "that is lambd / (2 * m) * W_l in dW_l: the derivative of lambd / (2m) * ||W_l||^2 is (lambd / m) * W_l."
L2_MISSING = "the L2 term is missing: add (lambd / m) * W_l to every dW_l."
L2_NO_M = "that is lambd * W_l in dW_l: the L2 term is (lambd / m) * W_l."
L2_TWICE = "the L2 term is added twice: add (lambd / m) * W_l to dW_l once."
L2_DB = "the L2 term added to db: it regularizes the weights only, db_l is the same as without regularization."
L2_DEPTH = (
    "only three layers hard-coded: loop over every layer, l = L ... 1 with L = len(caches), "
    "instead of writing out layers 1, 2, 3 (this network has {L} layer{s})."
)

FD_RNG = "draw the masks from the rng argument, rng.random(A.shape) < keep_prob, not from np.random, and do not seed inside the function."
FD_IGNORES_RNG = "ignores rng: draw each mask from the rng argument, rng.random(A.shape) < keep_prob."
FD_INPUT = "never drop the input: layer 1's A_prev is X itself; dropout applies to the hidden layers' activations only."
FD_CACHE_MASK = (
    "a hidden layer's cache is (linear_cache, Z, D) with linear_cache = (A_prev, W, b): put the mask D_l in it."
)
FD_OUTPUT_CACHE = "no dropout on the output layer: its cache is its linear cache (A_prev, W, b), as in model_forward."
FD_PARAMETERS = "the cache holds the layer's own parameters: linear_cache = (A_prev, W_l, b_l)."
FD_Z = "Z_l in the cache is W_l @ A_prev + b_l, before ReLU and dropout."
FD_MASK_SHAPE = (
    "one mask entry per unit AND example: D_l has A_l's shape (n_l, m), e.g. D = rng.random(A.shape) < keep_prob."
)
FD_MASK_SCALED = "keep the division by keep_prob out of the mask: D_l holds 0s and 1s, and A_l = A_l * D_l / keep_prob."
FD_MASK_VALUES = "D_l holds 0s and 1s (or False/True): D = rng.random(A.shape) < keep_prob."
FD_NO_SCALE = "divide by keep_prob: inverted dropout keeps the expected activation, A_l = A_l * D_l / keep_prob."
FD_MULTIPLIED = "multiplied by keep_prob: inverted dropout divides, A_l = A_l * D_l / keep_prob."
FD_NOT_APPLIED = "the mask is not applied: A_l = A_l * D_l / keep_prob."
FD_NO_RELU = "apply ReLU before dropout: A_l = relu(Z_l) * D_l / keep_prob."
FD_MASK_MISMATCH = (
    "the next layer's A_prev is relu(Z_l) * D_l / keep_prob, with the same mask D_l that goes in the cache."
)
FD_OUTPUT = "no dropout on the output layer: ZL = W_L @ A_(L-1) + b_L, with A_(L-1) the activation after dropout."
FD_SIGMOID = "return the logits ZL = W_L @ A_(L-1) + b_L, not sigmoid(ZL)."
FD_WRONG_FRACTION = "rng.random(shape) > keep_prob keeps the wrong fraction (1 - keep_prob): use <, D = rng.random(A.shape) < keep_prob."
FD_FRACTION = "keep each entry with probability keep_prob: D = rng.random(A.shape) < keep_prob."
FD_KEEP_ONE = "with keep_prob = 1 nothing is dropped, so ZL must be the ZL of model_forward(X, parameters)."

BD_FRESH = "a fresh mask in backward: use the masks D_l from the caches (a hidden layer's cache is (linear_cache, Z, D)), never draw new ones."
BD_NO_SCALE = (
    "dA not scaled by 1/keep_prob in backward: dA_l = dA_l * D_l / keep_prob, as in the forward pass "
    "(the layers below came out keep_prob^k times the true gradients)."
)
BD_TWICE = "dA divided by keep_prob more than once: dA_l = dA_l * D_l / keep_prob, once per layer."
BD_NO_MASK = "the mask not applied in backward: dA_l = dA_l * D_l / keep_prob, with D_l from layer l's cache."
BD_NO_M = "every gradient is m times too large: the cost is the mean over the m examples, dZL = (sigmoid(ZL) - Y) / m."
BD_DEPTH = (
    "only three layers hard-coded: loop over every layer, l = L ... 1 with L = len(caches), "
    "instead of writing out layers 1, 2, 3 (this network has {L} layer{s})."
)

GRADS_KEYS = (
    "one dW_l and one db_l for every layer l = 1 ... L, with L = len(caches) (other entries, such as dA_l, may stay)."
)

ES_FUTURE = (
    "looks beyond the stopping point: the epochs after training stops are never trained, so they cannot "
    "decide the answer (np.argmin over the whole list is the classic case): keep the best epoch seen up to the stop."
)
ES_STOP = (
    "that is the epoch where training stops (patience epochs after the best one, or the last epoch when patience "
    "never runs out): return the best epoch seen by then, the one whose parameters you keep."
)
ES_EARLY = (
    "stops one epoch too soon, after patience - 1 epochs without improvement: count each epoch that does "
    "not improve, and stop when the count reaches patience."
)
ES_LATE = "stops one epoch too late, after patience + 1 epochs without improvement: stop as soon as the count reaches patience."
ES_EQUAL = (
    "an equal cost counted as an improvement: an epoch improves only when its cost is strictly lower than "
    "the best so far (cost < best_cost); a tie keeps the earlier epoch and counts as no improvement."
)
ES_NO_RESET = (
    "counts every epoch without improvement, not consecutive ones: set the count back to 0 when an epoch improves."
)
ES_PREVIOUS = (
    "compares each epoch with the one before it: an improvement is a cost lower than the best so far "
    "(the lowest yet), not lower than the previous epoch's."
)
ES_FIRST = (
    "epoch 0 is the first best: start from it (best epoch 0, best cost dev_costs[0]) before looping over the later "
    "epochs, so that a cost that only rises keeps epoch 0."
)
ES_ONE_BASED = "epochs are counted from 0: dev_costs[0] is epoch 0, and the answer is an index into dev_costs."
ES_COST = "return the epoch (its index in dev_costs), not its cost."
ES_INT = "return the epoch as an int: the loop's index, or int(...) of a NumPy integer."
ES_EMPTY = "with no epochs there is none to keep: raise ValueError('...') when dev_costs is empty, e.g. if len(dev_costs) == 0."
ES_PATIENCE = "a patience below 1 means nothing: raise ValueError('...') when patience < 1."
ES_BOTH = (
    "raise ValueError('...') when dev_costs is empty and when patience < 1 (it raises for neither): with no epochs "
    "there is none to keep, and a patience below 1 means nothing."
)
ES_MESSAGE = "give the ValueError a message that says what is wrong, e.g. raise ValueError('dev_costs is empty')."
ES_CHANGED = "dev_costs was changed: leave the list as it is (list.sort() and list.pop() change it; sorted() and slices make new lists)."

# The visible cases. Fractions with sizes that int() and np.ceil get wrong (23 * 0.2 = 4.6,
# 23 * 0.15 = 3.45), and an exact tie (10 * 0.25 = 2.5) where either neighbour is accepted.
SPLIT_CASES = ((23, 0.15, 0.2), (10, 0.25, 0.25))
# (train_error, dev_error[, base_error[, tolerance]]): the lectures' four examples with the
# defaults, then base_error and tolerance at work. No case sits on a boundary (floating point would
# decide it) but the last two: gaps exactly equal to tolerance, in numbers that binary floating point
# holds exactly (0.375 - 0.125 is 0.25 to the last bit), where "larger than" means "not high".
DIAGNOSE_CASES = (
    (0.01, 0.11),
    (0.15, 0.16),
    (0.15, 0.30),
    (0.005, 0.01),
    (0.15, 0.16, 0.145),
    (0.20, 0.21, 0.14),
    (0.10, 0.25, 0.09),
    (0.01, 0.05, 0.0, 0.05),
    (0.04, 0.07, 0.0, 0.05),
    (0.12, 0.20, 0.02, 0.05),
    (0.015, 0.025, 0.0, 0.005),
    (0.25, 0.5, 0.0, 0.25),
    (0.375, 0.5, 0.125, 0.25),
)
# Depths 3 first (the network written out in the lectures), then 2, 5 and 1: an answer that is
# right on 3 layers and wrong elsewhere has the layers hard-coded.
COST_DIMS = ((4, 5, 3, 1), (4, 3, 1), (3, 4, 5, 4, 3, 1), (4, 1))
L2_BACKWARD_DIMS = ((3, 4, 3, 1), (4, 5, 1), (3, 4, 3, 3, 2, 1), (4, 1))
DROPOUT_FORWARD_CASES = (((3, 5, 1), 0.7), ((4, 6, 5, 3, 1), 0.8))
# Layers of 20,000 and 15,000 activations: the kept fraction is measured within ~0.02.
DROPOUT_STATS_DIMS = (4, 400, 300, 1)
# Depth 3 first, as for the L2 functions: an answer written out for three layers shows as that.
DROPOUT_BACKWARD_CASES = (((4, 5, 3, 1), 0.8, "bool"), ((4, 5, 1), 0.7, "float"), ((3, 4, 5, 3, 1), 0.7, "float"))

# (dev_costs, patience), small enough to follow by hand. Each classic mistake answers at least one of
# them wrongly, and no two mistakes give the same answers on all of them: the first case has its lowest
# cost after the stop (argmin, patience + 1), the second improves after every bad epoch (patience - 1, a
# count never reset), the third ties the best (an equal cost counted as improving), the fourth falls
# without reaching the best (compared with the previous epoch); then patience 1, a cost that only
# rises, and a single epoch.
EARLY_STOPPING_CASES = (
    ([0.70, 0.55, 0.48, 0.50, 0.52, 0.47, 0.60], 2),
    ([1.00, 0.90, 0.95, 0.85, 0.90, 0.80, 0.84, 0.79, 0.83], 2),
    ([0.60, 0.50, 0.55, 0.50, 0.58, 0.59, 0.40], 3),
    ([0.50, 0.40, 0.60, 0.55, 0.52, 0.45, 0.41, 0.39], 3),
    ([0.50, 0.45, 0.47, 0.40], 1),
    ([0.40, 0.50, 0.60, 0.70], 2),
    ([0.30], 4),
)
# Calls that must raise ValueError: no epochs, and a patience below 1.
EARLY_STOPPING_ERRORS = (([], 3), ([0.50, 0.40, 0.45], 0), ([0.50, 0.40, 0.45], -1))


# ---- 1. split_train_dev_test ----


def check_split_train_dev_test(
    fn: Callable, cases: Sequence[tuple[int, float, float]] = SPLIT_CASES, n: int = 4, seed: int = 0
) -> None:
    """Visible checks of ``split_train_dev_test(X, Y, dev_fraction, test_fraction, rng)``.

    ``cases`` are ``(m, dev_fraction, test_fraction)``; ``X`` has ``n`` rows.
    """
    c = Checker("split_train_dev_test")
    for m, dev_fraction, test_fraction in cases:
        X, Y = _split_data(n, m, seed)
        for s in (seed, seed + 1):  # a second seed: a lucky draw cannot hide a mistake
            X_in, Y_in = copied((X, Y))  # kept: the function must leave them as they were
            with only_from_rng(c, SPLIT_GLOBAL, expected="the permutation drawn from rng"):
                parts = c.call(fn, X_in, Y_in, dev_fraction, test_fraction, np.random.default_rng(s))
            c.ok()
            with judging(c):
                order = _judge_split(c, parts, X, Y, dev_fraction, test_fraction)
            if not (np.array_equal(X_in, X) and np.array_equal(Y_in, Y)):
                c.fail("changed its input X or Y.", hint=SPLIT_IN_PLACE)
            c.ok()
            if s == seed:
                first = order
        again = c.call_on_copies(fn, X, Y, dev_fraction, test_fraction, np.random.default_rng(seed))
        other = c.call_on_copies(fn, X, Y, dev_fraction, test_fraction, np.random.default_rng(seed + 1))
        with judging(c):
            expect_reproducible(
                c,
                first,
                _split_order(again, X),
                "two calls with the same seed gave different splits.",
                SPLIT_GLOBAL,
                other=_split_order(other, X),
                ignored="the examples come out in the same order whatever rng is.",
                ignored_hint=SPLIT_RNG,
                identical=lambda first, other: np.array_equal(first, np.arange(m)) or np.array_equal(other, first),
            )
        c.ok()
    c.done()


def _split_data(n: int, m: int, seed: int) -> tuple[Array, Array]:
    """Columns that are all different (so each example is identifiable), rows in distinct ranges
    (so a row permutation is identifiable), and both labels."""
    rng = np.random.default_rng([seed, n, m])
    X = np.arange(n)[:, None] * 10.0 + rng.uniform(-1, 1, (n, m))
    Y = (rng.random((1, m)) < 0.5).astype(int)
    Y[0, :2] = (0, 1)
    return X, Y


def _allowed_sizes(fraction: float, m: int) -> set[int]:
    """round(fraction * m); at an exact .5 tie either neighbour (round() and int(x + 0.5) differ there)."""
    x = fraction * m
    low = math.floor(x)
    return {low, low + 1} if abs(x - low - 0.5) < 1e-9 else {round(x)}


def _judge_split(c: Checker, parts: Any, X: Array, Y: Array, dev_fraction: float, test_fraction: float) -> Array:
    """Judge one split of (X, Y); returns the input index of every output example, train, dev, test."""
    n, m = X.shape
    names = ("train", "dev", "test")
    parts = unpack(
        c,
        parts,
        3,
        "should return three pairs.",
        expected="((X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test))",
        got=describe(parts),
    )
    for name, part in zip(names, parts):
        X_part, Y_part = unpack(c, part, 2, f"the {name} part is not a pair (X_{name}, Y_{name}).", got=describe(part))
        if not (isinstance(X_part, np.ndarray) and X_part.ndim == 2 and X_part.shape[0] == n):
            c.fail(
                f"X_{name} has the wrong shape.",
                expected=f"({n}, m_{name}): the {n} rows of X, some of its columns",
                got=describe(X_part),
                hint="examples are columns: X[:, indices].",
            )
        if not (isinstance(Y_part, np.ndarray) and Y_part.shape == (1, X_part.shape[1])):
            c.fail(
                f"Y_{name} has the wrong shape.",
                expected=(1, X_part.shape[1]),
                got=describe(Y_part),
                hint=SPLIT_Y_SHAPE,
            )
    c.ok()
    sizes = {name: part[0].shape[1] for name, part in zip(names, parts)}
    for name, fraction in (("dev", dev_fraction), ("test", test_fraction)):
        allowed, x = _allowed_sizes(fraction, m), fraction * m
        if sizes[name] not in allowed:
            hint = (
                SPLIT_ROUND_DOWN
                if sizes[name] == math.floor(x)
                else SPLIT_ROUND_UP
                if sizes[name] == math.ceil(x)
                else SPLIT_LOST
            )
            c.fail(
                f"X_{name} holds {sizes[name]} examples (m = {m}, {name}_fraction = {fraction}).",
                expected=f"round({fraction} * {m}) = " + " or ".join(map(str, sorted(allowed))),
                got=sizes[name],
                hint=hint,
            )
    if sizes["train"] != m - sizes["dev"] - sizes["test"]:
        c.fail(
            f"X_train holds {sizes['train']} examples.",
            expected=f"m - m_dev - m_test = {m - sizes['dev'] - sizes['test']}",
            got=sizes["train"],
            hint=SPLIT_LOST,
        )
    c.ok()
    X_out = np.concatenate([part[0] for part in parts], axis=1)
    Y_out = np.concatenate([part[1] for part in parts], axis=1)
    where = {tuple(column): j for j, column in enumerate(X.T.tolist())}
    order = [where.get(tuple(column)) for column in X_out.T.tolist()]
    if None in order:
        if _rows_permuted(X, X_out):
            c.fail("the columns it returns are not columns of X.", hint=SPLIT_ROWS)
        k = order.index(None)
        c.fail(
            f"column {k} of the output (train, dev, test in a row) is not an example of X.",
            hint="return the columns of X unchanged: X[:, order] with order = rng.permutation(m).",
        )
    order = np.array(order)
    if not np.array_equal(Y_out[0], Y[0, order]):
        c.fail("some examples lost their label: the (x, y) pairs are broken.", hint=SPLIT_PAIRS)
    c.ok()
    counts = np.bincount(order, minlength=m)
    if np.any(counts != 1):
        c.fail(
            "some examples appear twice and others not at all.",
            expected="each of the m examples exactly once",
            got=f"{int(np.sum(counts > 1))} repeated, {int(np.sum(counts == 0))} missing",
            hint=SPLIT_LOST,
        )
    c.ok()
    return order


def _split_order(parts: Any, X: Array) -> Array | None:
    """Input index of every output example (None if unreadable), for comparing two calls."""
    try:
        X_out = np.concatenate([part[0] for part in parts], axis=1)
        where = {tuple(column): j for j, column in enumerate(X.T.tolist())}
        return np.array([where.get(tuple(column), -1) for column in X_out.T.tolist()])
    except Exception:  # noqa: BLE001 (a second call that returns something else is "different")
        return None


def _rows_permuted(X: Array, X_out: Array) -> bool:
    """The output's rows are the input's rows (each with its values) in another order."""
    if X_out.shape != X.shape:
        return False
    rows = {tuple(np.sort(row)): i for i, row in enumerate(X.tolist())}
    found = [rows.get(tuple(np.sort(row))) for row in X_out.tolist()]
    return None not in found and found != list(range(len(found)))


# ---- 2. diagnose_bias_variance ----


def _diagnosis(bias: float, variance: float, tolerance: float, larger: Callable = operator.gt) -> str:
    """The label of a bias and a variance; each is high when ``larger(gap, tolerance)``."""
    high_bias, high_variance = larger(bias, tolerance), larger(variance, tolerance)
    return (
        DIAG_LABELS[2]
        if high_bias and high_variance
        else DIAG_LABELS[0]
        if high_bias
        else DIAG_LABELS[1]
        if high_variance
        else DIAG_LABELS[3]
    )


def _expected_diagnosis(train: float, dev: float, base: float, tolerance: float) -> str:
    """Avoidable bias is train - base, variance is dev - train; "high" means above tolerance."""
    return _diagnosis(train - base, dev - train, tolerance)


# Each classic mistake is a rule too, (train, dev, base, tolerance) -> label: a wrong answer that one of
# them gives is named.
_DIAG_MISTAKES: dict[str, Callable[[float, float, float, float], str]] = {
    DIAG_VARIANCE_FROM_BASE: lambda t, d, b, tol: _diagnosis(t - b, d - b, tol),
    DIAG_BASE_IGNORED: lambda t, d, b, tol: _diagnosis(t, d - t, tol),
    DIAG_TOLERANCE: lambda t, d, b, tol: _diagnosis(t - b, d - t, 0.02),
    DIAG_SWAPPED: lambda t, d, b, tol: _diagnosis(d - t, t - b, tol),
    DIAG_STRICT: lambda t, d, b, tol: _diagnosis(t - b, d - t, tol, operator.ge),
}


def check_diagnose_bias_variance(fn: Callable, cases: Sequence[tuple[float, ...]] = DIAGNOSE_CASES) -> None:
    """Visible checks of ``diagnose_bias_variance(train_error, dev_error, base_error=0.0, tolerance=0.02)``.

    ``cases`` are ``(train_error, dev_error)``, ``(train, dev, base_error)`` or ``(train, dev, base_error, tolerance)``;
    the arguments left out are not passed, so that the function's defaults are checked too.
    """
    c = Checker("diagnose_bias_variance")
    answers, full = [], []
    for case in cases:
        train, dev, base, tolerance = (tuple(case) + (0.0, 0.02)[len(case) - 2 :])[:4]
        keywords = dict(zip(("base_error", "tolerance"), case[2:]))
        answer = c.call(fn, train, dev, **keywords)
        if not isinstance(answer, str) or answer not in DIAG_LABELS:
            c.fail(
                f"returned {answer!r}, which is not one of the four diagnoses.",
                expected=" | ".join(repr(s) for s in DIAG_LABELS),
                got=repr(answer),
                hint=DIAG_LABEL,
            )
        c.ok()
        answers.append(answer)
        full.append((train, dev, base, tolerance))
    for case, answer, args in zip(cases, answers, full):
        expected = _expected_diagnosis(*args)
        if answer != expected:
            # a mistake that explains every answer, else one that explains this one
            hint = matching_mistake(
                answers,
                ((h, [rule(*a) for a in full]) for h, rule in _DIAG_MISTAKES.items()),
                close=operator.eq,
                default=matching_mistake(
                    answer, ((h, rule(*args)) for h, rule in _DIAG_MISTAKES.items()), close=operator.eq
                ),
            )
            shown = ", ".join(f"{v:g}" for v in case[:2]) + "".join(
                f", {k}={v:g}" for k, v in zip(("base_error", "tolerance"), case[2:])
            )
            c.fail(
                f"wrong diagnosis for diagnose_bias_variance({shown}).",
                expected=repr(expected),
                got=repr(answer),
                hint=hint,
            )
        c.ok()
    c.done()


# ---- 3. compute_cost_with_regularization ----


def check_compute_cost_with_regularization(
    fn: Callable, dims_cases: Sequence[Sequence[int]] = COST_DIMS, m: int = 6, lambd: float = 0.7, seed: int = 1
) -> None:
    """Visible checks of ``compute_cost_with_regularization(ZL, Y, parameters, lambd)`` on networks of
    several depths (``dims_cases``), with nonzero biases; the first case also with ``lambd = 0``."""
    c = Checker("compute_cost_with_regularization")
    three_passed = False
    for k, dims in enumerate(dims_cases):
        rng = np.random.default_rng([seed, k])
        parameters, X, Y = random_parameters(dims, rng), rng.standard_normal((dims[0], m)), random_labels(rng, m)
        ZL, _ = model_forward(X, parameters)
        L = len(dims) - 1
        with _depth_guard(c, L, three_passed, COST_DEPTH):
            if k == 0:
                got = as_number(c, c.call_on_copies(fn, ZL, Y, parameters, 0.0), "the cost")
                if not np.isclose(got, compute_cost(ZL, Y), rtol=1e-7, atol=1e-10):
                    c.fail(
                        "wrong cost with lambd = 0.",
                        expected=f"{compute_cost(ZL, Y):.6f}",
                        got=f"{got:.6f}",
                        hint=COST_NO_CROSS_ENTROPY if got == 0 else COST_LAMBD_ZERO,
                    )
                c.ok()
            got = as_number(c, c.call_on_copies(fn, ZL, Y, parameters, lambd), "the cost")
            cross_entropy = compute_cost(ZL, Y)
            squares = [float(np.sum(np.square(parameters[f"W{l}"]))) for l in range(1, L + 1)]
            expected = cross_entropy + lambd / (2 * m) * sum(squares)
            if not np.isclose(got, expected, rtol=1e-7, atol=1e-10):
                mistakes = [
                    (COST_HALF, cross_entropy + lambd / m * sum(squares)),
                    (
                        COST_BIASES,
                        expected
                        + lambd / (2 * m) * sum(float(np.sum(np.square(parameters[f"b{l}"]))) for l in range(1, L + 1)),
                    ),
                    (
                        COST_SUM,
                        cross_entropy
                        + lambd / (2 * m) * sum(float(np.sum(parameters[f"W{l}"])) for l in range(1, L + 1)),
                    ),
                    (COST_M, cross_entropy + lambd / 2 * sum(squares)),
                    (COST_NO_CROSS_ENTROPY, lambd / (2 * m) * sum(squares)),
                    (COST_DEPTH.format(L=L, s="s" if L > 1 else ""), cross_entropy + lambd / (2 * m) * sum(squares[:3]))
                    if L > 3
                    else (None, math.nan),
                    (COST_LAST, cross_entropy + lambd / (2 * m) * sum(squares[:-1])) if L > 1 else (None, math.nan),
                ]
                hint = matching_mistake(got, mistakes, rtol=1e-7, atol=1e-10)
                c.fail(
                    f"wrong cost for a {L}-layer network (layers_dims={list(dims)}, m={m}, lambd={lambd}).",
                    expected=f"{expected:.6f}",
                    got=f"{got:.6f}",
                    hint=hint,
                )
            c.ok()
        three_passed = three_passed or L == 3
    c.done()


# ---- 4. backward_propagation_with_regularization ----


def check_backward_propagation_with_regularization(
    fn: Callable, dims_cases: Sequence[Sequence[int]] = L2_BACKWARD_DIMS, m: int = 5, lambd: float = 0.7, seed: int = 2
) -> None:
    """Visible checks of ``backward_propagation_with_regularization(X, Y, caches, lambd)``: every dW_l and
    db_l against the numerical gradient of the L2-regularized cost, on tiny networks of several depths."""
    c = Checker("backward_propagation_with_regularization")
    three_passed = False
    for k, dims in enumerate(dims_cases):
        rng = np.random.default_rng([seed, k])
        L = len(dims) - 1
        parameters, X = kink_free_network(dims, m, rng)
        Y = random_labels(rng, m)
        ZL, caches = model_forward(X, parameters)

        def cost(p: Parameters) -> float:
            return compute_cost(model_forward(X, p)[0], Y) + lambd / (2 * m) * sum(
                float(np.sum(np.square(p[f"W{l}"]))) for l in range(1, L + 1)
            )

        numerical = numerical_gradients(cost, parameters)
        with _depth_guard(c, L, three_passed, L2_DEPTH):
            grads = c.call_on_copies(fn, X, Y, caches, lambd)
            with judging(c):
                _check_grads_structure(c, grads, parameters, L2_DEPTH)

                def hint_for(key: str) -> str | None:
                    l = key[2:]
                    if key.startswith("dW"):
                        return _multiple_of(
                            grads[key] - numerical[key],
                            lambd / m * parameters[f"W{l}"],
                            {-0.5: L2_HALF, -1.0: L2_MISSING, m - 1.0: L2_NO_M, 1.0: L2_TWICE},
                        )
                    return _multiple_of(
                        grads[key] - numerical[key], lambd / m * parameters[f"b{l}"], {1.0: L2_DB, 0.5: L2_DB}
                    )

                _compare_gradients(c, grads, numerical, L, hint_for)
        three_passed = three_passed or L == 3
    c.done()


# ---- 5. forward_propagation_with_dropout ----


def check_forward_propagation_with_dropout(
    fn: Callable,
    cases: Sequence[tuple[Sequence[int], float]] = DROPOUT_FORWARD_CASES,
    m: int = 6,
    seed: int = 3,
    stats_dims: Sequence[int] = DROPOUT_STATS_DIMS,
    stats_m: int = 50,
    stats_keep_probs: Sequence[float] = (0.8, 0.65),
) -> None:
    """Visible checks of ``forward_propagation_with_dropout(X, parameters, keep_prob, rng)``.

    ``cases`` are ``(layer_dims, keep_prob)`` on ``m`` examples: the caches must agree with each other
    (Z, masks, activations after dropout, ZL), the masks come from rng, and keep_prob = 1 gives
    model_forward's ZL. On ``stats_dims`` (large hidden layers) the kept fraction must be keep_prob.
    """
    c = Checker("forward_propagation_with_dropout")
    runs = [(dims, keep_prob, m, False) for dims, keep_prob in cases] + [
        (stats_dims, kp, stats_m, True) for kp in stats_keep_probs
    ]
    for k, (dims, keep_prob, examples, stats) in enumerate(runs):
        rng = np.random.default_rng([seed, k])
        parameters, X = random_parameters(dims, rng), rng.standard_normal((dims[0], examples))
        with only_from_rng(c, FD_RNG, expected="every mask drawn from rng"):
            out = c.call_on_copies(fn, X, parameters, keep_prob, np.random.default_rng([seed, k, 1]))
        c.ok()
        with judging(c):
            masks = _judge_dropout_forward(c, out, X, parameters, keep_prob, stats)
        again = c.call_on_copies(fn, X, parameters, keep_prob, np.random.default_rng([seed, k, 1]))
        other = c.call_on_copies(fn, X, parameters, keep_prob, np.random.default_rng([seed, k, 2]))

        def same(out: Any, again: Any) -> bool:
            again_masks = _masks_of(again)
            return (
                again_masks is not None
                and all(np.array_equal(a, b) for a, b in zip(masks, again_masks))
                and np.array_equal(out[0], again[0])
            )

        def identical(out: Any, other: Any) -> bool:
            other_masks = _masks_of(other)
            return other_masks is not None and all(np.array_equal(a, b) for a, b in zip(masks, other_masks))

        with judging(c):
            expect_reproducible(
                c,
                out,
                again,
                "two calls with the same seed gave different results.",
                FD_RNG,
                same=same,
                other=other,
                ignored="two different rngs gave identical masks.",
                ignored_hint=FD_IGNORES_RNG,
                identical=identical,
            )
        c.ok()
    # keep_prob = 1: nothing dropped, the network of model_forward
    dims = runs[0][0]
    rng = np.random.default_rng([seed, 0])
    parameters, X = random_parameters(dims, rng), rng.standard_normal((dims[0], m))
    out = c.call_on_copies(fn, X, parameters, 1.0, np.random.default_rng(seed))
    with judging(c):
        ZL = _dropout_output(c, out, X, parameters)[0]
        expected = model_forward(X, parameters)[0]
        if not np.allclose(ZL, expected, rtol=1e-10, atol=1e-12):
            masks = _masks_of(out)
            dropped_all = masks is not None and len(masks) > 0 and all(np.all(D == 0) for D in masks)
            c.fail(
                "with keep_prob = 1, ZL differs from model_forward's.",
                expected=describe_values(expected),
                got=describe_values(ZL),
                hint=FD_WRONG_FRACTION if dropped_all else FD_KEEP_ONE,
            )
    c.ok()
    c.done()


def _dropout_output(c: Checker, out: Any, X: Array, parameters: Parameters) -> tuple[Array, Sequence]:
    """``(ZL, caches)`` with ZL of shape (1, m) and one cache per layer."""
    L, m = len(parameters) // 2, X.shape[1]
    ZL, caches = unpack(c, out, 2, "should return (ZL, caches), like model_forward.", got=describe(out))
    c.expect_array("ZL", ZL, (1, m))
    if not (isinstance(caches, (tuple, list)) and len(caches) == L):
        c.fail(f"caches should hold one cache per layer: {L} for a {L}-layer network.", got=describe(caches))
    c.ok()
    return ZL, caches


def _judge_dropout_forward(
    c: Checker, out: Any, X: Array, parameters: Parameters, keep_prob: float, stats: bool
) -> list[Array]:
    """Every property of one dropout forward pass; returns the masks."""
    L, m = len(parameters) // 2, X.shape[1]
    ZL, caches = _dropout_output(c, out, X, parameters)
    expected_A, previous, masks = X, None, []
    for l in range(1, L + 1):
        cache, W, b = caches[l - 1], parameters[f"W{l}"], parameters[f"b{l}"]
        hidden = l < L
        if hidden:
            if not (isinstance(cache, (tuple, list)) and len(cache) == 3 and _is_linear_cache(cache[0])):
                got = (
                    "(linear_cache, Z)"
                    if isinstance(cache, (tuple, list)) and len(cache) == 2 and _is_linear_cache(cache[0])
                    else describe(cache)
                )
                c.fail(
                    f"layer {l}'s cache has the wrong layout.",
                    expected="(linear_cache, Z, D) with linear_cache = (A_prev, W, b)",
                    got=got,
                    hint=FD_CACHE_MASK,
                )
            (A_prev, W_got, b_got), Z, D = cache
        else:
            if not _is_linear_cache(cache):
                c.fail(
                    f"the output layer's cache (caches[{L - 1}]) has the wrong layout.",
                    expected="(A_prev, W, b)",
                    got=describe(cache),
                    hint=FD_OUTPUT_CACHE,
                )
            A_prev, W_got, b_got = cache
        _judge_A_prev(c, l, A_prev, expected_A, previous, keep_prob)
        if not (np.array_equal(W_got, W) and np.array_equal(b_got, b)):
            c.fail(f"layer {l}'s cache does not hold W{l} and b{l}.", hint=FD_PARAMETERS)
        c.ok()
        if not hidden:
            break
        if not (
            isinstance(Z, np.ndarray)
            and Z.shape == (W.shape[0], m)
            and np.allclose(Z, W @ A_prev + b, rtol=1e-10, atol=1e-12)
        ):
            c.fail(f"Z{l} in layer {l}'s cache is not W{l} @ A_prev + b{l}.", hint=FD_Z)
        c.ok()
        D = _judge_mask(c, l, D, (W.shape[0], m), keep_prob, stats)
        masks.append(D)
        previous = (Z, D)
        expected_A = np.maximum(Z, 0) * D / keep_prob
    logits = W_got @ A_prev + b_got
    if not np.allclose(ZL, logits, rtol=1e-10, atol=1e-12):
        hint = matching_mistake(ZL, {FD_SIGMOID: sigmoid(logits)}, rtol=1e-10, atol=1e-12, default=FD_OUTPUT)
        c.fail(
            "ZL is not W_L @ A_prev + b_L from the output layer's cache.",
            expected=describe_values(logits),
            got=describe_values(ZL),
            hint=hint,
        )
    c.ok()
    return masks


def _judge_A_prev(
    c: Checker, l: int, A_prev: Any, expected: Array, previous: tuple[Array, Array] | None, keep_prob: float
) -> None:
    """Layer l's A_prev: X for layer 1, else relu(Z_(l-1)) * D_(l-1) / keep_prob."""
    if not (isinstance(A_prev, np.ndarray) and A_prev.shape == expected.shape):
        c.fail(
            f"A_prev in layer {l}'s cache has the wrong shape.",
            expected=expected.shape,
            got=describe(A_prev),
            hint=FD_INPUT if l == 1 else FD_MASK_MISMATCH,
        )
    if not np.allclose(A_prev, expected, rtol=1e-10, atol=1e-12):
        if previous is None:
            c.fail("A_prev in layer 1's cache is not X.", hint=FD_INPUT)
        Z, D = previous
        relu = np.maximum(Z, 0)
        candidates = (
            (FD_NO_SCALE, relu * D),
            (FD_MULTIPLIED, relu * D * keep_prob),
            (FD_NOT_APPLIED, relu / keep_prob),
            (FD_NOT_APPLIED, relu),
            (FD_NO_RELU, Z * D / keep_prob),
        )
        hint = matching_mistake(A_prev, candidates, rtol=1e-10, atol=1e-12, default=FD_MASK_MISMATCH)
        c.fail(
            f"A_prev in layer {l}'s cache (the activation of layer {l - 1} after dropout) is not relu(Z{l - 1}) * D{l - 1} / keep_prob.",
            expected=describe_values(expected),
            got=describe_values(A_prev),
            hint=hint,
        )
    c.ok()


def _judge_mask(c: Checker, l: int, D: Any, shape: tuple[int, int], keep_prob: float, stats: bool) -> Array:
    """D_l: A_l's shape, 0/1 (bool or numbers); on large layers, the right kept fraction, per unit and example."""
    if not isinstance(D, np.ndarray):
        c.fail(f"the mask D{l} in layer {l}'s cache is not a NumPy array.", got=type(D).__name__, hint=FD_MASK_VALUES)
    if D.shape != shape:
        broadcast = D.ndim <= 2 and D.size in (shape[0], shape[1]) and D.size < shape[0] * shape[1]
        c.fail(
            f"the mask D{l} has the wrong shape.",
            expected=f"{shape}, the shape of A{l}",
            got=D.shape,
            hint=FD_MASK_SHAPE if broadcast else None,
        )
    if not (D.dtype == bool or np.issubdtype(D.dtype, np.number)):
        c.fail(f"the mask D{l} has dtype {D.dtype}.", expected="bool or numbers 0 and 1", hint=FD_MASK_VALUES)
    values = D.astype(float)
    if not np.all((values == 0) | (values == 1)):
        scaled = np.all(np.isclose(values, 0) | np.isclose(values, 1 / keep_prob))
        c.fail(
            f"the mask D{l} holds values other than 0 and 1.",
            got=describe_values(np.unique(values)),
            hint=FD_MASK_SCALED if scaled else FD_MASK_VALUES,
        )
    c.ok()
    if stats:
        kept, se = float(values.mean()), math.sqrt(keep_prob * (1 - keep_prob) / values.size)
        if abs(kept - keep_prob) > 6 * se:  # six standard errors of a binomial proportion
            hint = FD_WRONG_FRACTION if abs(kept - (1 - keep_prob)) <= 6 * se else FD_FRACTION
            c.fail(
                f"the mask D{l} keeps the wrong fraction of layer {l}'s activations (keep_prob = {keep_prob}).",
                expected=f"≈ {keep_prob}",
                got=f"{kept:.3f}",
                hint=hint,
            )
        if np.all(values == values[:, :1]) or np.all(values == values[:1, :]):
            c.fail(f"the mask D{l} is the same for every example (or every unit).", hint=FD_MASK_SHAPE)
        c.ok()
    return values


def _masks_of(out: Any) -> list[Array] | None:
    """The masks in a dropout forward pass's caches, or None if they cannot be read."""
    try:
        return [np.asarray(cache[2]).astype(float) for cache in out[1][:-1]]
    except Exception:  # noqa: BLE001 (unreadable: the caller reports the difference)
        return None


# ---- 6. backward_propagation_with_dropout ----


def check_backward_propagation_with_dropout(
    fn: Callable, cases: Sequence[tuple[Sequence[int], float, str]] = DROPOUT_BACKWARD_CASES, m: int = 6, seed: int = 4
) -> None:
    """Visible checks of ``backward_propagation_with_dropout(X, Y, caches, keep_prob)``.

    ``cases`` are ``(layer_dims, keep_prob, mask dtype "bool" or "float")``. The check makes the caches
    with masks of its own (one unit of every hidden layer dropped for every example), and compares every
    dW_l, db_l with the numerical gradient of compute_cost under those same masks.
    """
    c = Checker("backward_propagation_with_dropout")
    three_passed = False
    for k, (dims, keep_prob, dtype) in enumerate(cases):
        rng = np.random.default_rng([seed, k])
        L = len(dims) - 1
        parameters, X, Y, masks, numerical = _dropout_case(dims, m, keep_prob, dtype, rng)
        _, caches = _masked_forward(X, parameters, masks, keep_prob)
        with _depth_guard(c, L, three_passed, BD_DEPTH):
            with only_from_rng(c, BD_FRESH, expected="no random numbers in backward"):
                grads = c.call_on_copies(fn, X, Y, caches, keep_prob)
            c.ok()
            with judging(c):
                _check_grads_structure(c, grads, parameters, BD_DEPTH)
                again = c.call_on_copies(fn, X, Y, caches, keep_prob)
                expect_reproducible(
                    c,
                    grads,
                    again,
                    "two calls on the same caches gave different gradients.",
                    BD_FRESH,
                    same=lambda grads, again: (
                        isinstance(again, dict) and all(np.array_equal(grads[key], again.get(key)) for key in numerical)
                    ),
                )
                c.ok()
                hint: list[str | None] = []

                def hint_for(key: str) -> str | None:
                    if not hint:  # worked out once, at the first wrong gradient
                        hint.append(_dropout_backward_hint(grads, numerical, X, Y, parameters, masks, keep_prob))
                    return hint[0]

                _compare_gradients(c, grads, numerical, L, hint_for)
        three_passed = three_passed or L == 3
    c.done()


def _masked_forward(
    X: Array,
    parameters: Parameters,
    masks: Sequence[Array],
    keep_prob: float,
    factors: Sequence[Array] | None = None,
    frozen: Sequence[Array] | None = None,
) -> tuple[Array, list]:
    """Forward pass with the given dropout masks; returns ``(ZL, caches)`` in the notebook's layout.

    With ``factors``, hidden layer l's activation is ``relu(Z_l) * factors[l-1] + frozen[l-1]``: the same
    values as with the masks at the point where ``frozen`` was computed, but a derivative through
    ``factors``. Its numerical gradient is what a backward pass computes when it multiplies dA_l by
    ``factors`` instead of ``D_l / keep_prob``: that is how a classic mistake is recognized without
    writing the backward pass here.
    """
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        caches.append(((A, W, b), Z, masks[l - 1]))
        A = (
            np.maximum(Z, 0) * masks[l - 1] / keep_prob
            if factors is None
            else np.maximum(Z, 0) * factors[l - 1] + frozen[l - 1]
        )
    W, b = parameters[f"W{L}"], parameters[f"b{L}"]
    caches.append((A, W, b))
    return W @ A + b, caches


def _dropout_case(dims: Sequence[int], m: int, keep_prob: float, dtype: str, rng: np.random.Generator) -> tuple:
    """A tiny network, data, masks (in each hidden layer, the unit active on most examples is dropped on
    all of them, so that a gradient that ignores the cached masks shows there), and the numerical gradient; no pre-activation near 0,
    and every layer's gradient far from 0 (so that each layer tells right from wrong)."""
    L = len(dims) - 1
    for _ in range(200):
        parameters, X, Y = random_parameters(dims, rng), rng.standard_normal((dims[0], m)), random_labels(rng, m)
        masks, A = [], X
        for l in range(1, L):
            Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
            D = rng.random((dims[l], m)) < keep_prob
            D[np.argmax(np.sum(Z > 0, axis=1)), :] = False  # the unit active on most examples: dropped on all
            A = np.maximum(Z, 0) * D / keep_prob
            masks.append(D if dtype == "bool" else D.astype(float))
        _, caches = _masked_forward(X, parameters, masks, keep_prob)
        if any(np.min(np.abs(cache[1])) < KINK_MARGIN for cache in caches[:-1]):
            continue
        numerical = numerical_gradients(
            lambda p: compute_cost(_masked_forward(X, p, masks, keep_prob)[0], Y), parameters
        )
        if all(np.linalg.norm(numerical[f"dW{l}"]) > 1e-3 for l in range(1, L + 1)):
            return parameters, X, Y, masks, numerical
    raise RuntimeError("could not draw a test network; try another seed")  # never with the shipped sizes


def _dropout_backward_hint(
    grads: dict, numerical: dict, X: Array, Y: Array, parameters: Parameters, masks: Sequence[Array], keep_prob: float
) -> str | None:
    """Name the mistake from how the gradients differ from the numerical ones."""
    L = len(parameters) // 2
    m = X.shape[1]
    if all(np.allclose(grads[key], m * numerical[key], rtol=GRAD_RTOL, atol=GRAD_ATOL) for key in numerical):
        return BD_NO_M
    ratios = []
    for l in range(1, L):
        got = np.concatenate([grads[f"dW{l}"].ravel(), grads[f"db{l}"].ravel()])
        true = np.concatenate([numerical[f"dW{l}"].ravel(), numerical[f"db{l}"].ravel()])
        ratio = float(got @ true / (true @ true))
        ratios.append(ratio if np.linalg.norm(got - ratio * true) <= 1e-4 * np.linalg.norm(true) else math.nan)
    for sign, hint in ((1, BD_NO_SCALE), (-1, BD_TWICE)):
        if all(abs(r / keep_prob ** (sign * (L - l)) - 1) < 1e-3 for l, r in enumerate(ratios, start=1)):
            return hint
    # the gradient of a cost whose mask is left out of the derivative (scaled by 1/keep_prob, or not)
    _, base = _masked_forward(X, parameters, masks, keep_prob)
    for scale in (1 / keep_prob, 1.0):
        factors = [np.full(D.shape, scale) for D in masks]
        frozen = [np.maximum(base[l][1], 0) * (masks[l] / keep_prob - scale) for l in range(L - 1)]
        wrong = numerical_gradients(
            lambda p: compute_cost(_masked_forward(X, p, masks, keep_prob, factors, frozen)[0], Y), parameters
        )
        if all(np.allclose(grads[key], wrong[key], rtol=GRAD_RTOL, atol=GRAD_ATOL) for key in wrong):
            return BD_NO_MASK
    # a unit dropped for every example gets no gradient, whatever else is wrong
    for l in range(1, L):
        dropped = ~np.any(np.asarray(masks[l - 1], dtype=bool), axis=1)
        if np.any(np.abs(grads[f"dW{l}"][dropped]) > 1e-9) or np.any(np.abs(grads[f"db{l}"][dropped]) > 1e-9):
            return BD_FRESH
    return None


# ---- 7. early_stopping_epoch ----


def _early_stopping(
    dev_costs: Sequence[float],
    patience: int,
    *,
    improves: Callable[[float, float], bool] = operator.lt,
    limit: int | None = None,
    reset: bool = True,
    previous: bool = False,
) -> tuple[int, int, bool]:
    """Training replayed epoch by epoch: ``(best, stop, stopped)``, the epoch kept, the last epoch trained
    and whether patience ran out. The keywords make the classic mistakes: ``improves`` (``operator.le``:
    a tie counts), ``limit`` (the count that stops training, patience unless given), ``reset`` (False: the
    count of epochs without improvement never goes back to 0), ``previous`` (True: the count compares each
    epoch with the one before, the best is still the lowest cost)."""
    limit = patience if limit is None else limit
    best, waiting = 0, 0
    for epoch in range(1, len(dev_costs)):
        cost = dev_costs[epoch]
        if improves(cost, dev_costs[epoch - 1] if previous else dev_costs[best]):
            waiting = 0 if reset else waiting
        else:
            waiting += 1
        if (cost < dev_costs[best]) if previous else improves(cost, dev_costs[best]):
            best = epoch
        if waiting >= limit:
            return best, epoch, True
    return best, len(dev_costs) - 1, False


def _stopped_at(dev_costs: Sequence[float], patience: int, **rule: Any) -> int:
    """The last epoch trained, by ``_early_stopping``'s rule: patience epochs after the best, or the last
    epoch of the list when patience never runs out."""
    return _early_stopping(dev_costs, patience, **rule)[1]


# Each classic mistake is a rule too, (dev_costs, patience) -> epoch: a wrong answer that one of them gives
# is named.
_ES_MISTAKES: dict[str, Callable[[Sequence[float], int], int]] = {
    ES_FUTURE: lambda costs, patience: int(np.argmin(costs)),
    ES_STOP: _stopped_at,
    ES_EARLY: lambda costs, patience: _early_stopping(costs, patience, limit=patience - 1)[0],
    ES_LATE: lambda costs, patience: _early_stopping(costs, patience, limit=patience + 1)[0],
    ES_EQUAL: lambda costs, patience: _early_stopping(costs, patience, improves=operator.le)[0],
    ES_NO_RESET: lambda costs, patience: _early_stopping(costs, patience, reset=False)[0],
    ES_PREVIOUS: lambda costs, patience: _early_stopping(costs, patience, previous=True)[0],
    ES_ONE_BASED: lambda costs, patience: _early_stopping(costs, patience)[0] + 1,
    # epoch 0 never the best: the loop starts at 1 against an infinite best cost, so epoch 1 always improves
    ES_FIRST: lambda costs, patience: _early_stopping(costs[1:], patience)[0] + 1 if len(costs) > 1 else 0,
}


def check_early_stopping_epoch(
    fn: Callable,
    cases: Sequence[tuple[Sequence[float], int]] = EARLY_STOPPING_CASES,
    errors: Sequence[tuple[Sequence[float], int]] = EARLY_STOPPING_ERRORS,
) -> None:
    """Visible checks of ``early_stopping_epoch(dev_costs, patience)``.

    ``cases`` are ``(dev_costs, patience)``: the epoch returned must be the best one seen when training
    stops, and must not change when the epochs after the stop change (they are never trained). ``errors``
    are calls that must raise ValueError.
    """
    c = Checker("early_stopping_epoch")
    answers = []
    for costs, patience in cases:
        given = list(costs)
        got = c.call(fn, given, patience)
        if given != list(costs):
            c.fail(f"changed its input: {_es_call(costs, patience)}.", hint=ES_CHANGED)
        answers.append(_as_epoch(c, got, costs, patience))
    for (costs, patience), answer in zip(cases, answers):
        expected = _early_stopping(costs, patience)[0]
        if answer != expected:
            # a mistake that explains every answer, else one that explains this one
            hint = matching_mistake(
                answers,
                ((h, [rule(list(k), p) for k, p in cases]) for h, rule in _ES_MISTAKES.items()),
                close=operator.eq,
                default=matching_mistake(
                    answer, ((h, rule(list(costs), patience)) for h, rule in _ES_MISTAKES.items()), close=operator.eq
                ),
            )
            c.fail(
                f"wrong epoch for {_es_call(costs, patience)}.",
                expected=_es_why(costs, patience),
                got=answer,
                hint=hint,
            )
        c.ok()
    for costs, patience in cases:  # the epochs after the stop are never trained: they cannot change the answer
        best, stop, stopped = _early_stopping(costs, patience)
        if not stopped or stop == len(costs) - 1:
            continue
        lowest = min(costs)
        for future in (
            list(costs[: stop + 1]),
            list(costs[: stop + 1]) + [round(lowest / (k + 2), 4) for k in range(3)],
        ):
            answer = _as_epoch(c, c.call(fn, list(future), patience), future, patience)
            if answer != best:
                c.fail(
                    f"the answer changed with the epochs after training stops: {_es_call(future, patience)} "
                    f"returned {answer}, {_es_call(costs, patience)} {best}.",
                    expected=f"{best}: training stops after epoch {stop}, whatever comes after it",
                    got=answer,
                    hint=ES_FUTURE,
                )
        c.ok()
    failures = [failure for costs, patience in errors if (failure := _value_error_failure(c, fn, costs, patience))]
    if failures:
        problem, expected, got, hint = failures[0]
        if {ES_EMPTY, ES_PATIENCE} <= {failure[3] for failure in failures}:
            hint = ES_BOTH
        c.fail(problem, expected=expected, got=got, hint=hint)
    c.done()


def _es_call(costs: Sequence[float], patience: int) -> str:
    """The call as the student would write it (a long list shortened)."""
    shown = [f"{float(cost):g}" for cost in costs]
    text = ", ".join(shown) if len(shown) <= 10 else ", ".join(shown[:8]) + f", ... ({len(shown)} epochs)"
    return f"early_stopping_epoch([{text}], patience={patience})"


def _es_why(costs: Sequence[float], patience: int) -> str:
    """The right answer, and why."""
    best, stop, stopped = _early_stopping(costs, patience)
    if stopped:
        after = (
            f"epoch {stop} brings"
            if stop == best + 1
            else f"epochs {best + 1} and {stop} bring"
            if stop == best + 2
            else f"epochs {best + 1} to {stop} bring"
        )
        return f"{best} ({after} no improvement on epoch {best}'s {costs[best]:g}: training stops after epoch {stop})"
    if len(costs) == 1:
        return "0 (the only epoch)"
    return (
        f"{best} (never {patience} epoch{'s' if patience > 1 else ''} in a row without improvement: training runs "
        f"to the last epoch, {len(costs) - 1}, and the lowest cost is epoch {best}'s {costs[best]:g})"
    )


def _as_epoch(c: Checker, got: Any, costs: Sequence[float], patience: int) -> int:
    """An int-like epoch within the list; a float, a cost or an index out of range fails ``c``."""
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        is_cost = isinstance(got, (float, np.floating)) and any(float(got) == float(cost) for cost in costs)
        c.fail(
            f"returned {got!r} for {_es_call(costs, patience)}, not an epoch.",
            expected="an int from 0 to len(dev_costs) - 1",
            got=f"{got!r} ({type(got).__name__})",
            hint=ES_COST if is_cost else ES_INT,
        )
    if not 0 <= int(got) < len(costs):
        c.fail(
            f"returned {int(got)} for {_es_call(costs, patience)}: there is no such epoch.",
            expected=f"an epoch from 0 to {len(costs) - 1}",
            got=int(got),
            hint=ES_ONE_BASED if int(got) == len(costs) else None,
        )
    c.ok()
    return int(got)


def _value_error_failure(
    c: Checker, fn: Callable, costs: Sequence[float], patience: int
) -> tuple[str, Any, Any, str] | None:
    """None if ``fn(costs, patience)`` raises ValueError with a message, else what to tell the student:
    ``(problem, expected, got, hint)``. Not written yet fails ``c`` at once."""
    hint = ES_EMPTY if len(costs) == 0 else ES_PATIENCE
    call = _es_call(costs, patience)
    with stderr_to_stdout():
        try:
            got = fn(list(costs), patience)
        except NotImplementedError:
            c.fail("not written yet.", hint="replace the line `raise NotImplementedError(...)` with your code.")
        except Exception as error:  # noqa: BLE001 (any other error is the wrong one)
            message = _value_error_message(error)
            if message is not None:
                if not message.strip():
                    return f"raised ValueError without a message for {call}.", None, None, ES_MESSAGE
                c.ok()
                return None
            return (
                f"raised {type(error).__name__} for {call}.",
                "ValueError",
                f"{type(error).__name__}({str(error)!r})",
                hint,
            )
    return f"returned {got!r} for {call}.", "ValueError", repr(got), hint


def _value_error_message(error: Exception) -> str | None:
    """The message of a ValueError the student's function raised, None for any other error. Graded
    outside the kernel, the student's errors reach the check as the grader's StudentCodeError, its
    message "ValueError: <the student's message>" (autograder/isolation.py): that one counts too."""
    if isinstance(error, ValueError):
        return str(error)
    if type(error).__name__ == "StudentCodeError" and str(error).startswith("ValueError:"):
        return str(error).removeprefix("ValueError:").strip()
    return None


# ---- shared helpers ----


def _check_grads_structure(c: Checker, grads: Any, parameters: Parameters, depth_hint: str) -> None:
    """A dict with dW_l, db_l of the parameters' shapes for every layer (other keys allowed)."""
    c.expect_type("the return value", grads, dict)
    L = len(parameters) // 2
    missing = [f"{p}{l}" for l in range(1, L + 1) for p in ("dW", "db") if f"{p}{l}" not in grads]
    if missing:
        beyond_three = L > 3 and all(int(key[2:]) > 3 for key in missing)
        c.fail(
            f"the gradients dictionary is missing {missing}.",
            expected=f"dW1, db1, ..., dW{L}, db{L}",
            got=sorted(map(str, grads)),
            hint=depth_hint.format(L=L, s="s") if beyond_three else GRADS_KEYS,
        )
    for l in range(1, L + 1):
        W = parameters[f"W{l}"]
        dW, db = grads[f"dW{l}"], grads[f"db{l}"]
        c.expect_array(
            f"dW{l}",
            dW,
            W.shape,
            hint=f"that is dW{l} transposed: dW{l} has W{l}'s shape."
            if np.shape(dW) == W.shape[::-1]
            else f"dW{l} has W{l}'s shape.",
        )
        c.expect_array(
            f"db{l}",
            db,
            (W.shape[0], 1),
            hint="db is a column: np.sum(dZ, axis=1, keepdims=True)."
            if np.shape(db) in ((W.shape[0],), ())
            else f"db{l} has b{l}'s shape.",
        )


def _compare_gradients(c: Checker, grads: dict, numerical: dict, L: int, hint_for: Callable[[str], str | None]) -> None:
    """Every dW_l, db_l against the numerical gradient, from the output layer down (the order backward
    computes them, so the first wrong one is where the mistake starts)."""
    for l in range(L, 0, -1):
        for key in (f"dW{l}", f"db{l}"):
            close = np.allclose(grads[key], numerical[key], rtol=GRAD_RTOL, atol=GRAD_ATOL)
            c.expect_close(
                key, grads[key], numerical[key], rtol=GRAD_RTOL, atol=GRAD_ATOL, hint=None if close else hint_for(key)
            )


def _multiple_of(difference: Array, unit: Array, hints: dict[float, str]) -> str | None:
    """The hint for ``alpha`` if ``difference`` is ``alpha * unit`` for one of the ``hints``' alphas."""
    norm = float(np.sum(unit * unit))
    if norm == 0:
        return None
    alpha = float(np.sum(difference * unit)) / norm
    if np.linalg.norm(difference - alpha * unit) > 1e-4 * math.sqrt(norm) * max(1.0, abs(alpha)):
        return None
    return matching_mistake(
        alpha,
        ((hint, value) for value, hint in hints.items()),
        close=lambda alpha, value: abs(alpha - value) <= 1e-3 * max(1.0, abs(value)),
    )


def _is_linear_cache(cache: Any) -> bool:
    return isinstance(cache, (tuple, list)) and len(cache) == 3 and all(isinstance(part, np.ndarray) for part in cache)


@contextlib.contextmanager
def _depth_guard(c: Checker, L: int, three_passed: bool, hint: str) -> Iterator[None]:
    """Right on the 3-layer network, wrong on this one: the layers are hard-coded; say so, in place of
    a crash report (KeyError 'W3', IndexError) or a message without hint."""
    try:
        yield
    except CheckFailed as failure:
        if L != 3 and three_passed and (failure.hint is None or failure.problem.startswith("raised ")):
            raise CheckFailed(
                c.function,
                failure.problem,
                expected=failure.expected,
                got=failure.got,
                hint=hint.format(L=L, s="s" if L > 1 else ""),
            ) from None
        raise
