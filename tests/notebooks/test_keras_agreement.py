"""The course's NumPy and its framework teach the same maths.

Guarantees, each checked numerically against TensorFlow/Keras 3 (the framework the course's
TensorFlow notebook uses):

* the Optimization notebook's reference updates (its solution cells: tests/support/optimization_functions.py) for momentum,
  RMSprop and Adam give the same parameters, after every step of a run on the same random
  gradients, as ``tf.keras.optimizers.SGD(momentum=...)``, ``RMSprop`` and ``Adam`` once the
  hyperparameters are mapped as documented below (the mapping is what a student moving from the
  NumPy notebook to Keras needs to know);
* the Regularization notebook's ``l2_cost`` is Keras's ``BinaryCrossentropy(from_logits=True)``
  plus ``L2(l2=lambd / (2 m))`` kernel regularizers, and its ``dropout_forward`` is inverted
  dropout exactly like ``tf.keras.layers.Dropout(rate=1 - keep_prob)``: same kept share, same kept
  value 1/keep_prob, same expectation; at inference Keras leaves the input unchanged.

The update rules, read from keras/src/optimizers/ (Keras 3.15), with g the gradient, t the step:

* sgd.py (momentum > 0, nesterov=False)::

      m = momentum * m - learning_rate * g;   w = w + m

  The course writes v = beta v + (1 - beta) g;  w = w - alpha v.  By induction m = -alpha v when
  momentum = beta and learning_rate = alpha (1 - beta): Keras has no (1 - beta) damping, it is
  folded into its learning rate. Exact.
* rmsprop.py (defaults rho=0.9, epsilon=1e-7, centered=False, momentum=0)::

      s = rho s + (1 - rho) g^2;   w = w - learning_rate * g / sqrt(s + epsilon)

  epsilon is INSIDE the square root; the course puts it outside: g / (sqrt(s) + epsilon). With
  rho = beta the two agree exactly only when both epsilons are 0; otherwise approximately, with
  epsilon_keras = epsilon_course^2 for the same scale, and only while epsilon is tiny (Keras's
  default 1e-7 already acts like a course epsilon of ~3e-4: shown below).
* adam.py (defaults beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)::

      m = m + (g - m)(1 - beta_1);   v = v + (g^2 - v)(1 - beta_2)
      w = w - lr sqrt(1 - beta_2^t) / (1 - beta_1^t) * m / (sqrt(v) + epsilon)

  epsilon is added to the UNcorrected sqrt(v) (the paper's "epsilon hat"). The course's textbook
  form  w -= lr m_hat / (sqrt(v_hat) + eps)  equals it exactly when
  eps = epsilon_keras / sqrt(1 - beta_2^t) at step t (a step-dependent mapping; the course's
  function takes epsilon per call, so the test passes it that way).

The NumPy side runs in float64 and Keras in float32 on float32-representable starting values and
gradients, so the differences measured are float32 rounding (and, in the epsilon test, epsilon).
"""

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # before TensorFlow is imported: no C++ info/warning spam

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from course_utils.network import compute_cost, model_forward  # noqa: E402
from tests.support.optimization_functions import (initialize_adam, initialize_rmsprop, initialize_velocity,  # noqa: E402
                                                  update_parameters_with_adam, update_parameters_with_momentum,
                                                  update_parameters_with_rmsprop)
from tests.support.regularization_functions import dropout_forward, l2_cost  # noqa: E402

SHAPES = {"W1": (3, 4), "b1": (3, 1), "W2": (2, 3), "b2": (2, 1), "W3": (1, 2), "b3": (1, 1)}
STEPS = 15
LEARNING_RATE = 0.01
# Parameters are O(1) (standard normal); float32 keeps ~7 digits, and 15 steps of rounding in the
# update arithmetic stay well under 1e-5 (measured: a few 1e-7). A wrong mapping is off by about a
# learning rate per step, i.e. >= 1e-3: three orders of magnitude above this tolerance.
ATOL_FLOAT32 = 1e-5
# "Differ measurably": ten times the agreement tolerance (the differences asserted this way are
# measured at 1e-3 to 2e-1).
MEASURABLY_DIFFERENT = 10 * ATOL_FLOAT32


def _float32_exact(a):
    """float64 values that float32 holds exactly, so that both sides start from the same numbers."""
    return a.astype(np.float32).astype(np.float64)


