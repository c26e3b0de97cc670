"""The TensorFlow notebook's checks: every correct way to write each function passes, and each
classic mistake the notebook names is rejected with its hint. The mistakes are written as a
student would write them, with TensorFlow."""

from __future__ import annotations

import numpy as np
import pytest

import tests.support.tensorflow_functions as reference
from course_utils.checks import tensorflow as checks
from course_utils.checks.core import CheckFailed
from course_utils.tensorflow_tools import tf
from tests.support.grading_helpers import sample_function


def unusual(function):
    """The sample submission's correct but unusual answer (tests/submissions/tensorflow/correct_unusual.py)."""
    return sample_function("tensorflow", "correct_unusual", function, {"tf": tf, "np": np})


def rejects(check, fn, *words, **kwargs) -> None:
    with pytest.raises(CheckFailed) as failure:
        check(fn, **kwargs)
    message = str(failure.value)
    for word in words:
        assert word in message, message


# ---- linear_function ----


def linear_with(order="XWb", product=lambda W, X: tf.matmul(W, X), dtype=tf.float32, bias=True, wrap=None):
    """A linear_function with one thing changed: the order of the draws, the product, the dtype..."""

    def linear_function(rng):
        drawn = {name: rng.standard_normal(checks.LINEAR_SHAPES[name]) for name in order}
        X, W, b = (tf.constant(drawn[name], dtype=dtype) for name in "XWb")
        Y = product(W, X) + (b if bias else 0)
        return wrap(Y) if wrap else Y

    return linear_function


def linear_numpy(rng):
    X, W, b = rng.standard_normal((3, 1)), rng.standard_normal((4, 3)), rng.standard_normal((4, 1))
    return (W @ X + b).astype(np.float32)


def linear_mixed_dtypes(rng):
    X = tf.constant(rng.standard_normal((3, 1)))  # float64
    W = tf.constant(rng.standard_normal((4, 3)), dtype=tf.float32)
    return tf.matmul(W, X) + tf.constant(rng.standard_normal((4, 1)), dtype=tf.float32)


def linear_seeded_inside(rng):
    return linear_with()(np.random.default_rng(1))


def linear_global_generator(rng):
    np.random.seed(1)
    X, W, b = (tf.constant(np.random.randn(*shape), dtype=tf.float32) for shape in ((3, 1), (4, 3), (4, 1)))
    return tf.matmul(W, X) + b


def test_linear_function_accepts_every_correct_form():
    checks.check_linear_function(reference.linear_function)
    checks.check_linear_function(reference.linear_function, seeds=(2_024, 5))
    checks.check_linear_function(unusual("linear_function"))
    checks.check_linear_function(linear_with(product=lambda W, X: W @ X))


@pytest.mark.parametrize(
    "fn, hint",
    [
        (linear_with(product=lambda W, X: tf.matmul(X, W)), checks.MATMUL_ORDER),
        (linear_with(product=lambda W, X: W * X), checks.ELEMENTWISE_PRODUCT),
        (linear_with(product=lambda W, X: tf.matmul(tf.transpose(X), tf.transpose(W))), checks.LINEAR_BROADCAST),
        (linear_with(order="WXb"), checks.DRAW_ORDER),
        (linear_with(bias=False), checks.NO_BIAS),
        (linear_with(dtype=tf.float64), checks.LINEAR_FLOAT64),
        (linear_mixed_dtypes, checks.MIXED_DTYPES),
        (linear_numpy, checks.NOT_A_TENSOR),
        (linear_with(wrap=tf.Variable), checks.RESULT_VARIABLE),
        (linear_seeded_inside, "gave the same Y"),
        (linear_global_generator, "np.random"),
    ],
    ids=[
        "X W",
        "elementwise",
        "transposed",
        "draw order",
        "no bias",
        "float64",
        "mixed dtypes",
        "numpy",
        "variable",
        "seeded inside",
        "global generator",
    ],
)
def test_linear_function_mistakes_are_named(fn, hint):
    rejects(checks.check_linear_function, fn, "linear_function", hint)


