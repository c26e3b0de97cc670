"""Six classic mistakes in six functions: pixels divided with integer division, the one-hot along
Keras's axis, every W of shape (n_(l-1), n_l), Adam without bias correction, the loss without
from_logits=True, and a forward pass that multiplies the activations (one row per example) by the transposed weights: right
numbers, wrong layout (train_model, built on both, is told to fix forward_propagation first)."""
import numpy as np

EXPECTED = {"test_normalize": 0, "test_one_hot_matrix": 0, "test_initialize_parameters": 0, "test_compute_total_loss": 0,
            "test_train_model": 0, "test_adam_step": 0,
            "test_forward_propagation": 0}
FEEDBACK_MUST_CONTAIN = ["normalize", "integer division", "one_hot_matrix", "wrong axis", "has shape (n_l, n_(l-1))",
                         "without bias correction", "from_logits=True", "softmax applied twice, or none", "fix forward_propagation first",
                         "W first, then the activations"]


def normalize(images):
    m = images.shape[0]
    X = tf.reshape(images, (m, -1)) // 255
    return tf.transpose(tf.cast(X, tf.float32))


def one_hot_matrix(labels, depth):
    return tf.one_hot(labels, depth)


def initialize_parameters(layer_dims, seed):
    p = {}
    for l in range(1, len(layer_dims)):
        g = tf.keras.initializers.GlorotNormal(seed=seed + l)
        p[f"W{l}"] = tf.Variable(g(shape=(layer_dims[l - 1], layer_dims[l])))
        p[f"b{l}"] = tf.Variable(tf.zeros((layer_dims[l], 1)))
    return p


def compute_total_loss(logits, labels):
    return tf.reduce_sum(tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits)))


def adam_step(variable, gradient, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
    v = beta1 * v + (1 - beta1) * gradient
    s = beta2 * s + (1 - beta2) * gradient ** 2
    variable = variable - learning_rate * v / (np.sqrt(s) + epsilon)
    return variable, v, s


def forward_propagation(X, parameters):
    A = tf.transpose(X)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        Z = tf.matmul(A, tf.transpose(parameters[f"W{l}"])) + tf.transpose(parameters[f"b{l}"])
        A = tf.nn.relu(Z) if l < L else Z
    return A
