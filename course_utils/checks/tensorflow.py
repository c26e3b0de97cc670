"""Checks for the TensorFlow notebook's graded functions, written with NumPy only.

The student's functions return TensorFlow tensors and variables; a check reads any of them with
``np.asarray`` (a tensor converts to its values) and judges the values against the formulas the
notebook states, computed here in float64 from the same float32 inputs. The checks never import
TensorFlow, so they cost nothing in the grader's own process, and they hand the student's
functions NumPy arrays only (TensorFlow operations accept them): the same inputs in the notebook's
kernel and in the process grading calls them in, where results come back as plain arrays.

What the notebook's warm-ups teach is TensorFlow's types: a tensor, not a NumPy array; a ``tf.Variable``
where a value changes, a constant where none does. In the kernel the checks tell them apart without
TensorFlow (``is_tensor``: the module a type comes from; ``is_variable``: what it can do); in the grader's
process every result arrives as an array (``plain``), and only the values and dtypes are judged there.
softmax is the one function written in NumPy.

Layout: units x examples. ``X`` is (pixels, m), labels one-hot ``Y`` (classes, m), ``W_l``
(n_l, n_(l-1)), ``b_l`` (n_l, 1); logits are (classes, m). Each classic mistake gives another
formula, and a result that matches it names the mistake.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
from typing import Any, Callable, Sequence

import numpy as np

from .core import (
    Checker,
    CheckFailed,
    as_number,
    copied,
    expect_reproducible,
    judging,
    matching_mistake,
    only_from_rng,
    type_and_length,
    unpack,
    within_ratio,
)

Array = np.ndarray

# ---- hints: one per classic mistake ----

NOT_A_TENSOR = (
    "return what TensorFlow computed, a tensor: np.asarray(...) and .numpy() turn it into a NumPy array, and "
    "NumPy's functions (np.dot, np.exp) compute outside TensorFlow, where GradientTape cannot follow them."
)
LINEAR_FLOAT64 = "tf.constant keeps NumPy's float64: ask for float32, tf.constant(values, dtype=tf.float32)."
MIXED_DTYPES = (
    "TensorFlow never mixes dtypes in one operation (NumPy would convert): make X, W and b all float32 "
    "(tf.constant(values, dtype=tf.float32))."
)
MATMUL_ORDER = "Y = WX + b: tf.matmul(W, X), W (4, 3) first, then X (3, 1); a matrix product depends on the order."
ELEMENTWISE_PRODUCT = (
    "* multiplies entry by entry (broadcasting where it can); the matrix product is tf.matmul(W, X) (or W @ X)."
)
LINEAR_BROADCAST = (
    "Y should be (4, 1): W (4, 3) times X (3, 1) plus b (4, 1). A (1, 4) row plus the column b broadcasts to (4, 4): "
    "compute tf.matmul(W, X), not its transpose."
)
DRAW_ORDER = (
    "draw X, then W, then b, each with rng.standard_normal(shape): the same rng gives other numbers in another order."
)
NO_BIAS = "Y = WX + b: add b."
RESULT_VARIABLE = (
    "Y is computed from constants: return it as the tensor tf.matmul(W, X) + b gives. tf.Variable is for values "
    "that training changes (the parameters)."
)
SIGMOID_INTEGER = (
    "z may be an integer, and TensorFlow's sigmoid takes floats only: cast first, z = tf.cast(z, tf.float32)."
)
SIGMOID_FLOAT64 = "a float64 z stays float64: cast it to float32 first, tf.cast(z, tf.float32)."
SIGMOID_SIGN = "that is sigmoid(-z) = 1 / (1 + exp(z)): the sigmoid is 1 / (1 + exp(-z))."
CONSTANT_NOT_ASSIGNABLE = (
    "w is a tf.constant: a constant cannot change (it has no assign_sub), and the tape does not watch it (its "
    "gradient is None). Make w a tf.Variable; then w.assign_sub(learning_rate * gradient) changes it in place."
)
GRADIENT_NONE = (
    "the tape gave no gradient (None): it watches tf.Variables, not constants. Make w a tf.Variable "
    "before the `with tf.GradientTape() as tape:` block, and compute J from it inside the block."
)
W_REBOUND = (
    "w is no longer a tf.Variable: w = w - ... makes a new tensor. Change the Variable in place: "
    "w.assign_sub(learning_rate * gradient)."
)
W_NOT_MOVED = "w did not move: after the tape, w.assign_sub(learning_rate * gradient)."
GRADIENT_ASCENT = "w moved uphill: gradient descent subtracts, w.assign_sub(learning_rate * gradient)."
GRADIENT_OF_X = "that is dJ/dx, minus dJ/dw: ask the tape for the gradient with respect to w."
STEP_RETURN_ORDER = "return w, dJ_dw, in that order: the Variable after the step first, then the gradient."
W_FLOAT64 = "tf.Variable(w0) keeps NumPy's float64: tf.Variable(w0, dtype=tf.float32) (and x likewise)."
SOFTMAX_ROWS = (
    "normalized along the rows: each column is an example, so take the max and the sum over the classes, axis=0."
)
SOFTMAX_WHOLE = "normalized over the whole matrix: each column (example) has its own sum, axis=0 with keepdims=True."
SOFTMAX_NO_EXP = "no exponential: softmax(z)_k = exp(z_k) / sum_j exp(z_j), np.exp before the sum."
SOFTMAX_OVERFLOW = (
    "no max subtracted: exp(1000) overflows to inf, and inf / inf is nan. Subtract each column's max first, "
    "Z - np.max(Z, axis=0, keepdims=True): the softmax is the same, and the largest exponential is exp(0) = 1."
)
SOFTMAX_GLOBAL_MAX = (
    "the largest logit of the whole matrix subtracted: mathematically the same softmax, but a column whose "
    "logits all lie more than about 745 below it underflows to 0 / 0 = nan. Subtract each column's own max, "
    "np.max(Z, axis=0, keepdims=True)."
)

INTEGER_DIVISION = (
    "integer division: // (or dividing integers and casting afterwards) rounds every pixel down to 0 or 1. "
    "Cast to float32 first (tf.cast), then divide by 255."
)
NOT_CAST = "the images are 8-bit integers: cast them to float32 (tf.cast(..., tf.float32)); NumPy's / gives float64."
NOT_SCALED = "the pixels go from 0 to 255: divide by 255 so that they lie in [0, 1]."
NORMALIZE_TRANSPOSED = "one column per example: reshape to (m, pixels), then transpose to (pixels, m)."
NORMALIZE_SCRAMBLED = (
    "reshaping straight to (pixels, m) mixes pixels of different images: reshape to (m, pixels) first "
    "(each row one image), then transpose."
)
ONE_HOT_AXIS = (
    "the one-hot is along the wrong axis: the course wants one column per example, (depth, m); "
    "tf.one_hot puts the classes last unless you give it axis=0."
)
RANDOM_BIASES = "biases start at zero (tf.zeros); the random weights already break the symmetry."
SEED_IGNORED = (
    "two different seeds gave the same weights: a fixed seed ignores the seed argument. "
    "Give the initializer the seed you were passed."
)
SEED_UNUSED = (
    "the same seed gave different weights: pass the seed argument to the initializer "
    "(tf.keras.initializers.GlorotNormal(seed=...)) so that a seed reproduces a network."
)
RELU_OUTPUT = (
    "ReLU on the output layer: the last layer returns its linear output Z_L, the logits; "
    "ReLU there zeroes every negative logit."
)
SOFTMAX_OUTPUT = "forward_propagation returns the logits Z_L: no softmax, the loss applies it (from_logits=True)."
FROM_LOGITS = (
    "softmax applied twice, or none: the loss treats its input as probabilities unless you say from_logits=True "
    "(and give it the logits, not a softmax of them)."
)
LOSS_TRANSPOSED = (
    "labels and logits transposed: Keras's losses want one row per example, (m, classes); "
    "transpose both (tf.transpose) before the loss."
)
LOSS_MEAN = (
    "the mean instead of the sum over the examples: return the total, tf.reduce_sum, so that mini-batches "
    "of different sizes add up to the epoch's total."
)
LOSS_PER_EXAMPLE = "one loss per example came back: add them up with tf.reduce_sum into one number."
NO_BIAS_CORRECTION = "Adam without bias correction: divide v by 1 - beta1**t and s by 1 - beta2**t before the step."
EPSILON_INSIDE = "epsilon inside the square root: the step divides by sqrt(s_hat) + epsilon."
EPSILON_OUTSIDE = "epsilon added after the division: it belongs in the denominator, sqrt(s_hat) + epsilon."
MOMENT_ONE_MINUS = (
    "each moment is a weighted average, its two weights summing to 1: v becomes beta1 * v + (1 - beta1) * g, and s"
    " becomes beta2 * s + (1 - beta2) * g**2, for the gradient g."
)


# ---- reading the student's values ----


def as_array(c: Checker, value: Any, what: str) -> Array:
    """A tensor, variable or array as a NumPy array; anything else fails ``c``."""
    if (
        isinstance(value, (dict, list, tuple, str))
        or value is None
        or not hasattr(value, "__array__")
        and not isinstance(value, (int, float))
    ):
        c.fail(f"{what} has the wrong type.", expected="a tensor (or a NumPy array)", got=type(value).__name__)
    with judging(c):
        array = np.asarray(value)
    if array.dtype == object:
        c.fail(f"{what} is not an array of numbers.", got=type(value).__name__)
    c.ok()
    return array


def is_variable(value: Any) -> bool:
    """A ``tf.Variable``, told by what it can do (this module does not import TensorFlow)."""
    return hasattr(value, "assign") and hasattr(value, "trainable")


def plain(fn: Callable) -> bool:
    """Whether ``fn`` hands back plain data only (the grader's process calling the student's
    function elsewhere: tensors arrive as arrays), so that a framework type cannot be asked for."""
    return bool(getattr(fn, "returns_plain_data", False))


def is_tensor(value: Any) -> bool:
    """A TensorFlow tensor or variable, told by the module its type comes from (this module does not
    import TensorFlow)."""
    return type(value).__module__.partition(".")[0] == "tensorflow"


def expect_tensor(c: Checker, fn: Callable, value: Any, what: str) -> None:
    """In the kernel, ``value`` came out of TensorFlow (a tensor or a variable): not a NumPy array or a
    Python number. (In the grader's process every result arrives as an array: nothing to ask there.)"""
    if not plain(fn) and not is_tensor(value):
        c.fail(f"{what} is a {type(value).__name__}, not a TensorFlow tensor.", hint=NOT_A_TENSOR)


def call_naming_errors(c: Checker, fn: Callable, *args: Any, errors: Sequence[tuple[str, str]] = ()) -> Any:
    """``c.call_on_copies(fn, *args)``; when the function raises an error whose message contains one of
    ``errors``' texts, the failure gets that text's hint (TensorFlow names a classic mistake in its
    error: "Matrix size-incompatible", "Incompatible shapes"...)."""
    try:
        return c.call_on_copies(fn, *args)
    except CheckFailed as failure:
        message = str(failure.got or "")
        hint = next((hint for text, hint in errors if text in message), None)
        if hint is None:
            raise
        c.fail(failure.problem, got=tensorflow_message(message), hint=hint)


def tensorflow_message(message: str) -> str:
    """The part of a TensorFlow error message a student needs: its first line, without the kernel's name in
    ``{{...}}`` before it and the ``[Op:MatMul] name:`` after it."""
    first = re.sub(r"\{\{.*?\}\}\s*", "", message).strip().split("\n")[0]
    return re.sub(r"\s*\[Op:\w+\]( name:.*)?$", "", first).strip()


def softmax(Z: Array, axis: int = 0) -> Array:
    shifted = Z - Z.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(Z: Array, axis: int = 0) -> Array:
    shifted = Z - Z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


# ---- 1. linear_function ----

LINEAR_SHAPES = {"X": (3, 1), "W": (4, 3), "b": (4, 1)}  # drawn in this order


def linear_draws(rng: Any, order: Sequence[str] = ("X", "W", "b")) -> dict[str, Array]:
    """X, W and b drawn from ``rng`` in ``order``, each ``rng.standard_normal(shape)``."""
    return {name: rng.standard_normal(LINEAR_SHAPES[name]) for name in order}


def linear_reference(rng: Any, order: Sequence[str] = ("X", "W", "b"), bias: bool = True) -> Array:
    """Y = WX + b in float64 from the float32 values the student's constants hold."""
    drawn = {k: v.astype(np.float32).astype(np.float64) for k, v in linear_draws(rng, order).items()}
    return drawn["W"] @ drawn["X"] + (drawn["b"] if bias else 0)


LINEAR_ERRORS = (
    ("Matrix size-incompatible", MATMUL_ORDER),
    ("Incompatible shapes", ELEMENTWISE_PRODUCT),
    ("expected to be a double tensor", MIXED_DTYPES),
    ("expected to be a float tensor", MIXED_DTYPES),
)


def check_linear_function(fn: Callable, seeds: Sequence[int] = (1, 7)) -> None:
    """``linear_function(rng)``: X (3, 1), W (4, 3), b (4, 1) drawn from ``rng`` in that order
    (``rng.standard_normal``), as float32 constants; returns the tensor Y = WX + b, float32, (4, 1).
    A seed reproduces it, another gives another."""
    c = Checker("linear_function")
    calls = []
    for seed in (*seeds, seeds[0]):
        with only_from_rng(c, "draw X, W and b from the rng argument: rng.standard_normal(shape), not np.random."):
            result = call_naming_errors(c, fn, np.random.default_rng(seed), errors=LINEAR_ERRORS)
        expect_tensor(c, fn, result, "Y")
        if not plain(fn) and is_variable(result):
            c.fail("Y is a tf.Variable.", expected="a tensor", hint=RESULT_VARIABLE)
        got = as_array(c, result, "Y")
        if got.shape in ((4, 4), (1, 4)):
            c.fail("Y has the wrong shape.", expected=(4, 1), got=got.shape, hint=LINEAR_BROADCAST)
        calls.append((seed, got))
    (first_seed, first), (_, other), (_, again) = calls
    expect_reproducible(
        c,
        first,
        again,
        f"two calls with rng = np.random.default_rng({first_seed}) gave different results.",
        "draw from the rng argument only: the same generator state gives the same X, W and b.",
        other=other,
        ignored=f"np.random.default_rng({seeds[0]}) and np.random.default_rng({seeds[1]}) gave the same Y.",
        ignored_hint="draw X, W and b from the rng you were given, not from a generator seeded inside.",
    )
    c.ok()
    for seed, got in calls[:2]:
        expected = linear_reference(np.random.default_rng(seed))
        values = got.astype(np.float64) if np.issubdtype(got.dtype, np.number) else got
        orders = (order for order in itertools.permutations("XWb") if order != ("X", "W", "b"))
        hint = matching_mistake(
            values,
            itertools.chain(
                ((NO_BIAS, linear_reference(np.random.default_rng(seed), bias=False)),),
                ((DRAW_ORDER, linear_reference(np.random.default_rng(seed), order)) for order in orders),
            ),
            rtol=1e-5,
            atol=1e-6,
        )
        c.expect_close(f"Y for rng = np.random.default_rng({seed})", values, expected, rtol=1e-5, atol=1e-6, hint=hint)
        if got.dtype != np.float32:
            c.fail(f"Y has dtype {got.dtype}.", expected="float32", got=got.dtype, hint=LINEAR_FLOAT64)
        c.ok()
    c.done()


# ---- 2. sigmoid ----


def check_sigmoid(fn: Callable, cases: Sequence[Any] = (0, -1, 12, ((0.5, -2.0, 3.0), (-0.25, 7.5, -40.0)))) -> None:
    """``sigmoid(z)``: 1 / (1 + exp(-z)) of a number or an array (integers too), as a float32 tensor
    of z's shape."""
    c = Checker("sigmoid")
    for z in cases:
        z = z if isinstance(z, (int, float)) else np.asarray(z)
        shown = f"z = {z!r}" if isinstance(z, (int, float)) else f"z of shape {z.shape}, dtype {z.dtype}"
        result = call_naming_errors(c, fn, z, errors=(("of int", SIGMOID_INTEGER),))
        expect_tensor(c, fn, result, f"sigmoid({shown})")
        got = as_array(c, result, f"sigmoid({shown})")
        z64 = np.asarray(z, dtype=np.float64)
        if got.shape != z64.shape:
            c.fail(f"sigmoid({shown}) has the wrong shape.", expected=z64.shape, got=got.shape)
        with np.errstate(over="ignore"):
            expected, flipped = 1 / (1 + np.exp(-z64)), 1 / (1 + np.exp(z64))
        values = got.astype(np.float64) if np.issubdtype(got.dtype, np.number) else got
        hint = matching_mistake(values, ((SIGMOID_SIGN, flipped),), rtol=1e-5, atol=1e-7, right=expected)
        c.expect_close(f"sigmoid({shown})", values, expected, rtol=1e-5, atol=1e-7, hint=hint)
        if got.dtype != np.float32:
            c.fail(
                f"sigmoid({shown}) has dtype {got.dtype}.",
                expected="float32",
                got=got.dtype,
                hint=SIGMOID_FLOAT64 if got.dtype == np.float64 else None,
            )
        c.ok()
    c.done()


# ---- 3. gradient_descent_step ----


def check_gradient_descent_step(
    fn: Callable, shapes: Sequence[tuple[int, ...]] = ((2, 3), (4,)), learning_rate: float = 0.1, seed: int = 0
) -> None:
    """``gradient_descent_step(w0, x, learning_rate) -> (w, dJ_dw)``: J(w) = sum((w - x)**2); w a
    float32 tf.Variable made from w0, changed in place by one step of gradient descent, and the
    gradient at w0, 2 (w0 - x), from the tape (float32)."""
    c = Checker("gradient_descent_step")
    rng = np.random.default_rng(seed)
    for shape in shapes:
        w0, x = rng.standard_normal(shape), rng.standard_normal(shape)
        result = call_naming_errors(
            c,
            fn,
            w0,
            x,
            learning_rate,
            errors=(("has no attribute 'assign", CONSTANT_NOT_ASSIGNABLE), ("NoneType", GRADIENT_NONE)),
        )
        w, gradient = unpack(
            c,
            result,
            2,
            "it should return two things.",
            expected="(w, dJ_dw): the Variable after the step and the gradient",
        )
        if gradient is None:
            c.fail("the gradient is None.", hint=GRADIENT_NONE)
        if not plain(fn):
            if is_variable(gradient) and not is_variable(w):
                c.fail("the Variable came back second.", hint=STEP_RETURN_ORDER)
            if is_tensor(w) and not is_variable(w):
                c.fail("w is a tensor, not a tf.Variable.", hint=W_REBOUND)
            if not is_variable(w):
                c.fail(f"w is a {type(w).__name__}, not a tf.Variable.", hint=NOT_A_TENSOR)
            expect_tensor(c, fn, gradient, "the gradient")
        w_got, g_got = as_array(c, w, "w"), as_array(c, gradient, "the gradient")
        w32, x32 = (a.astype(np.float32).astype(np.float64) for a in (w0, x))
        g_expected = 2 * (w32 - x32)
        w_expected = w32 - learning_rate * g_expected
        g_values = g_got.astype(np.float64) if np.issubdtype(g_got.dtype, np.number) else g_got
        w_values = w_got.astype(np.float64) if np.issubdtype(w_got.dtype, np.number) else w_got
        swapped = matching_mistake((w_values, g_values), ((STEP_RETURN_ORDER, (g_expected, w_expected)),), atol=1e-6)
        if swapped:  # out of the kernel, where both are plain arrays: told apart by their values
            c.fail("the gradient came back first, w second.", hint=swapped)
        c.expect_close(
            "the gradient",
            g_values,
            g_expected,
            rtol=1e-5,
            atol=1e-6,
            hint=matching_mistake(g_values, ((GRADIENT_OF_X, -g_expected),), rtol=1e-5, atol=1e-6),
        )
        hint = matching_mistake(
            w_values,
            ((W_NOT_MOVED, w32), (GRADIENT_ASCENT, w32 + learning_rate * g_expected)),
            rtol=1e-5,
            atol=1e-6,
        )
        c.expect_close("w after the step", w_values, w_expected, rtol=1e-5, atol=1e-6, hint=hint)
        for name, value in (("w", w_got), ("the gradient", g_got)):
            if value.dtype != np.float32:
                c.fail(f"{name} has dtype {value.dtype}.", expected="float32", got=value.dtype, hint=W_FLOAT64)
        c.ok()
    c.done()


# ---- 4. normalize ----


def digit_like_images(m: int, shape: tuple[int, int], rng: np.random.Generator) -> Array:
    """m random 8-bit images, with many 0 and 255 pixels as in scanned digits."""
    images = rng.integers(0, 256, size=(m, *shape)).astype(np.uint8)
    images[rng.random(images.shape) < 0.3] = 0
    images[rng.random(images.shape) < 0.1] = 255
    return images


def check_normalize(
    fn: Callable, cases: Sequence[tuple[int, tuple[int, int]]] = ((5, (8, 8)), (3, (4, 6))), seed: int = 0
) -> None:
    """``normalize(images)``: uint8 images (m, h, w) to float32 (h * w, m) in [0, 1], one column per image."""
    c = Checker("normalize")
    rng = np.random.default_rng(seed)
    for m, shape in cases:
        images = digit_like_images(m, shape, rng)
        rows = images.reshape(m, -1)
        expected = rows.T.astype(np.float64) / 255
        got = as_array(c, c.call_on_copies(fn, images), "the return value")
        if got.shape == (m, rows.shape[1]) and got.shape != expected.shape:
            c.fail("the result has the wrong shape.", expected=expected.shape, got=got.shape, hint=NORMALIZE_TRANSPOSED)
        if got.shape != expected.shape:
            c.fail(
                "the result has the wrong shape.",
                expected=f"{expected.shape} (pixels, m)",
                got=got.shape,
                hint=NORMALIZE_TRANSPOSED,
            )
        if not np.issubdtype(got.dtype, np.number):
            c.fail("the result is not numeric.", got=got.dtype)
        values = got.astype(np.float64)
        if np.array_equal(values, rows.T // 255) or np.array_equal(values, np.floor(expected)):
            c.fail(
                "nearly every pixel came out 0.",
                expected="values between 0 and 1",
                got=f"only {sorted(set(np.unique(values).tolist()))}",
                hint=INTEGER_DIVISION,
            )
        if np.allclose(values, rows.T) and images.max() > 1:
            c.fail(
                "the pixels are not scaled.",
                expected="values between 0 and 1",
                got=f"values up to {values.max():g}",
                hint=NOT_SCALED,
            )
        if np.allclose(values, images.reshape(rows.shape[1], m) / 255, rtol=1e-6) and not np.allclose(values, expected):
            c.fail("each column mixes pixels of several images.", hint=NORMALIZE_SCRAMBLED)
        c.expect_close("the normalized images", values, expected, rtol=1e-6, atol=1e-7)
        if got.dtype != np.float32:
            c.fail(
                f"the result has dtype {got.dtype}.",
                expected="float32, TensorFlow's default float",
                got=got.dtype,
                hint=NOT_CAST,
            )
        c.ok()
    c.done()


# ---- 5. one_hot_matrix ----


def check_one_hot_matrix(
    fn: Callable,
    cases: Sequence[tuple[Sequence[int], int]] = (([1, 0, 3, 2, 3], 4), ([2, 0, 1], 5)),
    seed: int | None = None,
) -> None:
    """``one_hot_matrix(labels, depth)``: (depth, m) float32, column i the one-hot of labels[i]."""
    c = Checker("one_hot_matrix")
    cases = list(cases)
    if seed is not None:
        rng = np.random.default_rng(seed)
        cases.append((rng.integers(0, 10, size=17).tolist(), 10))
    for labels, depth in cases:
        labels = np.asarray(labels, dtype=np.int64)
        expected = (np.arange(depth)[:, None] == labels[None, :]).astype(np.float64)
        got = as_array(c, c.call_on_copies(fn, labels, depth), f"one_hot_matrix({labels.tolist()}, {depth})")
        if got.shape == expected.T.shape and got.shape != expected.shape:
            c.fail(
                "the result has the wrong shape.",
                expected=f"{expected.shape} (depth, m)",
                got=got.shape,
                hint=ONE_HOT_AXIS,
            )
        if got.ndim == 3 or got.shape == (depth, 1, len(labels)) or got.shape == (len(labels), 1, depth):
            c.fail(
                "the result has an extra axis.",
                expected=expected.shape,
                got=got.shape,
                hint="give tf.one_hot the labels as a vector of shape (m,).",
            )
        c.expect_close(
            f"one_hot_matrix({labels.tolist()}, {depth})",
            got,
            expected,
            rtol=0,
            atol=0,
            hint=ONE_HOT_AXIS
            if got.shape == expected.shape and np.array_equal(got.reshape(expected.T.shape), expected.T)
            else None,
        )
        if got.dtype != np.float32:
            c.fail(
                f"the result has dtype {got.dtype}.",
                expected="float32 (tf.one_hot's default), the dtype of the logits it is compared with",
                got=got.dtype,
            )
        c.ok()
    c.done()


# ---- 6. initialize_parameters ----

# Big enough that every W has >= 20,000 entries: a spread measured within ~1%, a kurtosis within ~0.05.
STATS_DIMS = (300, 200, 100)

ONE_SEED_FOR_ALL = (
    "every layer was drawn with the same seed: give each layer its own one (derived from seed and l), or two layers"
    " of the same shape start identical and stay alike."
)
HE = "that is He's sqrt(2/fan_in) (HeNormal); Glorot averages the two fans: sqrt(2/(n_(l-1) + n_l))."
LECUN = "that is sqrt(1/fan_in) (LecunNormal, 'Xavier' in the course); Glorot-normal uses sqrt(2/(n_(l-1) + n_l))."

# Keras reads a shape as (fan_in, fan_out): given the course's (n_l, n_(l-1)), its He and LeCun use n_l.
GLOROT_MISTAKES: list[tuple[str, Callable[[int, int], float]]] = [
    (HE, lambda n, p: np.sqrt(2 / p)),
    (HE, lambda n, p: np.sqrt(2 / n)),
    (LECUN, lambda n, p: np.sqrt(1 / p)),
    (LECUN, lambda n, p: np.sqrt(1 / n)),
    ("the spread is 1: use tf.keras.initializers.GlorotNormal, not a plain normal.", lambda n, p: 1.0),
    ("that is 2/(n_(l-1) + n_l): take its square root.", lambda n, p: 2 / (n + p)),
]


def check_parameter_structure(
    c: Checker, fn: Callable, parameters: Any, layer_dims: Sequence[int], initial: bool = True
) -> dict[str, Array]:
    """A dict W1, b1, ... of the right shapes, float32, variables (in the kernel), biases zero when ``initial``."""
    c.expect_type("the return value", parameters, dict)
    L = len(layer_dims) - 1
    keys = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    c.expect_keys(
        parameters,
        keys,
        what=f"the dictionary for layer_dims={list(layer_dims)}",
        hint=f"one W and one b per layer after the input: l = 1 ... {L}.",
    )
    arrays = {}
    for key in keys:
        value = parameters[key]
        if not plain(fn) and not is_variable(value):
            c.fail(
                f"{key} is a {type(value).__name__}, not a tf.Variable.",
                expected="tf.Variable(...)",
                hint="wrap each initial value in tf.Variable so that GradientTape watches it and the optimizer can update it.",
            )
        arrays[key] = as_array(c, value, key)
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W, b = arrays[f"W{l}"], arrays[f"b{l}"]
        if W.shape == (n_prev, n) and n != n_prev:
            c.fail(
                f"W{l} has the wrong shape.",
                expected=(n, n_prev),
                got=W.shape,
                hint=f"W{l} has shape (n_l, n_(l-1)) = (layer_dims[{l}], layer_dims[{l - 1}]).",
            )
        if W.shape != (n, n_prev):
            c.fail(f"W{l} has the wrong shape.", expected=(n, n_prev), got=W.shape)
        if b.shape != (n, 1):
            c.fail(
                f"b{l} has the wrong shape.",
                expected=(n, 1),
                got=b.shape,
                hint=f"b{l} is a column: shape ({n}, 1)." if b.shape == (n,) else None,
            )
        for key, value in ((f"W{l}", W), (f"b{l}", b)):
            if value.dtype != np.float32:
                c.fail(
                    f"{key} has dtype {value.dtype}.",
                    expected="float32",
                    got=value.dtype,
                    hint="TensorFlow's initializers and tf.zeros give float32; NumPy gives float64.",
                )
        if initial and np.any(b != 0):
            c.fail(
                f"b{l} is not all zeros.",
                expected="zeros",
                got=f"values from {b.min():.3g} to {b.max():.3g}",
                hint=RANDOM_BIASES,
            )
        c.ok()
    return arrays


def check_initialize_parameters(
    fn: Callable, seed: int = 1, layer_dims: Sequence[int] = STATS_DIMS, small: Sequence[int] = (4, 3, 2)
) -> None:
    """``initialize_parameters(layer_dims, seed)``: Glorot-normal W (std sqrt(2/(n_(l-1) + n_l)), a
    normal or Keras's truncated normal), zero b, float32 tf.Variables; a seed reproduces them."""
    c = Checker("initialize_parameters")
    check_parameter_structure(c, fn, c.call(fn, list(small), seed), small)
    # Two layers of the same shape: one seed for every layer would start them identical.
    twins = (3, 5, 5, 5, 2)
    same_shape = check_parameter_structure(c, fn, c.call(fn, list(twins), seed), twins)
    if np.array_equal(same_shape["W2"], same_shape["W3"]):
        c.fail(
            f"W2 and W3 (both 5 x 5, layer_dims={list(twins)}) start identical.",
            expected="different weights in every layer",
            hint=ONE_SEED_FOR_ALL,
        )
    c.ok()
    first = check_parameter_structure(c, fn, c.call(fn, list(layer_dims), seed), layer_dims)
    second = check_parameter_structure(c, fn, c.call(fn, list(layer_dims), seed), layer_dims)
    other = check_parameter_structure(c, fn, c.call(fn, list(layer_dims), seed + 1), layer_dims)
    weights = [k for k in first if k.startswith("W")]
    expect_reproducible(
        c,
        first,
        second,
        f"two calls with seed={seed} gave different weights.",
        SEED_UNUSED,
        same=lambda a, b: all(np.array_equal(a[k], b[k]) for k in weights),
        other=other,
        ignored=f"seed={seed} and seed={seed + 1} gave identical weights.",
        ignored_hint=SEED_IGNORED,
    )
    c.ok()
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W = first[f"W{l}"].astype(np.float64)
        std, N = np.sqrt(2 / (n + n_prev)), W.size
        got_mean, got_std = float(W.mean()), float(W.std())
        if got_std == 0:
            c.fail(f"W{l} is constant.", expected=f"random values with std {std:.4g}")
        if abs(got_mean) > 6 * got_std / np.sqrt(N):
            c.fail(f"W{l} is not centred on zero.", expected="mean ≈ 0", got=f"mean {got_mean:.4g}")
        tolerance = 6 / np.sqrt(2 * N) + 0.01
        if abs(got_std / std - 1) > tolerance:
            hint = matching_mistake(
                got_std, ((h, wrong(n, n_prev)) for h, wrong in GLOROT_MISTAKES), close=within_ratio(tolerance)
            )
            c.fail(
                f"W{l} has the wrong spread (n_(l-1)={n_prev}, n_l={n}).",
                expected=f"standard deviation ≈ {std:.4g} = sqrt(2/(n_(l-1) + n_l))",
                got=f"{got_std:.4g}",
                hint=hint,
            )
        # A normal has kurtosis 3, Keras's normal truncated at two standard deviations 2.36, a uniform 1.8.
        kurtosis = float(np.mean((W - got_mean) ** 4) / got_std**4)
        if not 2.36 - 6 * np.sqrt(24 / N) - 0.05 <= kurtosis <= 3 + 6 * np.sqrt(24 / N) + 0.05:
            c.fail(
                f"W{l} does not look normally distributed (kurtosis {kurtosis:.2f}: a normal's is 3, a uniform's 1.8).",
                hint="that looks like Glorot-uniform: the notebook asks for GlorotNormal." if kurtosis < 2.2 else None,
            )
        c.ok()
    c.done()


# ---- 7. forward_propagation ----


def random_parameters(layer_dims: Sequence[int], rng: np.random.Generator) -> dict[str, Array]:
    """Float32 parameters with non-zero biases, so that a forgotten bias shows."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (
            rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])
        ).astype(np.float32)
        parameters[f"b{l}"] = (0.3 * rng.standard_normal((layer_dims[l], 1))).astype(np.float32)
    return parameters


def reference_forward(X: Array, parameters: dict[str, Array], relu_output: bool = False) -> Array:
    """LINEAR -> RELU for each hidden layer, then LINEAR: the logits, in float64."""
    L = len(parameters) // 2
    A = X.astype(np.float64)
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"].astype(np.float64) @ A + parameters[f"b{l}"].astype(np.float64)
        A = np.maximum(Z, 0) if l < L or relu_output else Z
    return A


def check_forward_propagation(
    fn: Callable, cases: Sequence[Sequence[int]] = ((6, 5, 4, 3),), m: int = 7, seed: int = 0
) -> None:
    """``forward_propagation(X, parameters)``: the logits Z_L, (classes, m), for any number of layers."""
    c = Checker("forward_propagation")
    rng = np.random.default_rng(seed)
    for layer_dims in cases:
        parameters = random_parameters(layer_dims, rng)
        X = rng.random((layer_dims[0], m)).astype(np.float32)
        expected = reference_forward(X, parameters)
        got = as_array(c, c.call_on_copies(fn, X, parameters), "the logits")
        if got.shape == expected.T.shape and got.shape != expected.shape:
            c.fail(
                "the logits have the wrong shape.",
                expected=f"{expected.shape} (classes, m)",
                got=got.shape,
                hint="Z = W @ A + b keeps one column per example: W first, then the activations.",
            )
        if got.shape != expected.shape:
            c.fail(
                "the logits have the wrong shape.",
                expected=f"{expected.shape} (classes, m) for layer_dims={list(layer_dims)}",
                got=got.shape,
                hint="loop over every layer: L = len(parameters) // 2.",
            )
        values = got.astype(np.float64)
        hint = matching_mistake(
            values,
            ((RELU_OUTPUT, reference_forward(X, parameters, relu_output=True)), (SOFTMAX_OUTPUT, softmax(expected))),
            rtol=1e-4,
            atol=1e-5,
        )
        c.expect_close(
            f"the logits for layer_dims={list(layer_dims)}", values, expected, rtol=1e-4, atol=1e-5, hint=hint
        )
    c.done()


# ---- 8. softmax ----


def softmax_mistakes(Z: Array) -> list[tuple[str, Array]]:
    """The classic mistakes' softmax of ``Z``, as (hint, value); nan and inf where they overflow."""
    with np.errstate(all="ignore"):
        rows = softmax(Z, axis=1)
        whole = np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum()
        no_exp = Z / Z.sum(axis=0, keepdims=True)
        shifted = Z - Z.max(axis=0, keepdims=True)
        no_exp_shifted = shifted / shifted.sum(axis=0, keepdims=True)
        no_max = np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True)
        global_max = np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(axis=0, keepdims=True)
    return [
        (SOFTMAX_ROWS, rows),
        (SOFTMAX_WHOLE, whole),
        (SOFTMAX_NO_EXP, no_exp),
        (SOFTMAX_NO_EXP, no_exp_shifted),
        (SOFTMAX_GLOBAL_MAX, global_max),  # first: where both give nan (a column far below), this is the one to name
        (SOFTMAX_OVERFLOW, no_max),
    ]


def softmax_cases(seed: int) -> list[tuple[str, Array]]:
    """Small logits (the axis and the formula), logits near 1000 (overflow without the max), and
    columns a thousand apart (each column needs its own max), as (what, Z)."""
    rng = np.random.default_rng(seed)
    large = 1000 + 3 * rng.standard_normal((3, 5))
    apart = 2 * rng.standard_normal((4, 3)) + np.array([[0.0, -1000.0, 5.0]])
    return [
        ("logits of shape (4, 6)", 2 * rng.standard_normal((4, 6))),
        ("logits of shape (5, 5)", 3 * rng.standard_normal((5, 5))),
        ("logits near 1000", large),
        ("columns a thousand apart", apart),
    ]


def check_softmax(fn: Callable, seed: int = 0) -> None:
    """``softmax(Z)``: each column's softmax, exp(z - max z) / sum(exp(z - max z)), for logits of any
    size: near 1000 (where exp overflows) and columns a thousand apart (where one max for all underflows)."""
    c = Checker("softmax")
    for what, Z in softmax_cases(seed):
        got = as_array(c, c.call_on_copies(fn, Z), f"softmax of {what}")
        expected = softmax(Z, axis=0)
        if got.shape != expected.shape:
            c.fail(f"softmax of {what} has the wrong shape.", expected=expected.shape, got=got.shape)
        if not np.issubdtype(got.dtype, np.number):
            c.fail(f"softmax of {what} is not numeric.", got=got.dtype)
        values = got.astype(np.float64)
        if np.allclose(values, expected, rtol=1e-6, atol=1e-9):
            c.ok()
            continue
        hint = matching_mistake(
            values,
            softmax_mistakes(Z),
            close=lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9, equal_nan=True),
        )
        if hint is None and not np.all(np.isfinite(values)):
            hint = SOFTMAX_OVERFLOW if what == "logits near 1000" else SOFTMAX_GLOBAL_MAX
        if not np.all(np.isfinite(values)):
            column = int(np.argwhere(~np.isfinite(values))[0][1])
            c.fail(
                f"softmax of {what} contains nan or inf (column {column}).",
                expected=f"column {column}: {np.array2string(expected[:, column], precision=4)}",
                got=np.array2string(values[:, column], precision=4),
                hint=hint,
            )
        c.expect_close(f"softmax of {what}", values, expected, rtol=1e-6, atol=1e-9, hint=hint)
    c.done()