def run_both(numpy_step, keras_optimizer, seed=0):
    """Apply the same STEPS random gradients with ``numpy_step(parameters, grads, t) -> parameters``
    (float64) and ``keras_optimizer`` (float32 tf.Variables); return the largest |difference| of any
    parameter after each step (a list, one entry per step)."""
    rng = np.random.default_rng(seed)
    parameters = {k: _float32_exact(rng.standard_normal(shape)) for k, shape in SHAPES.items()}
    variables = {k: tf.Variable(value.astype(np.float32), name=k) for k, value in parameters.items()}
    start = variables["W1"].numpy().copy()
    diffs = []
    for t in range(1, STEPS + 1):
        grads = {"d" + k: _float32_exact(rng.standard_normal(shape)) for k, shape in SHAPES.items()}
        parameters = numpy_step(parameters, grads, t)
        keras_optimizer.apply_gradients([(tf.constant(grads["d" + k], tf.float32), variables[k]) for k in SHAPES])
        diffs.append(max(float(np.max(np.abs(parameters[k] - variables[k].numpy()))) for k in SHAPES))
    # Sanity: the parameters moved (a no-op on both sides would also "agree").
    assert np.max(np.abs(variables["W1"].numpy() - start)) > 1e-3
    return diffs


def course_momentum(beta):
    v = initialize_velocity({k: np.zeros(s) for k, s in SHAPES.items()})

    def step(parameters, grads, t):
        return update_parameters_with_momentum(parameters, grads, v, beta, LEARNING_RATE)[0]
    return step


def course_rmsprop(beta, epsilon):
    s = initialize_rmsprop({k: np.zeros(sh) for k, sh in SHAPES.items()})

    def step(parameters, grads, t):
        return update_parameters_with_rmsprop(parameters, grads, s, beta, LEARNING_RATE, epsilon)[0]
    return step


def course_adam(beta1, beta2, epsilon_at):
    """The course's Adam with ``epsilon_at(t)`` as the epsilon of step t."""
    v, s = initialize_adam({k: np.zeros(sh) for k, sh in SHAPES.items()})

    def step(parameters, grads, t):
        return update_parameters_with_adam(parameters, grads, v, s, t, LEARNING_RATE, beta1, beta2, epsilon_at(t))[0]
    return step


@pytest.mark.parametrize("beta", [0.9, 0.5])
def test_momentum_is_keras_sgd_with_learning_rate_times_one_minus_beta(beta):
    # Keras: m = beta m - lr g, w += m. The course's (1 - beta) on the gradient is Keras's lr.
    keras = tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE * (1 - beta), momentum=beta, nesterov=False)
    diffs = run_both(course_momentum(beta), keras)
    assert max(diffs) < ATOL_FLOAT32, f"max |NumPy - Keras| per step: {diffs}"


def test_rmsprop_is_keras_rmsprop_with_rho_beta_and_no_epsilon():
    # Keras adds epsilon inside the sqrt, the course outside it: only epsilon = 0 on both sides
    # maps exactly (random normal gradients are never 0, so there is no 0/0).
    beta = 0.999
    keras = tf.keras.optimizers.RMSprop(learning_rate=LEARNING_RATE, rho=beta, epsilon=0.0, momentum=0.0, centered=False)
    diffs = run_both(course_rmsprop(beta, epsilon=0.0), keras)
    assert max(diffs) < ATOL_FLOAT32, f"max |NumPy - Keras| per step: {diffs}"


@pytest.mark.parametrize("keras_epsilon", [0.0, 1e-7, 0.1])
def test_adam_is_keras_adam_with_mapped_epsilon(keras_epsilon):
    # Keras's epsilon sits on the uncorrected sqrt(v): textbook eps_t = epsilon / sqrt(1 - beta2^t)
    # is exact, however large epsilon is.
    beta1, beta2 = 0.9, 0.999
    keras = tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE, beta_1=beta1, beta_2=beta2, epsilon=keras_epsilon, amsgrad=False)
    diffs = run_both(course_adam(beta1, beta2, lambda t: keras_epsilon / np.sqrt(1 - beta2 ** t)), keras)
    assert max(diffs) < ATOL_FLOAT32, f"max |NumPy - Keras| per step: {diffs}"


def run_rmsprop(course_epsilon, keras_epsilon, beta=0.999):
    return max(run_both(course_rmsprop(beta, course_epsilon),
                        tf.keras.optimizers.RMSprop(learning_rate=LEARNING_RATE, rho=beta, epsilon=keras_epsilon)))


def run_adam(course_epsilon, keras_epsilon, beta1=0.9, beta2=0.999):
    return max(run_both(course_adam(beta1, beta2, lambda t: course_epsilon),
                        tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE, beta_1=beta1, beta_2=beta2, epsilon=keras_epsilon)))


