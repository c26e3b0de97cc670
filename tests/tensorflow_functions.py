"""Correct TensorFlow notebook functions for the tests (the notebook's graded functions, written as a
student would; course_utils never holds them)."""
import numpy as np

from course_utils.framework import tf


def normalize(images):
    m = images.shape[0]
    X = tf.cast(tf.reshape(images, (m, -1)), tf.float32) / 255.0
    return tf.transpose(X)


def one_hot_matrix(labels, depth):
    return tf.one_hot(labels, depth, axis=0)


def initialize_parameters(layer_dims, seed):
    parameters = {}
    for l in range(1, len(layer_dims)):
        glorot = tf.keras.initializers.GlorotNormal(seed=seed + l)
        parameters[f"W{l}"] = tf.Variable(glorot(shape=(layer_dims[l], layer_dims[l - 1])), name=f"W{l}")
        parameters[f"b{l}"] = tf.Variable(tf.zeros((layer_dims[l], 1)), name=f"b{l}")
    return parameters


def forward_propagation(X, parameters):
    L = len(parameters) // 2
    A = X
    for l in range(1, L):
        A = tf.nn.relu(tf.matmul(parameters[f"W{l}"], A) + parameters[f"b{l}"])
    return tf.matmul(parameters[f"W{L}"], A) + parameters[f"b{L}"]


def compute_total_loss(logits, labels):
    return tf.reduce_sum(tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits), from_logits=True))


def accuracy(X, Y, parameters):
    return float(tf.reduce_mean(tf.cast(tf.argmax(forward_propagation(X, parameters), axis=0) == tf.argmax(Y, axis=0), tf.float32)))


def train_model(X_train, Y_train, X_test, Y_test, layer_dims, learning_rate=0.001, num_epochs=100, minibatch_size=32, seed=1, print_cost=False):
    parameters = initialize_parameters(layer_dims, seed)
    variables = list(parameters.values())
    optimizer = tf.keras.optimizers.Adam(learning_rate)
    m = X_train.shape[1]
    dataset = tf.data.Dataset.from_tensor_slices((tf.transpose(X_train), tf.transpose(Y_train)))
    dataset = dataset.shuffle(m, seed=seed).batch(minibatch_size)
    costs, train_acc, test_acc = [], [], []

    @tf.function
    def train_step(X_batch, Y_batch):
        with tf.GradientTape() as tape:
            loss = compute_total_loss(forward_propagation(tf.transpose(X_batch), parameters), tf.transpose(Y_batch))
        grads = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(grads, variables))
        return loss

    for epoch in range(num_epochs):
        epoch_total = 0.0
        for X_batch, Y_batch in dataset:
            epoch_total += float(train_step(X_batch, Y_batch))
        costs.append(epoch_total / m)
        train_acc.append(accuracy(X_train, Y_train, parameters))
        test_acc.append(accuracy(X_test, Y_test, parameters))
        if print_cost and epoch % 10 == 0:
            print(f"epoch {epoch}: cost {costs[-1]:.4f}, train {train_acc[-1]:.3f}, test {test_acc[-1]:.3f}")
    return parameters, costs, train_acc, test_acc


def adam_step(variable, gradient, m, v, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
    m = beta1 * m + (1 - beta1) * gradient
    v = beta2 * v + (1 - beta2) * tf.square(gradient)
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    variable = variable - learning_rate * m_hat / (tf.sqrt(v_hat) + epsilon)
    return variable, m, v
