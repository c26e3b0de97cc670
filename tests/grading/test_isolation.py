"""The process that calls the student's functions outside the kernel (autograder/isolation.py): what
goes to it and comes back, and a crash, a loop or a sabotage there costs only the function that did it.

Part of grading an instructor can trust (test_batch.py: the grader's own faults, the gradebook).
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder import isolation
from autograder.isolation import StudentCodeError, StudentProcess


def test_a_check_can_hand_a_course_function_to_the_student_process():
    """A check may pass a function of course_utils (a cost for gradient_check_n): it goes by name and
    is imported in the student's process. Anything else that is not plain data cannot go."""
    from course_utils.gradcheck import network_cost

    student = StudentProcess(
        "import numpy as np", ["def apply(f, x):\n    return f.__module__ + '.' + f.__name__, f(*x)"]
    )
    parameters = {"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}
    try:
        name, cost = student.function("apply")(network_cost, (parameters, np.ones((2, 3)), np.ones((1, 3))))
        assert name == "course_utils.gradcheck.network_cost" and cost == pytest.approx(
            network_cost(parameters, np.ones((2, 3)), np.ones((1, 3)))
        )
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


def test_a_value_error_reaches_the_check_as_itself_and_other_errors_by_name():
    """An exercise may ask for ValueError (early_stopping_epoch): it comes back as one, with its message;
    any other exception is a StudentCodeError that names it."""
    source = "def refuse(kind):\n    raise {'value': ValueError, 'type': TypeError}[kind]('dev_costs is empty')"
    student = StudentProcess("import numpy as np", [source])
    try:
        with pytest.raises(ValueError, match="^dev_costs is empty$"):
            student.function("refuse")("value")
        with pytest.raises(StudentCodeError, match="^TypeError: dev_costs is empty$"):
            student.function("refuse")("type")
    finally:
        student.close()


def test_what_a_student_function_changes_in_place_comes_back_to_the_caller():
    """Outside the kernel, in-place changes to the arguments reach the check as they would inside it."""
    source = (
        "def change(d, a, rng, items):\n    d['running'] = d['running'] * 0.9 + 1\n    d['new'] = 3\n"
        "    a *= 2\n    rng.random()\n    items.append(4)\n    return 'done'"
    )
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


# ---- a crash costs only the function that crashed (outside the kernel) ----


def test_a_cell_that_kills_the_student_process_costs_only_its_function():
    student = StudentProcess(
        "import numpy as np",
        [
            "def first():\n    return np.ones(2)",
            "def second():\n    return 2\n\nimport os\nos._exit(1)",
            "def third():\n    return 3",
        ],
    )
    try:
        assert student.function("first")().tolist() == [1, 1] and student.function("third")() == 3
        with pytest.raises(StudentCodeError, match="the cell that defines `second` stopped the process"):
            student.function("second")()
    finally:
        student.close()


def test_a_cell_that_never_finishes_costs_only_its_function(monkeypatch):
    monkeypatch.setenv("GRADING_CALL_TIMEOUT", "5")  # a process start must fit in it, loaded machine or not
    student = StudentProcess("", ["def first():\n    return 1", "def second():\n    return 2\n\nwhile True:\n    pass"])
    try:
        assert student.function("first")() == 1
        with pytest.raises(StudentCodeError, match="the cell that defines `second`"):
            student.function("second")()
    finally:
        student.close()


def test_a_function_that_did_not_return_is_not_called_again(monkeypatch):
    monkeypatch.setenv("GRADING_CALL_TIMEOUT", "5")
    student = StudentProcess(
        "",
        [
            "def loop():\n    while True:\n        pass",
            "def calls_loop():\n    return loop()",
            "def fine():\n    return 'fine'",
        ],
    )
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
    student = StudentProcess(
        "import numpy as np", [sabotage + "def params():\n    return {'W1': np.ones((2, 3)), 'n': 3}"]
    )
    try:
        got = student.function("params")()
        assert got["W1"].shape == (2, 3) and got["n"] == 3
    finally:
        student.close()


def test_a_student_process_started_early_has_loaded_the_setups_lazy_modules_before_the_answers():
    """StartStudentProcess starts the process while the kernel runs: it runs the setup and loads what
    the setup imports at first use (course_utils.tensorflow_tools.tf), so the answers' first call does not pay for it."""
    setup = (
        "import time, types\nloaded_at = None\nclass Lazy(types.ModuleType):\n    def __dir__(self):\n"
        "        global loaded_at\n        loaded_at = time.monotonic()\n        return []\nlazy = Lazy('lazy')"
    )
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
    for setup, said in (
        ("import os\nos._exit(3)", "stopped in the notebook's setup cell"),
        ("while True:\n    pass", "did not finish the notebook's setup cell within 3 s"),
    ):
        monkeypatch.setenv("GRADING_SETUP_TIMEOUT", "3")
        student = StudentProcess(setup, ["def f():\n    return 1"])
        try:
            with pytest.raises(isolation.SetupFailed, match=said):
                student.start()
        finally:
            student.close()


def test_a_reply_the_student_forged_on_the_reply_pipe_is_the_students_error():
    """The student's code can write to the reply pipe itself: a status grading cannot read is the
    student's error (and the process is restarted), not a crash of the grader."""
    forge = (
        "import os\n\ndef forge():\n    os.write(int(os.environ['GRADING_REPLY_FD']), b'1 9 0\\nnot json!')\n"
        "    return 1\n\ndef fine():\n    return 2"
    )
    student = StudentProcess("", [forge])
    try:
        with pytest.raises(StudentCodeError, match="not a call's status"):
            student.function("forge")()
        assert student.function("fine")() == 2
    finally:
        student.close()
