"""An exponentially weighted average that starts at the first value instead of 0 (then corrects it
anyway). Loses that function's points only."""
import numpy as np

EXPECTED = {"test_exponentially_weighted_average": 0}
FEEDBACK_MUST_CONTAIN = ["exponentially_weighted_average", "v starts at the first value"]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = values[0]
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        averages[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return averages
