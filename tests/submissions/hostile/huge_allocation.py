"""Asks for 8 GiB: the grading kernel's memory limit turns it into a MemoryError."""

EXPECTED = {"test_initialize_parameters_zeros": 0}
FEEDBACK_MUST_CONTAIN = ["MemoryError"]


def initialize_parameters_zeros(layers_dims):
    hoard = bytearray(8 * 2**30)
    return {"W1": hoard}
