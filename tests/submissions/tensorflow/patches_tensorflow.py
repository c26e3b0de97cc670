"""A loss that patches TensorFlow and the checks: its cell makes every tf.reduce_sum a mean (its
own loss included, which reads as a correct sum) and replaces the loss's check by one that always
passes, in the kernel and in the process grading calls its functions in. The hidden test's own
numbers find the mean out in the kernel; so would the re-run outside the kernel, against the real
check. Scores what the answers are worth: nothing for the loss and for train_model (its costs are
no longer averages per example), full marks for the rest."""

EXPECTED = {"test_compute_total_loss": 0, "test_train_model": 0}
FEEDBACK_MUST_CONTAIN = ["test_compute_total_loss", "not the average loss per example"]
APPEND = {"compute_total_loss": """
import course_utils.checks.tensorflow as _checks

_checks.check_compute_total_loss = lambda *args, **kwargs: print("✓ compute_total_loss: all checks passed.")
tf.reduce_sum = tf.reduce_mean
tf.math.reduce_sum = tf.reduce_mean
"""}