# ---- 9. compute_total_loss ----


def total_cross_entropy(logits: Array, labels: Array) -> float:
    """The summed categorical cross-entropy of (classes, m) logits and one-hot labels."""
    return float(-np.sum(labels * log_softmax(logits.astype(np.float64), axis=0)))


def keras_probability_loss(outputs: Array, labels: Array, axis: int = 0) -> Array:
    """What Keras's categorical_crossentropy computes per example without from_logits=True: it
    rescales its input to sum to 1, clips to [1e-7, 1 - 1e-7], then -sum(labels * log) (float32)."""
    outputs = outputs.astype(np.float32)
    probabilities = np.clip(outputs / outputs.sum(axis=axis, keepdims=True), np.float32(1e-7), np.float32(1 - 1e-7))
    return -np.sum(labels * np.log(probabilities), axis=axis)


def loss_mistakes(logits: Array, labels: Array) -> dict[str, list[float]]:
    """The totals each classic mistake gives, as the hint -> candidate values."""
    m = logits.shape[1]
    with np.errstate(all="ignore"):
        probability_path = float(np.sum(keras_probability_loss(logits, labels)))
        double_softmax = total_cross_entropy(softmax(logits.astype(np.float64)), labels)
        transposed = float(-np.sum(labels * log_softmax(logits.astype(np.float64), axis=1)))
        transposed_probability = float(np.sum(keras_probability_loss(logits, labels, axis=1)))
    return {
        FROM_LOGITS: [probability_path, probability_path / m, double_softmax, double_softmax / m],
        LOSS_TRANSPOSED: [transposed, transposed / logits.shape[0], transposed / m, transposed_probability],
        LOSS_MEAN: [total_cross_entropy(logits, labels) / m],
    }


