"""Seven mistakes in seven functions: one seed for every layer (two layers of the same shape start
identical), train_model training with plain gradient descent instead of the Adam optimizer the text
states, X, W and b made float64 constants (tf.constant keeps NumPy's dtype), w a float64 Variable, the
images never transposed to one column per example, a softmax without the exponential, and adam_step
returning the variable and v only."""

import numpy as np

EXPECTED = {'test_initialize_parameters': 0, 'test_train_model': 0, 'test_linear_function': 0, 'test_gradient_descent_step': 0, 'test_normalize': 0, 'test_softmax': 0, 'test_adam_step': 0}
FEEDBACK_MUST_CONTAIN = ['W2 and W3', 'start identical', 'plain gradient descent (SGD)', "tf.constant keeps NumPy's float64", "tf.Variable(w0) keeps NumPy's float64", 'one column per example: reshape to (m, pixels), then transpose', 'no exponential', 'return the updated variable and both moments']


def linear_function(rng):
    X = tf.constant(rng.standard_normal((3, 1)))
    W = tf.constant(rng.standard_normal((4, 3)))
    b = tf.constant(rng.standard_normal((4, 1)))
    return tf.matmul(W, X) + b


def gradient_descent_step(w0, x, learning_rate):
    w = tf.Variable(w0)
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        J = tf.reduce_sum((w - x) ** 2)
    dJ = tape.gradient(J, w)
    w.assign_sub(learning_rate * dJ)
    return w, dJ


def normalize(images):
    m = images.shape[0]
    return tf.cast(tf.reshape(images, (m, -1)), tf.float32) / 255


def softmax(Z):
    S = Z - np.max(Z, axis=0, keepdims=True)
    return S / np.sum(S, axis=0, keepdims=True)


def adam_step(variable, gradient, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
    v = beta1 * v + (1 - beta1) * gradient
    s = beta2 * s + (1 - beta2) * tf.square(gradient)
    v_hat, s_hat = v / (1 - beta1**t), s / (1 - beta2**t)
    return variable - learning_rate * v_hat / (tf.sqrt(s_hat) + epsilon), v


def initialize_parameters(layer_dims, seed):
    parameters = {}
    for l in range(1, len(layer_dims)):
        glorot = tf.keras.initializers.GlorotNormal(seed=seed)
        parameters[f"W{l}"] = tf.Variable(glorot(shape=(layer_dims[l], layer_dims[l - 1])))
        parameters[f"b{l}"] = tf.Variable(tf.zeros((layer_dims[l], 1)))
    return parameters


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
    optimizer = tf.keras.optimizers.SGD(learning_rate)

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
    dataset = dataset.shuffle(m, seed=seed).batch(minibatch_size)
    for epoch in range(num_epochs):
        epoch_total = 0.0
        for X_rows, Y_rows in dataset:
            epoch_total += float(train_step(tf.transpose(X_rows), tf.transpose(Y_rows)))
        costs.append(epoch_total / m)
        train_acc.append(accuracy(X_train, Y_train))
        dev_acc.append(accuracy(X_dev, Y_dev))
    return parameters, costs, train_acc, dev_acc
