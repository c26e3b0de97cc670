"""Two mistakes in two functions: a forward pass written for three layers (right for the visible check,
wrong for the hidden tests' other depths; train_model, which uses it, is told to fix it first), and
parameters returned as tensors, not tf.Variables."""

import numpy as np

EXPECTED = {'test_forward_propagation': 0, 'test_initialize_parameters': 0, 'test_train_model': 0}
FEEDBACK_MUST_CONTAIN = ['loop over every layer', 'wrap each initial value in tf.Variable']


def forward_propagation(X, parameters):
    A1 = tf.nn.relu(tf.matmul(parameters["W1"], X) + parameters["b1"])
    A2 = tf.nn.relu(tf.matmul(parameters["W2"], A1) + parameters["b2"])
    return tf.matmul(parameters["W3"], A2) + parameters["b3"]


def initialize_parameters(layer_dims, seed):
    p = {}
    for l in range(1, len(layer_dims)):
        g = tf.keras.initializers.GlorotNormal(seed=seed + l)
        p[f"W{l}"] = g(shape=(layer_dims[l], layer_dims[l - 1]))
        p[f"b{l}"] = tf.zeros((layer_dims[l], 1))
    return p