def test_linear_function_mistakes_that_raise_show_tensorflows_message_without_its_kernel_name():
    with pytest.raises(CheckFailed) as failure:
        checks.check_linear_function(linear_with(product=lambda W, X: tf.matmul(X, W)))
    assert "Matrix size-incompatible" in str(failure.value.got) and "{{" not in str(failure.value.got)


# ---- sigmoid ----


def sigmoid_not_cast(z):
    return tf.keras.activations.sigmoid(z)


def sigmoid_numpy(z):
    return (1 / (1 + np.exp(-np.asarray(z, dtype=np.float64)))).astype(np.float32)


def sigmoid_flipped(z):
    return 1 / (1 + tf.exp(tf.cast(z, tf.float32)))


def sigmoid_float64(z):
    return tf.math.sigmoid(tf.cast(z, tf.float64))


def test_sigmoid_accepts_every_correct_form():
    for fn in (
        reference.sigmoid,
        unusual("sigmoid"),
        lambda z: tf.math.sigmoid(tf.cast(z, tf.float32)),
        lambda z: 1 / (1 + tf.exp(-tf.cast(z, tf.float32))),
    ):
        checks.check_sigmoid(fn)
        checks.check_sigmoid(fn, cases=(3, -7, 0.5, np.arange(-3, 3).reshape(2, 3), np.linspace(-20.0, 20.0, 9)))