def test_adam_epsilon_placement_matters_only_when_epsilon_is_large():
    """Epsilon passed unmapped (the same constant to both). Each library's default tiny epsilon
    (course 1e-8, Keras 1e-7) gives the same trajectory to float32 tolerance: eps next to
    sqrt(v_hat) ~ |g| is negligible wherever it sits. With epsilon = 0.1 the course's effective
    eps_hat = 0.1 sqrt(1 - beta2^t) (~0.003 at t = 1) is far smaller than Keras's 0.1, and the
    trajectories differ measurably (measured ~5e-2); mapped (test above) they agree again."""
    tiny, large = run_adam(1e-8, 1e-7), run_adam(0.1, 0.1)
    assert tiny < ATOL_FLOAT32, f"default epsilons: max |NumPy - Keras| = {tiny:.2e}"
    assert large > MEASURABLY_DIFFERENT, f"epsilon=0.1 unmapped: max |NumPy - Keras| = {large:.2e}"


def test_rmsprop_epsilon_inside_the_sqrt():
    """Keras's sqrt(s + epsilon) vs the course's sqrt(s) + epsilon: the same scale needs
    epsilon_keras = epsilon_course^2, and then a tiny epsilon (course 1e-8, Keras 1e-16) is
    negligible. Keras's DEFAULT 1e-7 is not tiny on the course's scale: it acts like a course
    epsilon of sqrt(1e-7) ~ 3e-4, which matters when s is small (early steps with beta = 0.999,
    small gradients; measured ~1e-3 over this run). A large epsilon (0.1 on both) differs a lot."""
    same_scale = run_rmsprop(1e-8, 1e-16)
    defaults, large = run_rmsprop(1e-8, 1e-7), run_rmsprop(0.1, 0.1)
    assert same_scale < ATOL_FLOAT32, f"course 1e-8 / Keras 1e-16: max |NumPy - Keras| = {same_scale:.2e}"
    assert defaults > MEASURABLY_DIFFERENT, f"default epsilons: max |NumPy - Keras| = {defaults:.2e}"
    assert large > MEASURABLY_DIFFERENT, f"epsilon=0.1 on both: max |NumPy - Keras| = {large:.2e}"


# ----------------------------------------------------------------- L2 regularization


