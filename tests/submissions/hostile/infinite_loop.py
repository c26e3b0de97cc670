"""He init never returns: its cells time out, the other functions keep their marks."""

EXPECTED = {"test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = ["`initialize_parameters_he` did not return within {CELL_TIMEOUT} s: an infinite loop?"]
PROBLEMS_MUST_CONTAIN = ["test_initialize_parameters_he: `initialize_parameters_he` did not return within"]


def initialize_parameters_he(layers_dims, rng):
    while True:
        pass