@pytest.mark.parametrize(
    "fn, hint",
    [
        (sigmoid_not_cast, checks.SIGMOID_INTEGER),
        (sigmoid_numpy, checks.NOT_A_TENSOR),
        (sigmoid_flipped, checks.SIGMOID_SIGN),
        (sigmoid_float64, checks.SIGMOID_FLOAT64),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_sigmoid_mistakes_are_named(fn, hint):
    rejects(checks.check_sigmoid, fn, "sigmoid", hint)


def test_sigmoid_reproduces_the_original_courses_values():
    """The original's public test: sigmoid(0) = 0.5, sigmoid(-1) = 0.26894143, sigmoid(12) = 0.9999939, float32."""
    for z, expected in ((0, 0.5), (-1, 0.26894143), (12, 0.9999939)):
        got = reference.sigmoid(z)
        assert got.dtype == tf.float32 and float(got) == pytest.approx(expected, rel=1e-6)


# ---- gradient_descent_step ----


def step_with(variable=True, dtype=tf.float32, sign=-1, move=True, rebind=False, numpy_gradient=False, swap=False):
    """A gradient_descent_step with one thing changed."""

    def gradient_descent_step(w0, x, learning_rate):
        w = tf.Variable(w0, dtype=dtype) if variable else tf.constant(w0, dtype=dtype)
        x = tf.constant(x, dtype=dtype)
        with tf.GradientTape() as tape:
            if not variable and rebind:
                tape.watch(w)
            J = tf.reduce_sum((w - x) ** 2)
        dJ_dw = tape.gradient(J, w)
        if rebind:
            w = w + sign * learning_rate * dJ_dw
        elif move:
            w.assign_add(sign * learning_rate * dJ_dw)
        gradient = dJ_dw.numpy() if numpy_gradient else dJ_dw
        return (gradient, w) if swap else (w, gradient)

    return gradient_descent_step


def step_gradient_of_x(w0, x, learning_rate):
    w, x = tf.Variable(w0, dtype=tf.float32), tf.Variable(x, dtype=tf.float32)  # x a Variable, asked for its gradient
    with tf.GradientTape() as tape:
        J = tf.reduce_sum((w - x) ** 2)
    gradient = tape.gradient(J, x)
    w.assign_sub(learning_rate * -gradient)
    return w, gradient


def step_constant_unwatched(w0, x, learning_rate):
    w = tf.constant(w0, dtype=tf.float32)
    with tf.GradientTape() as tape:
        J = tf.reduce_sum((w - x) ** 2)
    return w, tape.gradient(J, w)


def test_gradient_descent_step_accepts_every_correct_form():
    for fn in (reference.gradient_descent_step, unusual("gradient_descent_step")):
        checks.check_gradient_descent_step(fn)
        checks.check_gradient_descent_step(fn, shapes=((3, 3), (1,), (2, 1, 2)), learning_rate=0.3, seed=11)


@pytest.mark.parametrize(
    "fn, hint",
    [
        (step_with(variable=False), checks.CONSTANT_NOT_ASSIGNABLE),
        (step_constant_unwatched, checks.GRADIENT_NONE),
        (step_with(variable=False, rebind=True), checks.W_REBOUND),
        (step_with(rebind=True), checks.W_REBOUND),
        (step_with(move=False), checks.W_NOT_MOVED),
        (step_with(sign=1), checks.GRADIENT_ASCENT),
        (step_with(dtype=tf.float64), checks.W_FLOAT64),
        (step_with(numpy_gradient=True), checks.NOT_A_TENSOR),
        (step_gradient_of_x, checks.GRADIENT_OF_X),
        (step_with(swap=True), checks.STEP_RETURN_ORDER),
    ],
    ids=[
        "constant",
        "constant, no step",
        "constant watched",
        "rebound",
        "no step",
        "ascent",
        "float64",
        "numpy",
        "gradient of x",
        "returned in the other order",
    ],
)
def test_gradient_descent_step_mistakes_are_named(fn, hint):
    rejects(checks.check_gradient_descent_step, fn, "gradient_descent_step", hint)


def test_only_the_kernel_asks_for_a_variable_and_tensors():
    """In the grader's process results arrive as arrays: a correct step passes there too."""

    class PlainStep:
        returns_plain_data = True

        def __call__(self, *args):
            return tuple(np.asarray(value) for value in reference.gradient_descent_step(*args))

    checks.check_gradient_descent_step(PlainStep())

    class PlainSwapped(PlainStep):  # and the order of the two still shows, by their values
        def __call__(self, *args):
            return super().__call__(*args)[::-1]

    rejects(checks.check_gradient_descent_step, PlainSwapped(), "gradient_descent_step", checks.STEP_RETURN_ORDER)
    plain_linear = type(
        "PlainLinear", (), {"returns_plain_data": True, "__call__": lambda self, rng: linear_numpy(rng)}
    )
    checks.check_linear_function(plain_linear())


# ---- normalize ----


def normalize_integer_division(images):
    return tf.transpose(tf.cast(tf.reshape(images, (images.shape[0], -1)) // 255, tf.float32))


def normalize_not_cast(images):
    return images.reshape(images.shape[0], -1).T / 255


def normalize_not_scaled(images):
    return tf.transpose(tf.cast(tf.reshape(images, (images.shape[0], -1)), tf.float32))


def normalize_not_transposed(images):
    return tf.cast(tf.reshape(images, (images.shape[0], -1)), tf.float32) / 255


def normalize_scrambled(images):
    return tf.cast(tf.reshape(images, (-1, images.shape[0])), tf.float32) / 255


def test_normalize_accepts_tensorflow_and_numpy():
    checks.check_normalize(reference.normalize)
    checks.check_normalize(unusual("normalize"))


@pytest.mark.parametrize(
    "fn, hint",
    [
        (normalize_integer_division, checks.INTEGER_DIVISION),
        (normalize_not_cast, checks.NOT_CAST),
        (normalize_not_scaled, checks.NOT_SCALED),
        (normalize_not_transposed, checks.NORMALIZE_TRANSPOSED),
        (normalize_scrambled, checks.NORMALIZE_SCRAMBLED),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_normalize_mistakes_are_named(fn, hint):
    rejects(checks.check_normalize, fn, "normalize", hint)


# ---- one_hot_matrix ----


def one_hot_default_axis(labels, depth):
    return tf.one_hot(labels, depth)


def test_one_hot_accepts_either_way_to_the_columns():
    checks.check_one_hot_matrix(reference.one_hot_matrix, seed=3)
    checks.check_one_hot_matrix(unusual("one_hot_matrix"))


def test_one_hot_along_the_wrong_axis_is_named():
    rejects(checks.check_one_hot_matrix, one_hot_default_axis, "one_hot_matrix", checks.ONE_HOT_AXIS)


# ---- initialize_parameters ----


def init_with(weights, biases=lambda n: tf.zeros((n, 1)), variable=True):
    def initialize_parameters(layer_dims, seed):
        parameters = {}
        for l in range(1, len(layer_dims)):
            W, b = weights(layer_dims[l], layer_dims[l - 1], seed, l), biases(layer_dims[l])
            parameters[f"W{l}"], parameters[f"b{l}"] = (tf.Variable(W), tf.Variable(b)) if variable else (W, b)
        return parameters

    return initialize_parameters


def glorot_normal(n, p, seed, l):
    return tf.keras.initializers.GlorotNormal(seed=seed + l)(shape=(n, p))


def plain_normal(n, p, seed, l):  # an untruncated normal with Glorot's spread: correct too
    return tf.random.stateless_normal((n, p), seed=[seed, l], stddev=np.sqrt(2 / (n + p)))


def numpy_normal(n, p, seed, l):
    return (np.random.default_rng([seed, l]).standard_normal((n, p)) * np.sqrt(2 / (n + p))).astype(np.float32)


def test_initialize_parameters_accepts_keras_and_plain_normals():
    checks.check_initialize_parameters(reference.initialize_parameters)
    checks.check_initialize_parameters(init_with(plain_normal))
    checks.check_initialize_parameters(unusual("initialize_parameters"))
    checks.check_initialize_parameters(init_with(numpy_normal))


class Plain:
    """Marks a function the way the grader's RemoteFunction is marked: its results are plain arrays."""

    returns_plain_data = True

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, *args, **kwargs):
        return {k: np.asarray(v) for k, v in self.fn(*args, **kwargs).items()}


def test_arrays_are_accepted_only_from_the_graders_process():
    rejects(checks.check_initialize_parameters, init_with(numpy_normal, variable=False), "not a tf.Variable")
    checks.check_initialize_parameters(Plain(reference.initialize_parameters))


@pytest.mark.parametrize(
    "fn, hint",
    [
        (init_with(glorot_normal, biases=lambda n: tf.random.normal((n, 1))), checks.RANDOM_BIASES),
        (
            init_with(lambda n, p, seed, l: tf.keras.initializers.GlorotNormal(seed=1 + l)(shape=(n, p))),
            checks.SEED_IGNORED,
        ),
        (init_with(lambda n, p, seed, l: tf.random.normal((n, p), stddev=np.sqrt(2 / (n + p)))), checks.SEED_UNUSED),
        (init_with(lambda n, p, seed, l: tf.keras.initializers.HeNormal(seed=seed + l)(shape=(n, p))), "He's"),
        (
            init_with(lambda n, p, seed, l: tf.keras.initializers.GlorotUniform(seed=seed + l)(shape=(n, p))),
            "Glorot-uniform",
        ),
        (init_with(lambda n, p, seed, l: glorot_normal(p, n, seed, l)), "(n_l, n_(l-1))"),
        (init_with(lambda n, p, seed, l: tf.cast(glorot_normal(n, p, seed, l), tf.float64)), "float32"),
        (init_with(lambda n, p, seed, l: glorot_normal(n, p, seed, 0)), checks.ONE_SEED_FOR_ALL),
        (init_with(lambda n, p, seed, l: numpy_normal(n, p, seed, 0)), "W2 and W3"),
    ],
    ids=[
        "random biases",
        "fixed seed",
        "seed unused",
        "He",
        "uniform",
        "transposed",
        "float64",
        "one seed",
        "one rng seed",
    ],
)
def test_initialize_parameters_mistakes_are_named(fn, hint):
    rejects(checks.check_initialize_parameters, fn, "initialize_parameters", hint)


# ---- forward_propagation ----


def forward_relu_output(X, parameters):
    return tf.nn.relu(reference.forward_propagation(X, parameters))


def forward_softmax_output(X, parameters):
    return tf.nn.softmax(reference.forward_propagation(X, parameters), axis=0)


def forward_three_layers(X, parameters):
    Z1 = tf.matmul(parameters["W1"], X) + parameters["b1"]
    Z2 = tf.matmul(parameters["W2"], tf.nn.relu(Z1)) + parameters["b2"]
    return tf.matmul(parameters["W3"], tf.nn.relu(Z2)) + parameters["b3"]


def test_forward_accepts_any_correct_form():
    checks.check_forward_propagation(reference.forward_propagation, cases=((6, 5, 4, 3), (5, 7, 6, 4, 2), (3, 2)))
    checks.check_forward_propagation(unusual("forward_propagation"), cases=((6, 5, 4, 3), (5, 7, 6, 4, 2)))
    checks.check_forward_propagation(forward_three_layers)  # the visible case has three layers


@pytest.mark.parametrize(
    "fn, hint",
    [(forward_relu_output, checks.RELU_OUTPUT), (forward_softmax_output, checks.SOFTMAX_OUTPUT)],
    ids=["relu", "softmax"],
)
def test_forward_mistakes_are_named(fn, hint):
    rejects(checks.check_forward_propagation, fn, "forward_propagation", hint)


def test_three_layers_hard_coded_fails_the_hidden_depths():
    rejects(checks.check_forward_propagation, forward_three_layers, "loop over every layer", cases=((5, 7, 6, 4, 2),))


# ---- softmax ----


def softmax_with(axis=0, shift="column", exp=True):
    """A softmax with one thing changed: the axis, which maximum is subtracted, the exponential."""

    def softmax(Z):
        if shift == "column":
            Z = Z - np.max(Z, axis=axis, keepdims=True)
        elif shift == "global":
            Z = Z - np.max(Z)
        e = np.exp(Z) if exp else Z
        return e / (np.sum(e) if axis is None else np.sum(e, axis=axis, keepdims=True))

    return softmax


def softmax_by_columns(Z):  # a loop over the examples, with NumPy's own functions
    return np.stack([np.exp(z - z.max()) / np.exp(z - z.max()).sum() for z in Z.T], axis=1)


def test_softmax_accepts_every_correct_form():
    for fn in (
        reference.softmax,
        unusual("softmax"),
        softmax_by_columns,
        lambda Z: tf.nn.softmax(Z, axis=0),
        lambda Z: np.exp(Z - np.logaddexp.reduce(Z, axis=0)),
    ):
        checks.check_softmax(fn)
        checks.check_softmax(fn, seed=2_024)


@pytest.mark.parametrize(
    "fn, hint",
    [
        (softmax_with(axis=1), checks.SOFTMAX_ROWS),
        (softmax_with(axis=None, shift="global"), checks.SOFTMAX_WHOLE),
        (softmax_with(exp=False, shift=None), checks.SOFTMAX_NO_EXP),
        (softmax_with(exp=False), checks.SOFTMAX_NO_EXP),
        (softmax_with(shift=None), checks.SOFTMAX_OVERFLOW),
        (softmax_with(shift="global"), checks.SOFTMAX_GLOBAL_MAX),
    ],
    ids=["rows", "whole matrix", "no exp", "no exp, shifted", "no max", "global max"],
)
def test_softmax_mistakes_are_named(fn, hint):
    rejects(checks.check_softmax, fn, "softmax", hint)


def test_softmax_check_uses_logits_where_the_mistakes_show():
    """Each case of the check is there for a mistake: logits near 1000 overflow without the max, and a column
    a thousand below the others gives 0 / 0 with the global max; both are right with each column's own max."""
    cases = dict(checks.softmax_cases(0))
    with np.errstate(all="ignore"):
        assert np.isnan(softmax_with(shift=None)(cases["logits near 1000"])).any()
        assert not np.isnan(softmax_with(shift="global")(cases["logits near 1000"])).any()
        assert np.isnan(softmax_with(shift="global")(cases["columns a thousand apart"])).any()
    for Z in cases.values():
        np.testing.assert_allclose(reference.softmax(Z), tf.nn.softmax(Z, axis=0).numpy(), rtol=1e-12, atol=1e-300)


# ---- compute_total_loss ----


def loss_by_hand(logits, labels):
    return -tf.reduce_sum(labels * tf.nn.log_softmax(logits, axis=0))


def loss_keras_class(logits, labels):
    loss = tf.keras.losses.CategoricalCrossentropy(from_logits=True, reduction="sum")
    return loss(tf.transpose(labels), tf.transpose(logits))


def loss_without_from_logits(logits, labels):
    return tf.reduce_sum(tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits)))


def loss_softmax_twice(logits, labels):
    probabilities = tf.nn.softmax(tf.transpose(logits))
    return tf.reduce_sum(
        tf.keras.losses.categorical_crossentropy(tf.transpose(labels), probabilities, from_logits=True)
    )


def loss_transposed(logits, labels):
    return tf.reduce_sum(tf.keras.losses.categorical_crossentropy(labels, logits, from_logits=True))


def loss_mean(logits, labels):
    return tf.reduce_mean(
        tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits), from_logits=True)
    )


def loss_default_class(logits, labels):  # Keras's defaults: probabilities, and the mean over the batch
    return tf.keras.losses.CategoricalCrossentropy()(tf.transpose(labels), tf.transpose(logits))


def loss_per_example(logits, labels):
    return tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits), from_logits=True)


