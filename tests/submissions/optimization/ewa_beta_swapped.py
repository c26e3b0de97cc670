"""An exponentially weighted average with beta and 1 - beta swapped: loses that function's points only."""
import numpy as np

EXPECTED = {"test_exponentially_weighted_average": 0}
FEEDBACK_MUST_CONTAIN = ["exponentially_weighted_average", "beta and 1 - beta are swapped"]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = (1 - beta) * v + beta * values[t - 1]
        averages[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return averages