def test_l2_cost_is_keras_binary_crossentropy_plus_l2_regularizers():
    # l2_cost takes the logits ZL (1, m) and labels Y (1, m): its cross-entropy is Keras's
    # BinaryCrossentropy(from_logits=True) averaged over the m examples, and its penalty
    # (lambd / (2m)) sum ||W||^2 is Keras's L2(l2=lambd / (2m)) (= l2 * sum(square(W))) on each
    # kernel (biases unregularized on both sides). The Keras model runs in float64 and holds the
    # course's parameters (Dense kernel = W.T), so the logits and the cross-entropy must match to
    # float64 rounding. The penalty only to ~6e-8 relative: L2.__call__ does ops.cast(self.l2,
    # x.dtype) on a Python float, which goes through float32 (the factor itself is rounded).
    rng = np.random.default_rng(1)
    layer_dims, m, lambd = [4, 5, 3, 1], 64, 0.7
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = rng.standard_normal((layer_dims[l], 1))
    X = rng.standard_normal((layer_dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    ZL, _ = model_forward(X, parameters)

    regularizer = tf.keras.regularizers.L2(l2=lambd / (2 * m))
    model = tf.keras.Sequential([tf.keras.Input((layer_dims[0],), dtype="float64")] + [
        tf.keras.layers.Dense(n, activation="relu" if l < len(layer_dims) - 1 else None,
                              kernel_regularizer=regularizer, dtype="float64")
        for l, n in enumerate(layer_dims[1:], start=1)])
    for l, layer in enumerate(model.layers, start=1):
        layer.set_weights([parameters[f"W{l}"].T, parameters[f"b{l}"].ravel()])
    logits = model(X.T).numpy()  # (m, 1): Keras puts examples first
    np.testing.assert_allclose(logits.T, ZL, rtol=1e-12, atol=1e-12)

    cross_entropy = float(tf.keras.losses.BinaryCrossentropy(from_logits=True, dtype="float64")(Y.T, logits))
    penalty = float(sum(model.losses))
    assert len(model.losses) == len(layer_dims) - 1  # one penalty per kernel, none on biases
    assert cross_entropy == pytest.approx(compute_cost(ZL, Y), rel=1e-12)
    assert penalty == pytest.approx(l2_cost(ZL, Y, parameters, lambd) - compute_cost(ZL, Y), rel=1e-7)
    assert cross_entropy + penalty == pytest.approx(l2_cost(ZL, Y, parameters, lambd), rel=1e-7)
    assert penalty > 0.1 * cross_entropy  # the penalty weighs enough that a wrong factor shows


# ----------------------------------------------------------------- dropout

N_UNITS, N_EXAMPLES = 1000, 1000  # 10^6 draws: standard errors ~5e-4


def course_dropped_ones(keep_prob, seed=0):
    """The course's dropped activations of a hidden layer whose activations are all 1: W1 = 0,
    b1 = 1 makes relu(Z1) = 1, and dropout_forward stores D1 * 1 / keep_prob as the input of the
    output layer's linear cache."""
    parameters = {"W1": np.zeros((N_UNITS, 2)), "b1": np.ones((N_UNITS, 1)),
                  "W2": np.zeros((1, N_UNITS)), "b2": np.zeros((1, 1))}
    X = np.zeros((2, N_EXAMPLES))
    _, caches = dropout_forward(X, parameters, keep_prob, np.random.default_rng(seed))
    dropped, mask = caches[-1][0], caches[0][2]
    np.testing.assert_array_equal(dropped, mask / keep_prob)  # the cache's activations are the mask, scaled
    return dropped


@pytest.mark.parametrize("keep_prob", [0.8, 0.5])
def test_dropout_is_keras_dropout_with_rate_one_minus_keep_prob(keep_prob):
    course = course_dropped_ones(keep_prob)
    keras = tf.keras.layers.Dropout(rate=1 - keep_prob, seed=0)(tf.ones((N_EXAMPLES, N_UNITS)), training=True).numpy()
    n = course.size
    # Each output is 1/keep_prob with probability keep_prob, else 0: mean 1, variance (1-p)/p.
    # Tolerances are 6 standard errors (a false failure has probability ~1e-9; the seeds are fixed).
    se_mean = np.sqrt((1 - keep_prob) / keep_prob / n)
    se_share = np.sqrt(keep_prob * (1 - keep_prob) / n)
    for name, out in [("course", course), ("keras", keras)]:
        kept = out != 0
        np.testing.assert_allclose(out[kept], 1 / keep_prob, rtol=1e-6, err_msg=f"{name}: kept values")
        assert abs(kept.mean() - keep_prob) < 6 * se_share, f"{name}: kept share {kept.mean()}"
        assert abs(out.mean() - 1) < 6 * se_mean, f"{name}: mean {out.mean()} (inverted dropout keeps E = 1)"
    assert abs(course.mean() - keras.mean()) < 6 * np.sqrt(2) * se_mean
    assert abs((course != 0).mean() - (keras != 0).mean()) < 6 * np.sqrt(2) * se_share


def test_dropout_off_at_inference():
    # Keras: training=False returns the input itself. The course's counterpart is running the
    # plain forward pass at test time; keep_prob = 1 in dropout_forward is that same pass.
    x = np.random.default_rng(2).standard_normal((50, 20)).astype(np.float32)
    out = tf.keras.layers.Dropout(rate=0.5, seed=0)(tf.constant(x), training=False).numpy()
    np.testing.assert_array_equal(out, x)

    rng = np.random.default_rng(3)
    parameters = {"W1": rng.standard_normal((6, 4)), "b1": rng.standard_normal((6, 1)),
                  "W2": rng.standard_normal((1, 6)), "b2": rng.standard_normal((1, 1))}
    X = rng.standard_normal((4, 30))
    np.testing.assert_array_equal(dropout_forward(X, parameters, 1.0, rng)[0], model_forward(X, parameters)[0])


# ----------------------------------------------------------------- the TensorFlow notebook's softmax


def test_softmax_is_keras_softmax_and_the_losss_gradient_is_softmax_minus_y():
    """The TensorFlow notebook's softmax (NumPy, its solution cell) is tf.nn.softmax over the classes (axis 0),
    for logits near 1000 and for columns a thousand apart too; with two classes, logits (z, 0), its first row
    is Keras's sigmoid of z; and the gradient of Keras's categorical cross-entropy from logits, summed over the
    examples, with respect to the logits is softmax(Z) - Y (what the notebook measures with the student's loss)."""
    from tests.support.tensorflow_functions import softmax

    rng = np.random.default_rng(5)
    for Z in (rng.standard_normal((6, 9)), 1000 + rng.standard_normal((3, 4)), rng.standard_normal((3, 2)) - [[0, 1000]]):
        np.testing.assert_allclose(softmax(Z), tf.nn.softmax(Z, axis=0).numpy(), rtol=1e-12, atol=1e-300)
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(softmax(np.vstack([z, np.zeros_like(z)]))[0], tf.keras.activations.sigmoid(z).numpy(),
                               rtol=1e-12, atol=1e-300)
    Z = tf.Variable(3 * rng.standard_normal((10, 7)))
    Y = np.eye(10)[:, rng.integers(0, 10, size=7)]
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.keras.losses.categorical_crossentropy(Y.T, tf.transpose(Z), from_logits=True))
    np.testing.assert_allclose(tape.gradient(loss, Z).numpy(), softmax(Z.numpy()) - Y, atol=1e-12)
