"""Grading steps of our own, one small nbgrader preprocessor per concern (nbgrader's style)."""

from __future__ import annotations

import copy
import re
from typing import Any

from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Float, Integer, Unicode

from . import cells, settings
from .cells import defined_functions
from .problems import KERNEL_DIED, NOT_RUN, OUTSIDE_KERNEL_NOTE, TIMED_OUT, plain

# The tag of the cells grading does not run (nbclient skips cells with it); notebooks put it on
# their demonstrations. The release keeps it, and intake takes every cell but the answers from the
# release, so a student can neither add it to a test nor remove it.
SKIP_IN_GRADING = "skip-in-grading"
# The tag of a test cell that trains a network (a framework traces and runs a training loop): it gets
# ``slow_test_factor`` times the cell timeout. Locked and taken from the release like the other tag.
SLOW_TEST = "slow-test"


class StderrToStdout(NbGraderPreprocessor):  # nbgrader's base: enabled by default
    """Turn the stderr output of graded cells into stdout output, keeping the text.

    nbgrader's ``determine_grade`` scores a graded cell 0 as soon as it has *any* stderr output:
    a student's debug print to ``sys.stderr``, a NumPy warning or a progress bar would cost a
    correct answer its marks. Errors are ``error`` outputs, not streams, so a failing check
    still scores 0.
    """

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        if cell.cell_type == "code" and cells.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.output_type == "stream" and output.name == "stderr":
                    output.name = "stdout"
        return cell, resources


