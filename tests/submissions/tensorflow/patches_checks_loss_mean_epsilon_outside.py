"""A loss averaged over the examples instead of summed, in a cell that also replaces the loss's check
by one that always passes: in the kernel its test passes; run again outside the kernel, against the
real check, the mean is found out and named. train_model trains on that loss: its costs are no longer
averages per example, and its check (patched nowhere) says so. And epsilon added after Adam's division.
Scores what the answers are worth: nothing for those three functions, full marks for the rest."""

EXPECTED = {"test_compute_total_loss": 0, "test_train_model": 0, "test_adam_step": 0}
FEEDBACK_MUST_CONTAIN = ["outside your notebook's kernel", "the mean instead of the sum", "not the average loss per example",
                         "epsilon added after the division"]
APPEND = {"compute_total_loss": """
import course_utils.checks.tensorflow as _checks

_checks.check_compute_total_loss = lambda *args, **kwargs: print("✓ compute_total_loss: all checks passed.")
"""}


def compute_total_loss(logits, labels):
    losses = tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits), from_logits=True)
    return tf.reduce_mean(losses)


def adam_step(variable, gradient, v, s, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-7):
    v = beta1 * v + (1 - beta1) * gradient
    s = beta2 * s + (1 - beta2) * tf.square(gradient)
    v_hat, s_hat = v / (1 - beta1 ** t), s / (1 - beta2 ** t)
    return variable - learning_rate * (v_hat / tf.sqrt(s_hat) + epsilon), v, s
