"""Two classic mistakes in two functions: the loss averaged over the examples instead of summed
(train_model trains on it, so its check says to fix the loss first), and epsilon added after
Adam's division."""

EXPECTED = {"test_compute_total_loss": 0, "test_train_model": 0, "test_adam_step": 0}
FEEDBACK_MUST_CONTAIN = ["the mean instead of the sum", "fix compute_total_loss first", "epsilon added after the division"]


def compute_total_loss(logits, labels):
    losses = tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits), from_logits=True)
    return tf.reduce_mean(losses)


def adam_step(variable, gradient, m, v, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
    m = beta1 * m + (1 - beta1) * gradient
    v = beta2 * v + (1 - beta2) * tf.square(gradient)
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return variable - learning_rate * (m_hat / tf.sqrt(v_hat) + epsilon), m, v
