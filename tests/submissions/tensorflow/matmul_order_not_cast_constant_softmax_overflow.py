"""Four classic mistakes in the four new functions: Y = XW (TensorFlow raises: the matrices do not fit), the
sigmoid without the cast (an integer z raises), w made a tf.constant (which has no assign_sub), and the
softmax without the max subtracted (logits near 1000 overflow to nan)."""
import numpy as np

EXPECTED = {"test_linear_function": 0, "test_sigmoid": 0, "test_gradient_descent_step": 0, "test_softmax": 0}
FEEDBACK_MUST_CONTAIN = ["tf.matmul(W, X), W (4, 3) first", "a matrix product depends on the order", "cast first",
                         "a constant cannot change", "exp(1000) overflows to inf"]


def linear_function(rng):
    X = tf.constant(rng.standard_normal((3, 1)), dtype=tf.float32)
    W = tf.constant(rng.standard_normal((4, 3)), dtype=tf.float32)
    b = tf.constant(rng.standard_normal((4, 1)), dtype=tf.float32)
    return tf.matmul(X, W) + b


def sigmoid(z):
    return tf.keras.activations.sigmoid(z)


def gradient_descent_step(w0, x, learning_rate):
    w = tf.constant(w0, dtype=tf.float32)
    x = tf.constant(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        J = tf.reduce_sum((w - x) ** 2)
    dJ_dw = tape.gradient(J, w)
    w.assign_sub(learning_rate * dJ_dw)
    return w, dJ_dw


def softmax(Z):
    exponentials = np.exp(Z)
    return exponentials / np.sum(exponentials, axis=0, keepdims=True)
