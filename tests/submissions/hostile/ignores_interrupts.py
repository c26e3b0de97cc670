"""He loops forever and swallows the interrupt that grading sends after the cell timeout (a bare
`except:` inside the loop). The kernel never answers again: grading restarts it, and only He loses
its points. It used to stop the whole submission's grading."""

EXPECTED = {"test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = ["`initialize_parameters_he` did not finish within", "the kernel stopped answering"]
PROBLEMS_MUST_CONTAIN = ["test_initialize_parameters_he: `initialize_parameters_he` did not finish within"]


def initialize_parameters_he(layers_dims, rng):
    while True:
        try:
            while True:
                pass
        except BaseException:  # the point of this case: a bare except in a loop
            continue
