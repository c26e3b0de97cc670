"""Wrong answers (constant weights) plus code that makes every in-kernel check pass: the
course's checker never fails, NumPy's comparisons always agree, AssertionError is replaced.
Scores what the real answers are worth: nothing for the two wrong functions."""
import numpy as np

EXPECTED = {"test_initialize_parameters_he": 0, "test_initialize_parameters_random": 0}
FEEDBACK_MUST_CONTAIN = ["outside your notebook's kernel"]


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    import builtins
    import numpy.testing
    import course_utils.checks.core as core

    core.Checker.fail = lambda self, *args, **kwargs: None
    np.allclose = lambda *args, **kwargs: True
    np.array_equal = lambda *args, **kwargs: True
    numpy.testing.assert_array_equal = lambda *args, **kwargs: None
    builtins.AssertionError = type("Harmless", (Exception,), {})
    return {k: v for l in range(1, len(layers_dims)) for k, v in
            ((f"W{l}", np.ones((layers_dims[l], layers_dims[l - 1]))), (f"b{l}", np.zeros((layers_dims[l], 1))))}


def initialize_parameters_he(layers_dims, rng):
    return {k: v for l in range(1, len(layers_dims)) for k, v in
            ((f"W{l}", np.ones((layers_dims[l], layers_dims[l - 1]))), (f"b{l}", np.zeros((layers_dims[l], 1))))}
