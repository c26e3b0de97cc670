"""Grading an instructor can trust: a fault of the grader is never a student's zero and never
silent; resuming trusts the gradebook; a crash costs one function; leftovers are cleaned up.

The sample submissions that crash, exit, loop or break the kernel are graded with the others in
the batch of conftest.py (test_grading.py checks their scores, problems and feedback). Here: the
grader's own faults, the gradebook, the process that calls the student's functions, the
scratch folders, and the package's imports.
"""

from __future__ import annotations

import ast
import copy
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder import batch, course as course_module, gradebook, isolation, problems, scratch, worker
from autograder.__main__ import main
from autograder.course import Course
from autograder.isolation import StudentCodeError, StudentProcess
from tests.support.grading_helpers import ROOT, build_submission, load_case, write_submission

ASSIGNMENT = "initialization"


def hand_in(course: Course, cases: dict[str, str]) -> None:
    """``{student: case}``: each student hands in that sample case."""
    released = worker.private_course(ASSIGNMENT).released_notebooks(ASSIGNMENT)[0]
    for student, case in cases.items():
        write_submission(course.root / "submitted" / student / ASSIGNMENT / released.name,
                         build_submission(released, load_case(ASSIGNMENT, case)))


def exported(course: Course, path: Path) -> list[dict]:
    with open(course.export_grades(path)) as f:
        return sorted(csv.DictReader(f), key=lambda r: r["student_id"])


# ---- 1. a fault of the grader is never a student's zero, and never silent ----

def test_grading_works_through_a_linked_venv(tmp_path):
    """A venv reached through a symbolic link (a shared environment linked into the checkout): the
    sandboxed kernel is started by the linked path, which must exist inside the sandbox too."""
    link = tmp_path / "linked-venv"
    link.symlink_to(Path(sys.prefix).resolve(), target_is_directory=True)
    code = "import sys; from autograder import worker; print(sys.prefix); print(worker.can_grade('initialization'))"
    run = subprocess.run([str(link / "bin" / "python"), "-c", code], cwd=ROOT, capture_output=True, text=True)
    prefix, verdict = run.stdout.strip().splitlines()[-2:]
    assert prefix == str(link), "the interpreter must see the linked path, or this test proves nothing"
    assert verdict == "None", f"the reference solution does not score full marks through the link: {run.stdout}{run.stderr[-2000:]}"