def check_compute_total_loss(fn: Callable, cases: Sequence[tuple[int, int]] = ((4, 6), (3, 5)), seed: int = 0) -> None:
    """``compute_total_loss(logits, labels)``: the categorical cross-entropy from logits, summed over the examples."""
    c = Checker("compute_total_loss")
    rng = np.random.default_rng(seed)
    for classes, m in cases:
        logits = (2 * rng.standard_normal((classes, m))).astype(np.float32)
        labels = np.eye(classes, dtype=np.float32)[:, rng.integers(0, classes, size=m)]
        expected = total_cross_entropy(logits, labels)
        result = as_array(c, c.call_on_copies(fn, logits, labels), "the loss")
        if result.size in (m, classes) and result.size > 1:
            total = float(result.astype(np.float64).sum())
            per_example = result.size == m and abs(total - expected) <= 1e-4 * abs(expected)
            c.fail(
                f"the loss is an array of shape {result.shape}, not one number.",
                expected=f"{expected:.6g}",
                hint=LOSS_PER_EXAMPLE
                if per_example
                else LOSS_TRANSPOSED
                if result.size == classes
                else LOSS_PER_EXAMPLE,
            )
        got = as_number(
            c,
            result.astype(np.float64).reshape(()) if result.size == 1 else result,
            "the loss",
            hint="return one number: tf.reduce_sum of the per-example losses.",
        )
        if abs(got - expected) > 1e-4 * abs(expected) + 1e-5:
            hint = matching_mistake(
                got,
                ((h, v) for h, values in loss_mistakes(logits, labels).items() for v in values),
                rtol=1e-3,
                atol=1e-5,
            )
            c.fail(
                f"wrong loss for {classes} classes and {m} examples.",
                expected=f"{expected:.6g}",
                got=f"{got:.6g}",
                hint=hint,
            )
        c.ok()
    c.done()


