"""Correct answers, and `os._exit(1)` at the end of the last answer cell. The cell stops the kernel
(and the process that calls the student's functions) before it finishes: it costs the function it
defines, He, and nothing else. It used to cost all three tests outside the kernel."""

EXPECTED = {"test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = ["the cell that defines `initialize_parameters_he` did not finish"]
PROBLEMS_MUST_CONTAIN = ["initialize_parameters_he: this cell stopped the kernel"]

APPEND = {"initialize_parameters_he": "import os\nos._exit(1)"}
