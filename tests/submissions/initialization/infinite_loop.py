"""He init never returns: its cells time out, the other functions keep their marks."""

EXPECTED = {"test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = ["CellTimeoutError"]


def initialize_parameters_he(layers_dims, rng):
    while True:
        pass