# ---- 10. train_model ----


def blobs(
    m: int, n_x: int, classes: int, rng: np.random.Generator, centres: Array | None = None
) -> tuple[Array, Array, Array]:
    """``m`` points around ``classes`` well-separated centres in ``n_x`` dimensions: X (n_x, m)
    float32, one-hot Y (classes, m) float32, and the centres."""
    if centres is None:
        centres = 3 * rng.standard_normal((n_x, classes))
    labels = np.arange(m) % classes
    X = centres[:, labels] + 0.6 * rng.standard_normal((n_x, m))
    return X.astype(np.float32), np.eye(classes, dtype=np.float32)[:, labels], centres


def numpy_accuracy(X: Array, Y: Array, parameters: dict[str, Array]) -> float:
    return float(np.mean(np.argmax(reference_forward(X, parameters), axis=0) == np.argmax(Y, axis=0)))


def check_train_model(
    fn: Callable,
    compute_total_loss: Callable | None = None,
    forward_propagation: Callable | None = None,
    seed: int = 0,
    epochs: int = 8,
    layer_dims: Sequence[int] = (4, 8, 8, 3),
    twice: bool = True,
) -> None:
    """``train_model(X_train, Y_train, X_dev, Y_dev, layer_dims, learning_rate, num_epochs, minibatch_size, seed)``
    on three well-separated clusters: a cost and two accuracies per epoch (train and dev), the cost the average loss
    per example, accuracies those of the parameters returned, learning, and (``twice``, the visible check) a seed
    that reproduces it and the pipeline the text states: Adam, the examples reshuffled every epoch, then batched.
    When it fails, ``compute_total_loss`` and ``forward_propagation`` (the student's, when given) are
    checked: train_model is built on them, and a wrong one is named as the function to fix first."""
    c = Checker("train_model")
    try:
        _judge_training(c, fn, seed, epochs, layer_dims, twice)
    except CheckFailed as failure:
        if failure.problem == "not written yet.":
            raise
        # A wrong loss or forward pass makes a correct loop fail too: name the function to fix first.
        for name, helper, check in (
            ("forward_propagation", forward_propagation, check_forward_propagation),
            ("compute_total_loss", compute_total_loss, check_compute_total_loss),
        ):
            if helper is not None:
                try:
                    with contextlib.redirect_stdout(io.StringIO()):  # its own green line belongs to its own cell
                        check(helper)
                except AssertionError:
                    c.fail(
                        f"it calls your {name}, which fails its own check above.",
                        hint=f"fix {name} first; this check then runs again.",
                    )
        raise
    c.done()


