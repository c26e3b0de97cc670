"""autograder/settings.py: every GRADING_* setting declared once, shown in the README as declared,
and each one reaching every place it takes effect when set to a value that is not its default: the
nbgrader traits, the grading kernel, the student's process outside the kernel, the worker's run,
and a Dask worker."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys

import nbformat
import pytest

from autograder import cells, settings, worker
from autograder.course import THREAD_LIMITS, Course
from autograder.problems import OUTSIDE_KERNEL_NOTE, RUN_TIMEOUT_MARK
from tests.support.grading_helpers import ROOT

# A value for each setting that is not its default (GRADING_SANDBOX=off: the grader's own probe runs unsandboxed)
CHANGED = {
    "GRADING_CELL_TIMEOUT": "47",
    "GRADING_SETUP_TIMEOUT": "133",
    "GRADING_CALL_TIMEOUT": "41.5",
    "GRADING_RUN_TIMEOUT": "777",
    "GRADING_MEMORY_MB": "3072",
    "GRADING_THREADS": "2",
    "GRADING_SANDBOX": "off",
}
SETTING_NAME = re.compile(r"\bGRADING_[A-Z][A-Z_]*[A-Z]\b")


@pytest.fixture
def changed(monkeypatch):
    """Every setting set to a value that is not its default; the thread variables left to GRADING_THREADS."""
    for name, value in CHANGED.items():
        monkeypatch.setenv(name, value)
    for name in THREAD_LIMITS:
        monkeypatch.delenv(name, raising=False)
    return {name: settings.get(name) for name in CHANGED}


def test_every_setting_has_a_changed_value_that_is_not_its_default(changed):
    assert set(CHANGED) == set(settings.BY_NAME)
    assert all(changed[name] != settings.default(name) for name in CHANGED)


def test_the_readme_shows_exactly_the_settings():
    readme = (ROOT / "autograder" / "README.md").read_text()
    shown = re.search(
        r"<!-- settings: python -m autograder.settings -->\n(.*?)\n<!-- end of settings -->", readme, re.S
    )
    assert shown, "autograder/README.md has lost its table of settings"
    assert shown.group(1) == settings.markdown(), (
        "run `python -m autograder.settings` and paste its table into the README"
    )
    printed = subprocess.run([sys.executable, "-m", "autograder.settings"], cwd=ROOT, capture_output=True, text=True)
    assert printed.stdout == settings.markdown() + "\n"
    assert set(SETTING_NAME.findall(readme)) <= set(settings.BY_NAME) | set(settings.HANDED_ON), (
        "a setting the README names is not declared"
    )


def test_every_grading_name_in_the_code_is_declared_and_only_settings_py_reads_the_settings():
    """A GRADING_* name anywhere is a setting or one the grader's processes hand on; the environment is
    read for a setting only in settings.py, and for what is handed on only where it arrives."""
    handed_on = {
        ("kernel.py", "GRADING_MEMORY_MB"),
        ("isolation.py", "GRADING_MEMORY_MB"),  # they import nothing of the course
        ("isolation.py", "GRADING_REPLY_FD"),
        ("nbgrader_config.py", "GRADING_KERNEL"),
    }
    reads = re.compile(r"""environ(?:\.get\(|\[)\s*["'](GRADING_\w+)["']""")
    undeclared, read_elsewhere = [], []
    for path in sorted(
        [
            *(ROOT / "autograder").glob("*.py"),
            *(ROOT / "course_utils").rglob("*.py"),
            *(ROOT / "benchmarks").glob("*.py"),
            *(path for path in (ROOT / "tests").rglob("*.py") if "submissions" not in path.parts),
        ]
    ):
        text = path.read_text()
        undeclared += [
            f"{path.name}: {name}"
            for name in set(SETTING_NAME.findall(text))
            if name not in settings.BY_NAME and name not in settings.HANDED_ON
        ]
        if path.parent.name == "autograder" and path.name != "settings.py":
            read_elsewhere += [
                f"{path.name}: {name}" for name in reads.findall(text) if (path.name, name) not in handed_on
            ]
    assert not undeclared, f"declare them in autograder/settings.py: {undeclared}"
    assert not read_elsewhere, f"read them through settings.get: {read_elsewhere}"


def test_a_value_not_of_its_type_stops_grading_with_its_name(monkeypatch, tmp_path):
    monkeypatch.setenv("GRADING_MEMORY_MB", "4 GB")
    with pytest.raises(
        settings.SettingError, match=r"GRADING_MEMORY_MB='4 GB' is not a whole number: address-space limit"
    ):
        settings.get("GRADING_MEMORY_MB")
    # nbgrader would only log the configuration's error and grade without the course's steps: no nbgrader runs
    with pytest.raises(settings.SettingError, match="GRADING_MEMORY_MB"):
        Course.at(tmp_path / "course").nbgrader("--version")
    from autograder.__main__ import main

    assert main(["--course-dir", str(tmp_path / "course"), "grades"]) == 2
    monkeypatch.setenv("GRADING_MEMORY_MB", " ")  # empty: the default
    assert settings.get("GRADING_MEMORY_MB") == settings.default("GRADING_MEMORY_MB") == 4096
    for text, sandboxed in (
        ("off", False),
        ("OFF ", False),
        ("0", False),
        ("no", False),
        ("false", False),
        ("on", True),
        ("", True),
        ("1", True),
    ):
        monkeypatch.setenv("GRADING_SANDBOX", text)
        assert settings.get("GRADING_SANDBOX") is sandboxed, text


def nbgrader_config():
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "autograder")).load_config()


def trait_owners() -> dict:
    from nbconvert.preprocessors import ExecutePreprocessor
    from nbgrader.preprocessors import Execute

    from autograder.preprocessors import RecoveringExecute, StartStudentProcess

    return {cls.__name__: cls for cls in (ExecutePreprocessor, Execute, RecoveringExecute, StartStudentProcess)}


def test_every_setting_reaches_its_nbgrader_traits(changed):
    """nbgrader_config.py sets each trait from its setting, and the class reads it (traitlets ignores a
    trait of a class that does not exist, or that the class does not have)."""
    config, owners = nbgrader_config(), trait_owners()
    for setting in settings.SETTINGS:
        for trait in setting.traits:
            owner, name = trait.split(".")
            assert owner in owners, f"{trait}: which class is it?"
            assert name in owners[owner].class_trait_names(config=True), f"{owner} has no trait {name}"
            assert getattr(owners[owner](config=config), name) == changed[setting.name], trait
    assert settings.BY_NAME["GRADING_MEMORY_MB"].traits == ("StartStudentProcess.memory_mb",)


def test_start_student_process_hands_its_limits_to_the_student_process(changed):
    """The step that starts the process outside the kernel gives it the memory limit and both timeouts
    (its memory limit stayed 4096 MiB whatever GRADING_MEMORY_MB said)."""
    from autograder.isolation import StudentProcess
    from autograder.preprocessors import STUDENT_PROCESS, StartStudentProcess

    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"grade_id": "setup"}})]
    )
    _, resources = StartStudentProcess(config=nbgrader_config()).preprocess(nb, {})
    started = resources[STUDENT_PROCESS]
    alone = StudentProcess("")  # not given: the settings too
    try:
        for student in (started, alone):
            assert (student.memory_mb, student.setup_timeout, student.call_timeout) == (
                changed["GRADING_MEMORY_MB"],
                changed["GRADING_SETUP_TIMEOUT"],
                changed["GRADING_CALL_TIMEOUT"],
            )
    finally:
        started.close()
        alone.close()


