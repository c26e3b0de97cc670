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
    ],
    ids=["random biases", "fixed seed", "seed unused", "He", "uniform", "transposed", "float64"],
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


def make_train_model(shuffle_seed=True, cost="sum", learn=True, loss=reference.compute_total_loss):
    """The reference train_model with one thing changed."""

    def train_model(
        X_train,
        Y_train,
        X_test,
        Y_test,
        layer_dims,
        learning_rate=0.001,
        num_epochs=100,
        minibatch_size=32,
        seed=1,
        print_cost=False,
    ):
        parameters = reference.initialize_parameters(layer_dims, seed)
        variables = list(parameters.values())
        optimizer = tf.keras.optimizers.Adam(learning_rate)

        @tf.function
        def train_step(X_batch, Y_batch):
            with tf.GradientTape() as tape:
                batch_loss = loss(reference.forward_propagation(X_batch, parameters), Y_batch)
            if learn:
                optimizer.apply_gradients(zip(tape.gradient(batch_loss, variables), variables))
            return batch_loss

        m = X_train.shape[1]
        dataset = tf.data.Dataset.from_tensor_slices((tf.transpose(X_train), tf.transpose(Y_train)))
        dataset = dataset.shuffle(m, seed=seed if shuffle_seed else None).batch(minibatch_size)
        costs, train_acc, test_acc = [], [], []
        for _ in range(num_epochs):
            total, batches = 0.0, 0
            for X_rows, Y_rows in dataset:
                total += float(train_step(tf.transpose(X_rows), tf.transpose(Y_rows)))
                batches += 1
            costs.append(total / m if cost == "sum" else total / batches / m)
            train_acc.append(reference.accuracy(X_train, Y_train, parameters))
            test_acc.append(reference.accuracy(X_test, Y_test, parameters))
        return parameters, costs, train_acc, test_acc

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


def test_train_model_on_a_wrong_loss_says_fix_the_loss_first():
    rejects(
        checks.check_train_model,
        make_train_model(loss=loss_without_from_logits),
        "fix compute_total_loss first",
        compute_total_loss=loss_without_from_logits,
        forward_propagation=reference.forward_propagation,
    )


# ---- adam_step ----


def adam_numpy(variable, gradient, m, v, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
    m = beta1 * m + (1 - beta1) * gradient
    v = beta2 * v + (1 - beta2) * gradient**2
    return variable - learning_rate * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + epsilon), m, v


def adam_variant(bias_correction=True, epsilon_place="denominator", one_minus=True):
    def adam_step(variable, gradient, m, v, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
        m = beta1 * m + ((1 - beta1) if one_minus else 1.0) * gradient
        v = beta2 * v + (1 - beta2) * tf.square(gradient)
        m_hat, v_hat = (m / (1 - beta1**t), v / (1 - beta2**t)) if bias_correction else (m, v)
        if epsilon_place == "inside":
            return variable - learning_rate * m_hat / tf.sqrt(v_hat + epsilon), m, v
        if epsilon_place == "outside":
            return variable - learning_rate * (m_hat / tf.sqrt(v_hat) + epsilon), m, v
        return variable - learning_rate * m_hat / (tf.sqrt(v_hat) + epsilon), m, v

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
    mine, m, v = (
        start.astype(np.float64),
        np.zeros_like(start, dtype=np.float64),
        np.zeros_like(start, dtype=np.float64),
    )
    for t in range(1, 6):
        gradient = (0.01 * rng.standard_normal(start.shape)).astype(np.float32)
        keras_adam.apply_gradients([(tf.constant(gradient), keras_variable)])
        mine, m, v = checks.adam_reference(mine, gradient, m, v, t, 0.01, 0.9, 0.999, 1e-3, keras_epsilon=True)
        np.testing.assert_allclose(keras_variable.numpy(), mine, atol=2e-6)
