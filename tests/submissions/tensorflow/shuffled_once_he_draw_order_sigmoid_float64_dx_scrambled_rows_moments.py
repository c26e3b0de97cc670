"""Eight mistakes in eight functions: train_model shuffles once for all epochs
(reshuffle_each_iteration=False: the same mini-batches every epoch), He's spread instead of Glorot's, W
drawn before X, a sigmoid cast to float64, the gradient taken with respect to x (x a Variable too), the
images reshaped straight to (pixels, m), a softmax along the rows, and Adam's moments without the
(1 - beta) factors."""

import numpy as np

EXPECTED = {'test_train_model': 0, 'test_initialize_parameters': 0, 'test_linear_function': 0, 'test_sigmoid': 0, 'test_gradient_descent_step': 0, 'test_normalize': 0, 'test_softmax': 0, 'test_adam_step': 0}
FEEDBACK_MUST_CONTAIN = ['shuffled once, not at every epoch', "that is He's sqrt(2/fan_in)", 'draw X, then W, then b', 'a float64 z stays float64', 'that is dJ/dx', 'mixes pixels of different images', 'normalized along the rows', 'each moment is a weighted average']


def initialize_parameters(layer_dims, seed):
    p = {}
    for l in range(1, len(layer_dims)):
        he = tf.keras.initializers.HeNormal(seed=seed + l)
        p[f"W{l}"] = tf.Variable(he(shape=(layer_dims[l], layer_dims[l - 1])))
        p[f"b{l}"] = tf.Variable(tf.zeros((layer_dims[l], 1)))
    return p


def linear_function(rng):
    W = tf.constant(rng.standard_normal((4, 3)), dtype=tf.float32)
    X = tf.constant(rng.standard_normal((3, 1)), dtype=tf.float32)
    b = tf.constant(rng.standard_normal((4, 1)), dtype=tf.float32)
    return tf.matmul(W, X) + b


def sigmoid(z):
    return tf.math.sigmoid(tf.cast(z, tf.float64))


def gradient_descent_step(w0, x, learning_rate):
    w = tf.Variable(w0, dtype=tf.float32)
    x = tf.Variable(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        J = tf.reduce_sum((w - x) ** 2)
    dJ = tape.gradient(J, x)
    w.assign_sub(learning_rate * dJ)
    return w, dJ


def normalize(images):
    m = images.shape[0]
    return tf.cast(tf.reshape(images, (-1, m)), tf.float32) / 255


def softmax(Z):
    e = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def adam_step(variable, gradient, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
    v = beta1 * v + gradient
    s = beta2 * s + tf.square(gradient)
    v_hat, s_hat = v / (1 - beta1**t), s / (1 - beta2**t)
    return variable - learning_rate * v_hat / (tf.sqrt(s_hat) + epsilon), v, s


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
    dataset = dataset.shuffle(m, seed=seed, reshuffle_each_iteration=False).batch(minibatch_size)
    for epoch in range(num_epochs):
        epoch_total = 0.0
        for X_rows, Y_rows in dataset:
            epoch_total += float(train_step(tf.transpose(X_rows), tf.transpose(Y_rows)))
        costs.append(epoch_total / m)
        train_acc.append(accuracy(X_train, Y_train))
        dev_acc.append(accuracy(X_dev, Y_dev))
    return parameters, costs, train_acc, dev_acc