def probe_course(tmp_path, expected: dict) -> tuple[Course, str]:
    """A course of one assignment, ``probe``, and its answer: a function that returns what the process
    it runs in was given (memory limit, thread count, sandbox or not); the test asserts ``expected``.
    The test runs in the kernel, then again outside it, against the answer called in the student's process."""

    def meta(**fields):
        return {"nbgrader": {"grade": False, "locked": False, "schema_version": 3, "solution": False, **fields}}

    answer = (
        "import os, resource, socket\n\n\ndef probe():\n"
        "    return {'memory_mb': resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20,\n"
        "            'threads': {name: os.environ.get(name) for name in %r},\n"
        "            'sandboxed': socket.gethostname() == 'grading'}\n" % (THREAD_LIMITS,)
    )
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import os", metadata=meta(grade_id=cells.SETUP, locked=True)),
            nbformat.v4.new_code_cell(
                f"### BEGIN SOLUTION\n{answer}### END SOLUTION", metadata=meta(grade_id="probe", solution=True)
            ),
            nbformat.v4.new_code_cell(
                f"seen = probe()\nassert seen == {expected!r}, seen",
                metadata=meta(grade_id="test_probe", grade=True, locked=True, points=1),
            ),
        ]
    )
    (tmp_path / "notebooks" / "probe").mkdir(parents=True)
    nbformat.write(nb, tmp_path / "notebooks" / "probe" / "Probe.ipynb")
    course = dataclasses.replace(Course.at(tmp_path / "course"), source=tmp_path / "notebooks")
    course.nbgrader("generate_assignment", "probe", "--force")
    return course, answer


