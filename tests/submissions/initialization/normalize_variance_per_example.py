"""Statistics over the examples of each column (axis=0) and a division by the variance: the axis is
found first. Loses the normalize_inputs points only."""
import numpy as np

EXPECTED = {"test_normalize_inputs": 0}
FEEDBACK_MUST_CONTAIN = ["normalize_inputs:", "each EXAMPLE"]


def normalize_inputs(X_train, X_test):
    mu = X_train.mean(axis=0)
    var = X_train.var(axis=0)
    return (X_train - mu) / var, (X_test - mu) / var
