"""Five classic mistakes in five functions: pixels divided with integer division, the one-hot along
Keras's axis, random biases, Adam without bias correction, and the loss without from_logits=True
(which costs train_model too: it trains on that loss, and its check says to fix the loss first)."""
import numpy as np

EXPECTED = {"test_normalize": 0, "test_one_hot_matrix": 0, "test_initialize_parameters": 0, "test_compute_total_loss": 0,
            "test_train_model": 0, "test_adam_step": 0}
FEEDBACK_MUST_CONTAIN = ["normalize", "integer division", "one_hot_matrix", "wrong axis", "biases start at zero",
                         "without bias correction", "from_logits=True", "fix compute_total_loss first"]


def normalize(images):
    m = images.shape[0]
    X = tf.reshape(images, (m, -1)) // 255
    return tf.transpose(tf.cast(X, tf.float32))


def one_hot_matrix(labels, depth):
    return tf.one_hot(labels, depth)


def initialize_parameters(layer_dims, seed):
    parameters = {}
    for l in range(1, len(layer_dims)):
        glorot = tf.keras.initializers.GlorotNormal(seed=seed + l)
        parameters["W" + str(l)] = tf.Variable(glorot(shape=(layer_dims[l], layer_dims[l - 1])))
        parameters["b" + str(l)] = tf.Variable(tf.random.normal((layer_dims[l], 1), seed=seed))
    return parameters


def compute_total_loss(logits, labels):
    return tf.reduce_sum(tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits)))


def adam_step(variable, gradient, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
    v = beta1 * v + (1 - beta1) * gradient
    s = beta2 * s + (1 - beta2) * gradient ** 2
    variable = variable - learning_rate * v / (np.sqrt(s) + epsilon)
    return variable, v, s
