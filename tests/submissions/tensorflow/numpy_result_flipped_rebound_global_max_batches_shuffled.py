"""Four more: Y computed in NumPy (right values, but not a tensor: the check in the kernel says so), the sigmoid
of -z, the step written w = w - ... (a new tensor: the Variable never moves), and the softmax shifted by the
largest logit of the whole matrix (right, but a column far below it underflows to 0 / 0). And train_model
shuffles whole mini-batches, not the examples: every epoch has the same batches in another order."""

import numpy as np

EXPECTED = {
    "test_linear_function": 0,
    "test_sigmoid": 0,
    "test_gradient_descent_step": 0,
    "test_softmax": 0,
    "test_train_model": 0,
}
FEEDBACK_MUST_CONTAIN = [
    "not a TensorFlow tensor",
    "that is sigmoid(-z)",
    "w is a tensor, not a tf.Variable",
    "the largest logit of the whole matrix subtracted",
    "the mini-batches are shuffled, not the examples",
]


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
    dataset = dataset.batch(minibatch_size).shuffle(m, seed=seed)
    for epoch in range(num_epochs):
        epoch_total = 0.0
        for X_rows, Y_rows in dataset:
            epoch_total += float(train_step(tf.transpose(X_rows), tf.transpose(Y_rows)))
        costs.append(epoch_total / m)
        train_acc.append(accuracy(X_train, Y_train))
        dev_acc.append(accuracy(X_dev, Y_dev))
    return parameters, costs, train_acc, dev_acc
