"""Whose a problem is, and what it says (autograder/problems.py): a failed run's log and a task's
exception read into one line, the grader's faults told from the student's."""

from __future__ import annotations

from autograder import problems

NBGRADER_CRASH = """[AutogradeApp | INFO] Autograding /tmp/x/autograded/cy/initialization/Initialization.ipynb
[AutogradeApp | ERROR] There was an error processing assignment: /tmp/x/staged/cy/initialization
[AutogradeApp | ERROR] Traceback (most recent call last):
      File "/venv/lib/python3.11/site-packages/nbgrader/converters/base.py", line 390, in convert_notebooks
        self.convert_single_notebook(notebook_filename)
      File "/venv/lib/python3.11/site-packages/sqlalchemy/engine/default.py", line 951, in do_execute
        cursor.execute(statement, parameters)
    sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) disk I/O error
    [SQL: UPDATE grade SET auto_score=?]
[AutogradeApp | ERROR] Please see the the above traceback for details on the specific errors on the above failures.
"""


KERNEL_DID_NOT_START = """[AutogradeApp | INFO] Converting notebook /tmp/x/autograded/s/a/A.ipynb
bwrap: execvp /home/me/course/.venv/bin/python: No such file or directory
[AutogradeApp | ERROR] Error occurred while starting new kernel client for kernel 1234: Kernel died before replying to kernel_info
[AutogradeApp | ERROR] Traceback (most recent call last):
      File "/venv/lib/python3.11/site-packages/nbclient/client.py", line 566, in async_start_new_kernel_client
        await ensure_async(self.kc.wait_for_ready(timeout=self.startup_timeout))
    RuntimeError: Kernel died before replying to kernel_info
[AutogradeApp | ERROR] Please see the the above traceback for details on the specific errors on the above failures.
"""


def test_problems_say_what_happened_and_whose_it_is():
    said, graders = problems.explain_failed_run(NBGRADER_CRASH, 900)
    assert graders and said.startswith("nbgrader failed: OperationalError: (sqlite3.OperationalError) disk I/O error")
    assert "base.py" not in said and "default.py:951 in do_execute" in said and "Please see" not in said
    said, graders = problems.explain_failed_run(KERNEL_DID_NOT_START, 900)
    assert graders and "could not start (RuntimeError: Kernel died before replying to kernel_info)" in said
    assert "bwrap: execvp /home/me/course/.venv/bin/python: No such file or directory" in said
    said, graders = problems.explain_failed_run("...\nGradingTimeout: stopped after 900 s", 900)
    assert not graders and said.startswith("grading stopped after 900 s"), (
        "a notebook that runs too long is the student's"
    )
    assert (
        problems.explain_task_error(OSError("No space left on device"))
        == "the grader crashed: OSError: No space left on device"
    )