def test_a_worker_that_cannot_grade_stops_the_batch_before_the_gradebook(tmp_path, monkeypatch, capsys):
    course = Course.at(tmp_path / "course")
    hand_in(course, {"ada": "reference", "bob": "untouched"})
    monkeypatch.setattr(worker, "_checked", {})  # this process must check again, under the broken setting
    monkeypatch.setattr(course_module, "MEMORY_MB", 40)  # too little for the kernel to start
    assert main(["--course-dir", str(course.root), "autograde", "--workers", "0"]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert said[0].startswith("cannot grade initialization on this machine") and "kernel could not start" in said[0]
    assert "MemoryError" in said[0] and "GRADING_MEMORY_MB" in said[0], said[0]
    assert said[1:] == ["Nothing was graded and the gradebook was not touched."]
    assert not (course.root / "gradebook.db").exists() and not (course.root / "autograded").exists()


def test_a_fault_of_the_grader_is_never_recorded_and_the_next_run_grades_it(tmp_path, monkeypatch, capsys):
    from distributed import KilledWorker

    course = Course.at(tmp_path / "course")
    hand_in(course, {"ada": "untouched", "bob": "untouched", "cy": "untouched"})
    real = worker.grade_task

    def unlucky(assignment: str, student: str, files: dict) -> dict:
        if student == "bob":
            raise KilledWorker("grade_task-bob", None, 2)
        if student == "cy":
            outcome = real(assignment, student, files)
            return dict(outcome, notebooks={}, fault=problems.explain_failed_run(NBGRADER_CRASH, 900)[0])
        return real(assignment, student, files)

    monkeypatch.setattr(batch, "grade_task", unlucky)
    assert main(["--course-dir", str(course.root), "autograde", "--workers", "0"]) == 1
    out, err = capsys.readouterr()
    assert "2 submission(s) could not be graded" in err
    assert "bob/initialization: worker lost" in err
    assert "cy/initialization: nbgrader failed: OperationalError: (sqlite3.OperationalError) disk I/O error" in err
    rows = {line.split()[0]: line for line in out.splitlines() if line.split()[:1] in (["ada"], ["bob"], ["cy"])}
    assert rows["bob"].split()[2:4] == ["-", "-"] and "NOT GRADED: worker lost" in rows["bob"]
    assert rows["ada"].split()[2:4] == ["0", "15"], "the student's own zero is recorded"
    assert set(gradebook.graded(course.db_url)) == {("ada", ASSIGNMENT)}, "only what was graded is recorded"

    monkeypatch.setattr(batch, "grade_task", real)
    again = batch.autograde(course, workers=0, progress=False)
    assert sorted(again.graded) == [("bob", ASSIGNMENT), ("cy", ASSIGNMENT)] and again.already == 1 and not again.faults
    assert {s.student: s.score for s in again.scores} == {"ada": 0, "bob": 0, "cy": 0}


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
    assert not graders and said.startswith("grading stopped after 900 s"), "a notebook that runs too long is the student's"
    assert problems.explain_task_error(OSError("No space left on device")) == \
        "the grader crashed: OSError: No space left on device"


def test_a_notebook_that_runs_too_long_is_the_students_zero_with_the_reason(tmp_path, monkeypatch):
    """Past the run timeout the notebook has no outputs to grade: every test scores 0, recorded
    (the student's problem, not the grader's), and the feedback says why."""
    assert worker.can_grade(ASSIGNMENT) is None  # checked (once per process) before the time limit is cut
    monkeypatch.setattr(worker, "RUN_TIMEOUT", 8)  # the looping cell alone would take a minute
    course = Course.at(tmp_path / "course")
    hand_in(course, {"slow": "infinite_loop"})
    result = batch.autograde(course, workers=0, progress=False)
    [score] = result.scores
    assert result.graded == [("slow", ASSIGNMENT)] and not result.faults
    assert score.graded and score.score == 0 and score.max_score == 15
    assert score.problems == ("grading stopped after 8 s (GRADING_RUN_TIMEOUT): the notebook as a whole ran too long",)
    course.feedback()
    [page] = (course.root / "feedback" / "slow" / ASSIGNMENT).glob("*.html")
    assert "Not graded to the end" in page.read_text() and "grading stopped after 8 s" in page.read_text()


# ---- 2. resuming trusts the gradebook, not a file beside the submission ----

def test_a_new_gradebook_grades_everything_again(tmp_path):
    """A first run, then the gradebook deleted (release/ and every file on disk kept) and a student
    added: the next run grades all of them into the new gradebook, with the same grades."""
    course = Course.at(tmp_path / "course")
    hand_in(course, {"ada": "untouched", "bob": "corrupt_file"})
    first = batch.autograde(course, workers=0, progress=False)
    assert len(first.graded) == 2
    before = exported(course, tmp_path / "first.csv")
    (course.root / "gradebook.db").rename(tmp_path / "old-gradebook.db")
    hand_in(course, {"cy": "untouched"})
    again = batch.autograde(course, workers=0, progress=False)
    assert sorted(again.graded) == [("ada", ASSIGNMENT), ("bob", ASSIGNMENT), ("cy", ASSIGNMENT)] and not again.faults
    after = exported(course, tmp_path / "again.csv")
    assert [r for r in after if r["student_id"] != "cy"] == before
    assert batch.autograde(course, workers=0, progress=False).already == 3, "and then nothing is graded twice"


def test_a_check_can_hand_a_course_function_to_the_student_process():
    """A check may pass a function of course_utils (a cost for gradient_check_n): it goes by name and
    is imported in the student's process. Anything else that is not plain data cannot go."""
    from course_utils.gradcheck import network_cost

    student = StudentProcess("import numpy as np", ["def apply(f, x):\n    return f.__module__ + '.' + f.__name__, f(*x)"])
    parameters = {"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}
    try:
        name, cost = student.function("apply")(network_cost, (parameters, np.ones((2, 3)), np.ones((1, 3))))
        assert name == "course_utils.gradcheck.network_cost" and cost == pytest.approx(network_cost(parameters, np.ones((2, 3)), np.ones((1, 3))))
    finally:
        student.close()
    for not_sendable in (lambda x: x, np.sum, isolation.pack):
        with pytest.raises(StudentCodeError, match="grading cannot read"):
            isolation.encode_message({"args": [not_sendable]})
    forged = isolation.encode_message({"function": None}).replace(b'{"value": null}', b'{"function": ["os", "system"]}')
    forged = len(forged[8:]).to_bytes(8, "little") + forged[8:]  # a reply forged to name another module's function
    with pytest.raises(StudentCodeError, match="not a function of course_utils"):
        isolation.decode_message(forged)
    pickled = isolation.encode_message({"x": np.zeros(3)})
    for garbage in (b"", b"not a message", pickled[:40], pickled.replace(b"'descr': '<f8'", b"'descr': '|O' ")):
        with pytest.raises(StudentCodeError, match="sent a reply grading cannot read"):
            isolation.decode_message(garbage)


def test_what_a_student_function_changes_in_place_comes_back_to_the_caller():
    """Outside the kernel, in-place changes to the arguments reach the check as they would inside it."""
    source = ("def change(d, a, rng, items):\n    d['running'] = d['running'] * 0.9 + 1\n    d['new'] = 3\n"
              "    a *= 2\n    rng.random()\n    items.append(4)\n    return 'done'")
    student = StudentProcess("import numpy as np", [source])
    d, a, rng, items = {"running": np.ones((2, 1))}, np.arange(3.0), np.random.default_rng(7), [1]
    try:
        assert student.function("change")(d, a, rng, items) == "done"
    finally:
        student.close()
    expected_rng = np.random.default_rng(7)
    expected_rng.random()
    assert np.allclose(d["running"], 1.9) and d["new"] == 3 and np.array_equal(a, [0.0, 2.0, 4.0]) and items == [1, 4]
    assert rng.random() == expected_rng.random()


# ---- 3. a crash costs only the function that crashed (outside the kernel) ----

def test_a_cell_that_kills_the_student_process_costs_only_its_function():
    student = StudentProcess("import numpy as np", ["def first():\n    return np.ones(2)",
                                                    "def second():\n    return 2\n\nimport os\nos._exit(1)",
                                                    "def third():\n    return 3"])
    try:
        assert student.function("first")().tolist() == [1, 1] and student.function("third")() == 3
        with pytest.raises(StudentCodeError, match="the cell that defines `second` stopped the process"):
            student.function("second")()
    finally:
        student.close()


def test_a_cell_that_never_finishes_costs_only_its_function(monkeypatch):
    monkeypatch.setattr(isolation, "CALL_TIMEOUT", 5)  # a process start must fit in it, loaded machine or not
    student = StudentProcess("", ["def first():\n    return 1", "def second():\n    return 2\n\nwhile True:\n    pass"])
    try:
        assert student.function("first")() == 1
        with pytest.raises(StudentCodeError, match="the cell that defines `second`"):
            student.function("second")()
    finally:
        student.close()


def test_a_function_that_did_not_return_is_not_called_again(monkeypatch):
    monkeypatch.setattr(isolation, "CALL_TIMEOUT", 5)
    student = StudentProcess("", ["def loop():\n    while True:\n        pass", "def calls_loop():\n    return loop()",
                                  "def fine():\n    return 'fine'"])
    try:
        with pytest.raises(StudentCodeError, match="`loop` did not return within 5 s: an infinite loop"):
            student.function("loop")()
        with pytest.raises(StudentCodeError, match="`loop` did not return within 5 s earlier"):
            student.function("loop")()  # not sent to the process at all
        with pytest.raises(StudentCodeError, match="Skipped: `loop` did not return within 5 s earlier"):
            student.function("calls_loop")()  # the restarted process has `loop` stubbed: it fails at once
        assert student.function("fine")() == "fine"
    finally:
        student.close()


def test_a_huge_allocation_in_an_answer_cell_keeps_the_function_defined_above_it():
    """As in the kernel: the memory limit turns it into a MemoryError in that cell, which ends the
    cell but not the process (as ``sys.exit()`` would), so the function defined above is kept."""
    student = StudentProcess("", ["def kept():\n    return 'kept'\n\nhoard = bytearray(8 * 2**30)"], memory_mb=2048)
    try:
        assert student.function("kept")() == "kept"
    finally:
        student.close()


def test_replaced_builtins_do_not_break_the_student_process():
    sabotage = "import builtins\nbuiltins.isinstance = lambda *args: True\nbuiltins.AssertionError = ValueError\n"
    student = StudentProcess("import numpy as np", [sabotage + "def params():\n    return {'W1': np.ones((2, 3)), 'n': 3}"])
    try:
        got = student.function("params")()
        assert got["W1"].shape == (2, 3) and got["n"] == 3
    finally:
        student.close()


def test_a_student_process_started_early_has_loaded_the_setups_lazy_modules_before_the_answers():
    """StartStudentProcess starts the process while the kernel runs: it runs the setup and loads what
    the setup imports at first use (course_utils.framework.tf), so the answers' first call does not pay for it."""
    setup = ("import time, types\nloaded_at = None\nclass Lazy(types.ModuleType):\n    def __dir__(self):\n"
             "        global loaded_at\n        loaded_at = time.monotonic()\n        return []\nlazy = Lazy('lazy')")
    student = StudentProcess(setup)
    try:
        student.prepare()
        student.load(["import time\nanswered_at = time.monotonic()\n\ndef order():\n    return loaded_at, answered_at"])
        loaded_at, answered_at = student.function("order")()
        assert loaded_at is not None and loaded_at < answered_at
        with pytest.raises(RuntimeError, match="before the first call"):
            student.load([])
    finally:
        student.close()


def test_a_setup_that_stops_the_student_process_is_the_graders_fault(monkeypatch):
    """No student code has run yet: the grader's problem (VerifyOutsideKernel raises, the run is a
    fault), never a zero for every test."""
    for setup, said in (("import os\nos._exit(3)", "stopped in the notebook's setup cell"),
                        ("while True:\n    pass", "did not finish the notebook's setup cell within 3 s")):
        monkeypatch.setattr(isolation, "SETUP_TIMEOUT", 3)
        student = StudentProcess(setup, ["def f():\n    return 1"])
        try:
            with pytest.raises(isolation.SetupFailed, match=said):
                student.start()
        finally:
            student.close()


def test_verify_outside_kernel_raises_when_its_process_cannot_run_the_setup(monkeypatch):
    """The step itself raises (nbgrader's run fails: a fault of the grader) instead of failing every test."""
    import nbformat

    from autograder.preprocessors import STUDENT_PROCESS, StartStudentProcess, VerifyOutsideKernel

    cell = lambda source, **meta: nbformat.v4.new_code_cell(source, metadata={"nbgrader": meta})  # noqa: E731
    nb = nbformat.v4.new_notebook(cells=[cell("import os\nos._exit(3)", grade_id="setup"),
                                         cell("def f():\n    return 1", grade_id="f", solution=True),
                                         cell("assert f() == 1", grade_id="test_f", grade=True, points=1)])
    with pytest.raises(RuntimeError, match="needs StartStudentProcess"):
        VerifyOutsideKernel().preprocess(nb, {})
    nb, resources = StartStudentProcess().preprocess(nb, {})
    student = resources[STUDENT_PROCESS]
    with pytest.raises(isolation.SetupFailed, match="before any student code ran"):
        VerifyOutsideKernel().preprocess(nb, resources)
    assert student.process is None and not student.workdir.exists()  # stopped and cleaned up


def test_a_reply_the_student_forged_on_the_reply_pipe_is_the_students_error():
    """The student's code can write to the reply pipe itself: a status grading cannot read is the
    student's error (and the process is restarted), not a crash of the grader."""
    forge = ("import os\n\ndef forge():\n    os.write(int(os.environ['GRADING_REPLY_FD']), b'1 9 0\\nnot json!')\n"
             "    return 1\n\ndef fine():\n    return 2")
    student = StudentProcess("", [forge])
    try:
        with pytest.raises(StudentCodeError, match="not a call's status"):
            student.function("forge")()
        assert student.function("fine")() == 2
    finally:
        student.close()


def test_the_grading_kernel_keeps_its_builtins_out_of_the_notebooks_reach():
    import builtins

    from autograder.kernel import keep_builtins

    class Shell:
        def __init__(self):
            self.hooks, self.events, self.user_ns = [], self, {}

        def register(self, event, hook):
            self.hooks.append((event, hook))

        def get_ipython(self):
            return self

    shell, real_isinstance = Shell(), builtins.isinstance
    own = keep_builtins(shell)
    [(event, restore)] = shell.hooks
    try:
        exec("import builtins\nbuiltins.isinstance = lambda *args: True\ndel builtins.AssertionError\n"
             "fooled = isinstance(1, str)\nme = get_ipython()", shell.user_ns)
        assert shell.user_ns["fooled"] is True and shell.user_ns["me"] is shell, "the notebook sees its own change"
        assert builtins.isinstance is real_isinstance and builtins.AssertionError is AssertionError, "the kernel does not"
        builtins.isinstance = lambda *args: True  # reached some other way (sys.modules["builtins"])
        restore(None)
        assert event == "post_run_cell" and builtins.isinstance is real_isinstance
        assert own.isinstance is real_isinstance and own.AssertionError is AssertionError
    finally:
        builtins.isinstance = real_isinstance
        builtins.AssertionError = AssertionError


# ---- 5. housekeeping ----

def test_scratch_left_by_dead_processes_is_removed_and_nothing_else():
    child = subprocess.Popen([sys.executable, "-c", "import sys; from autograder import scratch; "
                              "print(scratch.make('grading', 'left'), flush=True); sys.stdin.read()"],
                             cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    orphan = Path(child.stdout.readline().strip())
    assert orphan.name.startswith(f"grading-{child.pid}.") and orphan.is_dir()
    assert orphan not in scratch.remove_abandoned(), "its process is still running"
    child.send_signal(signal.SIGKILL)
    child.wait()
    mine, foreign = scratch.make("jr"), scratch.make("nbgrader")
    try:
        if os.geteuid() == 0:
            shutil.chown(foreign, "nobody")
            os.rename(foreign, foreign.with_name(orphan.name.replace("grading-", "nbgrader-")))
            foreign = foreign.with_name(orphan.name.replace("grading-", "nbgrader-"))  # a dead pid, another user
        removed = scratch.remove_abandoned()
        assert orphan in removed and not orphan.exists()
        assert mine.is_dir() and foreign.is_dir() and foreign not in removed
    finally:
        shutil.rmtree(mine, ignore_errors=True)
        shutil.rmtree(foreign, ignore_errors=True)


def imports_of(path: Path) -> set[str]:
    """The package modules ``path`` imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module} if node.module else {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("autograder."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module == "autograder":
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("autograder.")}
    return found


def test_the_grader_has_no_import_circle():
    package = ROOT / "autograder"
    modules = {p.stem for p in package.glob("*.py")}
    graph = {m: imports_of(package / f"{m}.py") & modules - {m} for m in modules}
    assert graph["worker"] and "course" in graph["worker"], "the reading of imports found nothing: it is broken"

    def cycle_from(start: str, path: tuple[str, ...]) -> tuple[str, ...] | None:
        for nxt in sorted(graph[path[-1]]):
            if nxt == start:
                return path + (nxt,)
            if nxt not in path:
                found = cycle_from(start, path + (nxt,))
                if found:
                    return found
        return None

    circles = [c for m in sorted(modules) if (c := cycle_from(m, (m,)))]
    assert not circles, f"import circle: {' -> '.join(circles[0])}"


def test_only_the_cells_a_student_added_are_noted_as_not_run():
    """The release's own cells (setup, demonstrations) are not the student's additions."""
    from autograder.intake import take_answers

    release = nbformat.read(next((ROOT / "notebooks" / ASSIGNMENT).glob("*.ipynb")), as_version=4)
    student = nbformat.from_dict(json.loads(json.dumps(release)))
    assert take_answers(student, release)[2] == []
    student.cells.insert(3, nbformat.v4.new_code_cell("print('my experiment')"))
    student.cells.insert(5, nbformat.v4.new_code_cell("x = 1"))
    assert take_answers(student, release)[2] == ["only the answer cells are graded: 2 cell(s) you added were not run"]


def test_only_the_instructors_cells_above_the_first_answer_get_the_setup_timeout():
    """No student code runs above the first answer cell (intake takes those cells from the release):
    they may import a framework for longer than the cell timeout; later cells keep it, but for the
    test cells tagged slow-test (they train a network), which get three times as long."""
    from nbformat.v4 import new_code_cell, new_notebook

    from autograder.preprocessors import SLOW_TEST, RecoveringExecute

    answer = new_code_cell("def f():\n    return 1")
    answer.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": "f", "locked": False, "schema_version": 3}
    slow = new_code_cell("train()")
    slow.metadata["tags"] = [SLOW_TEST]
    nb = new_notebook(cells=[new_code_cell("import numpy as np"), new_code_cell("x = 1"), answer, new_code_cell("f()"), slow])
    execute = RecoveringExecute(timeout=10, setup_timeout=120)
    execute.nb = nb
    execute.reset_execution_trackers()
    assert [execute._get_timeout(cell) for cell in nb.cells] == [120, 120, 10, 10, 30], "and a slow test gets three times 10 s"
    assert execute._get_timeout(copy.deepcopy(nb.cells[0])) == 120, "a replayed copy keeps it"