class RecoveringExecute(Execute):
    """nbgrader's Execute, which gets through whatever a cell does to the kernel, at the cost of
    the function responsible only.

    - A cell that runs past the cell timeout is interrupted (nbgrader's Execute). Its outputs end
      with one error that names the function that did not return (the innermost of the student's
      functions in the interrupted traceback), and in the kernel that function is replaced by a
      stub that fails at once (``Skipped``): a later cell that calls it costs nothing, where it
      used to cost another full timeout.
    - A cell that kills the kernel (``os._exit``, a crash, the memory limit) or leaves it unable
      to answer (an interrupt it swallows, a kernel it broke) gets an error saying so; a new
      kernel replays the cells before it (except those that timed out or killed a kernel), and
      the function responsible (for a test cell, the function it tests) is stubbed the same way.
    - An answer cell that did not finish (it timed out or killed the kernel) costs the functions
      it defines: they are stubbed too. An answer cell that merely raises (``sys.exit()`` too,
      which IPython catches) keeps the functions defined above the error, as in Jupyter.

    After ``max_kernel_restarts`` restarts in one notebook, the cells left are marked as not run
    (their tests score 0) instead of ending the run. The functions stopped, and the answer cells
    that did not finish, go to ``VerifyOutsideKernel`` in ``resources["grading"]``.

    Cells tagged ``skip-in-grading`` (demonstrations: training runs and plots for the text, which
    no test needs) are not run at all: grading costs what the tests cost.

    Cells above the first answer cell hold only the instructor's code (intake takes them from the
    release), so no student code can loop there: they get ``setup_timeout`` when it is longer than the
    cell timeout, for imports such as TensorFlow's (5 to 7 s on a 2-core machine, 15 s and more when
    it is loaded). Test cells tagged ``slow-test`` (those that train a network) get ``slow_test_factor``
    times the cell timeout.
    """

    max_kernel_restarts = Integer(5, help="kernel restarts per notebook before the rest is not run").tag(config=True)
    setup_timeout = Integer(
        settings.default("GRADING_SETUP_TIMEOUT"), help="seconds allowed to each cell above the first answer cell"
    ).tag(config=True)
    slow_test_factor = Integer(3, help="cells tagged slow-test get this many times the cell timeout").tag(config=True)
    skip_cells_with_tag = Unicode(SKIP_IN_GRADING, help="cells with this tag are not run when grading").tag(config=True)

    def reset_execution_trackers(self) -> None:
        super().reset_execution_trackers()
        self._no_replay: set[int] = set()  # cells that timed out or killed a kernel
        self._restarts = 0
        self._gave_up = False
        self._stopped: dict[str, str] = {}  # function -> why later calls fail at once
        self._unfinished: set[int] = set()  # answer cells that did not finish
        in_order = self.nb.get("cells", []) if self.nb is not None else []  # also called before there is a notebook
        self._answers = {
            index: defined_functions(cell.source)
            for index, cell in enumerate(in_order)
            if cells.is_solution(cell) and cell.cell_type == "code"
        }
        self._functions = {name for names in self._answers.values() for name in names}
        first_answer = min(self._answers, default=len(in_order))
        self._instructor_only = {
            cell.get("id") for cell in in_order[:first_answer] if cell.get("id")
        }  # ids survive replay copies

    def _get_timeout(self, cell: NotebookNode | None) -> int | None:
        timeout = super()._get_timeout(cell)
        if cell is None or timeout is None:
            return timeout
        if cell.get("id") in self._instructor_only:
            return max(timeout, self.setup_timeout)
        if SLOW_TEST in cells.tags(cell):
            return timeout * self.slow_test_factor
        return timeout

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        nb, resources = super().preprocess(nb, resources)
        resources["grading"] = {"stopped": dict(self._stopped), "unfinished": sorted(self._unfinished)}
        return nb, resources

    async def async_execute_cell(
        self, cell: NotebookNode, cell_index: int, execution_count=None, store_history: bool = True
    ):
        if self._gave_up:
            if cell.cell_type == "code" and cell.source.strip():
                cell.outputs = [
                    _error(
                        NOT_RUN,
                        f"not run: the kernel stopped {self._restarts + 1} times, so grading "
                        "gave up on the rest of this notebook.",
                    )
                ]
            return cell
        try:
            cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except (DeadKernelError, CellTimeoutError) as error:
            # Dead, or busy and deaf to the interrupt (nbclient gave up waiting for its output).
            died, seconds = isinstance(error, DeadKernelError), self._get_timeout(cell)
            what = (
                "stopped the kernel (it crashed, exited, or used more memory than grading allows)"
                if died
                else f"did not finish within {seconds} s, and the kernel stopped answering (an infinite loop "
                "that ignores interrupts, or code that broke the kernel)"
            )
            culprits = self._fail(
                cell,
                cell_index,
                None,
                "stopped the kernel earlier" if died else f"did not return within {seconds} s earlier",
            )
            kept = [o for o in cell.get("outputs", []) if o.output_type != "error"]
            if self._restarts >= self.max_kernel_restarts:
                self._gave_up = True
                cell.outputs = kept + [
                    _error(
                        KERNEL_DIED,
                        f"{_subject(cell_index in self._answers, culprits)} {what}. "
                        "Grading gave up on the rest of this notebook.",
                    )
                ]
                return cell
            self._restarts += 1
            cell.outputs = kept + [
                _error(
                    KERNEL_DIED if died else TIMED_OUT,
                    f"{_subject(cell_index in self._answers, culprits)} "
                    f"{what}. The cells after it ran in a new kernel{_consequence(cell_index in self._answers, culprits)}",
                )
            ]
            await self._restart_and_replay(cell_index)
            return cell
        timeout = next(
            (o for o in cell.get("outputs", []) if o.output_type == "error" and o.ename == "CellTimeoutError"), None
        )
        if timeout is not None:  # interrupted after the cell timeout; the kernel is still usable
            seconds = self._get_timeout(cell)
            interrupted = next((o for o in cell.outputs if o.output_type == "error" and o is not timeout), None)
            culprits = self._fail(cell, cell_index, interrupted, f"did not return within {seconds} s earlier")
            answer = cell_index in self._answers
            cell.outputs = [o for o in cell.outputs if o.output_type != "error"] + [
                _error(
                    TIMED_OUT,
                    (
                        f"{_subject(answer, culprits)} did {'not finish' if answer or not culprits else 'not return'} within "
                        f"{seconds} s: an infinite loop? Grading stopped it{_consequence(answer, culprits)}"
                    ),
                )
            ]
            await self._stub(culprits)
        return cell

    # nbconvert calls the synchronous wrapper, which nbclient bound to its own coroutine.
    execute_cell = run_sync(async_execute_cell)

    def _blame(self, cell: NotebookNode, index: int, interrupted: NotebookNode | None) -> list[str]:
        """The student's functions responsible for what ``cell`` did to the kernel: those an answer
        cell defines; for an interrupted cell, the innermost of the student's functions on its
        stack (none if only the instructor's code was running); for a test cell that took the
        kernel down, the function it tests. Nobody is blamed without such evidence."""
        if index in self._answers:
            self._unfinished.add(index)
            return list(self._answers[index])
        if interrupted is not None:
            frames = [
                re.search(r", in (\w+)", plain(entry))
                for entry in interrupted.get("traceback", [])
                if plain(entry).lstrip().startswith("Cell In[") or "ipykernel_" in entry
            ]
            return [f.group(1) for f in frames if f and f.group(1) in self._functions][-1:]
        tested = cells.function_tested(cells.grade_id(cell) or "")
        if cells.is_grade(cell) and tested in self._functions:
            return [tested]
        return []

    def _fail(self, cell: NotebookNode, index: int, interrupted: NotebookNode | None, why: str) -> list[str]:
        """Note that ``cell`` timed out or took the kernel down: it is not replayed, and the functions
        responsible are stopped (returned)."""
        self._no_replay.add(index)
        culprits = self._blame(cell, index, interrupted)
        for name in culprits:
            self._stopped.setdefault(
                name, f"the cell that defines `{name}` did not finish" if index in self._answers else f"`{name}` {why}"
            )
        return culprits

    async def _stub(self, names: list[str]) -> None:
        """Replace ``names`` in the kernel by functions that fail at once, saying why."""
        stubs = {name: self._stopped[name] for name in names if name in self._stopped}
        if stubs:
            reply_to = await ensure_async(self.kc.execute(STUB_CODE % (stubs,), silent=True, store_history=False))
            await self.async_wait_for_reply(reply_to)

    async def _restart_and_replay(self, upto: int) -> None:
        await ensure_async(self.km.restart_kernel(now=True))
        await ensure_async(self.kc.stop_channels())
        self.kc = None
        await self.async_start_new_kernel_client()
        await self._stub(list(self._stopped))
        for index, cell in enumerate(self.nb.cells[:upto]):
            if cell.cell_type == "code" and index not in self._no_replay:
                # Replay on a copy: the outputs that are graded are the first run's.
                await self.async_execute_cell(copy.deepcopy(cell), index, store_history=False)
                self.nb.cells[index] = cell  # nbclient put the copy in its place
                await self._stub([name for name in self._answers.get(index, []) if name in self._stopped])


