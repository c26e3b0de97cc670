"""Grading steps of our own, one small nbgrader preprocessor per concern (nbgrader's style)."""

from __future__ import annotations

import copy

from nbclient.exceptions import DeadKernelError
from jupyter_core.utils import run_sync
from nbclient.util import ensure_async
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Integer


class StderrToStdout(NbGraderPreprocessor):  # nbgrader's base: enabled by default
    """Turn the stderr output of graded cells into stdout output, keeping the text.

    nbgrader's ``determine_grade`` scores a graded cell 0 as soon as it has *any* stderr output:
    a student's debug print to ``sys.stderr``, a NumPy warning or a progress bar would cost a
    correct answer its marks. Errors are ``error`` outputs, not streams, so a failing check
    still scores 0.
    """

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for output in cell.get("outputs", []):
                if output.output_type == "stream" and output.name == "stderr":
                    output.name = "stdout"
        return cell, resources


class RecoveringExecute(Execute):
    """nbgrader's Execute, which survives a kernel that dies in the middle of a notebook.

    When a cell kills the kernel (``os._exit``, a crash, the memory limit), that cell gets an
    error output saying so, a new kernel replays the cells before it (except those that killed
    a kernel), and execution goes on: the other functions are still graded. At most
    ``max_kernel_restarts`` times per notebook; after that the dead kernel ends the run.
    """

    max_kernel_restarts = Integer(3, help="kernel deaths survived per notebook").tag(config=True)

    def reset_execution_trackers(self) -> None:
        super().reset_execution_trackers()
        self._killers: set[int] = set()

    async def async_execute_cell(self, cell: NotebookNode, cell_index: int, execution_count=None, store_history: bool = True):
        try:
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except DeadKernelError:
            if len(self._killers) >= self.max_kernel_restarts:
                raise
            self._killers.add(cell_index)
            cell.outputs = [NotebookNode(output_type="error", ename="KernelDied", evalue="", traceback=[
                "\x1b[0;31mKernelDied\x1b[0m: the kernel stopped while running this cell (it crashed, exited, or used"
                " more memory than grading allows). The cells after it were run in a new kernel."])]
            await self._restart_and_replay(cell_index)
            return cell

    # nbconvert calls the synchronous wrapper, which nbclient bound to its own coroutine.
    execute_cell = run_sync(async_execute_cell)

    async def _restart_and_replay(self, upto: int) -> None:
        await ensure_async(self.km.restart_kernel(now=True))
        await ensure_async(self.kc.stop_channels())
        self.kc = None
        await self.async_start_new_kernel_client()
        for index, cell in enumerate(self.nb.cells[:upto]):
            if cell.cell_type == "code" and index not in self._killers:
                # Replay on a copy: the outputs that are graded are the first run's.
                await self.async_execute_cell(copy.deepcopy(cell), index, store_history=False)


class VerifyOutsideKernel(NbGraderPreprocessor):
    """Run every graded test cell a second time, in the grader's own process, against the
    student's functions called in a separate process (``isolation.StudentProcess``).

    Inside the kernel the student's code runs before the tests and can patch NumPy, the check
    helpers or builtins so that a wrong answer passes. Here the tests run with untouched
    libraries and only plain data comes back from the student's code, so such an answer fails:
    the cell gets an error output and scores 0. A cell that already failed is left as it is.
    """

    memory_mb = Integer(4096, help="address-space limit of the student's process, MiB (0: none)").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        from .intake import defined_functions
        from .isolation import StudentProcess

        meta = lambda cell: cell.get("metadata", {}).get("nbgrader", {})  # noqa: E731
        setup = "\n".join(c.source for c in nb.cells if meta(c).get("grade_id") == "setup")
        answers = [c.source for c in nb.cells if meta(c).get("solution")]
        names = {meta(c)["grade_id"] for c in nb.cells if meta(c).get("solution")}
        names |= {name for source in answers for name in defined_functions(source)}
        tests = [c for c in nb.cells if c.cell_type == "code" and meta(c).get("grade") and not meta(c).get("solution")]
        student = StudentProcess(setup, answers, self.memory_mb)
        try:
            for cell in tests:
                if any(o.output_type == "error" for o in cell.get("outputs", [])):
                    continue
                failure = self._run_test(cell.source, setup, {n: student.function(n) for n in names})
                if failure is not None:
                    cell.outputs.append(failure)
        finally:
            student.close()
        return nb, resources

    @staticmethod
    def _run_test(source: str, setup: str, functions: dict) -> NotebookNode | None:
        import contextlib
        import io

        namespace: dict = {"__name__": "__main__"}
        clean = lambda text: "\n".join(l for l in text.splitlines() if not l.lstrip().startswith(("%", "!")))  # noqa: E731,E741
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(clean(setup), "<setup>", "exec"), namespace)
            namespace.update(functions)
            try:
                exec(compile(clean(source), "<test>", "exec"), namespace)
            except BaseException as error:  # the test failed: say so as an error output
                # The explanation is part of the message: feedback shows only the message of a hidden test.
                message = (f"{str(error) or type(error).__name__}\n(This test failed when run outside your notebook's"
                           " kernel: grading calls your functions in a separate process and checks their results"
                           " with untouched libraries.)")
                return NotebookNode(output_type="error", ename=type(error).__name__, evalue=message,
                                    traceback=[f"\x1b[0;31m{type(error).__name__}\x1b[0m: {message}"])
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
