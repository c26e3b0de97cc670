"""Correct answers, but the last answer cell also replaces builtins.isinstance (always True) and
builtins.AssertionError when it runs: once hoping that every check passes, it used to leave the
kernel unable to reply, and the submission got no grade and no feedback. The grading kernel and
the process that calls the student's functions put their builtins back after every cell: graded
on what its answers earn, which is everything."""

EXPECTED = {}

SABOTAGE = '''
import builtins
builtins.isinstance = lambda *args, **kwargs: True
builtins.AssertionError = type("Harmless", (Exception,), {})
'''

APPEND = {"initialize_parameters_he": SABOTAGE}  # runs when the answer cell runs