# Run silently in the kernel: each stopped function becomes a stub that raises at once. ``Skipped``
# derives from BaseException so that the checks' ``except Exception`` passes it on as it is, and
# IPython shows its one line (``_render_traceback_``) instead of a traceback.
STUB_CODE = """
def _grading_stop(stopped):
    class Skipped(BaseException):
        def _render_traceback_(self):
            return ["\\x1b[0;31mSkipped\\x1b[0m: " + str(self)]
    def stub_for(name, why):
        def stub(*args, **kwargs):
            raise Skipped(f"{why}: not run again.")
        stub.__name__ = stub.__qualname__ = name
        return stub
    for name, why in stopped.items():
        get_ipython().user_ns[name] = stub_for(name, why)
_grading_stop(%r)
del _grading_stop
"""


def _subject(answer: bool, culprits: list[str]) -> str:
    """Who did it, for the start of a message: the function, or this cell (an answer cell, or no
    function could be blamed)."""
    return "this cell" if answer or not culprits else ", ".join(f"`{name}`" for name in culprits)


def _consequence(answer: bool, culprits: list[str]) -> str:
    """The end of that message: what happens to the functions to blame."""
    names = ", ".join(f"`{name}`" for name in culprits)
    if not culprits:
        return "."
    if answer:
        return f"; the functions it defines ({names}) are not run again, so their tests fail."
    return f", and later calls to {names} are skipped."


def _error(name: str, message: str) -> NotebookNode:
    """An error output that shows as one line: the error's name and ``message``."""
    return NotebookNode(
        output_type="error", ename=name, evalue=message, traceback=[f"\x1b[0;31m{name}\x1b[0m: {message}"]
    )


# Where StartStudentProcess leaves the process for VerifyOutsideKernel, in nbconvert's resources.
STUDENT_PROCESS = "student_process"


