"""Fixtures the tests of course_utils share."""

import numpy as np
import pytest


@pytest.fixture
def data():
    """A small 2-D set (a disc inside a square): train X, Y, then test X, Y."""
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (2, 120))
    Y = (np.hypot(X[0], X[1]) < 0.6).astype(int).reshape(1, -1)
    return X[:, :80], Y[:, :80], X[:, 80:], Y[:, 80:]
