"""Kills the kernel (os._exit) when random init is called: a new kernel grades the rest, and only
random init loses its points."""
import os

EXPECTED = {"test_initialize_parameters_random": 0}
FEEDBACK_MUST_CONTAIN = ["KernelDied", "`initialize_parameters_random` stopped the kernel (it crashed, exited"]
PROBLEMS_MUST_CONTAIN = ["test_initialize_parameters_random: `initialize_parameters_random` stopped the kernel"]


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    os._exit(1)
