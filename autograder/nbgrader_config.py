"""nbgrader configuration of the course (the course root is this folder).

The sources are ../notebooks/<assignment>/<Notebook>.ipynb; everything nbgrader makes (release/,
submitted/, autograded/, feedback/, gradebook.db) lives here and is not committed. Run it through
`python -m autograder ...` (or the Makefile), which also puts the venv's bin/ on PATH for alembic.
"""

import os

from nbgrader.converters.autograde import Autograde
from nbgrader.converters.generate_feedback import GenerateFeedback
from nbgrader.preprocessors import Execute

from autograder import settings
from autograder.course import COURSE_ID, PIPELINE_MARK
from autograder.doors import RefuseOtherDoors
from autograder.preprocessors import (
    HideSecrets,
    RecoveringExecute,
    StartStudentProcess,
    StderrToStdout,
    VerifyOutsideKernel,
)

c = get_config()  # noqa: F821 (traitlets provides it)

c.CourseDirectory.course_id = COURSE_ID
c.CourseDirectory.source_directory = "../notebooks"

# The stub that replaces each solution in the student release: it says what to do.
c.ClearSolutions.code_stub = {
    "python": '# YOUR CODE HERE\nraise NotImplementedError("Not written yet: replace this line with your code.")'
}

# Every trait a GRADING_* setting stands for, from its value (autograder/settings.py says what each
# does): the cell timeout (a runaway cell is interrupted, the other cells are still graded; test cells
# tagged slow-test get three times as long), the longer one of the cells above the first answer, and
# the limits of the process that serves the student's functions outside the kernel.
for _setting in settings.SETTINGS:
    for _trait in _setting.traits:
        _class, _name = _trait.split(".")
        c[_class][_name] = settings.get(_setting.name)

# nbgrader scores a test cell 0 if it wrote anything to stderr. StderrToStdout runs right after
# execution and turns such output into stdout, so a correct answer that prints keeps its marks.
_steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
# RecoveringExecute replaces Execute: a cell that kills the kernel costs only its own function.
_at = _steps.index(Execute)
# VerifyOutsideKernel re-runs the tests where the student's code cannot reach them, in a process that
# StartStudentProcess starts before the kernel runs (its setup and imports overlap the kernel's run).
c.Autograde.autograde_preprocessors = (
    _steps[:_at] + [StartStudentProcess, RecoveringExecute, StderrToStdout, VerifyOutsideKernel] + _steps[_at + 1 :]
)
# The pipeline (python -m autograder) grades in its own kernel, which has a memory limit
# (autograder/kernel.py). nbgrader's own autograde (its command line, formgrader's button) would
# grade without intake, that kernel or the report's records: it is refused, saying what to run
# (autograder/doors.py).
if not os.environ.get(PIPELINE_MARK):
    c.Autograde.exporter_class = RefuseOtherDoors
if os.environ.get(PIPELINE_MARK):
    c.RecoveringExecute.kernel_name = os.environ["GRADING_KERNEL"]
    # The kernel may be sandboxed without network (autograder/sandbox.py): talk over Unix sockets.
    c.KernelManager.transport = "ipc"
    # An absolute socket path: the kernel's working folder is not nbgrader's. `python -m autograder`
    # gives each process a short runtime folder of its own (Unix socket paths must be short).
    from jupyter_core.paths import jupyter_runtime_dir

    c.KernelManager.ip = os.path.join(jupyter_runtime_dir(), "kernel")

# Feedback goes to students: no hidden test code, no traceback or output quoting it or a solution.
# `make feedback REVEAL_HIDDEN=1` passes --HideSecrets.reveal_hidden=True once the deadline is past.
c.GenerateFeedback.preprocessors = [HideSecrets, *GenerateFeedback.class_traits()["preprocessors"].default()]
