"""Four more: Y computed in NumPy (right values, but not a tensor: the check in the kernel says so), the sigmoid
of -z, the step written w = w - ... (a new tensor: the Variable never moves), and the softmax shifted by the
largest logit of the whole matrix (right, but a column far below it underflows to 0 / 0)."""
import numpy as np

EXPECTED = {"test_linear_function": 0, "test_sigmoid": 0, "test_gradient_descent_step": 0, "test_softmax": 0}
FEEDBACK_MUST_CONTAIN = ["not a TensorFlow tensor", "that is sigmoid(-z)", "w is a tensor, not a tf.Variable",
                         "the largest logit of the whole matrix subtracted"]


def linear_function(rng):
    X, W, b = rng.standard_normal((3, 1)), rng.standard_normal((4, 3)), rng.standard_normal((4, 1))
    return (np.dot(W, X) + b).astype(np.float32)


def sigmoid(z):
    return 1 / (1 + tf.exp(tf.cast(z, tf.float32)))


def gradient_descent_step(w0, x, learning_rate):
    w = tf.Variable(w0, dtype=tf.float32)
    with tf.GradientTape() as tape:
        J = tf.reduce_sum((w - tf.constant(x, dtype=tf.float32)) ** 2)
    dJ_dw = tape.gradient(J, w)
    w = w - learning_rate * dJ_dw
    return w, dJ_dw


def softmax(Z):
    exponentials = np.exp(Z - np.max(Z))
    return exponentials / np.sum(exponentials, axis=0, keepdims=True)
