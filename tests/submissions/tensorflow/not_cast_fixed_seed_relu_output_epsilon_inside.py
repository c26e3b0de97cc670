"""Five classic mistakes in five functions: images divided without a cast (float64), a fixed seed
that ignores the argument, ReLU on the output layer (which costs train_model too: its check says to
fix forward_propagation first), labels and logits handed to the loss transposed, and epsilon inside
Adam's square root."""
import numpy as np

EXPECTED = {"test_normalize": 0, "test_initialize_parameters": 0, "test_forward_propagation": 0, "test_compute_total_loss": 0,
            "test_train_model": 0, "test_adam_step": 0}
FEEDBACK_MUST_CONTAIN = ["float32", "NumPy's / gives float64", "seed=1 and seed=2 gave identical weights", "ReLU on the output layer",
                         "labels and logits transposed", "epsilon inside the square root", "fix forward_propagation first"]


def normalize(images):
    return images.reshape(images.shape[0], -1).T / 255


def initialize_parameters(layer_dims, seed):
    parameters = {}
    for l in range(1, len(layer_dims)):
        glorot = tf.keras.initializers.GlorotNormal(seed=1 + l)
        parameters[f"W{l}"] = tf.Variable(glorot(shape=(layer_dims[l], layer_dims[l - 1])))
        parameters[f"b{l}"] = tf.Variable(tf.zeros((layer_dims[l], 1)))
    return parameters


def forward_propagation(X, parameters):
    L = len(parameters) // 2
    A = X
    for l in range(1, L + 1):
        A = tf.nn.relu(tf.matmul(parameters[f"W{l}"], A) + parameters[f"b{l}"])
    return A


def compute_total_loss(logits, labels):
    return tf.reduce_sum(tf.keras.losses.categorical_crossentropy(labels, logits, from_logits=True))


def adam_step(variable, gradient, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
    v = beta1 * v + (1 - beta1) * gradient
    s = beta2 * s + (1 - beta2) * tf.square(gradient)
    v_hat, s_hat = v / (1 - beta1 ** t), s / (1 - beta2 ** t)
    return variable - learning_rate * v_hat / tf.sqrt(s_hat + epsilon), v, s
