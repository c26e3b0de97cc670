"""Four classic mistakes in the four new functions: Y = XW (TensorFlow raises: the matrices do not fit), the
sigmoid without the cast (an integer z raises), w made a tf.constant (which has no assign_sub), and the
softmax without the max subtracted (logits near 1000 overflow to nan). And
train_model cuts its mini-batches in the data's own order every epoch: no shuffle."""

import numpy as np

EXPECTED = {
    "test_linear_function": 0,
    "test_sigmoid": 0,
    "test_gradient_descent_step": 0,
    "test_softmax": 0,
    "test_train_model": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "tf.matmul(W, X), W (4, 3) first",
    "a matrix product depends on the order",
    "cast first",
    "a constant cannot change",
    "exp(1000) overflows to inf",
    "mini-batches come in the data's own order",
]


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
    parameters = initialize_parameters(layer_dims, seed)
    variables = list(parameters.values())
    optimizer = tf.keras.optimizers.Adam(learning_rate)

    def accuracy(X, Y):
        predictions = tf.argmax(forward_propagation(X, parameters), axis=0)
        return float(tf.reduce_mean(tf.cast(predictions == tf.argmax(Y, axis=0), tf.float32)))

    @tf.function
    def train_step(X_batch, Y_batch):
        with tf.GradientTape() as tape:
            loss = compute_total_loss(forward_propagation(X_batch, parameters), Y_batch)
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss

    m = X_train.shape[1]
    costs, train_acc, dev_acc = [], [], []
    dataset = tf.data.Dataset.from_tensor_slices((tf.transpose(X_train), tf.transpose(Y_train)))
    dataset = dataset.batch(minibatch_size)
    for epoch in range(num_epochs):
        epoch_total = 0.0
        for X_rows, Y_rows in dataset:
            epoch_total += float(train_step(tf.transpose(X_rows), tf.transpose(Y_rows)))
        costs.append(epoch_total / m)
        train_acc.append(accuracy(X_train, Y_train))
        dev_acc.append(accuracy(X_dev, Y_dev))
    return parameters, costs, train_acc, dev_acc