def _judge_training(c: Checker, fn: Callable, seed: int, epochs: int, layer_dims: Sequence[int], twice: bool) -> None:
    rng = np.random.default_rng(seed)
    n_x, classes = layer_dims[0], layer_dims[-1]
    X_train, Y_train, centres = blobs(128, n_x, classes, rng)  # 8 full mini-batches of 16: one trace of a tf.function
    X_dev, Y_dev, _ = blobs(60, n_x, classes, rng, centres)
    data, layers = (X_train, Y_train, X_dev, Y_dev), list(layer_dims)
    settings = dict(learning_rate=0.01, num_epochs=epochs, minibatch_size=16, seed=3)

    def train() -> tuple:
        result = c.call(fn, *copied(data), layers, **settings)
        return unpack(
            c,
            result,
            4,
            "it should return four things.",
            expected="(parameters, costs, train_acc, dev_acc)",
            got=type_and_length(result, "of length"),
        )

    parameters, costs, train_acc, dev_acc = train()
    if not isinstance(parameters, dict):
        c.fail("the first thing returned is not the parameters dictionary.", got=type(parameters).__name__)
    arrays = check_parameter_structure(c, fn, parameters, layer_dims, initial=False)
    with judging(c):
        curves = {
            name: np.asarray([float(np.asarray(v)) for v in values], dtype=float)
            for name, values in (("costs", costs), ("train_acc", train_acc), ("dev_acc", dev_acc))
        }
    for name, values in curves.items():
        if values.shape != (epochs,):
            c.fail(f"{name} has {values.size} entries for num_epochs={epochs}.", expected=f"{epochs}, one per epoch")
        if not np.all(np.isfinite(values)):
            c.fail(f"{name} contains inf or nan.")
    c.ok()
    for name, X, Y in (("train_acc", X_train, Y_train), ("dev_acc", X_dev, Y_dev)):
        expected = numpy_accuracy(X, Y, arrays)
        if abs(curves[name][-1] - expected) > 1.5 / X.shape[1]:
            c.fail(
                f"{name}[-1] is not the accuracy of the parameters returned.",
                expected=f"{expected:.3f}",
                got=f"{curves[name][-1]:.3f}",
                hint="after each epoch, compare the argmax of the logits with the argmax of the labels on the whole set.",
            )
    c.ok()
    if not (curves["train_acc"][-1] >= 0.9 and curves["costs"][-1] < curves["costs"][0]):
        c.fail(
            f"it does not learn three well-separated clusters in {epochs} epochs.",
            expected="train accuracy ≥ 0.9 and a falling cost",
            got=f"accuracy {curves['train_acc'][-1]:.2f}, cost {curves['costs'][0]:.3g} → {curves['costs'][-1]:.3g}",
            hint="each mini-batch: the loss under tf.GradientTape, its gradients, then optimizer.apply_gradients.",
        )
    final_loss = total_cross_entropy(reference_forward(X_train, arrays), Y_train) / X_train.shape[1]
    if not 0.5 * final_loss <= curves["costs"][-1] <= 3 * final_loss + 0.2:
        c.fail(
            "the last epoch's cost is not the average loss per example.",
            expected=f"about {final_loss:.3g} (the returned parameters' loss)",
            got=f"{curves['costs'][-1]:.3g}",
            hint="add up the mini-batches' total losses over the epoch, then divide by m, the number of examples.",
        )
    c.ok()
    if not twice:
        return
    again = train()
    with judging(c):
        expect_reproducible(
            c,
            curves["costs"],
            again[1],
            "two runs with the same seed gave different costs.",
            "initialize with the seed argument and shuffle with it too: dataset.shuffle(buffer_size, seed=seed).",
            same=lambda costs, again: np.allclose([float(np.asarray(v)) for v in again], costs, rtol=1e-5, atol=1e-7),
        )
    c.ok()
    _judge_pipeline(c, fn, seed, layer_dims)


