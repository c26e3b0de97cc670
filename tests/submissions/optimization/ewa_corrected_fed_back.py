"""An exponentially weighted average whose corrected value is fed back into the next step. Loses
that function's points only."""
import numpy as np

EXPECTED = {"test_exponentially_weighted_average": 0}
FEEDBACK_MUST_CONTAIN = ["exponentially_weighted_average", "corrected average was fed back"]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        if bias_correction:
            v = v / (1 - beta ** t)  # the corrected value becomes the next step's average
        averages[t - 1] = v
    return averages
