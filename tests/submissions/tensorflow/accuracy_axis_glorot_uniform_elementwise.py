"""Three mistakes in three functions: train_model's accuracies compare argmaxes along the examples
(axis=1) instead of the classes, GlorotUniform instead of GlorotNormal (the same spread, not a normal),
and Y = W * X + b (an entry-by-entry product, which raises)."""

import numpy as np

EXPECTED = {'test_train_model': 0, 'test_initialize_parameters': 0, 'test_linear_function': 0}
FEEDBACK_MUST_CONTAIN = ['is not the accuracy of the parameters returned', 'that looks like Glorot-uniform', '* multiplies entry by entry']


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
        predictions = tf.argmax(forward_propagation(X, parameters), axis=1)
        return float(tf.reduce_mean(tf.cast(predictions == tf.argmax(Y, axis=1), tf.float32)))

    @tf.function
    def train_step(X_batch, Y_batch):
        with tf.GradientTape() as tape:
            loss = compute_total_loss(forward_propagation(X_batch, parameters), Y_batch)
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss

    m = X_train.shape[1]
    costs, train_acc, dev_acc = [], [], []
    dataset = tf.data.Dataset.from_tensor_slices((tf.transpose(X_train), tf.transpose(Y_train)))
    dataset = dataset.shuffle(m, seed=seed).batch(minibatch_size)
    for epoch in range(num_epochs):
        epoch_total = 0.0
        for X_rows, Y_rows in dataset:
            epoch_total += float(train_step(tf.transpose(X_rows), tf.transpose(Y_rows)))
        costs.append(epoch_total / m)
        train_acc.append(accuracy(X_train, Y_train))
        dev_acc.append(accuracy(X_dev, Y_dev))
    return parameters, costs, train_acc, dev_acc


def initialize_parameters(layer_dims, seed):
    p = {}
    for l in range(1, len(layer_dims)):
        g = tf.keras.initializers.GlorotUniform(seed=seed + l)
        p[f"W{l}"] = tf.Variable(g(shape=(layer_dims[l], layer_dims[l - 1])))
        p[f"b{l}"] = tf.Variable(tf.zeros((layer_dims[l], 1)))
    return p


def linear_function(rng):
    X = tf.constant(rng.standard_normal((3, 1)), dtype=tf.float32)
    W = tf.constant(rng.standard_normal((4, 3)), dtype=tf.float32)
    b = tf.constant(rng.standard_normal((4, 1)), dtype=tf.float32)
    return W * X + b
