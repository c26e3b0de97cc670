"""An exponentially weighted average corrected with beta ** i, i counted from 0: the first value is
divided by 1 - beta ** 0 = 0. Loses that function's points only."""
import numpy as np

EXPECTED = {"test_exponentially_weighted_average": 0}
FEEDBACK_MUST_CONTAIN = ["exponentially_weighted_average", "divided by 1 - beta ** 0 = 0"]


def exponentially_weighted_average(values, beta, bias_correction=True):
    averages = np.zeros(len(values))
    v = 0
    for i in range(len(values)):
        v = beta * v + (1 - beta) * values[i]
        with np.errstate(divide="ignore"):
            averages[i] = v / (1 - beta ** i) if bias_correction else v
    return averages
