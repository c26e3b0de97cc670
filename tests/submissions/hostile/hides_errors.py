"""A wrong He (Xavier's scale) whose cell also tells IPython to swallow every exception and
replaces sys.excepthook, hoping that a failing test looks as if it passed. The failure is recorded
all the same (by the kernel's reply, and by the tests run again outside the kernel): He scores 0
with its real message, the rest keep their marks."""
import numpy as np

EXPECTED = {"test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = ["initialize_parameters_he: W1 has the wrong spread", "Xavier"]

SWALLOW = '''
get_ipython().set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: None)
import sys as _sys
_sys.excepthook = lambda *args: None
'''


def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(1 / layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


PREPEND = {"initialize_parameters_he": SWALLOW}  # runs when the answer cell runs