def test_loss_accepts_every_correct_form():
    for fn in (reference.compute_total_loss, unusual("compute_total_loss"), loss_by_hand, loss_keras_class):
        checks.check_compute_total_loss(fn, cases=((4, 6), (3, 5), (10, 32), (6, 1)))


@pytest.mark.parametrize(
    "fn, hint",
    [
        (loss_without_from_logits, checks.FROM_LOGITS),
        (loss_softmax_twice, checks.FROM_LOGITS),
        (loss_default_class, checks.FROM_LOGITS),
        (loss_transposed, checks.LOSS_TRANSPOSED),
        (loss_mean, checks.LOSS_MEAN),
        (loss_per_example, checks.LOSS_PER_EXAMPLE),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_loss_mistakes_are_named(fn, hint):
    rejects(checks.check_compute_total_loss, fn, "compute_total_loss", hint)


def test_the_keras_probability_formula_is_keras():
    """The check recognises from_logits missing by recomputing what Keras does then: that formula
    must be Keras's own, on logits of both signs."""
    rng = np.random.default_rng(4)
    logits = (2 * rng.standard_normal((5, 9))).astype(np.float32)
    labels = np.eye(5, dtype=np.float32)[:, rng.integers(0, 5, 9)]
    keras = tf.keras.losses.categorical_crossentropy(labels.T, logits.T).numpy()
    np.testing.assert_allclose(checks.keras_probability_loss(logits, labels), keras, rtol=1e-5)


# ---- train_model ----


def make_train_model(
    shuffle_seed=True, cost="sum", learn=True, loss=reference.compute_total_loss, optimizer="adam", pipeline="stated"
):
    """The reference train_model with one thing changed."""

    def train_model(
        X_train,
        Y_train,
        X_dev,
        Y_dev,
        layer_dims,
        learning_rate=0.001,
        num_epochs=100,
        minibatch_size=32,
        seed=1,
        print_cost=False,
    ):
        parameters = reference.initialize_parameters(layer_dims, seed)
        variables = list(parameters.values())
        optimizer_ = (tf.keras.optimizers.Adam if optimizer == "adam" else tf.keras.optimizers.SGD)(learning_rate)

        @tf.function
        def train_step(X_batch, Y_batch):
            with tf.GradientTape() as tape:
                batch_loss = loss(reference.forward_propagation(X_batch, parameters), Y_batch)
            if learn:
                optimizer_.apply_gradients(zip(tape.gradient(batch_loss, variables), variables))
            return batch_loss

        m = X_train.shape[1]
        X_rows, Y_rows = tf.transpose(X_train), tf.transpose(Y_train)
        if pipeline == "arrays once":  # the examples permuted once, before the dataset is built
            order = np.random.default_rng(seed).permutation(m)
            X_rows, Y_rows = tf.gather(X_rows, order), tf.gather(Y_rows, order)
        dataset = tf.data.Dataset.from_tensor_slices((X_rows, Y_rows))
        shuffle_seed_ = seed if shuffle_seed else None
        if pipeline == "stated":
            dataset = dataset.shuffle(m, seed=shuffle_seed_).batch(minibatch_size)
        elif pipeline == "big buffer":  # correct too: a buffer larger than the data set
            dataset = dataset.shuffle(10 * m + 7, seed=shuffle_seed_, reshuffle_each_iteration=True).batch(
                minibatch_size
            )
        elif pipeline in ("none", "arrays once"):
            dataset = dataset.batch(minibatch_size)
        elif pipeline == "once":
            dataset = dataset.shuffle(m, seed=shuffle_seed_, reshuffle_each_iteration=False).batch(minibatch_size)
        elif pipeline == "batches":
            dataset = dataset.batch(minibatch_size).shuffle(m, seed=shuffle_seed_)
        costs, train_acc, dev_acc = [], [], []
        for _ in range(num_epochs):
            total, batches = 0.0, 0
            for X_rows, Y_rows in dataset:
                total += float(train_step(tf.transpose(X_rows), tf.transpose(Y_rows)))
                batches += 1
            costs.append(total / m if cost == "sum" else total / batches / m)
            train_acc.append(reference.accuracy(X_train, Y_train, parameters))
            dev_acc.append(reference.accuracy(X_dev, Y_dev, parameters))
        return parameters, costs, train_acc, dev_acc

    return train_model


def test_train_model_accepts_the_reference():
    checks.check_train_model(
        reference.train_model,
        compute_total_loss=reference.compute_total_loss,
        forward_propagation=reference.forward_propagation,
    )


@pytest.mark.parametrize(
    "fn, words",
    [
        (make_train_model(shuffle_seed=False), ["same seed gave different costs", "seed=seed"]),
        (make_train_model(cost="mean of means"), ["not the average loss per example"]),
        (make_train_model(learn=False), ["does not learn"]),
    ],
    ids=["unseeded shuffle", "cost scale", "no step"],
)
def test_train_model_mistakes_are_named(fn, words):
    rejects(checks.check_train_model, fn, "train_model", *words)


def test_train_model_accepts_any_way_to_reshuffle_every_epoch():
    checks.check_train_model(make_train_model(pipeline="big buffer"))
    checks.check_train_model(unusual("train_model"))  # a seeded NumPy permutation per epoch, no tf.data


@pytest.mark.parametrize(
    "fn, hint",
    [
        (make_train_model(optimizer="sgd"), checks.NOT_ADAM),
        (make_train_model(pipeline="none"), checks.NO_SHUFFLE),
        (make_train_model(pipeline="batches"), checks.BATCHES_SHUFFLED),
        (make_train_model(pipeline="once"), checks.SHUFFLED_ONCE),
        (make_train_model(pipeline="arrays once"), checks.SHUFFLED_ONCE),
    ],
    ids=["sgd", "no shuffle", "batches shuffled", "shuffled once", "arrays shuffled once"],
)
def test_train_model_pipeline_mistakes_are_named(fn, hint):
    rejects(checks.check_train_model, fn, "train_model", hint)


def test_train_model_on_a_wrong_loss_says_fix_the_loss_first():
    rejects(
        checks.check_train_model,
        make_train_model(loss=loss_without_from_logits),
        "fix compute_total_loss first",
        compute_total_loss=loss_without_from_logits,
        forward_propagation=reference.forward_propagation,
    )


# ---- adam_step ----


def adam_numpy(variable, gradient, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """NumPy only, arrays in and out, and the Optimization notebook's default epsilon: accepted (the check
    reads values, and passes its own epsilon to every call)."""
    v = beta1 * v + (1 - beta1) * gradient
    s = beta2 * s + (1 - beta2) * gradient**2
    return variable - learning_rate * (v / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + epsilon), v, s


def adam_variant(bias_correction=True, epsilon_place="denominator", one_minus=True):
    def adam_step(variable, gradient, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
        v = beta1 * v + ((1 - beta1) if one_minus else 1.0) * gradient
        s = beta2 * s + (1 - beta2) * tf.square(gradient)
        v_hat, s_hat = (v / (1 - beta1**t), s / (1 - beta2**t)) if bias_correction else (v, s)
        if epsilon_place == "inside":
            return variable - learning_rate * v_hat / tf.sqrt(s_hat + epsilon), v, s
        if epsilon_place == "outside":
            return variable - learning_rate * (v_hat / tf.sqrt(s_hat) + epsilon), v, s
        return variable - learning_rate * v_hat / (tf.sqrt(s_hat) + epsilon), v, s

    return adam_step


def test_adam_accepts_the_textbook_and_keras_forms():
    for fn in (reference.adam_step, unusual("adam_step"), adam_numpy):
        checks.check_adam_step(fn)
        checks.check_adam_step(
            fn,
            steps=6,
            shape=(5, 2),
            seed=8,
            settings={"learning_rate": 0.1, "beta1": 0.8, "beta2": 0.99, "epsilon": 0.003},
        )


@pytest.mark.parametrize(
    "fn, hint",
    [
        (adam_variant(bias_correction=False), checks.NO_BIAS_CORRECTION),
        (adam_variant(epsilon_place="inside"), checks.EPSILON_INSIDE),
        (adam_variant(epsilon_place="outside"), checks.EPSILON_OUTSIDE),
        (adam_variant(one_minus=False), checks.MOMENT_ONE_MINUS),
    ],
    ids=["no bias correction", "epsilon inside", "epsilon outside", "no 1 - beta"],
)
def test_adam_mistakes_are_named(fn, hint):
    rejects(checks.check_adam_step, fn, "adam_step", hint)


def test_adam_step_agrees_with_keras_when_epsilon_is_mapped():
    """The check's two accepted forms are Keras's Adam: the week-2 formula with epsilon / sqrt(1 - beta2^t)."""
    rng = np.random.default_rng(1)
    start = rng.standard_normal((4, 3)).astype(np.float32)
    keras_variable, keras_adam = tf.Variable(start), tf.keras.optimizers.Adam(0.01, epsilon=1e-3)
    mine, v, s = (
        start.astype(np.float64),
        np.zeros_like(start, dtype=np.float64),
        np.zeros_like(start, dtype=np.float64),
    )
    for t in range(1, 6):
        gradient = (0.01 * rng.standard_normal(start.shape)).astype(np.float32)
        keras_adam.apply_gradients([(tf.constant(gradient), keras_variable)])
        mine, v, s = checks.adam_reference(mine, gradient, v, s, t, 0.01, 0.9, 0.999, 1e-3, keras_epsilon=True)
        np.testing.assert_allclose(keras_variable.numpy(), mine, atol=2e-6)


def test_adam_step_is_judged_with_the_epsilon_the_check_passes():
    """The notebook says the check passes its own epsilon to every call, so that a default is never what is graded:
    a function that ignores its epsilon argument (and uses Keras's 1e-7 whatever it is given) fails."""

    def adam_ignoring_epsilon(variable, gradient, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
        return reference.adam_step(variable, gradient, v, s, t, learning_rate, beta1, beta2, 1e-7)

    rejects(checks.check_adam_step, adam_ignoring_epsilon, "adam_step", "the variable after step t=1")
    assert reference.adam_step.__defaults__[-1] == 1e-7 == tf.keras.optimizers.Adam().epsilon


def test_adam_step_given_tensors_returns_tensors_and_given_arrays_is_read_either_way():
    """What the notebook states of adam_step's results: tensors in, three tensors out; arrays in (the check's
    inputs), NumPy's arithmetic gives arrays and TensorFlow's operations tensors, and the check reads both."""
    rng = np.random.default_rng(3)
    arrays = [rng.standard_normal((2, 3)).astype(np.float32) for _ in range(2)] + [np.zeros((2, 3), np.float32)] * 2
    assert all(tf.is_tensor(value) for value in reference.adam_step(*(tf.constant(a) for a in arrays), 1))
    assert {type(value).__name__ for value in reference.adam_step(*arrays, 1)} == {"ndarray", "EagerTensor"}
    checks.check_adam_step(reference.adam_step)
