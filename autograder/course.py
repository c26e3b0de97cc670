"""The nbgrader course: its folders, and each step of the instructor's workflow as one function.

Every step runs nbgrader as a subprocess in the course root (so nbgrader reads
``nbgrader_config.py`` there) with the venv's ``bin/`` on PATH (nbgrader starts ``alembic``).
Nothing here is specific to one assignment: every folder under ``notebooks/`` whose notebook has
graded cells is one; a folder whose notebooks grade nothing (the playground) is released as it is.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import cells, scratch, settings
from .problems import RUN_TIMEOUT_MARK

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = REPO / "autograder"
NOTEBOOKS = REPO / "notebooks"
CONFIG = DEFAULT_ROOT / "nbgrader_config.py"
COURSE_ID = "improving-dnn"  # non-empty: a PostgreSQL gradebook needs the course row
FEEDBACK_CHUNK = 25  # students per nbgrader run of make feedback: a step of its progress bar
STAGED = "staged"  # where intake writes the notebooks nbgrader actually grades
GRADING_KERNEL = "course-grader"
# Set on every nbgrader run of the pipeline: nbgrader_config.py lets autograde run only then (doors.py).
PIPELINE_MARK = "GRADING_KERNEL"
# One grading task per core: a kernel that also spread its BLAS or TensorFlow work over every core
# would fight the other tasks for them. GRADING_THREADS raises it (settings.py).
THREAD_LIMITS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "TF_NUM_INTRAOP_THREADS",
    "TF_NUM_INTEROP_THREADS",
)


class GradingError(RuntimeError):
    """An nbgrader step failed as a whole (not one submission: those are reported, not raised)."""


@dataclass(frozen=True)
class Course:
    """A course root (``autograder/`` by default, a temporary copy in tests) and its sources."""

    root: Path = DEFAULT_ROOT
    source: Path = NOTEBOOKS
    gradebook_url: str | None = None  # an SQLAlchemy URL; None: gradebook.db (SQLite) in the root

    @classmethod
    def at(cls, root: Path | str | None = None, gradebook_url: str | None = None) -> "Course":
        """The course at ``root`` (or $COURSE_ROOT, or ``autograder/``); a new root gets the config."""
        root = Path(root or os.environ.get("COURSE_ROOT") or DEFAULT_ROOT).resolve()
        root.mkdir(parents=True, exist_ok=True)
        if not (root / "nbgrader_config.py").exists():
            shutil.copy(CONFIG, root / "nbgrader_config.py")
        return cls(root=root, gradebook_url=gradebook_url)

    # ---- folders ----
    @property
    def db_url(self) -> str:
        return self.gradebook_url or f"sqlite:///{self.root / 'gradebook.db'}"

    def assignments(self) -> list[str]:
        """Every folder of ``notebooks/`` that holds a notebook with graded cells."""
        return [name for name, graded in self._folders().items() if graded]

    def ungraded(self) -> list[str]:
        """Every folder of ``notebooks/`` whose notebooks grade nothing (released, never collected)."""
        return [name for name, graded in self._folders().items() if not graded]

    def _folders(self) -> dict[str, bool]:
        return {
            p.name: any(_has_graded_cells(nb) for nb in p.glob("*.ipynb"))
            for p in sorted(self.source.iterdir())
            if p.is_dir() and any(p.glob("*.ipynb"))
        }

    def submissions(self) -> list[tuple[str, str]]:
        """``(student, assignment)`` for every ``submitted/<student>/<assignment>/`` folder with a
        notebook; a notebook that grades nothing (a student who handed in the playground) is not one."""
        found, ungraded = [], set(self.ungraded())
        for folder in sorted((self.root / "submitted").glob("*/*/")):
            if any(folder.glob("*.ipynb")) and folder.name not in ungraded:
                found.append((folder.parent.name, folder.name))
        return found

    def released_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.root / "release" / assignment).glob("*.ipynb"))

    # ---- running nbgrader ----
    def nbgrader(
        self, *args: str, check: bool = True, timeout: float | None = None, warm: bool = False
    ) -> subprocess.CompletedProcess:
        """Run one nbgrader command; past ``timeout`` seconds it is killed with its kernel.

        ``warm``: forked from this process's ``warm.WarmNbgrader`` instead of a fresh Python (the
        same command, without the 1.5 s of importing nbgrader each time), for a worker's tasks.
        """
        # A setting that is not of its type stops here: nbgrader would only log the configuration's
        # error (nbgrader_config.py reads the settings) and grade without the course's steps.
        settings.current()
        env = dict(os.environ)
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env["JUPYTER_PATH"] = f"{self._grading_kernelspec()}{os.pathsep}{env.get('JUPYTER_PATH', '')}"
        env[PIPELINE_MARK] = GRADING_KERNEL
        env.update(_thread_limits())
        # Connection files and the sandboxed kernel's sockets: a short path (Unix sockets allow 107 bytes).
        env["JUPYTER_RUNTIME_DIR"] = _runtime_dir()
        command = [
            sys.executable,
            "-m",
            "nbgrader",
            *args,
            f"--CourseDirectory.root={self.root}",
            f"--CourseDirectory.source_directory={self.source}",
            f"--CourseDirectory.db_url={self.db_url}",
        ]
        result = (_run_warm(command, self.root, env, timeout) if warm else None) or _run_cold(
            command, self.root, env, timeout
        )
        if check and result.returncode != 0:
            raise GradingError(f"nbgrader {' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
        return result

    def _grading_kernelspec(self) -> Path:
        """A Jupyter data folder holding the grading kernel's spec (memory-limited IPython)."""
        folder = self.root / ".grading-kernel"
        spec = folder / "kernels" / GRADING_KERNEL / "kernel.json"
        spec.parent.mkdir(parents=True, exist_ok=True)
        spec.write_text(
            json.dumps(
                {
                    # The launcher runs with the grader's rights and starts kernel.py in the sandbox.
                    "argv": [sys.executable, "-m", "autograder.sandbox", "kernel", "-f", "{connection_file}"],
                    "display_name": "Python 3 (grading)",
                    "language": "python",
                    "interrupt_mode": "message",  # a signal to the launcher would not reach a sandboxed kernel
                    "env": {"GRADING_MEMORY_MB": str(settings.get("GRADING_MEMORY_MB"))},
                },
                indent=1,
            )
        )
        return folder

    # ---- the workflow ----
    def release(self) -> list[Path]:
        """Student versions of every assignment in ``release/<assignment>/`` (each one added to the
        gradebook by nbgrader on the way)."""
        for assignment in self.assignments():
            self.nbgrader("generate_assignment", assignment, "--force")
        for name in self.ungraded():  # nothing to hide or grade: the notebook as it is, without outputs
            for path in sorted((self.source / name).glob("*.ipynb")):
                nb = nbformat.read(path, as_version=4)
                for cell in nb.cells:
                    if cell.cell_type == "code":
                        cell.outputs, cell.execution_count = [], None
                target = self.root / "release" / name / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, target)
        return [self.root / "release" / a for a in self.assignments() + self.ungraded()]

    def fingerprint(self, student: str, assignment: str) -> str:
        """What decides a grade: the submitted files, the release and this configuration, hashed."""
        digest = hashlib.sha256()
        for path in [
            *sorted((self.root / "submitted" / student / assignment).rglob("*")),
            *self.released_notebooks(assignment),
            self.root / "nbgrader_config.py",
        ]:
            if path.is_file():
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def feedback(self, reveal_hidden: bool = False, progress: bool = True) -> Path:
        """Feedback for every autograded submission, in ``feedback/<student>/<assignment>/``: the
        HTML page and the autograded notebook, both without the hidden tests' code (unless
        ``reveal_hidden``) or anything quoting the instructor's secrets (``redact``). nbgrader runs
        on ``FEEDBACK_CHUNK`` students at a time (the others excluded), so that a bar shows how far
        it is without paying nbgrader's start for every student."""
        from tqdm.auto import tqdm

        from .redact import for_student, source_secrets

        graded = sorted(
            (assignment, student)
            for student, assignment in self.submissions()
            if any((self.root / "autograded" / student / assignment).glob("*.ipynb"))
        )
        with tqdm(total=len(graded), desc="feedback", unit="submission", disable=not progress) as bar:
            for assignment in sorted({a for a, _ in graded}):
                secrets = source_secrets(assignment, self.source, reveal_hidden)
                students = [s for a, s in graded if a == assignment]
                for start in range(0, len(students), FEEDBACK_CHUNK):
                    chunk = students[start : start + FEEDBACK_CHUNK]
                    others = [s for s in students if s not in chunk]
                    self.nbgrader(
                        "generate_feedback",
                        assignment,
                        "--force",
                        f"--HideSecrets.reveal_hidden={reveal_hidden}",
                        *([f"--CourseDirectory.student_id_exclude={','.join(others)}"] if others else []),
                        warm=True,
                    )
                    for student in chunk:
                        for graded_nb in sorted((self.root / "autograded" / student / assignment).glob("*.ipynb")):
                            target = self.root / "feedback" / graded_nb.relative_to(self.root / "autograded")
                            if target.with_suffix(".html").exists():  # nbgrader made feedback for it
                                nb = nbformat.read(graded_nb, as_version=4)
                                nbformat.write(for_student(nb, secrets, reveal_hidden), target)
                    bar.update(len(chunk))
        return self.root / "feedback"

    def export_grades(self, path: Path | None = None) -> Path:
        """All grades as CSV (nbgrader's export), ``grades.csv`` in the course root by default."""
        path = Path(path or self.root / "grades.csv").resolve()
        self.nbgrader("export", f"--to={path}")
        return path

    def workspace(self, destination: Path) -> list[tuple[Path, bool]]:
        """Copy the released notebooks into ``destination``; never overwrite a file already there
        (``course_utils.lab``, what students run, does the same). Returns ``(path, copied)`` for
        every released file."""
        from course_utils.lab import copy_notebooks

        return copy_notebooks(self.root / "release", destination)


