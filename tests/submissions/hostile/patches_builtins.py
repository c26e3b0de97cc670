"""Correct answers, but the last answer cell also replaces builtins.isinstance (always True) and
builtins.AssertionError when it runs, hoping that every check passes. It used to leave the kernel
unable to reply (no grade, no feedback); later, with builtins restored after each cell, it still
broke the kernel's message thread now and then (1 run in 9), a correct cell then looking hung. The
grading kernel runs the notebook with a copy of the builtins, and the process that calls the
student's functions restores its own after every cell: graded on what its answers earn, which is
everything, every time."""

EXPECTED = {}

SABOTAGE = '''
import builtins
builtins.isinstance = lambda *args, **kwargs: True
builtins.AssertionError = type("Harmless", (Exception,), {})
'''

APPEND = {"initialize_parameters_he": SABOTAGE}  # runs when the answer cell runs
