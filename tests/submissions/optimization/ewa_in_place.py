"""An exponentially weighted average written over its input and returned: right numbers, but the
caller's series is gone. Loses that function's points only."""

EXPECTED = {"test_exponentially_weighted_average": 0}
FEEDBACK_MUST_CONTAIN = ["exponentially_weighted_average", "values was changed in place"]


def exponentially_weighted_average(values, beta, bias_correction=True):
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        values[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return values
