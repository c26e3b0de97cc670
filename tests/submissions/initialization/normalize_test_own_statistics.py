"""Normalizes the test set with its own mean and standard deviation: loses the normalize_inputs points only."""
import numpy as np

EXPECTED = {"test_normalize_inputs": 0}
FEEDBACK_MUST_CONTAIN = ["normalize_inputs: X_test_norm has wrong values", "statistics of its own"]


def normalize_inputs(X_train, X_test):
    def standardize(X):
        return (X - np.mean(X, axis=1, keepdims=True)) / np.std(X, axis=1, keepdims=True)

    return standardize(X_train), standardize(X_test)
