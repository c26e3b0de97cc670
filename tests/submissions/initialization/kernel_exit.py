"""Kills the kernel (os._exit) when random init is called: a new kernel grades the rest."""
import os

EXPECTED = {"test_initialize_parameters_random": 0}
FEEDBACK_MUST_CONTAIN = ["KernelDied"]


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    os._exit(1)