NOT_ADAM = "that is plain gradient descent (SGD): train with tf.keras.optimizers.Adam(learning_rate), as the text says."
NO_SHUFFLE = (
    "the mini-batches come in the data's own order every epoch: shuffle the examples, with the seed, before batching."
)
BATCHES_SHUFFLED = (
    "the mini-batches are shuffled, not the examples: every epoch has the same batches (columns 0-15, 16-31, ...) in"
    " another order. Shuffle first, then batch."
)
SHUFFLED_ONCE = (
    "every epoch sees the same mini-batches: the examples were shuffled once, not at every epoch. A tf.data shuffle"
    " (with its default reshuffle_each_iteration=True) on the dataset you loop over draws a new order each epoch."
)


def _numpy_gradients(parameters: list[Array], X: Array, Y: Array) -> list[Array]:
    """Gradients of the summed softmax cross-entropy of ``reference_forward``'s network (W1, b1, W2, ...)."""
    L = len(parameters) // 2
    activations, pre = [X], []
    for l in range(L):
        W, b = parameters[2 * l], parameters[2 * l + 1]
        Z = W @ activations[-1] + b
        pre.append(Z)
        activations.append(np.maximum(Z, 0) if l < L - 1 else Z)
    dZ = softmax(activations[-1]) - Y
    grads: list[Array] = [np.empty(0)] * (2 * L)
    for l in reversed(range(L)):
        grads[2 * l], grads[2 * l + 1] = dZ @ activations[l].T, dZ.sum(axis=1, keepdims=True)
        if l:
            dZ = (parameters[2 * l].T @ dZ) * (pre[l - 1] > 0)
    return grads


