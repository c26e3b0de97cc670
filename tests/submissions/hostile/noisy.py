"""Correct answers that print to stderr and raise a warning: they keep every mark. They also
print how many threads the grading kernel lets BLAS and TensorFlow use (one: a task per core)."""
import os
import sys
import warnings

import numpy as np

EXPECTED = {}  # every test at full marks
FEEDBACK_MUST_CONTAIN = ["threads: BLAS 1, TensorFlow 1"]


def initialize_parameters_zeros(layers_dims):
    # CLASSMATE-PRIVATE-NOTE-7f3a: what sandbox_escape must never be able to read
    print("debugging zeros", layers_dims, file=sys.stderr)
    warnings.warn("a warning from the student's code")
    return {k: v for l in range(1, len(layers_dims)) for k, v in
            ((f"W{l}", np.zeros((layers_dims[l], layers_dims[l - 1]))), (f"b{l}", np.zeros((layers_dims[l], 1))))}


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    print("debugging random", file=sys.stderr)
    print(f"threads: BLAS {os.environ.get('OPENBLAS_NUM_THREADS')}, TensorFlow {os.environ.get('TF_NUM_INTRAOP_THREADS')}")
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = rng.normal(0.0, scale, size=(layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, rng):
    warnings.warn("deprecated, says the student", DeprecationWarning)
    sys.stderr.write("debugging he\n")
    parameters = {}
    for l in range(len(layers_dims) - 1, 0, -1):  # another valid order of the draws
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) / np.sqrt(layers_dims[l - 1] / 2)
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