class StartStudentProcess(NbGraderPreprocessor):
    """Start the process that ``VerifyOutsideKernel`` calls the student's functions in, before the
    kernel runs the notebook: it runs the setup cell (the instructor's code) and imports what the
    setup left to import at first use (TensorFlow: 5 to 12 s on a 2-core machine) while the kernel
    works, then waits for the answer cells. Grading a TensorFlow notebook then pays that import
    once instead of twice in a row.

    Its limits are GRADING_MEMORY_MB, GRADING_SETUP_TIMEOUT and GRADING_CALL_TIMEOUT, as
    ``nbgrader_config.py`` sets them (``settings.py``)."""

    memory_mb = Integer(
        settings.default("GRADING_MEMORY_MB"), help="address-space limit of the student's process, MiB (0: none)"
    ).tag(config=True)
    setup_timeout = Integer(
        settings.default("GRADING_SETUP_TIMEOUT"), help="seconds allowed to the setup cell in the student's process"
    ).tag(config=True)
    call_timeout = Float(
        settings.default("GRADING_CALL_TIMEOUT"),
        help="seconds allowed to each answer cell and each call in the student's process",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        from .isolation import StudentProcess

        student = StudentProcess(
            cells.setup_source(nb),
            memory_mb=self.memory_mb,
            setup_timeout=self.setup_timeout,
            call_timeout=self.call_timeout,
        )
        student.prepare()
        resources[STUDENT_PROCESS] = student
        return nb, resources


class VerifyOutsideKernel(NbGraderPreprocessor):
    """Run every graded test cell a second time, in the grader's own process, against the
    student's functions called in a separate process (``isolation.StudentProcess``, which
    ``StartStudentProcess`` started before the kernel ran).

    Inside the kernel the student's code runs before the tests and can patch NumPy, the check
    helpers or builtins so that a wrong answer passes. Here the tests run with untouched
    libraries and only plain data comes back from the student's code, so such an answer fails:
    the cell gets an error output and scores 0. A cell that already failed is left as it is.
    If that process cannot run the notebook's setup cell (no student code has run yet), this
    step raises: the grader's problem, reported as such, never a zero.
    """

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        student = resources.pop(STUDENT_PROCESS, None)
        if student is None:
            raise RuntimeError(
                "VerifyOutsideKernel needs StartStudentProcess before the execution step "
                "(autograder/nbgrader_config.py)"
            )
        try:
            self._verify(nb, resources, student)
        finally:
            student.close()
        return nb, resources

    def _verify(self, nb: NotebookNode, resources: dict, student: Any) -> None:
        # What the kernel run gave up on (RecoveringExecute): those answer cells are not run again,
        # and those functions fail at once, here too.
        grading = resources.get("grading", {})
        unfinished = set(grading.get("unfinished", []))
        setup = cells.setup_source(nb)
        answers = [c.source for i, c in enumerate(nb.cells) if cells.is_solution(c) and i not in unfinished]
        names = set(cells.solution_cells(nb))
        names |= {name for c in nb.cells if cells.is_solution(c) for name in defined_functions(c.source)}
        tests = [c for c in cells.graded_tests(nb) if not any(o.output_type == "error" for o in c.get("outputs", []))]
        if not tests:
            return
        student.load(answers, grading.get("stopped", {}))
        student.start()  # SetupFailed propagates: the grader's fault
        for cell in tests:
            failure = self._run_test(cell.source, setup, {n: student.function(n) for n in names})
            if failure is not None:
                cell.outputs.append(failure)

    @staticmethod
    def _run_test(source: str, setup: str, functions: dict) -> NotebookNode | None:
        import contextlib
        import io

        from .isolation import SetupFailed

        namespace: dict = {"__name__": "__main__"}
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(cells.without_magics(setup), "<setup>", "exec"), namespace)
            namespace.update(functions)
            try:
                exec(compile(cells.without_magics(source), "<test>", "exec"), namespace)
            except SetupFailed:  # the student's process could not be restarted: the grader's fault
                raise
            except BaseException as error:  # the test failed: say so as an error output
                # The explanation is part of the message: feedback shows only the message of a hidden test.
                message = f"{str(error) or type(error).__name__}\n{OUTSIDE_KERNEL_NOTE}"
                return NotebookNode(
                    output_type="error",
                    ename=type(error).__name__,
                    evalue=message,
                    traceback=[f"\x1b[0;31m{type(error).__name__}\x1b[0m: {message}"],
                )
        return None


class HideSecrets(NbGraderPreprocessor):
    """The student's feedback without the hidden tests' code or anything quoting the instructor's
    hidden tests or solutions (``redact.for_student``). ``reveal_hidden`` shows the hidden tests,
    for after the deadline; solutions stay hidden either way."""

    reveal_hidden = Bool(False, help="show the hidden tests' code in the feedback").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        from .course import NOTEBOOKS
        from .redact import for_student, source_secrets

        assignment = resources.get("nbgrader", {}).get("assignment", "")
        secrets = source_secrets(assignment, NOTEBOOKS, self.reveal_hidden) if assignment else set()
        return for_student(nb, secrets, self.reveal_hidden), resources