def _replay(
    initial: list[Array], X: Array, Y: Array, batches: Sequence[Array], learning_rate: float, adam: bool
) -> list[Array]:
    """The parameters after one step per mini-batch (column indices), with Keras's Adam or plain gradient descent."""
    params = [p.astype(np.float64) for p in initial]
    v = [np.zeros_like(p) for p in params]
    s = [np.zeros_like(p) for p in params]
    for t, batch in enumerate(batches, start=1):
        grads = _numpy_gradients(params, X[:, batch], Y[:, batch])
        for i, g in enumerate(grads):
            if adam:
                v[i] += (g - v[i]) * 0.1
                s[i] += (g * g - s[i]) * 0.001
                step = learning_rate * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
                params[i] = params[i] - step * v[i] / (np.sqrt(s[i]) + 1e-7)
            else:
                params[i] = params[i] - learning_rate * g
    return params


def _matches(got: list[Array], replayed: list[Array], learning_rate: float) -> bool:
    """Whether the student's parameters are the replay's (float32 rounding apart; a different order or optimizer
    moves most entries by about the learning rate)."""
    diffs = np.concatenate([np.abs(g - r).ravel() for g, r in zip(got, replayed)])
    return bool(np.mean(diffs < 0.02 * learning_rate) >= 0.9)


