"""Checks for the TensorFlow notebook's graded functions, written with NumPy only.

The student's functions return TensorFlow tensors and variables; a check reads any of them with
``np.asarray`` (a tensor converts to its values) and judges the values against the formulas the
notebook states, computed here in float64 from the same float32 inputs. The checks never import
TensorFlow, so they cost nothing in the grader's own process, and they hand the student's
functions NumPy arrays only (TensorFlow operations accept them): the same inputs in the notebook's
kernel and in the process grading calls them in, where results come back as plain arrays.

Layout: units x examples. ``X`` is (pixels, m), labels one-hot ``Y`` (classes, m), ``W_l``
(n_l, n_(l-1)), ``b_l`` (n_l, 1); logits are (classes, m). Each classic mistake gives another
formula, and a result that matches it names the mistake.
"""

from __future__ import annotations

import contextlib
import io
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
    type_and_length,
    unpack,
    within_ratio,
)

Array = np.ndarray

# ---- hints: one per classic mistake ----

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
NO_BIAS_CORRECTION = "Adam without bias correction: divide m by 1 - beta1**t and v by 1 - beta2**t before the step."
EPSILON_INSIDE = "epsilon inside the square root: the step divides by sqrt(v_hat) + epsilon."
EPSILON_OUTSIDE = "epsilon added after the division: it belongs in the denominator, sqrt(v_hat) + epsilon."
MOMENT_ONE_MINUS = (
    "each moment is a weighted average: m = beta1 * m + (1 - beta1) * gradient, v likewise with beta2 and gradient**2."
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


def softmax(Z: Array, axis: int = 0) -> Array:
    shifted = Z - Z.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(Z: Array, axis: int = 0) -> Array:
    shifted = Z - Z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


# ---- 1. normalize ----


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


# ---- 2. one_hot_matrix ----


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


# ---- 3. initialize_parameters ----

# Big enough that every W has >= 20,000 entries: a spread measured within ~1%, a kurtosis within ~0.05.
STATS_DIMS = (300, 200, 100)

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


# ---- 4. forward_propagation ----


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


# ---- 5. compute_total_loss ----


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


# ---- 6. train_model ----


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
    """``train_model(X_train, Y_train, X_test, Y_test, layer_dims, learning_rate, num_epochs, minibatch_size, seed)``
    on three well-separated clusters: a cost and two accuracies per epoch, the cost the average loss
    per example, accuracies those of the parameters returned, learning, and (``twice``) a seed that reproduces it.
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
    X_test, Y_test, _ = blobs(60, n_x, classes, rng, centres)
    data, layers = (X_train, Y_train, X_test, Y_test), list(layer_dims)
    settings = dict(learning_rate=0.01, num_epochs=epochs, minibatch_size=16, seed=3)

    def train() -> tuple:
        result = c.call(fn, *copied(data), layers, **settings)
        return unpack(
            c,
            result,
            4,
            "it should return four things.",
            expected="(parameters, costs, train_acc, test_acc)",
            got=type_and_length(result, "of length"),
        )

    parameters, costs, train_acc, test_acc = train()
    if not isinstance(parameters, dict):
        c.fail("the first thing returned is not the parameters dictionary.", got=type(parameters).__name__)
    arrays = check_parameter_structure(c, fn, parameters, layer_dims, initial=False)
    with judging(c):
        curves = {
            name: np.asarray([float(np.asarray(v)) for v in values], dtype=float)
            for name, values in (("costs", costs), ("train_acc", train_acc), ("test_acc", test_acc))
        }
    for name, values in curves.items():
        if values.shape != (epochs,):
            c.fail(f"{name} has {values.size} entries for num_epochs={epochs}.", expected=f"{epochs}, one per epoch")
        if not np.all(np.isfinite(values)):
            c.fail(f"{name} contains inf or nan.")
    c.ok()
    for name, X, Y in (("train_acc", X_train, Y_train), ("test_acc", X_test, Y_test)):
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


# ---- 7. adam_step ----


def adam_reference(
    variable: Array,
    gradient: Array,
    m: Array,
    v: Array,
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
    bias correction of the step, ``keras_epsilon``), or one of the classic mistakes."""
    variable, gradient, m, v = (np.asarray(a, dtype=np.float64) for a in (variable, gradient, m, v))
    m = beta1 * m + (1 - beta1) * gradient
    v = beta2 * v + (1 - beta2) * gradient**2
    if keras_epsilon:
        step = learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / (np.sqrt(v) + epsilon)
        return variable - step, m, v
    m_hat, v_hat = (m / (1 - beta1**t), v / (1 - beta2**t)) if bias_correction else (m, v)
    if epsilon_place == "inside":
        step = m_hat / np.sqrt(v_hat + epsilon)
    elif epsilon_place == "outside":
        step = m_hat / np.sqrt(v_hat) + epsilon
    else:
        step = m_hat / (np.sqrt(v_hat) + epsilon)
    return variable - learning_rate * step, m, v


ADAM_MISTAKES = {
    NO_BIAS_CORRECTION: dict(bias_correction=False),
    EPSILON_INSIDE: dict(epsilon_place="inside"),
    EPSILON_OUTSIDE: dict(epsilon_place="outside"),
}


def check_adam_step(
    fn: Callable, steps: int = 4, shape: tuple[int, int] = (3, 4), seed: int = 0, settings: dict | None = None
) -> None:
    """``adam_step(variable, gradient, m, v, t, learning_rate, beta1, beta2, epsilon) -> (variable, m, v)``,
    ``steps`` steps in a row from m = v = 0, each fed what the previous one returned. Epsilon is
    large here (the gradients are about 0.01), so that where it goes shows."""
    c = Checker("adam_step")
    settings = dict(learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=0.01) | (settings or {})
    rng = np.random.default_rng(seed)
    variable = rng.standard_normal(shape).astype(np.float32)
    m, v = np.zeros(shape, np.float32), np.zeros(shape, np.float32)
    for t in range(1, steps + 1):
        gradient = (0.01 * rng.standard_normal(shape)).astype(np.float32)
        inputs = copied((variable, gradient, m, v))
        result = c.call(
            fn, *inputs, t, settings["learning_rate"], settings["beta1"], settings["beta2"], settings["epsilon"]
        )
        result = unpack(
            c,
            result,
            3,
            "it should return three things.",
            expected="(variable, m, v), the new values",
            got=type(result).__name__,
            hint="return the updated variable and both moments; the caller assigns them.",
        )
        new_variable, new_m, new_v = (
            as_array(c, value, name) for value, name in zip(result, ("the variable", "m", "v"))
        )
        expected = adam_reference(*inputs, t, **settings)
        for name, got, want in (("m", new_m, expected[1]), ("v", new_v, expected[2])):
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
        variable, m, v = (np.asarray(a, dtype=np.float32) for a in (new_variable, new_m, new_v))
    c.done()
