"""Three mistakes in three functions: train_model shuffles without the seed (two runs with one seed
differ), gradient_descent_step returns the gradient first and w second, and linear_function draws from
NumPy's global generator instead of rng."""

import numpy as np

EXPECTED = {'test_train_model': 0, 'test_gradient_descent_step': 0, 'test_linear_function': 0}
FEEDBACK_MUST_CONTAIN = ['two runs with the same seed gave different costs', 'the Variable after the step first, then the gradient', 'draw X, W and b from the rng argument']


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
    dataset = dataset.shuffle(m).batch(minibatch_size)
    for epoch in range(num_epochs):
        epoch_total = 0.0
        for X_rows, Y_rows in dataset:
            epoch_total += float(train_step(tf.transpose(X_rows), tf.transpose(Y_rows)))
        costs.append(epoch_total / m)
        train_acc.append(accuracy(X_train, Y_train))
        dev_acc.append(accuracy(X_dev, Y_dev))
    return parameters, costs, train_acc, dev_acc


def gradient_descent_step(w0, x, learning_rate):
    w = tf.Variable(w0, dtype=tf.float32)
    x = tf.constant(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        J = tf.reduce_sum((w - x) ** 2)
    dJ_dw = tape.gradient(J, w)
    w.assign_sub(learning_rate * dJ_dw)
    return dJ_dw, w


def linear_function(rng):
    X = tf.constant(np.random.standard_normal((3, 1)), dtype=tf.float32)
    W = tf.constant(np.random.standard_normal((4, 3)), dtype=tf.float32)
    b = tf.constant(np.random.standard_normal((4, 1)), dtype=tf.float32)
    return tf.matmul(W, X) + b
