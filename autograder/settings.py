"""Every ``GRADING_*`` setting of the grader, declared once: its default, its type, what it does
and where it takes effect.

An instructor sets them in the environment of the command that grades (``make autograde
GRADING_MEMORY_MB=8192``). Each is read through ``get``, where it is used and when it is used,
never when a module is imported (a warm nbgrader's forks and a worker that grades batch after
batch see the value of their run), from the environment of the process that uses it: that of
``make autograde`` and of the local Dask workers it starts, which inherit it; on a cluster, each
``dask worker`` reads its own (set them where it starts). ``nbgrader_config.py`` sets every
nbgrader trait a setting stands for (``Setting.traits``) from here, so that the grading steps
inside nbgrader see the same value as the rest of the grader. A value that is not of its type
stops grading with its name (``SettingError``): nbgrader would only log the configuration's error,
then grade without the course's steps.

The grading kernel (``kernel.py``) and the process that serves the student's functions (the child
of ``isolation.py``) import nothing of the course: the grader hands them their memory limit in
their environment under the setting's name, and they read it there. ``HANDED_ON`` names what else
passes between the grader's own processes; it is no setting.

``python -m autograder.settings`` prints the table autograder/README.md shows;
tests/grading/test_settings.py checks that the README shows exactly this one, and that each setting
reaches every place it names.

Nothing here imports the rest of the package.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any, Mapping

OFF = ("off", "0", "no", "false")  # what turns an on/off setting off (anything else leaves it on)


class SettingError(ValueError):
    """A setting whose value is not of its type."""


@dataclass(frozen=True)
class Setting:
    """One setting: an environment variable of the grading machine."""

    name: str
    default: str  # as it is written in the environment
    kind: type  # int, float, or bool (on/off)
    meaning: str
    reaches: str  # where it takes effect
    traits: tuple[str, ...] = ()  # the nbgrader traits it sets ("Class.trait"), through nbgrader_config.py

    def parse(self, text: str) -> Any:
        text = text.strip()
        if self.kind is bool:
            return text.lower() not in OFF
        try:
            return self.kind(text)
        except ValueError:
            raise SettingError(f"{self.name}={text!r} is not {_KIND_NAMES[self.kind]}: {self.meaning}") from None


_KIND_NAMES = {int: "a whole number", float: "a number", bool: "on or off"}

SETTINGS = (
    Setting(
        "GRADING_CELL_TIMEOUT",
        "60",
        int,
        "seconds a cell may run; past it the cell is interrupted and the function that did not return is not "
        "called again, so it costs one timeout. Test cells tagged `slow-test` get three times as long",
        "the grading kernel's cells",
        ("ExecutePreprocessor.timeout", "Execute.timeout", "RecoveringExecute.timeout"),
    ),
    Setting(
        "GRADING_SETUP_TIMEOUT",
        "120",
        int,
        "seconds for each cell above the first answer cell, which holds only the instructor's imports and data "
        "(TensorFlow's import: 5 to 12 s); no student code runs there: intake takes them from the release",
        "the kernel, and the setup cell in the student's process outside it",
        ("RecoveringExecute.setup_timeout", "StartStudentProcess.setup_timeout"),
    ),
    Setting(
        "GRADING_CALL_TIMEOUT",
        "60",
        float,
        "seconds for each answer cell and each call of a student's function in the process outside the kernel; "
        "a function past it fails and is not called again",
        "the student's process outside the kernel",
        ("StartStudentProcess.call_timeout",),
    ),
    Setting(
        "GRADING_RUN_TIMEOUT",
        "900",
        int,
        "seconds for grading one submission as a whole; past it every test scores 0, with the reason",
        "each submission's `nbgrader autograde` (`worker.py`)",
    ),
    Setting(
        "GRADING_MEMORY_MB",
        "4096",
        int,
        "address-space limit in MiB (0: none) of the grading kernel and of the student's process outside it: "
        "a huge allocation is a `MemoryError` in its own cell; TensorFlow imports and trains within 4096 "
        "(`tests/grading/test_isolation_tensorflow.py`)",
        "the kernel (its kernelspec's environment, `course.py`) and the student's process outside it",
        ("StartStudentProcess.memory_mb",),
    ),
    Setting(
        "GRADING_THREADS",
        "1",
        int,
        "BLAS and TensorFlow threads (`OMP_NUM_THREADS`, `OPENBLAS_NUM_THREADS`, `MKL_NUM_THREADS`, "
        "`TF_NUM_INTRAOP_THREADS`, `TF_NUM_INTEROP_THREADS`, where one is not set itself); one task runs per "
        "core, so more threads only fight the other tasks",
        "every nbgrader command's environment (`course.py`): the kernel, the student's process, the warm nbgrader",
    ),
    Setting(
        "GRADING_SANDBOX",
        "on",
        bool,
        "`off` (or `0`, `no`, `false`) runs student code without bubblewrap, with the grader's rights; "
        "`make autograde` says first which protections are off",
        "the kernel's launcher and the student's process (`sandbox.py`)",
    ),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}

# Names the grader's own processes pass to each other: no settings (set by the grader, not by you).
HANDED_ON = {
    "GRADING_KERNEL": "the grading kernel's name, which `python -m autograder` gives its nbgrader commands "
    "(`nbgrader_config.py` then grades in that kernel; a plain nbgrader command uses the notebook's)",
    "GRADING_REPLY_FD": "the pipe the student's process outside the kernel replies on (`isolation.py`)",
}


def get(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """The value of setting ``name`` in ``environ`` (this process's environment by default); its
    default when it is not set or empty. SettingError when it is not of its type."""
    setting = BY_NAME[name]
    text = (os.environ if environ is None else environ).get(name, "")
    return setting.parse(text if text.strip() else setting.default)


def default(name: str) -> Any:
    return BY_NAME[name].parse(BY_NAME[name].default)


def current(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting's value; SettingError for the first that is not of its type."""
    return {setting.name: get(setting.name, environ) for setting in SETTINGS}


def markdown() -> str:
    """The table of the settings, as autograder/README.md shows it."""
    rows = ["| setting | default | what it does | where it takes effect |", "|---|---|---|---|"]
    for s in SETTINGS:
        where = s.reaches + (f" (nbgrader: {', '.join(f'`{trait}`' for trait in s.traits)})" if s.traits else "")
        rows.append(f"| `{s.name}` | {s.default} | {s.meaning} | {where} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.stdout.write(markdown() + "\n")