def test_memory_threads_and_sandbox_reach_the_kernel_and_the_student_process_outside_it(tmp_path, changed):
    """Graded as a worker grades (worker._grade: the warm nbgrader, nbgrader_config.py, the grading
    kernel and the student's process): the probe's test passes in both only if each got the settings."""
    expected = {
        "memory_mb": changed["GRADING_MEMORY_MB"],
        "threads": dict.fromkeys(THREAD_LIMITS, "2"),
        "sandboxed": False,
    }
    course, answer = probe_course(tmp_path, expected)
    [release] = course.released_notebooks("probe")
    handed_in = nbformat.read(release, as_version=4)
    cells.solution_cells(handed_in)["probe"].source = answer
    outcome = worker._grade(course, "probe", "student", {release.name: nbformat.writes(handed_in).encode()})
    assert outcome["fault"] is None and not outcome["problems"], outcome
    graded = nbformat.reads(outcome["notebooks"]["Probe"]["autograded"].decode(), as_version=4)
    [test] = cells.graded_tests(graded)
    errors = [o.evalue for o in test.outputs if o.output_type == "error"]
    where = [
        "outside the kernel: " + e.replace(OUTSIDE_KERNEL_NOTE, "").strip()
        if OUTSIDE_KERNEL_NOTE in e
        else f"in the kernel: {e}"
        for e in errors
    ]
    assert not where, f"expected {expected}, got {where}"
    assert outcome["notebooks"]["Probe"]["scores"] == {"test_probe": 1.0}


def test_the_run_timeout_reaches_the_workers_nbgrader_run(tmp_path, changed, monkeypatch):
    """worker._grade gives the submission's nbgrader run GRADING_RUN_TIMEOUT, and says so when it stopped it."""
    release = tmp_path / "release" / "Probe.ipynb"
    release.parent.mkdir()
    test = nbformat.v4.new_code_cell(
        "assert True", metadata={"nbgrader": {"grade": True, "grade_id": "test_f", "points": 2}}
    )
    nbformat.write(nbformat.v4.new_notebook(cells=[test]), release)
    given = []

    class StoppedRun:  # a course whose nbgrader run was stopped at its timeout
        root = tmp_path / "course"

        def released_notebooks(self, assignment):
            return [release]

        def nbgrader(self, *args, timeout=None, **kwargs):
            given.append(timeout)
            return subprocess.CompletedProcess(args, -9, "", f"{RUN_TIMEOUT_MARK}: stopped after {timeout:g} s")

    outcome = worker._grade(StoppedRun(), "probe", "student", {"Probe.ipynb": release.read_bytes()})
    assert given == [777]
    assert outcome["fault"] is None and outcome["notebooks"]["Probe"]["scores"] == {"test_f": 0.0}
    assert any("grading stopped after 777 s (GRADING_RUN_TIMEOUT)" in p for p in outcome["problems"]), outcome[
        "problems"
    ]


def test_a_local_dask_worker_grades_with_the_settings_of_the_command_that_started_it(changed):
    from autograder.cluster import Workers

    with Workers(workers=1) as pool:
        [(address, [seen])] = pool.everywhere(settings.current, [()]).items()
    assert address.startswith("tcp://") and seen == changed
