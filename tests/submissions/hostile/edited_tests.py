"""Replaces every test cell with `pass` and gets He wrong: the instructor's tests run anyway."""
import numpy as np

EXPECTED = {"test_initialize_parameters_he": 0}


def initialize_parameters_he(layers_dims, rng):
    return {k: v for l in range(1, len(layers_dims)) for k, v in
            ((f"W{l}", rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(1 / layers_dims[l - 1])),
             (f"b{l}", np.zeros((layers_dims[l], 1))))}


def transform(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.source = "pass"
    return nb