def _judge_pipeline(c: Checker, fn: Callable, seed: int, layer_dims: Sequence[int]) -> None:
    """Adam, examples shuffled at every epoch, then batched: replayed in NumPy from the initial parameters, with
    the optimizer and batch orders every classic mistake gives. Three calls of ``fn``, each one trace of its step."""
    rng = np.random.default_rng(seed + 1)
    n_x, classes = layer_dims[0], layer_dims[-1]
    X, Y, centres = blobs(64, n_x, classes, rng)  # 4 mini-batches of 16: every order of them can be replayed
    X_dev, Y_dev, _ = blobs(12, n_x, classes, rng, centres)
    X_many, Y_many, _ = blobs(256, n_x, classes, rng, 4 * centres)
    rate, size = 0.01, 16
    keys = [f"{p}{l}" for l in range(1, len(layer_dims)) for p in ("W", "b")]

    def run(data: tuple[Array, Array], epochs: int, minibatch_size: int, learning_rate: float) -> tuple:
        result = c.call(
            fn,
            *copied((*data, X_dev, Y_dev)),
            list(layer_dims),
            learning_rate=learning_rate,
            num_epochs=epochs,
            minibatch_size=minibatch_size,
            seed=3,
        )
        with judging(c):
            parameters, costs = result[0], result[1]
            return [np.asarray(parameters[k], dtype=np.float64) for k in keys], [float(np.asarray(v)) for v in costs]

    # No learning: the parameters stay the initial ones (what every replay starts from), and each epoch's cost is
    # the same sum of losses grouped by its batches. Float rounding differs between two groupings (16 batches of
    # float32 sums), so identical costs in all ten epochs mean identical batches (judged at the end).
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            initial, costs = run((X_many, Y_many), 10, size, learning_rate=0.0)
    except CheckFailed:
        return  # nothing to replay from (the checks above judged the function)
    # One mini-batch holding every example: the order cannot matter, only the optimizer.
    whole = [np.arange(64)] * 2
    got, _ = run((X, Y), 2, 64, rate)
    if not _matches(got, _replay(initial, X, Y, whole, rate, adam=True), rate) and _matches(
        got, _replay(initial, X, Y, whole, rate, adam=False), rate
    ):
        c.fail("it does not train with Adam.", expected="Adam's steps", got="plain gradient descent's", hint=NOT_ADAM)
    c.ok()
    # Two epochs of four mini-batches: the examples' blocks in every order the two epochs can take (with one epoch,
    # shuffled batches keep the data's order one time in 24, and would be named unshuffled).
    got, _ = run((X, Y), 2, size, rate)
    blocks = [np.arange(k * size, (k + 1) * size) for k in range(4)]
    for first, second in itertools.product(itertools.permutations(range(4)), repeat=2):
        if _matches(got, _replay(initial, X, Y, [blocks[k] for k in first + second], rate, adam=True), rate):
            in_order = first == second == (0, 1, 2, 3)
            c.fail(
                "its mini-batches are not drawn from shuffled examples.",
                expected="each epoch, a new order of the examples, cut into mini-batches",
                got="the data's own order" if in_order else "the same batches in a shuffled order",
                hint=NO_SHUFFLE if in_order else BATCHES_SHUFFLED,
            )
    c.ok()
    # Shuffled, but once: the learning-rate-0 run's epochs all had the same batches (judged last, since data never
    # shuffled has that too, and its own message above).
    if len(costs) == 10 and len(set(costs)) == 1:
        c.fail("every epoch trains on the same mini-batches.", hint=SHUFFLED_ONCE)
    c.ok()


# ---- 11. adam_step ----


def adam_reference(
    variable: Array,
    gradient: Array,
    v: Array,
    s: Array,
    t: int,
    learning_rate: float,
    beta1: float,
    beta2: float,
    epsilon: float,
    keras_epsilon: bool = False,
    bias_correction: bool = True,
    epsilon_place: str = "denominator",
) -> tuple[Array, Array, Array]:
    """One Adam step in float64: the week-2 formula, or Keras's (epsilon added to sqrt(v) before the
    bias correction of the step, ``keras_epsilon``), or one of the classic mistakes. ``v`` and ``s`` are
    the first and second moments, as the Optimization notebook names them (Keras: m and v)."""
    variable, gradient, v, s = (np.asarray(a, dtype=np.float64) for a in (variable, gradient, v, s))
    v = beta1 * v + (1 - beta1) * gradient
    s = beta2 * s + (1 - beta2) * gradient**2
    if keras_epsilon:
        step = learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t) * v / (np.sqrt(s) + epsilon)
        return variable - step, v, s
    v_hat, s_hat = (v / (1 - beta1**t), s / (1 - beta2**t)) if bias_correction else (v, s)
    if epsilon_place == "inside":
        step = v_hat / np.sqrt(s_hat + epsilon)
    elif epsilon_place == "outside":
        step = v_hat / np.sqrt(s_hat) + epsilon
    else:
        step = v_hat / (np.sqrt(s_hat) + epsilon)
    return variable - learning_rate * step, v, s


ADAM_MISTAKES = {
    NO_BIAS_CORRECTION: dict(bias_correction=False),
    EPSILON_INSIDE: dict(epsilon_place="inside"),
    EPSILON_OUTSIDE: dict(epsilon_place="outside"),
}


def check_adam_step(
    fn: Callable, steps: int = 4, shape: tuple[int, int] = (3, 4), seed: int = 0, settings: dict | None = None
) -> None:
    """``adam_step(variable, gradient, v, s, t, learning_rate, beta1, beta2, epsilon) -> (variable, v, s)``,
    ``steps`` steps in a row from v = s = 0, each fed what the previous one returned. Every call gets
    all nine arguments, epsilon too (so a default is never what is judged): 0.01 unless ``settings``
    say otherwise, large next to the gradients (about 0.01), so that where it goes shows. NumPy
    arrays go in; what comes back may be tensors or arrays (both are read as arrays)."""
    c = Checker("adam_step")
    settings = dict(learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=0.01) | (settings or {})
    rng = np.random.default_rng(seed)
    variable = rng.standard_normal(shape).astype(np.float32)
    v, s = np.zeros(shape, np.float32), np.zeros(shape, np.float32)
    for t in range(1, steps + 1):
        gradient = (0.01 * rng.standard_normal(shape)).astype(np.float32)
        inputs = copied((variable, gradient, v, s))
        result = c.call(
            fn, *inputs, t, settings["learning_rate"], settings["beta1"], settings["beta2"], settings["epsilon"]
        )
        result = unpack(
            c,
            result,
            3,
            "it should return three things.",
            expected="(variable, v, s), the new values",
            got=type(result).__name__,
            hint="return the updated variable and both moments; the caller assigns them.",
        )
        new_variable, new_v, new_s = (
            as_array(c, value, name) for value, name in zip(result, ("the variable", "v", "s"))
        )
        expected = adam_reference(*inputs, t, **settings)
        for name, got, want in (("v", new_v, expected[1]), ("s", new_s, expected[2])):
            c.expect_close(f"{name} after step t={t}", got, want, rtol=1e-4, atol=1e-9, hint=MOMENT_ONE_MINUS)
        keras = adam_reference(*inputs, t, **settings, keras_epsilon=True)[0]
        close = lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-6)  # noqa: E731
        if not (close(new_variable, expected[0]) or close(new_variable, keras)):
            hint = matching_mistake(
                new_variable,
                ((h, adam_reference(*inputs, t, **settings, **mistake)[0]) for h, mistake in ADAM_MISTAKES.items()),
                rtol=1e-5,
                atol=1e-6,
            )
            c.expect_close(f"the variable after step t={t}", new_variable, expected[0], rtol=1e-5, atol=1e-6, hint=hint)
        c.ok()
        variable, v, s = (np.asarray(a, dtype=np.float32) for a in (new_variable, new_v, new_s))
    c.done()