def _thread_limits() -> dict[str, str]:
    """``THREAD_LIMITS`` as grading sets them: GRADING_THREADS, where one is not set itself."""
    threads = str(settings.get("GRADING_THREADS"))
    return {name: os.environ.get(name, threads) for name in THREAD_LIMITS}


def _has_graded_cells(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    return any(cells.is_grade(cell) for cell in nb.cells)


def _run_cold(command: list[str], cwd: Path, env: dict, timeout: float | None) -> subprocess.CompletedProcess:
    """``command`` in a fresh process, in a session of its own so that a timeout kills its kernel too."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        stderr += f"\n{RUN_TIMEOUT_MARK}: stopped after {timeout:g} s"
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


_warm: list = []  # this process's warm.WarmNbgrader, started on first use


def _run_warm(command: list[str], cwd: Path, env: dict, timeout: float | None) -> subprocess.CompletedProcess | None:
    """``command`` (``python -m nbgrader ...``) run by the warm nbgrader; None if it is not working."""
    from .warm import WarmNbgrader

    try:
        if not _warm or not _warm[0].alive():
            # Its preloads start BLAS with the thread limits a grading kernel gets.
            _warm[:] = [WarmNbgrader(instructor_imports(), {**os.environ, **_thread_limits()})]
            atexit.register(_warm[0].close)
        # not in the runtime folder: the sandboxed kernel can write there, and this is nbgrader's log
        output = scratch.make("nbgrader") / "log"
        try:
            code, stdout, stderr = _warm[0].run(command[3:], cwd, env, output, timeout)
        finally:
            shutil.rmtree(output.parent, ignore_errors=True)
    except (OSError, ValueError, KeyError):  # a broken warm process: the caller starts a fresh Python
        _warm.clear()
        return None
    return subprocess.CompletedProcess(command, code, stdout, stderr)


_runtime: list[str] = []  # this process's Jupyter runtime folder, made on first use


def instructor_imports() -> list[str]:
    """The modules that the source notebooks' setup and test cells import (NumPy, matplotlib,
    course_utils and its checks...), never an answer cell's: the warm nbgrader preloads them."""
    import ast

    names: list[str] = []
    for path in sorted(NOTEBOOKS.glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if (
                cell.cell_type != "code"
                or cells.is_solution(cell)
                or not (cells.is_grade(cell) or cells.is_setup(cell))
            ):
                continue
            try:
                tree = ast.parse(cells.without_magics(cell.source))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names += [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.append(node.module)
    return list(dict.fromkeys(names))


def _runtime_dir() -> str:
    if not _runtime or not Path(_runtime[0]).is_dir():
        _runtime[:] = [str(scratch.make("jr"))]
        atexit.register(shutil.rmtree, _runtime[0], True)
    return _runtime[0]
